// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The baselines bench_mapview measures beside MapView: what writing pixels directly costs (the
// ceiling), what QPainter costs (the peer approach), and a lasso without an index.

#include <QImage>
#include <cstdint>
#include <vector>

#include "widgets/map/maptransform.h"

namespace winnow::bench {

/// Transforms every point and writes a 3 x 3 block of one colour into the image's uint32 pixels, one
/// thread, no colouring, no density, no blending: PERFORMANCE.md 2g's "raw QImage splat".
void directSplat(const std::vector<float>& x, const std::vector<float>& y, const widgets::MapTransform& t,
                 QImage& image);

/// QPainter::drawPoints of every point (1 px, no antialiasing), one colour.
void painterPoints(const std::vector<float>& x, const std::vector<float>& y, const widgets::MapTransform& t,
                   QImage& image);

/// Antialiased QPainter ellipses (r = 2.5) in the points' category colours with 60 % opacity, for the
/// first `count` points.
void painterEllipses(const std::vector<float>& x, const std::vector<float>& y,
                     const std::vector<std::int32_t>& category, std::size_t count,
                     const widgets::MapTransform& t, QImage& image);

/// Rows inside the polygon by testing every point (the crossing-number rule of MapIndex), increasing.
std::vector<std::int64_t> bruteForceLasso(const std::vector<float>& x, const std::vector<float>& y,
                                          const std::vector<widgets::MapPoint>& polygon);

}  // namespace winnow::bench
