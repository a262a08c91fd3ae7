// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the map's points are coloured by (one value per row, as the integrator has them), and that
// colouring rearranged into a point set's drawing order for the rasteriser.

#include <QColor>
#include <QString>
#include <QStringList>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "widgets/map/colormap.h"
#include "widgets/map/maprasterizer.h"

namespace winnow::widgets {

class MapPoints;

/// A colouring of a map layer: one colour, a category per row (label, cluster, subset membership, tag)
/// or a score per row (any numeric field) through a colormap. The per-row vectors are shared, never
/// copied. A value type.
struct MapColouring {
    enum class Kind { Uniform, Category, Score };

    Kind kind = Kind::Uniform;
    QString title;  ///< shown by the legend and the colour-by combo ("label", "cluster", "blur")
    QColor colour;  ///< Uniform: the colour (invalid: the first category colour)
    /// Category: one per row, a negative value means none. At most 65,535 categories are told apart;
    /// larger values share the last colour.
    std::shared_ptr<const std::vector<std::int32_t>> categories;
    QStringList categoryNames;   ///< Category: the name of category k (missing: k as a number)
    std::vector<QRgb> palette;   ///< Category: the colour of category k (missing: categoryColour(k))
    std::shared_ptr<const std::vector<float>> scores;  ///< Score: one per row, NaN means none
    Colormap colormap = Colormap::Viridis;
    double low = std::numeric_limits<double>::quiet_NaN();   ///< Score: value at the colormap's start (NaN: finite minimum)
    double high = std::numeric_limits<double>::quiet_NaN();  ///< Score: value at its end (NaN: finite maximum)

    static MapColouring uniform(const QString& title, const QColor& colour = QColor());
    static MapColouring byCategory(const QString& title, std::vector<std::int32_t> categories,
                                   const QStringList& names = {});
    static MapColouring byScore(const QString& title, std::vector<float> scores,
                                Colormap colormap = Colormap::Viridis);
    /// Two categories: rows in `members` (any order, out-of-range ignored) are category 0 named
    /// `inName` in the first category colour, every other row of `rowCount` is category 1 named
    /// `outName` in the no-value grey. For subset membership and tags. O(rowCount + members).
    static MapColouring byMembership(const QString& title, std::size_t rowCount,
                                     const std::vector<std::int64_t>& members, const QString& inName,
                                     const QString& outName);

    /// Rows it has values for (0 for Uniform: it fits any layer).
    std::size_t rowCount() const;
};

/// One legend line: a colour, a name and the number of placed points it stands for.
struct MapLegendEntry {
    QColor colour;
    QString name;
    std::int64_t count = 0;
};

/// A colouring in a point set's drawing order, ready for RasterLayer, with what the legend shows.
struct PreparedColouring {
    PointColouring mode = PointColouring::Uniform;
    std::uint32_t uniformColour = 0xff1f77b4u;
    std::vector<std::uint16_t> categories;  ///< per point; the last palette entry is "no value"
    std::vector<std::uint32_t> palette;
    std::vector<float> scores;              ///< per point
    float low = 0.0f, high = 1.0f;          ///< the resolved score range
    Colormap colormap = Colormap::Viridis;
    std::vector<MapLegendEntry> entries;    ///< categories with points (in category order), then "no value"
    std::int64_t noValue = 0;               ///< placed points without a value

    /// Points `layer` at this colouring's arrays.
    void apply(RasterLayer& layer) const;
    /// The colour the rasteriser gives the point at drawing-order position `order`.
    QColor colourAt(std::size_t order) const;
};

/// Rearranges `colouring` into the drawing order of `points` and counts the legend. A colouring whose
/// row count differs from the points' (other than Uniform) comes out Uniform in `fallback`.
/// O(points + categories). Any thread.
PreparedColouring prepareColouring(const MapColouring& colouring, const MapPoints& points, const QColor& fallback);

}  // namespace winnow::widgets
