// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mapcolouring.h"

#include <QCoreApplication>
#include <algorithm>

#include "widgets/map/mappoints.h"

namespace winnow::widgets {

namespace {
constexpr std::int32_t kMaxCategories = 65535;  // uint16 keys, the last one meaning "no value"

QString tr(const char* text) { return QCoreApplication::translate("winnow::widgets::MapColouring", text); }
}  // namespace

MapColouring MapColouring::uniform(const QString& title, const QColor& colour) {
    MapColouring c;
    c.kind = Kind::Uniform;
    c.title = title;
    c.colour = colour;
    return c;
}

MapColouring MapColouring::byCategory(const QString& title, std::vector<std::int32_t> categories,
                                      const QStringList& names) {
    MapColouring c;
    c.kind = Kind::Category;
    c.title = title;
    c.categories = std::make_shared<const std::vector<std::int32_t>>(std::move(categories));
    c.categoryNames = names;
    return c;
}

MapColouring MapColouring::byScore(const QString& title, std::vector<float> scores, Colormap colormap) {
    MapColouring c;
    c.kind = Kind::Score;
    c.title = title;
    c.scores = std::make_shared<const std::vector<float>>(std::move(scores));
    c.colormap = colormap;
    return c;
}

MapColouring MapColouring::byMembership(const QString& title, std::size_t rowCount,
                                        const std::vector<std::int64_t>& members, const QString& inName,
                                        const QString& outName) {
    std::vector<std::int32_t> categories(rowCount, 1);
    for (std::int64_t row : members)
        if (row >= 0 && static_cast<std::size_t>(row) < rowCount) categories[row] = 0;
    MapColouring c = byCategory(title, std::move(categories), {inName, outName});
    c.palette = {categoryColour(0), kNoValueColour};
    return c;
}

std::size_t MapColouring::rowCount() const {
    switch (kind) {
    case Kind::Category: return categories ? categories->size() : 0;
    case Kind::Score: return scores ? scores->size() : 0;
    default: return 0;
    }
}

void PreparedColouring::apply(RasterLayer& layer) const {
    layer.colouring = mode;
    layer.uniformColour = uniformColour;
    layer.categories = categories.empty() ? nullptr : categories.data();
    layer.palette = palette.empty() ? nullptr : palette.data();
    layer.paletteSize = palette.size();
    layer.scores = scores.empty() ? nullptr : scores.data();
    layer.scoreLow = low;
    layer.scoreHigh = high;
    layer.colormap = colormapTable(colormap).data();
    layer.noValueColour = kNoValueColour;
}

QColor PreparedColouring::colourAt(std::size_t order) const {
    switch (mode) {
    case PointColouring::Category:
        return order < categories.size() ? QColor::fromRgb(palette[std::min<std::size_t>(categories[order], palette.size() - 1)])
                                         : QColor();
    case PointColouring::Score: {
        if (order >= scores.size()) return QColor();
        const float s = scores[order];
        if (std::isnan(s)) return QColor::fromRgb(kNoValueColour);
        const float t = high > low ? std::clamp((s - low) * 255.0f / (high - low), 0.0f, 255.0f) : 127.5f;
        return QColor::fromRgb(colormapTable(colormap)[static_cast<int>(t + 0.5f)]);
    }
    default:
        return QColor::fromRgb(uniformColour);
    }
}

PreparedColouring prepareColouring(const MapColouring& colouring, const MapPoints& points, const QColor& fallback) {
    PreparedColouring p;
    const std::size_t n = points.size();
    const std::uint32_t* rows = points.rows();
    const bool fits = colouring.rowCount() == points.rowCount();
    if (colouring.kind == MapColouring::Kind::Category && fits) {
        const std::vector<std::int32_t>& values = *colouring.categories;
        std::int32_t maxCategory = -1;
        for (std::size_t i = 0; i < n; ++i) maxCategory = std::max(maxCategory, values[rows[i]]);
        const std::int32_t categoryCount = std::min(maxCategory + 1, kMaxCategories - 1);
        const auto noValue = static_cast<std::uint16_t>(categoryCount);
        p.mode = PointColouring::Category;
        p.categories.resize(n);
        std::vector<std::int64_t> counts(categoryCount + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int32_t v = values[rows[i]];
            const std::uint16_t key = v < 0 ? noValue : static_cast<std::uint16_t>(std::min(v, categoryCount - 1));
            p.categories[i] = key;
            ++counts[key];
        }
        p.palette.resize(categoryCount + 1);
        for (std::int32_t k = 0; k < categoryCount; ++k) {
            p.palette[k] = static_cast<std::size_t>(k) < colouring.palette.size() ? (colouring.palette[k] | 0xff000000u)
                                                                                   : categoryColour(k);
            if (counts[k] == 0) continue;
            const QString name = k < colouring.categoryNames.size() ? colouring.categoryNames[k] : QString::number(k);
            p.entries.push_back({QColor::fromRgb(p.palette[k]), name, counts[k]});
        }
        p.palette[categoryCount] = kNoValueColour;
        p.noValue = counts[categoryCount];
    } else if (colouring.kind == MapColouring::Kind::Score && fits) {
        const std::vector<float>& values = *colouring.scores;
        p.mode = PointColouring::Score;
        p.colormap = colouring.colormap;
        p.scores.resize(n);
        float lo = std::numeric_limits<float>::infinity(), hi = -lo;
        for (std::size_t i = 0; i < n; ++i) {
            const float s = values[rows[i]];
            p.scores[i] = s;
            if (std::isnan(s)) {
                ++p.noValue;
            } else if (std::isfinite(s)) {
                lo = std::min(lo, s);
                hi = std::max(hi, s);
            }
        }
        if (lo > hi) lo = hi = 0.0f;
        p.low = std::isnan(colouring.low) ? lo : static_cast<float>(colouring.low);
        p.high = std::isnan(colouring.high) ? hi : static_cast<float>(colouring.high);
    } else {
        const QColor c = colouring.kind == MapColouring::Kind::Uniform && colouring.colour.isValid() ? colouring.colour : fallback;
        p.mode = PointColouring::Uniform;
        p.uniformColour = c.rgb() | 0xff000000u;
        p.entries.push_back({QColor::fromRgb(p.uniformColour), colouring.title.isEmpty() ? tr("points") : colouring.title,
                             static_cast<std::int64_t>(n)});
    }
    if (p.noValue > 0) p.entries.push_back({QColor::fromRgb(kNoValueColour), tr("no value"), p.noValue});
    return p;
}

}  // namespace winnow::widgets
