// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

#include "common/error.h"
#include "fixtures.h"
#include "index/vectorindex.h"
#include "tempdir.h"

using winnow::index::IndexParams;
using winnow::index::Metric;
using winnow::index::SearchResult;
using winnow::index::VectorIndex;
using winnow::select::Matrix;

namespace {

Matrix rows(const Matrix& X, std::int64_t begin, std::int64_t end) {
    Matrix q;
    q.rows = end - begin;
    q.cols = X.cols;
    q.data.assign(X.row(begin), X.row(end));
    return q;
}

double score(const Matrix& X, std::int64_t i, const Matrix& Q, std::int64_t q, Metric metric) {
    double s = 0;
    for (int t = 0; t < X.cols; ++t) {
        const double a = X.row(i)[t], b = Q.row(q)[t];
        s += metric == Metric::L2 ? (a - b) * (a - b) : a * b;
    }
    return metric == Metric::L2 ? std::sqrt(s) : s;
}

/// float64 brute force: the k best rows of X for each query, (score, id) order.
SearchResult bruteForce(const Matrix& X, const Matrix& Q, int k, Metric metric) {
    SearchResult r;
    r.queries = Q.rows;
    r.k = k;
    for (std::int64_t q = 0; q < Q.rows; ++q) {
        std::vector<std::pair<double, std::int64_t>> all;
        for (std::int64_t i = 0; i < X.rows; ++i) {
            const double s = score(X, i, Q, q, metric);
            all.emplace_back(metric == Metric::L2 ? s : -s, i);
        }
        std::partial_sort(all.begin(), all.begin() + k, all.end());
        for (int t = 0; t < k; ++t) {
            r.ids.push_back(all[static_cast<std::size_t>(t)].second);
            const double s = all[static_cast<std::size_t>(t)].first;
            r.distances.push_back(static_cast<float>(metric == Metric::L2 ? s : -s));
        }
    }
    return r;
}

/// Fraction of results no worse than the exact k-th (ties count as found).
double recall(const SearchResult& got, const SearchResult& truth, Metric metric) {
    double found = 0;
    for (std::int64_t q = 0; q < got.queries; ++q) {
        const float kth = truth.distances[static_cast<std::size_t>(q * truth.k + truth.k - 1)];
        const std::unordered_set<std::int64_t> set(truth.ids.begin() + q * truth.k,
                                                   truth.ids.begin() + (q + 1) * truth.k);
        for (int t = 0; t < got.k; ++t) {
            const auto at = static_cast<std::size_t>(q * got.k + t);
            const float v = got.distances[at];
            if (set.count(got.ids[at]) || (metric == Metric::L2 ? v <= kth + 1e-5f : v >= kth - 1e-5f))
                ++found;
        }
    }
    return found / static_cast<double>(got.queries * got.k);
}

void expectSameResults(const SearchResult& a, const SearchResult& b) {
    EXPECT_EQ(a.queries, b.queries);
    EXPECT_EQ(a.k, b.k);
    EXPECT_EQ(a.ids, b.ids);
    EXPECT_EQ(a.distances, b.distances);
}

}  // namespace

TEST(IndexVectorIndex, ExactSearchMatchesBruteForce) {
    const Matrix X = winnow::test::indexPoints("knn_points.npy");
    for (Metric metric : {Metric::L2, Metric::InnerProduct}) {
        IndexParams p;
        p.metric = metric;
        const VectorIndex index = VectorIndex::build(X, p);
        EXPECT_TRUE(index.info().exact);
        EXPECT_EQ(index.info().type, "Flat");
        EXPECT_EQ(index.size(), X.rows);
        const Matrix Q = rows(X, 20, 80);
        const SearchResult got = index.search(Q, 8);
        const SearchResult want = bruteForce(X, Q, 8, metric);
        ASSERT_EQ(got.ids.size(), want.ids.size());
        for (std::size_t t = 0; t < got.ids.size(); ++t) {
            EXPECT_NEAR(got.distances[t], want.distances[t],
                        1e-6 * std::max(1.0f, std::abs(want.distances[t])));
            if (t % 8 == 0 && metric == Metric::L2) {
                EXPECT_EQ(got.ids[t], 20 + static_cast<std::int64_t>(t / 8));
            }
        }
        EXPECT_EQ(recall(got, want, metric), 1.0);
    }
    // Row 300 has three exact copies (1997-1999): all four come first, at exactly 0, by id.
    const VectorIndex index = VectorIndex::build(X, {});
    const SearchResult dup = index.search(rows(X, 300, 301), 5);
    EXPECT_EQ(std::vector<std::int64_t>(dup.ids.begin(), dup.ids.begin() + 4),
              (std::vector<std::int64_t>{300, 1997, 1998, 1999}));
    EXPECT_EQ(std::vector<float>(dup.distances.begin(), dup.distances.begin() + 4),
              std::vector<float>(4, 0.0f));
    EXPECT_GT(dup.distances[4], 0.0f);
}

TEST(IndexVectorIndex, IvfTunesNprobeToTheTargetRecall) {
    const Matrix X = winnow::test::mixture(20000, 16, 40, 5);
    IndexParams p;
    p.exactBelow = 0;
    p.targetRecall = 0.9;
    const VectorIndex index = VectorIndex::build(X, p);
    const auto& info = index.info();
    ASSERT_FALSE(info.exact) << info.reason;
    EXPECT_EQ(info.nlist, 141);  // round(sqrt(20000))
    EXPECT_EQ(info.type, "IVF141,Flat");
    EXPECT_EQ(info.trainRows, 64 * 141);
    EXPECT_GE(info.nprobe, 1);
    EXPECT_LE(info.nprobe, 141 / 4);
    EXPECT_GE(info.recall, 0.9);
    EXPECT_EQ(info.recallK, 10);
    EXPECT_EQ(info.recallQueries, 1000);

    const Matrix Q = rows(X, 0, 300);
    const SearchResult got = index.search(Q, 11);
    const SearchResult want = bruteForce(X, Q, 11, Metric::L2);
    EXPECT_GE(recall(got, want, Metric::L2), 0.88);
    for (std::int64_t q = 0; q < Q.rows; ++q)
        for (int t = 1; t < got.k; ++t)
            EXPECT_LE(got.distances[static_cast<std::size_t>(q * got.k + t - 1)],
                      got.distances[static_cast<std::size_t>(q * got.k + t)]);
}

TEST(IndexVectorIndex, IvfInnerProduct) {
    const Matrix X = winnow::test::mixture(12000, 24, 30, 6, true);
    IndexParams p;
    p.metric = Metric::InnerProduct;
    p.exactBelow = 0;
    p.targetRecall = 0.9;
    const VectorIndex index = VectorIndex::build(X, p);
    ASSERT_FALSE(index.info().exact) << index.info().reason;
    const Matrix Q = rows(X, 100, 300);
    const SearchResult got = index.search(Q, 10);
    const SearchResult want = bruteForce(X, Q, 10, Metric::InnerProduct);
    EXPECT_GE(recall(got, want, Metric::InnerProduct), 0.88);
    EXPECT_NEAR(got.distances[0], 1.0f, 1e-5f);  // the query itself, unit norm
}

TEST(IndexVectorIndex, FallsBackToExactWhenIvfWouldScanTooMuch) {
    const Matrix X = winnow::test::mixture(3000, 32, 1, 8);  // one isotropic blob: IVF cannot help
    IndexParams p;
    p.exactBelow = 0;
    p.targetRecall = 0.99;
    p.maxScanFraction = 0.05;
    const VectorIndex index = VectorIndex::build(X, p);
    EXPECT_TRUE(index.info().exact);
    EXPECT_EQ(index.info().type, "Flat");
    EXPECT_NE(index.info().reason.find("exact search is cheaper"), std::string::npos) << index.info().reason;
}

TEST(IndexVectorIndex, SaveLoadRoundTrip) {
    winnow::test::TempDir dir;
    const Matrix X = winnow::test::mixture(8000, 16, 20, 9);
    const Matrix Q = rows(X, 0, 100);
    for (bool exact : {true, false}) {
        IndexParams p;
        p.exact = exact;
        p.exactBelow = 0;
        p.maxScanFraction = 1;
        const VectorIndex index = VectorIndex::build(X, p);
        ASSERT_EQ(index.info().exact, exact);
        const std::string path = dir.file(exact ? "flat.wnidx" : "ivf.wnidx");
        index.save(path);
        const VectorIndex loaded = VectorIndex::load(path);
        const auto &a = index.info(), &b = loaded.info();
        EXPECT_EQ(a.type, b.type);
        EXPECT_EQ(a.reason, b.reason);
        EXPECT_EQ(a.exact, b.exact);
        EXPECT_EQ(a.rows, b.rows);
        EXPECT_EQ(a.dim, b.dim);
        EXPECT_EQ(a.nlist, b.nlist);
        EXPECT_EQ(a.nprobe, b.nprobe);
        EXPECT_EQ(a.trainRows, b.trainRows);
        EXPECT_EQ(a.recall, b.recall);
        EXPECT_EQ(a.seed, b.seed);
        expectSameResults(index.search(Q, 7), loaded.search(Q, 7));
    }
}

TEST(IndexVectorIndex, CorruptFilesGiveErrorsForPeople) {
    winnow::test::TempDir dir;
    const Matrix X = winnow::test::mixture(3000, 8, 10, 10);
    IndexParams p;
    p.exactBelow = 0;
    p.maxScanFraction = 1;
    const std::string good = dir.file("good.wnidx");
    VectorIndex::build(X, p).save(good);
    std::string bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto writeVariant = [&](const std::string& name, const std::string& content) {
        const std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << content;
        return path;
    };
    auto expectError = [](const std::string& path, const std::string& fragment) {
        try {
            VectorIndex::load(path);
            ADD_FAILURE() << "no error for " << path;
        } catch (const winnow::Error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(path), std::string::npos) << what;
            EXPECT_NE(what.find(fragment), std::string::npos) << what;
        }
    };
    expectError(dir.file("missing.wnidx"), "cannot open");
    expectError(writeVariant("half.wnidx", bytes.substr(0, bytes.size() / 2)), "truncated or corrupt");
    expectError(writeVariant("header.wnidx", bytes.substr(0, 20)), "truncated");
    std::string magic = bytes;
    magic[0] = 'X';
    expectError(writeVariant("magic.wnidx", magic), "not a Winnow vector index");
    std::string version = bytes;
    version[8] = 9;
    expectError(writeVariant("version.wnidx", version), "version 9");
    expectError(writeVariant("trailing.wnidx", bytes + "x"), "end marker");
    // The FAISS part starts right after the header strings: break its four-character type code.
    const std::size_t faissStart = bytes.find("IwFl");
    ASSERT_NE(faissStart, std::string::npos);
    std::string fourcc = bytes;
    fourcc[faissStart] = '?';
    expectError(writeVariant("fourcc.wnidx", fourcc), "FAISS");
}

TEST(IndexVectorIndex, CancelAndBadInput) {
    const Matrix X = winnow::test::mixture(3000, 8, 10, 12);
    IndexParams p;
    p.exactBelow = 0;
    winnow::test::CancelAfter cancel(3);
    EXPECT_THROW(VectorIndex::build(X, p, cancel), winnow::Canceled);
    p.targetRecall = 1.5;
    EXPECT_THROW(VectorIndex::build(X, p), std::invalid_argument);
    const VectorIndex index = VectorIndex::build(X, {});
    EXPECT_THROW(index.search(winnow::test::mixture(3, 9, 1, 1), 3), std::invalid_argument);
    EXPECT_THROW(index.search(rows(X, 0, 3), 0), std::invalid_argument);
    EXPECT_EQ(index.search(rows(X, 0, 3), 5000).k, 3000);  // k clamped to the indexed rows
    winnow::test::CancelAfter searchCancel(0);
    EXPECT_THROW(index.search(rows(X, 0, 3), 3, searchCancel), winnow::Canceled);
    Matrix bad = X;
    bad.data[0] = INFINITY;
    EXPECT_THROW(VectorIndex::build(bad, {}), winnow::Error);
}
