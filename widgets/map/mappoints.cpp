// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mappoints.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace winnow::widgets {

namespace {

/// An unsigned key whose order is the float order (negative values flipped entirely, positive ones get
/// the sign bit).
std::uint32_t sortableKey(float v) {
    std::uint32_t u;
    std::memcpy(&u, &v, sizeof u);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

/// One stable counting-sort pass of (key, value) pairs by the 16-bit digit at `shift`.
using Words = detail::UninitVector<std::uint32_t>;

void radixPass(const Words& keys, const Words& values, Words& outKeys, Words& outValues, int shift) {
    std::vector<std::uint32_t> start(65537, 0);
    for (std::uint32_t k : keys) ++start[((k >> shift) & 0xffffu) + 1];
    for (std::size_t d = 0; d < 65536; ++d) start[d + 1] += start[d];
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::uint32_t at = start[(keys[i] >> shift) & 0xffffu]++;
        outKeys[at] = keys[i];
        outValues[at] = values[i];
    }
}

}  // namespace

std::shared_ptr<const MapPoints> MapPoints::build(const std::vector<float>& x, const std::vector<float>& y) {
    if (x.size() != y.size()) throw std::invalid_argument("map points: x and y differ in length");
    if (x.size() >= kNotPlaced) throw std::invalid_argument("map points: too many points");
    auto points = std::make_shared<MapPoints>();
    const std::size_t rowCount = x.size();

    Words keys(rowCount), rows(rowCount);
    std::size_t n = 0;
    DataRect bounds;
    bool any = false;
    for (std::size_t r = 0; r < rowCount; ++r) {
        if (!std::isfinite(x[r]) || !std::isfinite(y[r])) continue;
        keys[n] = sortableKey(y[r]);
        rows[n] = static_cast<std::uint32_t>(r);
        ++n;
        if (!any) {
            bounds = {x[r], y[r], x[r], y[r]};
            any = true;
        } else {
            bounds.xMin = std::min<double>(bounds.xMin, x[r]);
            bounds.xMax = std::max<double>(bounds.xMax, x[r]);
            bounds.yMin = std::min<double>(bounds.yMin, y[r]);
            bounds.yMax = std::max<double>(bounds.yMax, y[r]);
        }
    }
    keys.resize(n);
    rows.resize(n);
    Words keys2(n), rows2(n);
    radixPass(keys, rows, keys2, rows2, 0);
    radixPass(keys2, rows2, keys, rows, 16);

    points->m_rows = std::move(rows);
    points->m_x.resize(n);
    points->m_y.resize(n);
    points->m_orderOfRow.assign(rowCount, kNotPlaced);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t r = points->m_rows[i];
        points->m_x[i] = x[r];
        points->m_y[i] = y[r];
        points->m_orderOfRow[r] = static_cast<std::uint32_t>(i);
    }
    points->m_bounds = bounds;
    points->m_index.build(points->m_x.data(), points->m_y.data(), points->m_rows.data(), n, bounds, rowCount);
    return points;
}

}  // namespace winnow::widgets
