// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "select/matrix.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "common/error.h"

namespace winnow::select {
namespace {

static_assert(sizeof(float) == 4 && sizeof(double) == 8, "IEEE float sizes expected");

bool hostIsLittleEndian() {
    const std::uint16_t one = 1;
    unsigned char b = 0;
    std::memcpy(&b, &one, 1);
    return b == 1;
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw Error(path + ": " + what);
}

/// Value of key 'name' in the header dict, as the raw text up to the next top-level ',' or '}'.
std::string dictValue(const std::string& header, const std::string& name, const std::string& path) {
    const std::string key = "'" + name + "'";
    const auto k = header.find(key);
    if (k == std::string::npos) fail(path, "npy header lacks '" + name + "'");
    auto p = header.find(':', k + key.size());
    if (p == std::string::npos) fail(path, "malformed npy header");
    ++p;
    while (p < header.size() && header[p] == ' ') ++p;
    int depth = 0;
    std::size_t e = p;
    for (; e < header.size(); ++e) {
        const char c = header[e];
        if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if ((c == ',' || c == '}') && depth == 0)
            break;
    }
    return header.substr(p, e - p);
}

std::vector<std::int64_t> parseShape(const std::string& text, const std::string& path) {
    if (text.size() < 2 || text.front() != '(' || text.back() != ')')
        fail(path, "malformed npy shape " + text);
    std::vector<std::int64_t> dims;
    std::string cur;
    for (std::size_t i = 1; i + 1 <= text.size(); ++i) {
        const char c = text[i];
        if (c == ',' || c == ')') {
            if (!cur.empty()) {
                try {
                    dims.push_back(std::stoll(cur));
                } catch (const std::exception&) {
                    fail(path, "malformed npy shape " + text);
                }
                if (dims.back() < 0) fail(path, "negative npy dimension");
            }
            cur.clear();
        } else if (c != ' ') {
            cur += c;
        }
    }
    return dims;
}

}  // namespace

void checkShape(const Matrix& m) {
    if (m.rows < 0 || m.cols < 0 || m.data.size() != static_cast<std::size_t>(m.rows) * m.cols)
        throw std::invalid_argument("select: matrix data size does not match rows x cols");
}

namespace {
struct NpyHeader {
    std::string descr;
    std::string fortran;
    std::vector<std::int64_t> dims;
};

/// Reads the magic, version and header dict of a .npy stream.
NpyHeader readNpyHeader(std::ifstream& in, const std::string& path) {
    if (!hostIsLittleEndian()) fail(path, "npy loading needs a little-endian host");
    if (!in) fail(path, "cannot open");
    char magic[8];
    if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0)
        fail(path, "not a .npy file (bad magic)");
    const int major = static_cast<unsigned char>(magic[6]);
    std::uint32_t headerLen = 0;
    if (major == 1) {
        unsigned char b[2];
        if (!in.read(reinterpret_cast<char*>(b), 2)) fail(path, "truncated npy header");
        headerLen = b[0] | (b[1] << 8);
    } else if (major == 2 || major == 3) {
        unsigned char b[4];
        if (!in.read(reinterpret_cast<char*>(b), 4)) fail(path, "truncated npy header");
        headerLen = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
        if (headerLen > (1u << 24)) fail(path, "npy header too large");
    } else {
        fail(path, "unsupported npy format version " + std::to_string(major));
    }
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen)) fail(path, "truncated npy header");

    NpyHeader h;
    h.descr = dictValue(header, "descr", path);
    h.fortran = dictValue(header, "fortran_order", path);
    h.dims = parseShape(dictValue(header, "shape", path), path);
    if (h.descr.size() >= 2 && (h.descr.front() == '\'' || h.descr.front() == '"'))
        h.descr = h.descr.substr(1, h.descr.size() - 2);
    if (h.fortran != "False") fail(path, "Fortran-order npy arrays are not supported (save with C order)");
    return h;
}

/// Writes a version 1.0 header for descr and shape text.
void writeNpyHeader(std::ofstream& out, const std::string& path, const std::string& descr, const std::string& shape) {
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // Pad with spaces so that magic(6)+version(2)+len(2)+header+'\n' is a multiple of 64.
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    if (header.size() > 65535) fail(path, "npy header too large");
    const unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                   static_cast<unsigned char>(header.size() & 0xff),
                                   static_cast<unsigned char>(header.size() >> 8)};
    out.write(reinterpret_cast<const char*>(pre), 10);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
}
}  // namespace

Matrix loadNpy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    NpyHeader h = readNpyHeader(in, path);
    const std::string& descr = h.descr;
    const auto& dims = h.dims;
    int itemSize = 0;
    if (descr == "<f4")
        itemSize = 4;
    else if (descr == "<f8")
        itemSize = 8;
    else
        fail(path,
             "unsupported npy dtype '" + descr + "' (need little-endian float32 '<f4' or float64 '<f8')");
    if (dims.size() != 2)
        fail(path, "npy array must be 2-D (rows x dims), got " + std::to_string(dims.size()) + "-D");
    if (dims[1] > std::numeric_limits<int>::max()) fail(path, "too many npy columns");
    if (dims[1] != 0 && dims[0] > std::numeric_limits<std::int64_t>::max() / 8 / dims[1])
        fail(path, "npy array too large");

    Matrix m;
    m.rows = dims[0];
    m.cols = static_cast<int>(dims[1]);
    const std::size_t count = static_cast<std::size_t>(m.rows) * m.cols;
    m.data.resize(count);
    if (itemSize == 4) {
        if (!in.read(reinterpret_cast<char*>(m.data.data()), static_cast<std::streamsize>(count * 4)))
            fail(path, "truncated npy data (expected " + std::to_string(count) + " float32 values)");
    } else {
        std::vector<double> buf(std::min<std::size_t>(count, 1 << 16));
        for (std::size_t done = 0; done < count;) {
            const std::size_t n = std::min(buf.size(), count - done);
            if (!in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n * 8)))
                fail(path, "truncated npy data (expected " + std::to_string(count) + " float64 values)");
            for (std::size_t i = 0; i < n; ++i) m.data[done + i] = static_cast<float>(buf[i]);
            done += n;
        }
    }
    return m;
}

void saveNpy(const std::string& path, const Matrix& m) {
    checkShape(m);
    if (!hostIsLittleEndian()) fail(path, "npy saving needs a little-endian host");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) fail(path, "cannot create");
    writeNpyHeader(out, path, "<f4", "(" + std::to_string(m.rows) + ", " + std::to_string(m.cols) + ")");
    out.write(reinterpret_cast<const char*>(m.data.data()), static_cast<std::streamsize>(m.data.size() * 4));
    out.close();
    if (!out) fail(path, "write failed");
}

std::vector<std::int64_t> loadNpyIds(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const NpyHeader h = readNpyHeader(in, path);
    if (h.descr != "<i8" && h.descr != "<i4") fail(path, "unsupported npy dtype '" + h.descr + "' (need '<i8' or '<i4')");
    const bool columnVector = h.dims.size() == 2 && h.dims[1] == 1;
    if (h.dims.size() != 1 && !columnVector) fail(path, "npy id array must be 1-D");
    const auto n = static_cast<std::size_t>(h.dims[0]);
    std::vector<std::int64_t> ids(n);
    if (h.descr == "<i8") {
        if (!in.read(reinterpret_cast<char*>(ids.data()), static_cast<std::streamsize>(n * 8)))
            fail(path, "truncated npy data (expected " + std::to_string(n) + " int64 values)");
    } else {
        std::vector<std::int32_t> buf(n);
        if (!in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(n * 4)))
            fail(path, "truncated npy data (expected " + std::to_string(n) + " int32 values)");
        std::copy(buf.begin(), buf.end(), ids.begin());
    }
    return ids;
}

void saveNpyIds(const std::string& path, const std::vector<std::int64_t>& ids) {
    if (!hostIsLittleEndian()) fail(path, "npy saving needs a little-endian host");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) fail(path, "cannot create");
    writeNpyHeader(out, path, "<i8", "(" + std::to_string(ids.size()) + ",)");
    out.write(reinterpret_cast<const char*>(ids.data()), static_cast<std::streamsize>(ids.size() * 8));
    out.close();
    if (!out) fail(path, "write failed");
}

void normalizeRows(Matrix& m) {
    checkShape(m);
    for (std::int64_t i = 0; i < m.rows; ++i) {
        float* r = m.row(i);
        double s = 0;
        for (int j = 0; j < m.cols; ++j) s += static_cast<double>(r[j]) * r[j];
        if (s <= 0) continue;
        const double inv = 1.0 / std::sqrt(s);
        for (int j = 0; j < m.cols; ++j) r[j] = static_cast<float>(r[j] * inv);
    }
}

}  // namespace winnow::select
