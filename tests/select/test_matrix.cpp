// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <string>

#include "common/error.h"
#include "select/matrix.h"
#include "tempdir.h"

using winnow::select::Matrix;

namespace {

/// Writes an .npy file by hand: magic, version, header text padded to 64 bytes, then payload bytes.
void writeRawNpy(const std::string& path, int major, std::string header, const std::string& payload) {
    const std::size_t lenBytes = major == 1 ? 2 : 4;
    const std::size_t total = 8 + lenBytes + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY", 6);
    out.put(static_cast<char>(major));
    out.put(0);
    for (std::size_t b = 0; b < lenBytes; ++b) out.put(static_cast<char>((header.size() >> (8 * b)) & 0xff));
    out << header << payload;
}

template <typename T>
std::string bytesOf(const std::vector<T>& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

std::string loadError(const std::string& path) {
    try {
        winnow::select::loadNpy(path);
    } catch (const winnow::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(SelectMatrix, RoundTrip) {
    winnow::test::TempDir dir;
    Matrix m;
    m.rows = 3;
    m.cols = 5;
    for (int i = 0; i < 15; ++i) m.data.push_back(0.25f * i - 1.5f);
    winnow::select::saveNpy(dir.file("m.npy"), m);
    const Matrix back = winnow::select::loadNpy(dir.file("m.npy"));
    EXPECT_EQ(back.rows, 3);
    EXPECT_EQ(back.cols, 5);
    EXPECT_EQ(back.data, m.data);
}

TEST(SelectMatrix, ReadsNumpyFixture) {
    const Matrix m = winnow::select::loadNpy(WINNOW_TEST_DATA_DIR "/select/mixture.npy");
    EXPECT_EQ(m.rows, 300);
    EXPECT_EQ(m.cols, 16);
}

TEST(SelectMatrix, Float64AndVersion2) {
    winnow::test::TempDir dir;
    const std::vector<double> v = {1.5, -2.0, 3.25, 0.0, 1e-3, 7.0};
    writeRawNpy(dir.file("d.npy"), 2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                bytesOf(v));
    const Matrix m = winnow::select::loadNpy(dir.file("d.npy"));
    ASSERT_EQ(m.rows, 2);
    ASSERT_EQ(m.cols, 3);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(m.data[i], static_cast<float>(v[i]));
}

TEST(SelectMatrix, Errors) {
    winnow::test::TempDir dir;
    const std::vector<float> f(6, 1.0f);
    writeRawNpy(dir.file("i4.npy"), 1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
                bytesOf(f));
    EXPECT_NE(loadError(dir.file("i4.npy")).find("dtype"), std::string::npos);
    writeRawNpy(dir.file("be.npy"), 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }",
                bytesOf(f));
    EXPECT_NE(loadError(dir.file("be.npy")).find("dtype"), std::string::npos);
    writeRawNpy(dir.file("f.npy"), 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                bytesOf(f));
    EXPECT_NE(loadError(dir.file("f.npy")).find("Fortran"), std::string::npos);
    writeRawNpy(dir.file("1d.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }",
                bytesOf(f));
    EXPECT_NE(loadError(dir.file("1d.npy")).find("2-D"), std::string::npos);
    writeRawNpy(dir.file("short.npy"), 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }",
                bytesOf(f));
    EXPECT_NE(loadError(dir.file("short.npy")).find("truncated"), std::string::npos);
    std::ofstream(dir.file("junk.npy")) << "hello, world";
    EXPECT_NE(loadError(dir.file("junk.npy")).find("magic"), std::string::npos);
    EXPECT_NE(loadError(dir.file("missing.npy")).find("cannot open"), std::string::npos);
    // The file name is part of every message.
    EXPECT_NE(loadError(dir.file("i4.npy")).find("i4.npy"), std::string::npos);
}

TEST(SelectMatrix, NormalizeRows) {
    Matrix m;
    m.rows = 2;
    m.cols = 2;
    m.data = {3, 4, 0, 0};
    winnow::select::normalizeRows(m);
    EXPECT_FLOAT_EQ(m.data[0], 0.6f);
    EXPECT_FLOAT_EQ(m.data[1], 0.8f);
    EXPECT_EQ(m.data[2], 0.0f);
    EXPECT_EQ(m.data[3], 0.0f);
}
