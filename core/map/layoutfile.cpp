// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/layoutfile.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/error.h"

namespace winnow::map {
namespace {

constexpr char kMagic[8] = {'W', 'N', 'N', 'W', 'L', 'Y', 'T', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kColumns = 2;
constexpr std::size_t kMaxKey = 1 << 20;
constexpr std::size_t kHeader = 8 + 4 + 4 + 8 + 4;

static_assert(sizeof(float) == 4, "float32 expected");

std::uint64_t fnv1a(const unsigned char* data, std::size_t size) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < size; ++i) {
        h ^= data[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

template <class T>
void put(std::string& out, T value) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));  // x86-64 and AArch64 are little-endian
    out.append(reinterpret_cast<const char*>(bytes), sizeof(T));
}

template <class T>
T get(const std::string& in, std::size_t offset) {
    T value;
    std::memcpy(&value, in.data() + offset, sizeof(T));
    return value;
}

}  // namespace

void saveLayout(const std::string& path, const select::Matrix& layout, const std::string& key) {
    select::checkShape(layout);
    if (layout.cols != static_cast<int>(kColumns))
        throw std::invalid_argument("saveLayout: a layout has 2 columns");
    if (key.size() > kMaxKey) throw std::invalid_argument("saveLayout: key longer than 1 MiB");
    for (float v : layout.data)
        if (!std::isfinite(v)) throw std::invalid_argument("saveLayout: the layout has a non-finite value");
    std::string bytes;
    bytes.reserve(kHeader + key.size() + layout.data.size() * 4 + 8);
    bytes.append(kMagic, sizeof kMagic);
    put(bytes, kVersion);
    put(bytes, kColumns);
    put(bytes, static_cast<std::int64_t>(layout.rows));
    put(bytes, static_cast<std::uint32_t>(key.size()));
    bytes += key;
    bytes.append(reinterpret_cast<const char*>(layout.data.data()), layout.data.size() * sizeof(float));
    put(bytes, fnv1a(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));

    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(errnoMessage("cannot write the layout " + tmp, errno));
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw Error(errnoMessage("cannot write the layout " + tmp, errno));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error("cannot write the layout " + path + ": " + ec.message());
    }
}

LayoutFile loadLayout(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(errnoMessage("cannot open the layout " + path, errno));
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error("cannot read the layout " + path);
    const auto bad = [&](const std::string& why) {
        return Error("not a valid layout file " + path + ": " + why);
    };
    if (bytes.size() < kHeader + 8 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw bad("wrong magic or too short");
    if (get<std::uint32_t>(bytes, 8) != kVersion) throw bad("unsupported version");
    if (get<std::uint32_t>(bytes, 12) != kColumns) throw bad("not 2 columns");
    const auto rows = get<std::int64_t>(bytes, 16);
    const auto keySize = get<std::uint32_t>(bytes, 24);
    if (rows < 0 || keySize > kMaxKey) throw bad("bad header");
    const std::uint64_t dataBytes = static_cast<std::uint64_t>(rows) * kColumns * sizeof(float);
    if (static_cast<std::uint64_t>(rows) > (std::uint64_t{1} << 40) ||
        bytes.size() != kHeader + keySize + dataBytes + 8)
        throw bad("its size does not match its header");
    const std::size_t hashAt = bytes.size() - 8;
    if (get<std::uint64_t>(bytes, hashAt) !=
        fnv1a(reinterpret_cast<const unsigned char*>(bytes.data()), hashAt))
        throw bad("checksum mismatch");
    LayoutFile f;
    f.key = bytes.substr(kHeader, keySize);
    f.layout.rows = rows;
    f.layout.cols = kColumns;
    f.layout.data.resize(static_cast<std::size_t>(rows * kColumns));
    std::memcpy(f.layout.data.data(), bytes.data() + kHeader + keySize, static_cast<std::size_t>(dataBytes));
    for (float v : f.layout.data)
        if (!std::isfinite(v)) throw bad("non-finite value");
    return f;
}

}  // namespace winnow::map
