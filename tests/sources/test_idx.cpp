// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "sources/source.h"

using namespace winnow::sources;
using namespace winnow::sources::fixtures;

namespace {

void expectRecord(const Item& item, std::uint32_t record, std::uint32_t rows, std::uint32_t cols) {
    EXPECT_EQ(item.payload, Item::Payload::Raw);
    EXPECT_EQ(item.rawWidth, static_cast<int>(cols));
    EXPECT_EQ(item.rawHeight, static_cast<int>(rows));
    EXPECT_EQ(item.rawChannels, 1);
    EXPECT_EQ(item.member, std::to_string(record));
    EXPECT_EQ(item.index, record);
    ASSERT_EQ(item.bytes.size(), rows * cols);
    for (std::uint32_t j = 0; j < rows * cols; ++j) {
        ASSERT_EQ(item.bytes[j], idxPixel(record, j)) << "record " << record << " byte " << j;
    }
}

}  // namespace

TEST(IdxSource, PlainFileWithLabels) {
    TempDir dir;
    writeFile(dir / "train-images-idx3-ubyte", idxImages(3, 2, 4));
    writeFile(dir / "train-labels-idx1-ubyte", idxLabels({7, 0, 9}));
    auto source = openSource(dir / "train-images-idx3-ubyte");
    EXPECT_EQ(source->format(), Format::Idx);
    EXPECT_EQ(source->sizeHint(), 3);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 3u);
    const char* labels[] = {"7", "0", "9"};
    for (std::uint32_t i = 0; i < 3; ++i) {
        expectRecord(items[i], i, 2, 4);
        EXPECT_EQ(items[i].label, labels[i]);
        EXPECT_EQ(items[i].split, "train");
        EXPECT_EQ(items[i].uri, dir / "train-images-idx3-ubyte");
        EXPECT_EQ(items[i].error, "");
    }
    EXPECT_TRUE(source->warnings().empty());
}

TEST(IdxSource, GzippedDotNamesAndNoLabels) {
    TempDir dir;
    writeGzFile(dir / "t10k-images.idx3-ubyte.gz", idxImages(2, 3, 3));
    writeGzFile(dir / "t10k-labels.idx1-ubyte.gz", idxLabels({4, 5}));
    writeGzFile(dir / "extra-images-idx3-ubyte.gz", idxImages(1, 1, 1));
    auto labelled = readAll(dir / "t10k-images.idx3-ubyte.gz");
    ASSERT_EQ(labelled.size(), 2u);
    expectRecord(labelled[1], 1, 3, 3);
    EXPECT_EQ(labelled[1].label, "5");
    EXPECT_EQ(labelled[1].split, "test");

    auto source = openSource(dir / "extra-images-idx3-ubyte.gz", Format::Idx);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].label, "");
    EXPECT_EQ(items[0].split, "");
    EXPECT_EQ(source->warnings(),
              std::vector<std::string>{
                  "extra-images-idx3-ubyte.gz: no labels file beside it; records have no label"});
}

TEST(IdxSource, FolderWithTrainAndTest) {
    TempDir dir;
    writeGzFile(dir / "train-images-idx3-ubyte.gz", idxImages(5, 2, 2));
    writeGzFile(dir / "train-labels-idx1-ubyte.gz", idxLabels({1, 2, 3, 4, 5}));
    writeFile(dir / "t10k-images-idx3-ubyte", idxImages(2, 2, 2));
    writeGzFile(dir / "t10k-images-idx3-ubyte.gz", idxImages(2, 2, 2));  // a duplicate: skipped
    writeFile(dir / "t10k-labels-idx1-ubyte", idxLabels({8, 9}));
    auto source = openSource(dir.path());
    EXPECT_EQ(source->format(), Format::Idx);
    EXPECT_EQ(source->sizeHint(), 7);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 7u);
    // Files in name order: t10k before train.
    EXPECT_EQ(items[0].split, "test");
    EXPECT_EQ(items[0].label, "8");
    EXPECT_EQ(items[0].uri, dir / "t10k-images-idx3-ubyte");
    EXPECT_EQ(items[2].split, "train");
    EXPECT_EQ(items[2].label, "1");
    EXPECT_EQ(items[6].label, "5");
    expectRecord(items[6], 4, 2, 2);
    EXPECT_EQ(source->warnings(),
              std::vector<std::string>{
                  "t10k-images-idx3-ubyte.gz: skipped, the uncompressed copy is read instead"});
}

TEST(IdxSource, Errors) {
    TempDir dir;
    const std::string images = dir / "train-images-idx3-ubyte.gz";
    writeGzFile(images, idxLabels({1, 2}));
    EXPECT_EQ(errorOf([&] { openSource(images); }),
              "train-images-idx3-ubyte.gz: bad magic number 0x00000801, expected 0x00000803 "
              "(IDX unsigned-byte images with 3 dimensions)");

    writeGzFile(images, idxHeader(0x803, {4, 2}));
    EXPECT_EQ(errorOf([&] { openSource(images); }), "train-images-idx3-ubyte.gz: truncated header (columns)");

    writeGzFile(images, idxImages(4, 2, 2));
    writeGzFile(dir / "train-labels-idx1-ubyte.gz", idxLabels({1, 2, 3}));
    EXPECT_EQ(errorOf([&] { openSource(images); }),
              "train-labels-idx1-ubyte.gz: 3 labels for 4 images in train-images-idx3-ubyte.gz");

    writeGzFile(dir / "train-labels-idx1-ubyte.gz", idxHeader(0x801, {4}) + "\x01\x02");
    EXPECT_EQ(errorOf([&] { readAll(images); }), "train-labels-idx1-ubyte.gz: truncated after 2 of 4 labels");

    std::filesystem::remove(dir / "train-labels-idx1-ubyte.gz");
    std::string truncated = idxImages(5, 2, 2);
    truncated.resize(truncated.size() - 7);  // record 3 is cut, record 4 is missing
    writeGzFile(images, truncated);
    auto source = openSource(images);
    Item item;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(source->next(item));
    EXPECT_EQ(errorOf([&] { source->next(item); }),
              "train-images-idx3-ubyte.gz: truncated after 3 of 5 records");
    EXPECT_FALSE(source->next(item));  // finished after a fatal error

    TempDir empty;
    writeFile(empty / "a.jpg", "img");
    EXPECT_NE(errorOf([&] { openSource(empty.path(), Format::Idx); }).find("no IDX images files"),
              std::string::npos);
}

TEST(IdxSource, CorruptGzip) {
    TempDir dir;
    const std::string images = dir / "train-images-idx3-ubyte.gz";
    writeGzFile(images, idxImages(200, 28, 28));
    const auto size = std::filesystem::file_size(images);
    {
        std::fstream file(images, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(size / 2));
        file.write("\xFF\x00\xFF\x00\xFF\x00\xFF\x00", 8);
    }
    const std::string error = errorOf([&] { readAll(images); });
    EXPECT_EQ(error.rfind("train-images-idx3-ubyte.gz: ", 0), 0u) << error;
    EXPECT_TRUE(error.find("cannot decompress") != std::string::npos ||
                error.find("truncated") != std::string::npos)
        << error;
}

TEST(IdxSource, FashionMnistSmoke) {
    const std::string root = "/usr/share/datasets/fashion-mnist";
    if (!std::filesystem::is_directory(root)) GTEST_SKIP() << root << " is not installed";
    const auto start = std::chrono::steady_clock::now();
    auto source = openSource(root);
    EXPECT_EQ(source->format(), Format::Idx);
    EXPECT_EQ(source->sizeHint(), 70000);
    std::int64_t train = 0;
    std::int64_t test = 0;
    std::array<std::int64_t, 10> perLabel{};
    Item item;
    while (source->next(item)) {
        ASSERT_EQ(item.bytes.size(), 784u);
        ASSERT_EQ(item.rawWidth, 28);
        ASSERT_EQ(item.label.size(), 1u);
        ASSERT_TRUE(item.label[0] >= '0' && item.label[0] <= '9') << item.label;
        ++perLabel[item.label[0] - '0'];
        (item.split == "train" ? train : test) += 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(train, 60000);
    EXPECT_EQ(test, 10000);
    for (std::int64_t count : perLabel) EXPECT_EQ(count, 7000);  // Fashion-MNIST is balanced
    RecordProperty("seconds", std::to_string(seconds));
    std::printf("fashion-mnist: 70000 records in %.3f s\n", seconds);
    EXPECT_LT(seconds, 2.0);
}
