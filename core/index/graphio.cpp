// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// k-NN graph cache files (format in knngraph.h).
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "common/error.h"
#include "index/binaryio.h"
#include "index/knngraph.h"

namespace winnow::index {
namespace {

constexpr char kMagic[8] = {'W', 'N', 'K', 'N', 'N', 'G', 'R', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint64_t kHeaderBytes = 8 + 4 + 4 + 8 + 4 + 8 + 8;

/// Writes and hashes at once.
struct HashingWriter {
    detail::BinaryWriter& w;
    std::uint64_t h = detail::kFnvOffset;
    void write(const void* p, std::size_t bytes) {
        w.write(p, bytes);
        h = detail::fnv1a(p, bytes, h);
    }
    template <class T>
    void put(T v) {
        write(&v, sizeof v);
    }
};

}  // namespace

void saveKnnGraph(const std::string& path, const select::KnnGraph& g, std::uint64_t tag) {
    if (g.n < 0 || g.k < 0 || g.ids.size() != static_cast<std::size_t>(g.n * g.k) ||
        g.dist.size() != g.ids.size())
        throw std::invalid_argument("saveKnnGraph: inconsistent graph");
    detail::BinaryWriter w(path);
    HashingWriter hw{w};
    hw.write(kMagic, sizeof kMagic);
    hw.put<std::uint32_t>(kVersion);
    hw.put<std::uint32_t>(g.exact ? 1u : 0u);
    hw.put<std::int64_t>(g.n);
    hw.put<std::int32_t>(g.k);
    hw.put<double>(g.recall);
    hw.put<std::uint64_t>(tag);
    hw.write(g.ids.data(), g.ids.size() * sizeof(std::int64_t));
    hw.write(g.dist.data(), g.dist.size() * sizeof(float));
    w.put<std::uint64_t>(hw.h);
    w.commit();
}

select::KnnGraph loadKnnGraph(const std::string& path, std::uint64_t* tag) {
    detail::BinaryReader r(path);
    std::uint64_t h = detail::kFnvOffset;
    auto read = [&](void* p, std::size_t bytes, const char* what) {
        r.read(p, bytes, what);
        h = detail::fnv1a(p, bytes, h);
    };
    char magic[8];
    read(magic, sizeof magic, "magic");
    if (std::memcmp(magic, kMagic, sizeof magic) != 0) r.fail("not a Winnow k-NN graph file");
    std::uint32_t version = 0, flags = 0;
    read(&version, sizeof version, "version");
    if (version != kVersion)
        r.fail("k-NN graph format version " + std::to_string(version) + " is not supported (expected " +
               std::to_string(kVersion) + ")");
    read(&flags, sizeof flags, "flags");
    select::KnnGraph g;
    std::int32_t k = 0;
    std::uint64_t storedTag = 0;
    read(&g.n, sizeof g.n, "n");
    read(&k, sizeof k, "k");
    read(&g.recall, sizeof g.recall, "recall");
    read(&storedTag, sizeof storedTag, "tag");
    g.k = k;
    if (flags > 1 || g.n < 0 || g.k < 0 || !(g.recall >= 0 && g.recall <= 1)) r.fail("corrupt header");
    g.exact = (flags & 1u) != 0;
    const std::uint64_t entries = static_cast<std::uint64_t>(g.n) * static_cast<std::uint64_t>(g.k);
    if (g.k > 0 && entries / static_cast<std::uint64_t>(g.k) != static_cast<std::uint64_t>(g.n))
        r.fail("corrupt header (sizes)");
    const std::uint64_t expected = kHeaderBytes + entries * 12 + 8;
    if (entries > (std::uint64_t(1) << 40) || r.size() != expected)
        r.fail("file size " + std::to_string(r.size()) + " does not match n = " + std::to_string(g.n) +
               ", k = " + std::to_string(g.k) + " (expected " + std::to_string(expected) +
               " bytes): truncated or corrupt");
    g.ids.resize(static_cast<std::size_t>(entries));
    g.dist.resize(static_cast<std::size_t>(entries));
    read(g.ids.data(), g.ids.size() * sizeof(std::int64_t), "neighbour ids");
    read(g.dist.data(), g.dist.size() * sizeof(float), "distances");
    const auto checksum = r.get<std::uint64_t>("checksum");
    if (checksum != h) r.fail("checksum mismatch: the file is corrupt");
    for (std::int64_t i = 0; i < g.n; ++i) {
        float prev = 0;
        for (int t = 0; t < g.k; ++t) {
            const std::int64_t j = g.ids[static_cast<std::size_t>(i * g.k + t)];
            const float dist = g.dist[static_cast<std::size_t>(i * g.k + t)];
            if (j < 0 || j >= g.n || j == i)
                r.fail("invalid neighbour " + std::to_string(j) + " of row " + std::to_string(i));
            if (!std::isfinite(dist) || dist < prev)
                r.fail("invalid distances in row " + std::to_string(i) +
                       " (negative, not finite or not increasing)");
            prev = dist;
        }
    }
    if (tag) *tag = storedTag;
    return g;
}

std::uint64_t fingerprint(const select::Matrix& X) {
    std::uint64_t h = detail::kFnvOffset;
    const std::int64_t rows = X.rows;
    const std::int64_t cols = X.cols;
    h = detail::fnv1a(&rows, sizeof rows, h);
    h = detail::fnv1a(&cols, sizeof cols, h);
    return detail::fnv1a(X.data.data(), X.data.size() * sizeof(float), h);
}

}  // namespace winnow::index
