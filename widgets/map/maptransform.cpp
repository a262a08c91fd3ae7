// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/maptransform.h"

#include <algorithm>
#include <cmath>

namespace winnow::widgets {

namespace {
constexpr double kMinScale = 1e-12;
constexpr double kMaxScale = 1e12;
}  // namespace

void MapTransform::setViewport(int width, int height) {
    m_width = std::max(1, width);
    m_height = std::max(1, height);
}

void MapTransform::setCenter(double x, double y) {
    if (std::isfinite(x)) m_centerX = x;
    if (std::isfinite(y)) m_centerY = y;
}

void MapTransform::setScale(double pixelsPerUnit) {
    if (!(pixelsPerUnit > 0.0) || !std::isfinite(pixelsPerUnit)) return;
    m_scale = std::clamp(pixelsPerUnit, kMinScale, kMaxScale);
}

void MapTransform::fit(const DataRect& bounds, double marginPx) {
    if (bounds.isEmpty()) {
        setCenter(0.5, 0.5);
        setScale(std::max(1.0, std::min(m_width, m_height) - 2.0 * marginPx));
        return;
    }
    setCenter((bounds.xMin + bounds.xMax) / 2.0, (bounds.yMin + bounds.yMax) / 2.0);
    const double w = bounds.width() > 0.0 ? bounds.width() : 1.0;
    const double h = bounds.height() > 0.0 ? bounds.height() : 1.0;
    const double availableW = std::max(1.0, m_width - 2.0 * marginPx);
    const double availableH = std::max(1.0, m_height - 2.0 * marginPx);
    setScale(std::min(availableW / w, availableH / h));
}

void MapTransform::panPixels(double dx, double dy) {
    setCenter(m_centerX - dx / m_scale, m_centerY + dy / m_scale);
}

void MapTransform::zoomAt(double px, double py, double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor)) return;
    const MapPoint anchor = toData(px, py);
    setScale(m_scale * factor);
    // Put the anchor back under (px, py).
    const MapPoint moved = toPixel(anchor.x, anchor.y);
    panPixels(px - moved.x, py - moved.y);
}

MapPoint MapTransform::toPixel(double x, double y) const {
    return {(x - m_centerX) * m_scale + m_width / 2.0, m_height / 2.0 - (y - m_centerY) * m_scale};
}

MapPoint MapTransform::toData(double px, double py) const {
    return {(px - m_width / 2.0) / m_scale + m_centerX, (m_height / 2.0 - py) / m_scale + m_centerY};
}

DataRect MapTransform::visibleRect() const {
    const MapPoint topLeft = toData(0.0, 0.0);
    const MapPoint bottomRight = toData(m_width, m_height);
    return {topLeft.x, bottomRight.y, bottomRight.x, topLeft.y};
}

}  // namespace winnow::widgets
