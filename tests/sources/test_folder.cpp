// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fixtures.h"
#include "sources/source.h"

namespace fs = std::filesystem;
using namespace winnow::sources;
using namespace winnow::sources::fixtures;

namespace {

std::vector<std::string> relativeUris(const std::vector<Item>& items, const TempDir& dir) {
    std::vector<std::string> out;
    for (const Item& item : items) out.push_back(item.uri.substr(dir.path().size() + 1));
    return out;
}

}  // namespace

TEST(FolderSource, WalksRecursivelyInByteOrder) {
    TempDir dir;
    for (const char* name : {"b.png", "B.jpg", "a/x.jpg", "a.b/x.jpg", "a/sub/y.webp", "c.JPEG", "d.bmp",
                             "e.tif", "f.TIFF", "g.gif", ".hidden.jpg", ".git/z.jpg", "a/.cache/w.png"}) {
        writeFile(dir / name, "img");
    }
    writeFile(dir / "notes.md", "x");
    writeFile(dir / "a/data.csv", "x");
    auto source = openSource(dir.path(), Format::Folder);
    EXPECT_EQ(source->sizeHint(), 10);
    const auto items = readAll(*source);
    // Global byte order of the paths: 'B' < 'a', and "a.b/" < "a/" because '.' < '/'.
    const std::vector<std::string> expected{"B.jpg",  "a.b/x.jpg", "a/sub/y.webp", "a/x.jpg", "b.png",
                                            "c.JPEG", "d.bmp",     "e.tif",        "f.TIFF",  "g.gif"};
    EXPECT_EQ(relativeUris(items, dir), expected);
    for (const Item& item : items) {
        EXPECT_EQ(item.payload, Item::Payload::File);
        EXPECT_EQ(item.index, -1);
        EXPECT_TRUE(item.member.empty());
        EXPECT_TRUE(item.bytes.empty());
        EXPECT_TRUE(item.error.empty()) << item.error;
        EXPECT_TRUE(item.label.empty());
        EXPECT_TRUE(item.split.empty());
    }
    EXPECT_EQ(source->warnings(), std::vector<std::string>{"ignored 2 non-image files"});
}

TEST(FolderSource, CaptionsBesideImages) {
    TempDir dir;
    writeFile(dir / "cat.jpg", "img");
    writeFile(dir / "cat.txt", "a cat on a mat\n");
    writeFile(dir / "dog.v2.png", "img");
    writeFile(dir / "dog.v2.txt",
              "\xEF\xBB\xBF"
              "a dog\r\n\r\n");
    writeFile(dir / "eel.jpg", "img");
    writeFile(dir / "orphan.txt", "nobody's caption");
    auto source = openSource(dir.path());
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].caption, "a cat on a mat");
    EXPECT_EQ(items[1].caption, "a dog");
    EXPECT_EQ(items[2].caption, "");
    EXPECT_EQ(source->warnings(), std::vector<std::string>{"ignored 1 non-image file"});
}

TEST(FolderSource, UriIsAbsoluteAndNormalised) {
    TempDir dir;
    writeFile(dir / "sub/a.jpg", "img");
    const fs::path previous = fs::current_path();
    fs::current_path(dir.path());
    const auto items = readAll("./sub/../sub/", Format::Folder);
    fs::current_path(previous);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].uri, dir / "sub/a.jpg");
}

TEST(FolderSource, ProblemFilesAreYieldedWithAnError) {
    TempDir dir;
    writeFile(dir / "big.png", "0123456789");
    writeFile(dir / "small.png", "0123");
    fs::create_symlink(dir / "missing.jpg", dir / "broken.jpg");
    writeFile(dir / "secret.jpg", "img");
    fs::permissions(dir / "secret.jpg", fs::perms::none);
    SourceParams params;
    params.maxItemBytes = 5;
    const auto items = readAll(dir.path(), Format::Folder, params);
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].error, "file too large (10 bytes, limit 5)");
    EXPECT_EQ(items[1].error, "file not found");  // broken.jpg
    if (::geteuid() != 0) {                       // root reads anything
        EXPECT_NE(items[2].error.find("cannot read"), std::string::npos) << items[2].error;
    }
    EXPECT_EQ(items[3].error, "");
}

TEST(FolderSource, SymlinkLoopsEnd) {
    TempDir dir;
    writeFile(dir / "a/x.jpg", "img");
    fs::create_directory_symlink(dir.path(), dir / "a/loop");  // a/loop -> the root
    fs::create_directory_symlink(dir / "a", dir / "b");        // b -> a: walked once only
    auto source = openSource(dir.path(), Format::Folder);
    const auto items = readAll(*source);
    EXPECT_EQ(relativeUris(items, dir), std::vector<std::string>{"a/x.jpg"});
    EXPECT_EQ(source->warnings().size(), 2u);
}

TEST(ImageFolderSource, ClassFolders) {
    TempDir dir;
    writeFile(dir / "cat/1.jpg", "img");
    writeFile(dir / "cat/1.txt", "tabby\n");
    writeFile(dir / "dog/deep/2.png", "img");
    writeFile(dir / "top.jpg", "img");
    writeFile(dir / "train/3.jpg", "img");  // "train" beside classes is just a class
    const auto items = readAll(dir.path(), Format::ImageFolder);
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].label, "cat");
    EXPECT_EQ(items[0].caption, "tabby");
    EXPECT_EQ(items[1].label, "dog");
    EXPECT_EQ(items[2].label, "");  // top.jpg
    EXPECT_EQ(items[3].label, "train");
    for (const Item& item : items) EXPECT_EQ(item.split, "");
}

TEST(ImageFolderSource, SplitFolders) {
    TempDir dir;
    writeFile(dir / "train/cat/1.jpg", "img");
    writeFile(dir / "train/dog/2.jpg", "img");
    writeFile(dir / "Validation/cat/3.jpg", "img");
    writeFile(dir / "valid/dog/4.jpg", "img");
    writeFile(dir / "test/dog/5.jpg", "img");
    writeFile(dir / "test/6.jpg", "img");  // in a split, outside any class
    auto source = openSource(dir.path());
    EXPECT_EQ(source->format(), Format::ImageFolder);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 6u);
    std::vector<std::pair<std::string, std::string>> got;
    for (const Item& item : items) got.emplace_back(item.split, item.label);
    const std::vector<std::pair<std::string, std::string>> expected{
        {"val", "cat"}, {"test", ""}, {"test", "dog"}, {"train", "cat"}, {"train", "dog"}, {"val", "dog"}};
    EXPECT_EQ(got, expected);
}
