// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "baselines.h"

#include <QPainter>
#include <QPointF>
#include <algorithm>

#include "widgets/map/colormap.h"
#include "widgets/map/mapindex.h"

namespace winnow::bench {

void directSplat(const std::vector<float>& x, const std::vector<float>& y, const widgets::MapTransform& t,
                 QImage& image) {
    image.fill(0xffffffffu);
    const int w = image.width(), h = image.height();
    const auto stride = image.bytesPerLine() / 4;
    auto* bits = reinterpret_cast<std::uint32_t*>(image.bits());
    const float cx = static_cast<float>(t.centerX()), cy = static_cast<float>(t.centerY());
    const float s = static_cast<float>(t.scale()), ox = w / 2.0f, oy = h / 2.0f;
    const std::uint32_t colour = 0xff1f77b4u;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const int px = static_cast<int>((x[i] - cx) * s + ox), py = static_cast<int>(oy - (y[i] - cy) * s);
        if (px < 1 || py < 1 || px >= w - 1 || py >= h - 1) continue;
        std::uint32_t* row = bits + (py - 1) * stride + px - 1;
        for (int dy = 0; dy < 3; ++dy, row += stride) row[0] = row[1] = row[2] = colour;
    }
}

void painterPoints(const std::vector<float>& x, const std::vector<float>& y, const widgets::MapTransform& t,
                   QImage& image) {
    image.fill(Qt::white);
    std::vector<QPointF> points(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const widgets::MapPoint p = t.toPixel(x[i], y[i]);
        points[i] = QPointF(p.x, p.y);
    }
    QPainter painter(&image);
    painter.setPen(QColor(0x1f, 0x77, 0xb4));
    painter.drawPoints(points.data(), static_cast<int>(points.size()));
}

void painterEllipses(const std::vector<float>& x, const std::vector<float>& y,
                     const std::vector<std::int32_t>& category, std::size_t count,
                     const widgets::MapTransform& t, QImage& image) {
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setOpacity(0.6);
    count = std::min(count, x.size());
    for (std::size_t i = 0; i < count; ++i) {
        const widgets::MapPoint p = t.toPixel(x[i], y[i]);
        painter.setBrush(QColor::fromRgb(widgets::categoryColour(category[i])));
        painter.drawEllipse(QPointF(p.x, p.y), 2.5, 2.5);
    }
}

std::vector<std::int64_t> bruteForceLasso(const std::vector<float>& x, const std::vector<float>& y,
                                          const std::vector<widgets::MapPoint>& polygon) {
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (widgets::MapIndex::polygonContains(polygon, x[i], y[i])) rows.push_back(static_cast<std::int64_t>(i));
    return rows;
}

}  // namespace winnow::bench
