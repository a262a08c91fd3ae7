// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "select/hkmeans.h"
#include "select/kmeansfn.h"
#include "select/matrix.h"

namespace winnow::test {

/// The numpy/cvxopt reference fixtures of tests/data/select/reference3.json (make_reference3.py).
inline const nlohmann::json& selectReference3() {
    static const nlohmann::json ref = [] {
        std::ifstream in(WINNOW_TEST_DATA_DIR "/select/reference3.json");
        return nlohmann::json::parse(in);
    }();
    return ref;
}

/// tests/data/select/unit.npy: 400 x 16 L2-normalised float32 rows with planted near-duplicates.
inline const select::Matrix& selectUnit() {
    static const select::Matrix m = select::loadNpy(WINNOW_TEST_DATA_DIR "/select/unit.npy");
    return m;
}

/// A JSON list of rows (float32 values stored as float64: exact) as a Matrix.
inline select::Matrix matrixFromJson(const nlohmann::json& rows) {
    select::Matrix m;
    m.rows = static_cast<std::int64_t>(rows.size());
    m.cols = m.rows > 0 ? static_cast<int>(rows.at(0).size()) : 0;
    for (const auto& r : rows)
        for (const auto& v : r) m.data.push_back(static_cast<float>(v.get<double>()));
    return m;
}

/// The fixture script's deterministic Lloyd k-means (make_reference3.py lloyd): the first k rows as
/// centroids; `iters` rounds of nearest-centroid assignment (assignNearest) and centroid = row-order float64
/// sum / count stored as float32 (empty clusters keep theirs); the final assignment is to the returned
/// centroids. The seed is ignored.
inline select::ClusterResult testLloyd(const select::Matrix& x, int k, int iters) {
    select::ClusterResult r;
    r.centroids.rows = k;
    r.centroids.cols = x.cols;
    r.centroids.data.assign(x.data.begin(), x.data.begin() + static_cast<std::ptrdiff_t>(k) * x.cols);
    for (int it = 0; it < iters; ++it) {
        const auto a = select::assignNearest(x, r.centroids);
        std::vector<double> sum(static_cast<std::size_t>(k) * x.cols, 0.0);
        std::vector<std::int64_t> count(static_cast<std::size_t>(k), 0);
        for (std::int64_t i = 0; i < x.rows; ++i) {
            const auto c = static_cast<std::size_t>(a[static_cast<std::size_t>(i)]);
            ++count[c];
            for (int j = 0; j < x.cols; ++j) sum[c * x.cols + j] += x.row(i)[j];
        }
        for (std::size_t c = 0; c < count.size(); ++c)
            if (count[c] > 0)
                for (int j = 0; j < x.cols; ++j)
                    r.centroids.data[c * x.cols + j] =
                        static_cast<float>(sum[c * x.cols + j] / static_cast<double>(count[c]));
    }
    r.assignment = select::assignNearest(x, r.centroids);
    return r;
}

inline select::KMeansFn testKMeans(int iters) {
    return [iters](const select::Matrix& x, int k, std::uint64_t) { return testLloyd(x, k, iters); };
}

}  // namespace winnow::test
