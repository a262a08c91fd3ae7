// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/error.h"
#include "map/layoutfile.h"
#include "tempdir.h"

using winnow::select::Matrix;

namespace {

Matrix sampleLayout() {
    Matrix m;
    m.rows = 4;
    m.cols = 2;
    m.data = {0.5f, -1, 2, 3.25f, -4, 5, 1e-7f, 6};
    return m;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST(MapLayoutFile, RoundTrip) {
    winnow::test::TempDir dir;
    const std::string path = dir.file("a.layout");
    winnow::map::saveLayout(path, sampleLayout(), "builtin umap1 k=15");
    const auto f = winnow::map::loadLayout(path);
    EXPECT_EQ(f.key, "builtin umap1 k=15");
    EXPECT_EQ(f.layout.rows, 4);
    EXPECT_EQ(f.layout.cols, 2);
    EXPECT_EQ(f.layout.data, sampleLayout().data);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    Matrix empty;
    empty.cols = 2;
    winnow::map::saveLayout(path, empty, "");
    EXPECT_EQ(winnow::map::loadLayout(path).layout.rows, 0);
}

TEST(MapLayoutFile, RejectsDamage) {
    winnow::test::TempDir dir;
    const std::string path = dir.file("a.layout");
    winnow::map::saveLayout(path, sampleLayout(), "key");
    const std::string good = readAll(path);
    for (std::size_t at : {std::size_t{0}, std::size_t{9}, std::size_t{13}, std::size_t{17}, std::size_t{25},
                           good.size() / 2, good.size() - 1}) {
        std::string bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x40);
        writeAll(path, bad);
        EXPECT_THROW(winnow::map::loadLayout(path), winnow::Error) << at;
    }
    writeAll(path, good.substr(0, good.size() - 3));
    EXPECT_THROW(winnow::map::loadLayout(path), winnow::Error);
    writeAll(path, good + "x");
    EXPECT_THROW(winnow::map::loadLayout(path), winnow::Error);
    EXPECT_THROW(winnow::map::loadLayout(dir.file("missing")), winnow::Error);
}

TEST(MapLayoutFile, RejectsBadLayouts) {
    winnow::test::TempDir dir;
    Matrix three = sampleLayout();
    three.cols = 3;
    three.data.resize(12);
    EXPECT_THROW(winnow::map::saveLayout(dir.file("x"), three, ""), std::invalid_argument);
    Matrix nan = sampleLayout();
    nan.data[3] = std::nanf("");
    EXPECT_THROW(winnow::map::saveLayout(dir.file("x"), nan, ""), std::invalid_argument);
    EXPECT_THROW(winnow::map::saveLayout(dir.file("no/such/dir/x"), sampleLayout(), ""), winnow::Error);
}
