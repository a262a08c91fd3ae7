// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mapindex.h"

#include <algorithm>
#include <cmath>

namespace winnow::widgets {

namespace {
constexpr int kMaxCellsPerSide = 4096;
constexpr double kPointsPerCell = 8.0;
/// Cells are widened by this fraction of their size when deciding whether an edge touches them, far
/// more than the rounding of cellX/cellY, so a cell taken whole never holds a point on the other side.
constexpr double kMargin = 1e-6;
}  // namespace

void MapIndex::build(const float* x, const float* y, const std::uint32_t* rows, std::size_t count,
                     const DataRect& bounds, std::size_t rowCount) {
    m_rowCount = rowCount;
    const double w = bounds.isEmpty() ? 1.0 : std::max(bounds.width(), 0.0);
    const double h = bounds.isEmpty() ? 1.0 : std::max(bounds.height(), 0.0);
    m_x0 = bounds.isEmpty() ? 0.0 : bounds.xMin;
    m_y0 = bounds.isEmpty() ? 0.0 : bounds.yMin;
    const double cells = std::max(1.0, static_cast<double>(count) / kPointsPerCell);
    const double aspect = (w > 0.0 && h > 0.0) ? w / h : 1.0;
    int nx = static_cast<int>(std::lround(std::sqrt(cells * aspect)));
    nx = std::clamp(nx, 1, kMaxCellsPerSide);
    int ny = static_cast<int>(std::lround(cells / nx));
    ny = std::clamp(ny, 1, kMaxCellsPerSide);
    if (w <= 0.0) nx = 1;
    if (h <= 0.0) ny = 1;
    m_nx = nx;
    m_ny = ny;
    m_cellW = w > 0.0 ? w / nx : 1.0;
    m_cellH = h > 0.0 ? h / ny : 1.0;

    const std::size_t cellCount = static_cast<std::size_t>(nx) * ny;
    detail::UninitVector<std::uint32_t> cellOf(count);
    m_cellStart.assign(cellCount + 1, 0);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t c = static_cast<std::uint32_t>(cellY(y[i])) * nx + cellX(x[i]);
        cellOf[i] = c;
        ++m_cellStart[c + 1];
    }
    for (std::size_t c = 0; c < cellCount; ++c) m_cellStart[c + 1] += m_cellStart[c];
    std::vector<std::uint32_t> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    m_x.resize(count);
    m_y.resize(count);
    m_rows.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint32_t at = fill[cellOf[i]]++;
        m_x[at] = x[i];
        m_y[at] = y[i];
        m_rows[at] = rows[i];
    }
}

int MapIndex::cellX(double x) const {
    const double c = std::floor((x - m_x0) / m_cellW);
    return c <= 0.0 ? 0 : c >= m_nx - 1 ? m_nx - 1 : static_cast<int>(c);
}

int MapIndex::cellY(double y) const {
    const double c = std::floor((y - m_y0) / m_cellH);
    return c <= 0.0 ? 0 : c >= m_ny - 1 ? m_ny - 1 : static_cast<int>(c);
}

MapIndex::CellRange MapIndex::cellsOf(const DataRect& rect) const {
    if (m_rows.empty() || rect.isEmpty()) return {1, 1, 0, 0};
    return {cellX(rect.xMin), cellY(rect.yMin), cellX(rect.xMax), cellY(rect.yMax)};
}

DataRect MapIndex::cellRect(int cx, int cy) const {
    return {m_x0 + cx * m_cellW, m_y0 + cy * m_cellH, m_x0 + (cx + 1) * m_cellW, m_y0 + (cy + 1) * m_cellH};
}

std::int64_t MapIndex::nearest(double x, double y, double radius) const {
    if (m_rows.empty() || !(radius >= 0.0) || !std::isfinite(x) || !std::isfinite(y)) return -1;
    const CellRange r = cellsOf({x - radius, y - radius, x + radius, y + radius});
    double best = radius * radius;
    std::int64_t bestRow = -1;
    for (int cy = r.y0; cy <= r.y1; ++cy) {
        for (int cx = r.x0; cx <= r.x1; ++cx) {
            const std::size_t c = static_cast<std::size_t>(cy) * m_nx + cx;
            for (std::uint32_t i = m_cellStart[c]; i < m_cellStart[c + 1]; ++i) {
                const double dx = m_x[i] - x, dy = m_y[i] - y;
                const double d = dx * dx + dy * dy;
                if (d < best || (d == best && (bestRow < 0 || m_rows[i] < bestRow))) {
                    best = d;
                    bestRow = m_rows[i];
                }
            }
        }
    }
    return bestRow;
}

std::vector<std::int64_t> MapIndex::finish(std::vector<std::uint32_t>& rows) const {
    std::vector<std::int64_t> out;
    out.reserve(rows.size());
    // Sorting costs k log k, marking and scanning costs rowCount: take the cheaper.
    const double k = static_cast<double>(rows.size());
    if (k * std::log2(k + 2.0) < static_cast<double>(m_rowCount)) {
        std::sort(rows.begin(), rows.end());
        out.assign(rows.begin(), rows.end());
    } else {
        std::vector<std::uint8_t> marks(m_rowCount, 0);
        for (std::uint32_t r : rows) marks[r] = 1;
        for (std::size_t r = 0; r < m_rowCount; ++r)
            if (marks[r]) out.push_back(static_cast<std::int64_t>(r));
    }
    return out;
}

std::vector<std::int64_t> MapIndex::inRect(const DataRect& rect) const {
    std::vector<std::uint32_t> rows;
    const CellRange r = cellsOf(rect);
    for (int cy = r.y0; cy <= r.y1; ++cy) {
        for (int cx = r.x0; cx <= r.x1; ++cx) {
            const std::size_t c = static_cast<std::size_t>(cy) * m_nx + cx;
            const std::uint32_t begin = m_cellStart[c], end = m_cellStart[c + 1];
            if (begin == end) continue;
            const DataRect cell = cellRect(cx, cy);
            const double mx = kMargin * m_cellW, my = kMargin * m_cellH;
            // Edge cells of the grid hold clamped points from beyond their nominal rectangle.
            const bool inner = cx > 0 && cy > 0 && cx < m_nx - 1 && cy < m_ny - 1;
            if (inner && cell.xMin - mx >= rect.xMin && cell.xMax + mx <= rect.xMax &&
                cell.yMin - my >= rect.yMin && cell.yMax + my <= rect.yMax) {
                rows.insert(rows.end(), m_rows.begin() + begin, m_rows.begin() + end);
                continue;
            }
            for (std::uint32_t i = begin; i < end; ++i) {
                const double x = m_x[i], y = m_y[i];
                if (x >= rect.xMin && x <= rect.xMax && y >= rect.yMin && y <= rect.yMax) rows.push_back(m_rows[i]);
            }
        }
    }
    return finish(rows);
}

bool MapIndex::polygonContains(const std::vector<MapPoint>& polygon, double x, double y) {
    bool inside = false;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const MapPoint& a = polygon[i];
        const MapPoint& b = polygon[j];
        if ((a.y > y) != (b.y > y)) {
            const double xCross = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (x < xCross) inside = !inside;
        }
    }
    return inside;
}

std::vector<std::int64_t> MapIndex::inPolygon(const std::vector<MapPoint>& polygon) const {
    std::vector<std::uint32_t> rows;
    if (polygon.size() < 3 || m_rows.empty()) return {};
    DataRect box{polygon[0].x, polygon[0].y, polygon[0].x, polygon[0].y};
    for (const MapPoint& p : polygon) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) return {};
        box.xMin = std::min(box.xMin, p.x);
        box.xMax = std::max(box.xMax, p.x);
        box.yMin = std::min(box.yMin, p.y);
        box.yMax = std::max(box.yMax, p.y);
    }
    const CellRange r = cellsOf(box);
    const int cols = r.x1 - r.x0 + 1, lines = r.y1 - r.y0 + 1;
    // Cells an edge touches (with a margin): their points are tested one by one. Grid border cells
    // hold clamped points from outside their rectangle, so they are always tested.
    std::vector<std::uint8_t> crossed(static_cast<std::size_t>(cols) * lines, 0);
    auto mark = [&](int cx, int cy) { crossed[static_cast<std::size_t>(cy - r.y0) * cols + (cx - r.x0)] = 1; };
    for (int cy = r.y0; cy <= r.y1; ++cy) {
        if (r.x0 == 0 || r.x1 == m_nx - 1 || cy == 0 || cy == m_ny - 1) {
            for (int cx = r.x0; cx <= r.x1; ++cx)
                if (cx == 0 || cx == m_nx - 1 || cy == 0 || cy == m_ny - 1) mark(cx, cy);
        }
    }
    const double mx = kMargin * m_cellW, my = kMargin * m_cellH;
    const std::size_t n = polygon.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const MapPoint& a = polygon[j];
        const MapPoint& b = polygon[i];
        const double yLo = std::min(a.y, b.y), yHi = std::max(a.y, b.y);
        const int rowLo = std::max(r.y0, cellY(yLo - my)), rowHi = std::min(r.y1, cellY(yHi + my));
        for (int cy = rowLo; cy <= rowHi; ++cy) {
            // The part of the edge within this grid row (widened by the margin), as an x interval.
            const double bandLo = std::max(yLo, m_y0 + cy * m_cellH - my);
            const double bandHi = std::min(yHi, m_y0 + (cy + 1) * m_cellH + my);
            double xa, xb;
            if (b.y == a.y) {
                xa = a.x;
                xb = b.x;
            } else {
                const double t0 = (bandLo - a.y) / (b.y - a.y), t1 = (bandHi - a.y) / (b.y - a.y);
                xa = a.x + std::clamp(t0, 0.0, 1.0) * (b.x - a.x);
                xb = a.x + std::clamp(t1, 0.0, 1.0) * (b.x - a.x);
            }
            const int c0 = std::max(r.x0, cellX(std::min(xa, xb) - mx));
            const int c1 = std::min(r.x1, cellX(std::max(xa, xb) + mx));
            for (int cx = c0; cx <= c1; ++cx) mark(cx, cy);
        }
    }
    for (int cy = r.y0; cy <= r.y1; ++cy) {
        bool runInside = false;
        bool inRun = false;
        for (int cx = r.x0; cx <= r.x1; ++cx) {
            const std::size_t c = static_cast<std::size_t>(cy) * m_nx + cx;
            const std::uint32_t begin = m_cellStart[c], end = m_cellStart[c + 1];
            if (crossed[static_cast<std::size_t>(cy - r.y0) * cols + (cx - r.x0)]) {
                inRun = false;
                for (std::uint32_t k = begin; k < end; ++k)
                    if (polygonContains(polygon, m_x[k], m_y[k])) rows.push_back(m_rows[k]);
                continue;
            }
            if (!inRun) {
                // No edge touches this run of cells, so all of it is on one side.
                const DataRect cell = cellRect(cx, cy);
                runInside = polygonContains(polygon, (cell.xMin + cell.xMax) / 2.0, (cell.yMin + cell.yMax) / 2.0);
                inRun = true;
            }
            if (runInside) rows.insert(rows.end(), m_rows.begin() + begin, m_rows.begin() + end);
        }
    }
    return finish(rows);
}

}  // namespace winnow::widgets
