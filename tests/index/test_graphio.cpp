// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "common/error.h"
#include "fixtures.h"
#include "index/knngraph.h"
#include "tempdir.h"

using winnow::index::loadKnnGraph;
using winnow::index::saveKnnGraph;
using winnow::select::KnnGraph;

namespace {

KnnGraph smallGraph() {
    const auto X = winnow::test::mixture(500, 6, 4, 21);
    return winnow::index::knnGraph(X, 7);
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void expectError(const std::string& path, const std::string& fragment) {
    try {
        loadKnnGraph(path);
        ADD_FAILURE() << "no error for " << path;
    } catch (const winnow::Error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(path), std::string::npos) << what;
        EXPECT_NE(what.find(fragment), std::string::npos) << what;
    }
}

}  // namespace

TEST(IndexGraphIo, RoundTrip) {
    winnow::test::TempDir dir;
    KnnGraph g = smallGraph();
    g.exact = false;
    g.recall = 0.93;
    const std::string path = dir.file("g.knn");
    saveKnnGraph(path, g, 0x1234abcdULL);
    std::uint64_t tag = 0;
    const KnnGraph back = loadKnnGraph(path, &tag);
    EXPECT_EQ(tag, 0x1234abcdULL);
    EXPECT_EQ(back.n, g.n);
    EXPECT_EQ(back.k, g.k);
    EXPECT_EQ(back.exact, false);
    EXPECT_EQ(back.recall, 0.93);
    EXPECT_EQ(back.ids, g.ids);
    EXPECT_EQ(back.dist, g.dist);
    EXPECT_EQ(readAll(path).size(), 44 + g.ids.size() * 12 + 8);

    KnnGraph empty;
    saveKnnGraph(dir.file("empty.knn"), empty);
    EXPECT_EQ(loadKnnGraph(dir.file("empty.knn")).n, 0);
}

TEST(IndexGraphIo, CorruptFilesGiveErrorsForPeople) {
    winnow::test::TempDir dir;
    const KnnGraph g = smallGraph();
    const std::string good = dir.file("good.knn");
    saveKnnGraph(good, g);
    const std::string bytes = readAll(good);
    auto variant = [&](const std::string& name, const std::string& content) {
        const std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << content;
        return path;
    };
    expectError(dir.file("missing.knn"), "cannot open");
    expectError(variant("short.knn", bytes.substr(0, 10)), "truncated");
    expectError(variant("half.knn", bytes.substr(0, bytes.size() / 2)), "does not match");
    expectError(variant("long.knn", bytes + "abc"), "does not match");
    std::string magic = bytes;
    magic[3] = 'x';
    expectError(variant("magic.knn", magic), "not a Winnow k-NN graph");
    std::string version = bytes;
    version[8] = 2;
    expectError(variant("version.knn", version), "version 2");
    std::string flipped = bytes;
    flipped[bytes.size() - 20] ^= 0x40;  // inside the distances
    expectError(variant("flipped.knn", flipped), "checksum");

    // A well-formed file whose content breaks the graph's contract.
    KnnGraph self = g;
    self.ids[3 * self.k] = 3;
    saveKnnGraph(dir.file("self.knn"), self);
    expectError(dir.file("self.knn"), "invalid neighbour 3 of row 3");
    KnnGraph order = g;
    std::swap(order.dist[0], order.dist[order.k - 1]);
    saveKnnGraph(dir.file("order.knn"), order);
    expectError(dir.file("order.knn"), "not increasing");

    KnnGraph inconsistent = g;
    inconsistent.ids.pop_back();
    EXPECT_THROW(saveKnnGraph(dir.file("x.knn"), inconsistent), std::invalid_argument);
}

TEST(IndexGraphIo, FingerprintFollowsContent) {
    auto X = winnow::test::mixture(100, 4, 2, 1);
    const auto a = winnow::index::fingerprint(X);
    EXPECT_EQ(a, winnow::index::fingerprint(X));
    X.data[17] += 1e-6f;
    EXPECT_NE(a, winnow::index::fingerprint(X));
}
