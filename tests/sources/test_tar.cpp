// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "sources/source.h"

namespace fs = std::filesystem;
using namespace winnow::sources;
using namespace winnow::sources::fixtures;

namespace {

std::string bytesOf(const Item& item) {
    return std::string(item.bytes.begin(), item.bytes.end());
}

/// Header offset of each member in a ustar archive (512-byte header, data padded to 512).
std::vector<std::int64_t> ustarOffsets(const std::vector<TarMember>& members) {
    std::vector<std::int64_t> out;
    std::int64_t offset = 0;
    for (const TarMember& member : members) {
        out.push_back(offset);
        offset += 512 + (static_cast<std::int64_t>(member.content.size()) + 511) / 512 * 512;
    }
    return out;
}

}  // namespace

TEST(TarSource, GroupsMembersIntoSamples) {
    TempDir dir;
    const std::vector<TarMember> members{
        {"shard/", ""},
        {"shard/000.jpg", std::string(700, 'a')},
        {"shard/000.txt", "a caption\n"},
        {"shard/000.cls", " 3 \n"},
        {"shard/001.json", R"({"label": 5, "caption": "json caption", "extra": [1]})"},
        {"shard/001.PNG", "png-bytes"},
        {"shard/002.txt", "caption without image"},
        {"shard/003.webp", "webp-bytes"},
        {"shard/003.json", R"({"cls": "bird", "text": "json text"})"},
        {"shard/003.cls", "eagle"},     // .cls wins over the .json label whatever the order
        {"shard/003.seg.png", "mask"},  // extension "seg.png": not an image
        {"shard/._003.jpg", "resource fork"},
        {"shard/004.jpg", "four"},
        {"shard/004.png", "second image"},
    };
    writeTar(dir / "data.tar", members);
    const auto offsets = ustarOffsets(members);
    auto source = openSource(dir / "data.tar");
    EXPECT_EQ(source->format(), Format::Tar);
    EXPECT_EQ(source->sizeHint(), -1);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 4u);

    EXPECT_EQ(items[0].member, "shard/000.jpg");
    EXPECT_EQ(bytesOf(items[0]), std::string(700, 'a'));
    EXPECT_EQ(items[0].caption, "a caption");
    EXPECT_EQ(items[0].label, "3");
    EXPECT_EQ(items[0].index, offsets[1]);

    EXPECT_EQ(items[1].member, "shard/001.PNG");
    EXPECT_EQ(bytesOf(items[1]), "png-bytes");
    EXPECT_EQ(items[1].label, "5");
    EXPECT_EQ(items[1].caption, "json caption");
    EXPECT_EQ(items[1].index, offsets[5]);

    EXPECT_EQ(items[2].member, "shard/003.webp");
    EXPECT_EQ(items[2].label, "eagle");
    EXPECT_EQ(items[2].caption, "json text");

    EXPECT_EQ(items[3].member, "shard/004.jpg");
    EXPECT_EQ(bytesOf(items[3]), "four");
    EXPECT_EQ(items[3].index, offsets[12]);

    for (const Item& item : items) {
        EXPECT_EQ(item.uri, dir / "data.tar");
        EXPECT_EQ(item.payload, Item::Payload::Bytes);
        EXPECT_EQ(item.error, "");
        EXPECT_EQ(item.split, "");
    }
    const std::vector<std::string> warnings{"skipped 1 sample without an image member",
                                            "ignored 1 extra image member (a sample keeps its first image)",
                                            "ignored 1 member with other extensions",
                                            "ignored 1 hidden member"};
    EXPECT_EQ(source->warnings(), warnings);
}

TEST(TarSource, CompressedAndPax) {
    TempDir dir;
    const std::string longName = std::string(120, 'd') + "/sample.with.dots.jpg";  // needs a pax header
    writeTar(dir / "a.tar.gz", {{"k.jpg", "gz"}}, /*gzip=*/true);
    writeTar(dir / "b.tgz", {{longName, "pax"}, {std::string(120, 'd') + "/sample.txt", "cap"}}, true,
             TarFormat::Pax);
    auto a = readAll(dir / "a.tar.gz");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(bytesOf(a[0]), "gz");
    auto b = readAll(dir / "b.tgz");
    ASSERT_EQ(b.size(), 0u);  // "sample.with.dots.jpg" has extension "with.dots.jpg": not an image

    writeTar(dir / "c.tar",
             {{longName.substr(0, 121) + "s.jpg", "pax"}, {longName.substr(0, 121) + "s.txt", "cap"}}, false,
             TarFormat::Pax);
    auto c = readAll(dir / "c.tar");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].member, longName.substr(0, 121) + "s.jpg");
    EXPECT_EQ(c[0].caption, "cap");
}

TEST(TarSource, FolderOfShardsInNameOrder) {
    TempDir dir;
    writeTar(dir / "shard-001.tar", {{"b.jpg", "b"}});
    writeTar(dir / "shard-000.tar", {{"a.jpg", "a"}, {"a.txt", "first"}});
    writeTar(dir / "shard-002.tar.gz", {{"c.jpg", "c"}}, true);
    writeTar(dir / "empty.tar", {});
    auto source = openSource(dir.path());
    EXPECT_EQ(source->format(), Format::Tar);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].uri, dir / "shard-000.tar");
    EXPECT_EQ(items[0].caption, "first");
    EXPECT_EQ(items[1].uri, dir / "shard-001.tar");
    EXPECT_EQ(items[2].uri, dir / "shard-002.tar.gz");
    EXPECT_EQ(bytesOf(items[2]), "c");

    writeFile(dir / "shard-003.tar", "not a tar at all");  // later shards are opened as they are reached
    auto damaged = openSource(dir.path());
    Item item;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(damaged->next(item));
    EXPECT_EQ(errorOf([&] { damaged->next(item); }),
              "shard-003.tar: not a readable tar archive: Unrecognized archive format");
    fs::remove(dir / "shard-003.tar");

    writeFile(dir / "README.md", "x");
    auto explicitTar = openSource(dir.path(), Format::Tar);
    EXPECT_EQ(readAll(*explicitTar).size(), 3u);
    EXPECT_EQ(explicitTar->warnings(),
              std::vector<std::string>{dir.path() + ": ignored 1 other item (not .tar shards)"});
}

TEST(TarSource, OversizedMembersAreYieldedWithAnError) {
    TempDir dir;
    writeTar(dir / "s.tar", {{"a.jpg", std::string(2000, 'x')}, {"a.txt", "kept"}, {"b.jpg", "small"}});
    SourceParams params;
    params.maxItemBytes = 1000;
    const auto items = readAll(dir / "s.tar", Format::Tar, params);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].error, "member too large (2000 bytes, limit 1000)");
    EXPECT_TRUE(items[0].bytes.empty());
    EXPECT_EQ(items[0].caption, "kept");
    EXPECT_EQ(items[1].error, "");
    EXPECT_EQ(bytesOf(items[1]), "small");
}

TEST(TarSource, NonContiguousMembersWarn) {
    TempDir dir;
    writeTar(dir / "s.tar", {{"a.jpg", "a"}, {"b.jpg", "b"}, {"a.txt", "late caption"}, {"a.png", "again"}});
    auto source = openSource(dir / "s.tar");
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].caption, "");
    EXPECT_EQ(items[2].member, "a.png");
    EXPECT_EQ(items[2].caption, "late caption");
    ASSERT_FALSE(source->warnings().empty());
    EXPECT_EQ(source->warnings()[0],
              "s.tar: members of sample a are not contiguous; a.txt starts a second sample");
}

TEST(TarSource, TruncatedShardYieldsCompleteSamplesThenThrows) {
    TempDir dir;
    std::vector<TarMember> members;
    for (int i = 0; i < 4; ++i) {
        members.push_back({std::to_string(i) + ".jpg", std::string(1000, static_cast<char>('a' + i))});
        members.push_back({std::to_string(i) + ".txt", "caption"});
    }
    writeTar(dir / "s.tar", members);
    // Cut inside the data of 2.jpg: samples 0 and 1 are complete.
    const auto offsets = ustarOffsets(members);
    fs::resize_file(dir / "s.tar", static_cast<std::uintmax_t>(offsets[4] + 512 + 300));
    auto source = openSource(dir / "s.tar");
    Item item;
    ASSERT_TRUE(source->next(item));
    EXPECT_EQ(item.member, "0.jpg");
    ASSERT_TRUE(source->next(item));
    EXPECT_EQ(item.member, "1.jpg");
    const std::string error = errorOf([&] { source->next(item); });
    EXPECT_EQ(
        error.rfind("s.tar: corrupt or truncated after 2 complete samples (last member read: 1.txt): ", 0),
        0u)
        << error;
    EXPECT_FALSE(source->next(item));

    // Cut inside a header: the sample in progress (2.jpg read, 2.txt damaged) is dropped too.
    writeTar(dir / "s.tar", members);
    fs::resize_file(dir / "s.tar", static_cast<std::uintmax_t>(offsets[5] + 100));
    source = openSource(dir / "s.tar");
    EXPECT_EQ(
        errorOf([&] { readAll(*source); }).rfind("s.tar: corrupt or truncated after 2 complete samples", 0),
        0u);
}

TEST(TarSource, TruncatedGzipShard) {
    TempDir dir;
    std::vector<TarMember> members;
    for (int i = 0; i < 50; ++i) {
        std::string bytes;
        for (int j = 0; j < 4000; ++j) bytes.push_back(static_cast<char>((i * 31 + j * j) % 251));
        members.push_back({"s" + std::to_string(100 + i) + ".png", bytes});
    }
    writeTar(dir / "s.tar.gz", members, true);
    const auto size = fs::file_size(dir / "s.tar.gz");
    fs::resize_file(dir / "s.tar.gz", size / 2);
    auto source = openSource(dir / "s.tar.gz");
    Item item;
    int yielded = 0;
    const std::string error = errorOf([&] {
        while (source->next(item)) ++yielded;
    });
    EXPECT_GT(yielded, 5);
    EXPECT_LT(yielded, 50);
    EXPECT_EQ(error.rfind(
                  "s.tar.gz: corrupt or truncated after " + std::to_string(yielded) + " complete samples", 0),
              0u)
        << error;
}

TEST(TarSource, CorruptHeaderAndNotATar) {
    TempDir dir;
    writeFile(dir / "junk.tar", std::string(4096, 'j'));
    EXPECT_EQ(errorOf([&] { openSource(dir / "junk.tar"); }),
              "junk.tar: not a readable tar archive: Unrecognized archive format");
    writeFile(dir / "zero.tar", "");  // an interrupted download, say
    EXPECT_EQ(errorOf([&] { openSource(dir / "zero.tar"); }),
              "zero.tar: not a readable tar archive: Unrecognized archive format");

    std::vector<TarMember> members{{"0.jpg", "zero"}, {"1.jpg", "one"}, {"2.jpg", "two"}};
    writeTar(dir / "s.tar", members);
    {
        std::fstream file(dir / "s.tar", std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(ustarOffsets(members)[2] + 10);
        file.write("garbage", 7);  // breaks the header checksum of 2.jpg
    }
    auto source = openSource(dir / "s.tar");
    Item item;
    ASSERT_TRUE(source->next(item));  // 0.jpg: complete once the header of 1.jpg is read
    EXPECT_EQ(item.member, "0.jpg");
    // 1.jpg may have had more members behind the damaged header, so it is dropped.
    EXPECT_EQ(errorOf([&] {
                  source->next(item);
              }).rfind("s.tar: corrupt or truncated after 1 complete sample (last member read: 1.jpg): ", 0),
              0u);
    EXPECT_FALSE(source->next(item));
}
