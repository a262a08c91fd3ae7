// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "common/progress.h"
#include "select/knngraph.h"
#include "select/matrix.h"

namespace winnow::test {

/// The fixtures of tests/data/map (make_layouts.py).
inline const nlohmann::json& mapReference() {
    static const nlohmann::json ref = [] {
        std::ifstream in(WINNOW_TEST_DATA_DIR "/map/reference.json");
        return nlohmann::json::parse(in);
    }();
    return ref;
}

/// 300 x 10 float32, five Gaussian clusters; row i belongs to cluster i % 5.
inline const select::Matrix& mapMixture() {
    static const select::Matrix m = select::loadNpy(WINNOW_TEST_DATA_DIR "/map/mixture.npy");
    return m;
}

/// A kNN graph from the fixture's lists of ids and distances.
inline select::KnnGraph graphFromJson(const nlohmann::json& ids, const nlohmann::json& dist) {
    select::KnnGraph g;
    g.n = static_cast<std::int64_t>(ids.size());
    g.k = static_cast<int>(ids[0].size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (std::size_t j = 0; j < ids[i].size(); ++j) {
            g.ids.push_back(ids[i][j].get<std::int64_t>());
            g.dist.push_back(dist[i][j].get<float>());
        }
    return g;
}

/// n points in d dimensions around `centers` Gaussian centres (scale `separation`, unit noise); labels
/// receive the centre of each row (i % centers). Seeded, so identical on every run.
inline select::Matrix makeBlobs(std::int64_t n, int d, int centers, double separation, std::uint32_t seed,
                                std::vector<int>* labels = nullptr) {
    std::mt19937 rng(seed);
    // Uniform draws mapped by Box-Muller: std::normal_distribution differs between standard libraries.
    const auto normal = [&] {
        const double u = (rng() + 1.0) / 4294967297.0, v = rng() / 4294967296.0;
        return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
    };
    std::vector<double> c(static_cast<std::size_t>(centers * d));
    for (double& v : c) v = separation * normal();
    select::Matrix x;
    x.rows = n;
    x.cols = d;
    x.data.resize(static_cast<std::size_t>(n * d));
    if (labels) labels->assign(static_cast<std::size_t>(n), 0);
    for (std::int64_t i = 0; i < n; ++i) {
        const int label = static_cast<int>(i % centers);
        if (labels) (*labels)[static_cast<std::size_t>(i)] = label;
        for (int j = 0; j < d; ++j)
            x.data[static_cast<std::size_t>(i * d + j)] =
                static_cast<float>(c[static_cast<std::size_t>(label * d + j)] + normal());
    }
    return x;
}

/// Fraction of rows whose k nearest layout neighbours are all in the row's own cluster.
inline double pureNeighbourhoods(const select::Matrix& layout, const std::vector<int>& labels, int k) {
    std::int64_t pure = 0;
    for (std::int64_t i = 0; i < layout.rows; ++i) {
        std::vector<std::pair<double, std::int64_t>> d;
        for (std::int64_t j = 0; j < layout.rows; ++j) {
            if (j == i) continue;
            const double dx = layout.row(i)[0] - layout.row(j)[0], dy = layout.row(i)[1] - layout.row(j)[1];
            d.emplace_back(dx * dx + dy * dy, j);
        }
        std::partial_sort(d.begin(), d.begin() + k, d.end());
        bool ok = true;
        for (int t = 0; t < k; ++t)
            ok = ok && labels[static_cast<std::size_t>(d[static_cast<std::size_t>(t)].second)] ==
                           labels[static_cast<std::size_t>(i)];
        pure += ok;
    }
    return static_cast<double>(pure) / static_cast<double>(layout.rows);
}

/// Cancels after `reports` calls of report(); counts them.
class CancelAfter : public Progress {
public:
    explicit CancelAfter(int reports) : m_left(reports) {}
    bool isCanceled() const override { return m_left <= 0; }
    void report(std::int64_t, std::int64_t, std::string_view) override {
        --m_left;
        ++m_reports;
    }
    int reports() const { return m_reports; }

private:
    int m_left;
    int m_reports = 0;
};

}  // namespace winnow::test
