// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "map/sparse.h"

#include <algorithm>
#include <numeric>

namespace winnow::map::detail {

SparseRows symmetrize(const SparseRows& a, Union combine) {
    const std::int64_t n = a.n;
    const auto at = [](const std::vector<std::int64_t>& v, std::int64_t i) {
        return v[static_cast<std::size_t>(i)];
    };
    // The transpose by counting sort: its rows come out sorted by column because rows of A are visited in
    // order.
    std::vector<std::int64_t> tOffsets(static_cast<std::size_t>(n + 1), 0);
    for (std::int64_t c : a.cols) ++tOffsets[static_cast<std::size_t>(c + 1)];
    std::partial_sum(tOffsets.begin(), tOffsets.end(), tOffsets.begin());
    std::vector<std::int64_t> tCols(a.cols.size());
    std::vector<double> tValues(a.cols.size());
    {
        std::vector<std::int64_t> fill(tOffsets.begin(), tOffsets.end() - 1);
        for (std::int64_t i = 0; i < n; ++i)
            for (std::int64_t e = at(a.offsets, i); e < at(a.offsets, i + 1); ++e) {
                const auto slot = static_cast<std::size_t>(fill[static_cast<std::size_t>(at(a.cols, e))]++);
                tCols[slot] = i;
                tValues[slot] = a.values[static_cast<std::size_t>(e)];
            }
    }
    SparseRows s;
    s.n = n;
    s.offsets.assign(static_cast<std::size_t>(n + 1), 0);
    s.cols.reserve(a.cols.size() * 2);
    s.values.reserve(a.cols.size() * 2);
    std::vector<std::pair<std::int64_t, double>> row;
    for (std::int64_t i = 0; i < n; ++i) {
        row.clear();
        for (std::int64_t e = at(a.offsets, i); e < at(a.offsets, i + 1); ++e)
            row.emplace_back(at(a.cols, e), a.values[static_cast<std::size_t>(e)]);
        std::sort(row.begin(), row.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        std::size_t f = 0;
        std::int64_t t = at(tOffsets, i);
        const std::int64_t tEnd = at(tOffsets, i + 1);
        while (f < row.size() || t < tEnd) {
            std::int64_t col;
            double forward = 0, backward = 0;
            if (t >= tEnd || (f < row.size() && row[f].first < at(tCols, t))) {
                col = row[f].first;
                forward = row[f++].second;
            } else if (f >= row.size() || at(tCols, t) < row[f].first) {
                col = at(tCols, t);
                backward = tValues[static_cast<std::size_t>(t++)];
            } else {
                col = row[f].first;
                forward = row[f++].second;
                backward = tValues[static_cast<std::size_t>(t++)];
            }
            s.cols.push_back(col);
            s.values.push_back(combine == Union::Fuzzy ? forward + backward - forward * backward
                                                       : forward + backward);
        }
        s.offsets[static_cast<std::size_t>(i + 1)] = static_cast<std::int64_t>(s.cols.size());
    }
    return s;
}

}  // namespace winnow::map::detail
