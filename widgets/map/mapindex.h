// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The map's spatial index: a uniform grid over the placed points for hit tests and lasso and box
// selection. Plain C++, built once per layout (MapPoints::build), read-only afterwards.

#include <cstdint>
#include <vector>

#include "widgets/map/maptransform.h"
#include "widgets/map/uninitialized.h"

namespace winnow::widgets {

/// A uniform grid of about 8 points per cell (at most 4096 x 4096 cells) holding a copy of every point's
/// coordinates and row, grouped by cell. Selection returns rows in increasing order.
///
/// Thread affinity: build on any thread; afterwards every const function may run on any number of threads.
class MapIndex {
public:
    /// Indexes `count` points (x[i], y[i]) whose rows are rows[i] (< rowCount), all finite and inside
    /// `bounds`. O(count) time (a counting sort by cell), 12 bytes per point.
    void build(const float* x, const float* y, const std::uint32_t* rows, std::size_t count,
               const DataRect& bounds, std::size_t rowCount);

    std::size_t size() const { return m_rows.size(); }
    int columns() const { return m_nx; }
    int gridRows() const { return m_ny; }

    /// The row of the point nearest (x, y) within `radius` (Euclidean, data units), the lowest row among
    /// equally near ones; -1 when none. Cost: the points of the cells the disc overlaps.
    std::int64_t nearest(double x, double y, double radius) const;

    /// Rows of the points inside the closed rectangle, increasing. Cells wholly inside are taken without
    /// testing their points. Cost: O(cells of the rect + points in its border cells + result).
    std::vector<std::int64_t> inRect(const DataRect& rect) const;

    /// Rows of the points inside `polygon` (closed implicitly; even-odd rule, see polygonContains), in
    /// increasing order. Cells that no edge touches are classified by testing their run's first cell
    /// centre, so only points in cells crossed by an edge are tested one by one. Fewer than 3 vertices
    /// select nothing. Cost: O(vertices x grid rows spanned + cells of the polygon's box + points in
    /// crossed cells x vertices + result).
    std::vector<std::int64_t> inPolygon(const std::vector<MapPoint>& polygon) const;

    /// The point-in-polygon predicate used by inPolygon: the crossing number of a ray towards +x, counting
    /// edge (a, b) when (a.y > y) != (b.y > y) and x < a.x + (y - a.y) (b.x - a.x) / (b.y - a.y), in
    /// double precision; odd means inside. O(vertices).
    static bool polygonContains(const std::vector<MapPoint>& polygon, double x, double y);

private:
    struct CellRange {
        int x0, y0, x1, y1;  // inclusive
    };
    int cellX(double x) const;
    int cellY(double y) const;
    /// The cells that can hold points of rect, or an empty range (x0 > x1).
    CellRange cellsOf(const DataRect& rect) const;
    /// Data rectangle of cell (cx, cy).
    DataRect cellRect(int cx, int cy) const;
    std::vector<std::int64_t> finish(std::vector<std::uint32_t>& rows) const;

    double m_x0 = 0.0, m_y0 = 0.0;
    double m_cellW = 1.0, m_cellH = 1.0;
    int m_nx = 1, m_ny = 1;
    std::size_t m_rowCount = 0;
    std::vector<std::uint32_t> m_cellStart;  // m_nx * m_ny + 1 offsets, cells row-major (y, then x)
    detail::UninitVector<float> m_x, m_y;        // by cell
    detail::UninitVector<std::uint32_t> m_rows;  // by cell
};

}  // namespace winnow::widgets
