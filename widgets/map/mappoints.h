// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One point set of the map prepared for drawing (sorted by y, so that the rasteriser's threads own
// disjoint image rows) and for hit testing (a MapIndex). Plain C++.

#include <cstdint>
#include <memory>
#include <vector>

#include "widgets/map/mapindex.h"
#include "widgets/map/maptransform.h"
#include "widgets/map/uninitialized.h"

namespace winnow::widgets {

/// Immutable once built; share it as std::shared_ptr<const MapPoints>. "Row" is the index into the
/// coordinate arrays given to build(); "order" is the position in the drawing order (increasing y, ties
/// by row). Rows with a non-finite coordinate are not placed: not drawn, never hit or selected.
///
/// Thread affinity: build on any thread (it is the layout work MapView does on a worker); afterwards any
/// number of threads may read it.
class MapPoints {
public:
    static constexpr std::uint32_t kNotPlaced = 0xffffffffu;

    /// Sorts the points by y (two stable 16-bit radix passes) and builds the grid index. O(N) time,
    /// about 32 bytes per point. Throws std::invalid_argument when the sizes differ or there are
    /// 2^32 - 1 rows or more.
    static std::shared_ptr<const MapPoints> build(const std::vector<float>& x, const std::vector<float>& y);

    /// Rows given to build(), placed or not.
    std::size_t rowCount() const { return m_orderOfRow.size(); }
    /// Points placed (finite coordinates).
    std::size_t size() const { return m_rows.size(); }
    /// Coordinates in drawing order (y non-decreasing), size() each.
    const float* xs() const { return m_x.data(); }
    const float* ys() const { return m_y.data(); }
    /// The row of each point in drawing order.
    const std::uint32_t* rows() const { return m_rows.data(); }
    /// The drawing-order position of `row`, or kNotPlaced (also for rows out of range).
    std::uint32_t orderOf(std::int64_t row) const {
        return row >= 0 && static_cast<std::size_t>(row) < m_orderOfRow.size() ? m_orderOfRow[row] : kNotPlaced;
    }
    /// The smallest rectangle holding every placed point (empty when none).
    const DataRect& bounds() const { return m_bounds; }
    const MapIndex& index() const { return m_index; }

    /// values (one per row, rowCount()) rearranged into drawing order. O(N).
    template <class T>
    std::vector<T> gather(const std::vector<T>& values) const {
        std::vector<T> out(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i) out[i] = values[m_rows[i]];
        return out;
    }

private:
    detail::UninitVector<float> m_x, m_y;
    detail::UninitVector<std::uint32_t> m_rows;
    detail::UninitVector<std::uint32_t> m_orderOfRow;
    DataRect m_bounds;
    MapIndex m_index;
};

}  // namespace winnow::widgets
