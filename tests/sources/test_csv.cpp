// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "fixtures.h"
#include "sources/source.h"

using namespace winnow::sources;
using namespace winnow::sources::fixtures;

TEST(CsvSource, Rfc4180Fields) {
    TempDir dir;
    for (const char* name : {"img/b.jpg", "img/a, b.png", "img/q.jpg", "img/n.jpg", "abs.png"}) {
        writeFile(dir / name, "img");
    }
    const std::string manifest =
        "\xEF\xBB\xBF"
        "FilePath,Label,TEXT,Split\r\n"
        "img/b.jpg,cat,a plain caption,train\r\n"
        "\"img/a, b.png\",dog,\"with, comma\",validation\r\n"
        "\r\n"
        "img/q.jpg,\" bird \",\"say \"\"hi\"\"\",\r\n"
        "img/n.jpg,,\"two\nlines\",test\r\n" +
        dir / "abs.png" +
        ",,,custom\n"
        "img/none.jpg,cat,,train";  // no final newline
    writeFile(dir / "manifest.csv", manifest);
    auto source = openSource(dir / "manifest.csv");
    EXPECT_EQ(source->format(), Format::Csv);
    EXPECT_EQ(source->sizeHint(), -1);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 6u);
    // Manifest order, not sorted.
    EXPECT_EQ(items[0].uri, dir / "img/b.jpg");
    EXPECT_EQ(items[0].label, "cat");
    EXPECT_EQ(items[0].caption, "a plain caption");
    EXPECT_EQ(items[0].split, "train");
    EXPECT_EQ(items[1].uri, dir / "img/a, b.png");
    EXPECT_EQ(items[1].caption, "with, comma");
    EXPECT_EQ(items[1].split, "val");
    EXPECT_EQ(items[2].label, "bird");
    EXPECT_EQ(items[2].caption, "say \"hi\"");
    EXPECT_EQ(items[2].split, "");
    EXPECT_EQ(items[3].caption, "two\nlines");
    EXPECT_EQ(items[4].uri, dir / "abs.png");
    EXPECT_EQ(items[4].split, "custom");
    EXPECT_EQ(items[5].error, "file not found");
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(items[i].error, "") << i;
    for (const Item& item : items) {
        EXPECT_EQ(item.payload, Item::Payload::File);
        EXPECT_EQ(item.index, -1);
    }
    EXPECT_TRUE(source->warnings().empty());
}

TEST(CsvSource, PathColumnNames) {
    TempDir dir;
    writeFile(dir / "x.jpg", "img");
    for (const char* column : {"path", "filepath", "file_name", "FileName", "IMAGE"}) {
        writeFile(dir / "m.csv", std::string("id,") + column + "\n1,x.jpg\n");
        const auto items = readAll(dir / "m.csv");
        ASSERT_EQ(items.size(), 1u) << column;
        EXPECT_EQ(items[0].uri, dir / "x.jpg");
    }
    // "path" wins over "image" whatever the column order.
    writeFile(dir / "m.csv", "image,path\nother.jpg,x.jpg\n");
    EXPECT_EQ(readAll(dir / "m.csv").at(0).uri, dir / "x.jpg");
}

TEST(CsvSource, EmptyPathsAndOddNamesWarn) {
    TempDir dir;
    writeFile(dir / "m.csv", "path,label\n,cat\nnotes.md,x\n");
    writeFile(dir / "notes.md", "x");
    auto source = openSource(dir / "m.csv");
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 1u);
    const std::vector<std::string> expected{"m.csv:2: empty path, row skipped",
                                            "m.csv: 1 path without an image extension"};
    EXPECT_EQ(source->warnings(), expected);
}

TEST(CsvSource, HeaderErrors) {
    TempDir dir;
    writeFile(dir / "manifest.csv", "name,label\na.jpg,cat\n");
    EXPECT_EQ(errorOf([&] { openSource(dir / "manifest.csv"); }),
              "manifest.csv:1: no path column (expected one of path, filepath, file_name, filename, image)");
    writeFile(dir / "manifest.csv", "");
    EXPECT_EQ(errorOf([&] { openSource(dir / "manifest.csv"); }),
              "manifest.csv: empty manifest (a header row is required)");
    writeFile(dir / "manifest.csv", "\"path,label\na.jpg\n");
    EXPECT_EQ(errorOf([&] { openSource(dir / "manifest.csv"); }),
              "manifest.csv:1: unterminated quoted field");
}

TEST(CsvSource, RowErrorsNameTheLine) {
    TempDir dir;
    // Line 3 holds a quoted newline, so the bad row starts on line 5.
    writeFile(dir / "manifest.csv", "path,label,caption\na.jpg,x,y\nb.jpg,x,\"multi\nline\"\nc.jpg,x,y,z\n");
    auto source = openSource(dir / "manifest.csv");
    Item item;
    ASSERT_TRUE(source->next(item));  // rows before the bad one are yielded
    ASSERT_TRUE(source->next(item));
    EXPECT_EQ(errorOf([&] { source->next(item); }), "manifest.csv:5: expected 3 fields, found 4");
    EXPECT_FALSE(source->next(item));  // finished after a fatal error

    writeFile(dir / "manifest.csv", "path,label,caption\na.jpg,x\n");
    EXPECT_EQ(errorOf([&] { readAll(dir / "manifest.csv"); }), "manifest.csv:2: expected 3 fields, found 2");

    writeFile(dir / "manifest.csv", "path,label\na.jpg,x\n\nb.jpg,\"open\n");
    EXPECT_EQ(errorOf([&] { readAll(dir / "manifest.csv"); }), "manifest.csv:4: unterminated quoted field");

    writeFile(dir / "manifest.csv", "path,label\n\"a.jpg\"x,y\n");
    EXPECT_EQ(errorOf([&] { readAll(dir / "manifest.csv"); }),
              "manifest.csv:2: unexpected character after closing quote");
}

TEST(CsvSource, ManyWarningsAreCapped) {
    TempDir dir;
    std::string manifest = "path,label\n";
    for (int i = 0; i < 60; ++i) manifest += ",x\n";
    writeFile(dir / "m.csv", manifest);
    auto source = openSource(dir / "m.csv");
    EXPECT_TRUE(readAll(*source).empty());
    const auto warnings = source->warnings();
    ASSERT_EQ(warnings.size(), 51u);
    EXPECT_EQ(warnings.back(), "... and 10 more warnings");
}
