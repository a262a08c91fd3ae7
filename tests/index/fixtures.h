// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "common/progress.h"
#include "select/matrix.h"

namespace winnow::test {

/// A JSON fixture of tests/data/index.
inline nlohmann::json indexFixture(const std::string& name) {
    std::ifstream in(std::string(WINNOW_TEST_DATA_DIR "/index/") + name);
    return nlohmann::json::parse(in);
}

inline select::Matrix indexPoints(const std::string& name) {
    return select::loadNpy(std::string(WINNOW_TEST_DATA_DIR "/index/") + name);
}

/// Seeded Gaussian mixture (centres of scale 3, unit noise), optionally L2-normalised; generated here so that
/// larger sets need no fixture files.
inline select::Matrix mixture(std::int64_t n, int d, int centres, std::uint64_t seed,
                              bool normalise = false) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal;
    std::vector<float> c(static_cast<std::size_t>(centres) * d);
    for (float& v : c) v = 3 * normal(rng);
    select::Matrix X;
    X.rows = n;
    X.cols = d;
    X.data.resize(static_cast<std::size_t>(n) * d);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto j = static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(centres));
        for (int t = 0; t < d; ++t) X.data[static_cast<std::size_t>(i) * d + t] = c[j * d + t] + normal(rng);
    }
    if (normalise) select::normalizeRows(X);
    return X;
}

/// Cancels itself at the n-th isCanceled() poll (0 = the first).
class CancelAfter : public Progress {
public:
    explicit CancelAfter(int polls) : m_left(polls) {}
    bool isCanceled() const override { return m_left-- <= 0; }
    void report(std::int64_t, std::int64_t, std::string_view) override {}

private:
    mutable int m_left;
};

}  // namespace winnow::test
