// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "fixtures.h"
#include "sources/source.h"

using namespace winnow::sources;
using namespace winnow::sources::fixtures;

TEST(SourceFormat, NamesRoundTrip) {
    const Format all[] = {Format::Auto, Format::Folder, Format::ImageFolder, Format::Csv,
                          Format::Coco, Format::Idx,    Format::Tar};
    const char* names[] = {"auto", "folder", "imagefolder", "csv", "coco", "idx", "tar"};
    for (std::size_t i = 0; i < std::size(all); ++i) {
        EXPECT_EQ(formatName(all[i]), names[i]);
        EXPECT_EQ(parseFormat(names[i]), all[i]);
    }
    EXPECT_EQ(parseFormat("CSV"), Format::Csv);
    EXPECT_EQ(parseFormat("ImageFolder"), Format::ImageFolder);
    EXPECT_FALSE(parseFormat("zip").has_value());
    EXPECT_FALSE(parseFormat("").has_value());
}

TEST(SourceFormat, ImageExtensions) {
    for (const char* ext :
         {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif", ".JPG", ".Png"}) {
        EXPECT_TRUE(isImageExtension(ext)) << ext;
    }
    for (const char* ext : {"jpg", ".txt", ".json", "", ".", ".jpgx", ".svg"}) {
        EXPECT_FALSE(isImageExtension(ext)) << ext;
    }
}

TEST(DetectFormat, MissingPath) {
    TempDir dir;
    const std::string missing = dir / "nope";
    EXPECT_EQ(errorOf([&] { detectFormat(missing); }), "no such file or directory: " + missing);
    EXPECT_EQ(errorOf([&] { openSource(missing); }), "no such file or directory: " + missing);
    EXPECT_EQ(errorOf([&] { openSource(missing, Format::Csv); }), "no such file or directory: " + missing);
}

TEST(DetectFormat, Files) {
    TempDir dir;
    const std::pair<const char*, Format> cases[] = {
        {"m.csv", Format::Csv},
        {"M.CSV", Format::Csv},
        {"captions.json", Format::Coco},
        {"shard.tar", Format::Tar},
        {"shard.tar.gz", Format::Tar},
        {"shard.tgz", Format::Tar},
        {"train-images-idx3-ubyte", Format::Idx},
        {"train-images-idx3-ubyte.gz", Format::Idx},
        {"t10k-images.idx3-ubyte", Format::Idx},
        {"t10k-images.idx3-ubyte.gz", Format::Idx},
    };
    for (const auto& [name, format] : cases) {
        writeFile(dir / name, "x");
        EXPECT_EQ(detectFormat(dir / name), format) << name;
    }
    writeFile(dir / "train-labels-idx1-ubyte", "x");
    writeFile(dir / "data.bin", "x");
    EXPECT_NE(errorOf([&] { detectFormat(dir / "data.bin"); }).find("cannot detect the format"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { detectFormat(dir / "train-labels-idx1-ubyte"); }).find("cannot detect"),
              std::string::npos);
}

TEST(DetectFormat, Folders) {
    {
        TempDir dir;
        EXPECT_EQ(detectFormat(dir.path()), Format::Folder);  // empty
        writeFile(dir / "a.jpg", "x");
        writeFile(dir / "sub/b.jpg", "x");
        EXPECT_EQ(detectFormat(dir.path()), Format::Folder);  // an image at the top level
    }
    {
        TempDir dir;
        writeFile(dir / "cat/a.jpg", "x");
        writeFile(dir / "dog/deep/b.png", "x");
        writeFile(dir / "README.md", "x");
        writeFile(dir / ".thumb.jpg", "x");  // hidden: not a top-level image
        EXPECT_EQ(detectFormat(dir.path()), Format::ImageFolder);
    }
    {
        TempDir dir;
        writeFile(dir / "train/cat/a.jpg", "x");
        EXPECT_EQ(detectFormat(dir.path()), Format::ImageFolder);
    }
    {
        TempDir dir;
        writeFile(dir / "shard-000.tar", "x");
        writeFile(dir / "shard-001.tar.gz", "x");
        writeFile(dir / ".index", "x");
        EXPECT_EQ(detectFormat(dir.path()), Format::Tar);
        writeFile(dir / "README.md", "x");  // no longer only shards
        EXPECT_EQ(detectFormat(dir.path()), Format::Folder);
    }
    {
        TempDir dir;
        writeFile(dir / "train-images-idx3-ubyte.gz", "x");
        writeFile(dir / "train-labels-idx1-ubyte.gz", "x");
        writeFile(dir / "sub/a.jpg", "x");
        EXPECT_EQ(detectFormat(dir.path()), Format::Idx);
    }
}

TEST(OpenSource, ChecksTheKindOfPath) {
    TempDir dir;
    writeFile(dir / "a.jpg", "x");
    writeFile(dir / "m.csv", "path\na.jpg\n");
    EXPECT_NE(errorOf([&] { openSource(dir / "a.jpg", Format::Folder); }).find("not a folder"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { openSource(dir.path(), Format::Csv); }).find("got a folder"), std::string::npos);
    EXPECT_NE(errorOf([&] { openSource(dir.path(), Format::Coco); }).find("got a folder"), std::string::npos);
    EXPECT_EQ(openSource(dir / "m.csv")->format(), Format::Csv);
    EXPECT_EQ(openSource(dir.path())->format(), Format::Folder);
    EXPECT_EQ(openSource(dir.path(), Format::ImageFolder)->format(), Format::ImageFolder);
}
