// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/maprasterizer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "widgets/map/mappoints.h"
#include "widgets/map/threadteam.h"

namespace winnow::widgets {

namespace {

constexpr int kMaxPointSize = 5;
// Accumulator pixels around the image: half the largest splat, one for the grown selected splats and
// one for their outline.
constexpr int kApron = kMaxPointSize / 2 + 2;
constexpr int kLutSize = 4096;    // alpha table entries; larger counts compute the logarithm
constexpr int kComposeRows = 16;  // image rows per compose task

/// One accumulator pixel: points and their colour sums (also read as 4 consecutive uint32).
struct Acc {
    std::uint32_t n, r, g, b;
};
static_assert(sizeof(Acc) == 4 * sizeof(std::uint32_t));

/// The most-filled accumulator pixel of one channel: highest count, lowest index on ties.
struct Peak {
    std::uint32_t count = 0;
    std::size_t at = 0;
    void offer(std::uint32_t n, std::size_t index) {
        if (n > count || (n == count && index < at)) {
            count = n;
            at = index;
        }
    }
    void merge(const Peak& o) {
        if (o.count > 0) offer(o.count, o.at);
    }
};

struct Peaks {
    Peak emphasised, context;
};

/// The accumulator planes of one layer; context and selected are null when no point needs them.
struct Planes {
    Acc* emphasised = nullptr;
    std::uint32_t* context = nullptr;
    Acc* selected = nullptr;
    std::uint8_t* rowFlags = nullptr;  ///< per accumulator row: which planes have points there (RowFlag)
};

enum RowFlag : std::uint8_t { kRowEmphasised = 1, kRowContext = 2, kRowSelected = 4 };

/// Accumulator coordinates of a data point, in float (the same expression everywhere, so that the
/// split of points into row bands and the scatter agree exactly).
struct Geometry {
    float cx, cy, scale, offX, offY;
    int accW, accH;
    float accX(float x) const { return (x - cx) * scale + offX; }
    float accY(float y) const { return offY - (y - cy) * scale; }
};

std::uint32_t channel(std::uint32_t c, int shift) { return (c >> shift) & 0xffu; }

/// Alpha (0..256) of a count: minAlpha + (1 - minAlpha) min(1, log(1 + n) / log(1 + ref)), times `scale`.
class AlphaTable {
public:
    void build(bool density, std::uint32_t ref, float minAlpha, float scale) {
        m_density = density;
        m_scale = scale;
        m_minAlpha = minAlpha;
        m_invLogRef = ref > 0 ? 1.0f / std::log1p(static_cast<float>(ref)) : 0.0f;
        for (int n = 0; n < kLutSize; ++n) m_lut[n] = compute(static_cast<std::uint32_t>(n));
    }
    std::uint32_t operator()(std::uint32_t n) const { return n < kLutSize ? m_lut[n] : compute(n); }

private:
    std::uint16_t compute(std::uint32_t n) const {
        if (n == 0) return 0;
        float a = 1.0f;
        if (m_density) a = m_minAlpha + (1.0f - m_minAlpha) * std::min(1.0f, std::log1p(static_cast<float>(n)) * m_invLogRef);
        return static_cast<std::uint16_t>(std::lround(std::clamp(a * m_scale, 0.0f, 1.0f) * 256.0f));
    }
    bool m_density = true;
    float m_scale = 1.0f, m_minAlpha = 0.0f, m_invLogRef = 0.0f;
    std::uint16_t m_lut[kLutSize];
};

inline void blend(std::uint32_t& r, std::uint32_t& g, std::uint32_t& b, std::uint32_t colour, std::uint32_t a) {
    const std::uint32_t ia = 256 - a;
    r = (r * ia + channel(colour, 16) * a) >> 8;
    g = (g * ia + channel(colour, 8) * a) >> 8;
    b = (b * ia + channel(colour, 0) * a) >> 8;
}

/// The mean colour of an accumulated sum of n > 0 colours.
inline std::uint32_t mean(const std::uint32_t* sum) {
    const float inv = 1.0f / static_cast<float>(sum[0]);
    return static_cast<std::uint32_t>(sum[1] * inv + 0.5f) << 16 | static_cast<std::uint32_t>(sum[2] * inv + 0.5f) << 8 |
           static_cast<std::uint32_t>(sum[3] * inv + 0.5f);
}

/// Zeroes accumulator rows [from, to) of every plane in use.
void clearRows(const Planes& planes, std::size_t width, int from, int to) {
    if (from >= to) return;
    const std::size_t a = static_cast<std::size_t>(from) * width, b = static_cast<std::size_t>(to) * width;
    std::memset(static_cast<void*>(planes.emphasised + a), 0, (b - a) * sizeof(Acc));
    if (planes.context) std::memset(static_cast<void*>(planes.context + a), 0, (b - a) * sizeof(std::uint32_t));
    if (planes.selected) std::memset(static_cast<void*>(planes.selected + a), 0, (b - a) * sizeof(Acc));
    std::memset(planes.rowFlags + from, 0, static_cast<std::size_t>(to - from));
}

/// The scatter of one band of points (accumulator rows [rowLo, rowHi)); C and WithStates pick the loop at
/// compile time. The band's rows are zeroed just before the first point lands on them (points come in
/// decreasing rows), so that they are still in the cache when the points add to them.
template <PointColouring C, bool WithStates>
void scatter(const RasterLayer& layer, const Geometry& g, std::size_t begin, std::size_t end, int rowLo, int rowHi,
             const Planes& planes, Peaks& peaks) {
    const float* xs = layer.points->xs();
    const float* ys = layer.points->ys();
    const float accW = static_cast<float>(g.accW);
    const std::size_t width = static_cast<std::size_t>(g.accW);
    const std::uint32_t lastCategory = layer.paletteSize > 0 ? static_cast<std::uint32_t>(layer.paletteSize - 1) : 0;
    const float low = layer.scoreLow;
    const float toIndex = layer.scoreHigh > layer.scoreLow ? 255.0f / (layer.scoreHigh - layer.scoreLow) : 0.0f;
    const float flatIndex = layer.scoreHigh > layer.scoreLow ? 0.0f : 127.5f;
    Peak emphasised, context;
    int cleared = rowHi;  // rows [cleared, rowHi) are zeroed
    for (std::size_t i = begin; i < end; ++i) {
        const int iy = static_cast<int>(g.accY(ys[i]));
        if (iy < rowLo || iy >= rowHi) continue;  // never taken: the band split uses the same arithmetic
        if (iy < cleared) {
            clearRows(planes, width, iy, cleared);
            cleared = iy;
        }
        const float fx = g.accX(xs[i]);
        if (!(fx >= 0.0f && fx < accW)) continue;
        const std::size_t at = static_cast<std::size_t>(iy) * width + static_cast<std::size_t>(fx);
        std::uint32_t colour;
        if constexpr (C == PointColouring::Category) {
            colour = layer.palette[std::min<std::uint32_t>(layer.categories[i], lastCategory)];
        } else if constexpr (C == PointColouring::Score) {
            const float s = layer.scores[i];
            if (s == s) {
                const float t = std::clamp((s - low) * toIndex + flatIndex, 0.0f, 255.0f);
                colour = layer.colormap[static_cast<int>(t + 0.5f)];
            } else {
                colour = layer.noValueColour;
            }
        } else {
            colour = layer.uniformColour;
        }
        if constexpr (WithStates) {
            // Without branches on the state (highlighted and selected points are scattered at random
            // through the drawing order): a context point adds 0 to its colour plane and 1 to the
            // context plane, the others the reverse. Selected points go to their own colour plane.
            const std::uint32_t state = layer.states[i];
            const std::uint32_t isSelected = (state >> 1) & 1u;
            const std::uint32_t drawn = (state & kEmphasised) | isSelected;
            Acc& a = (isSelected ? planes.selected : planes.emphasised)[at];
            const std::uint32_t n = a.n + drawn;
            a.n = n;
            a.r += drawn * channel(colour, 16);
            a.g += drawn * channel(colour, 8);
            a.b += drawn * channel(colour, 0);
            if (planes.context) {
                const std::uint32_t c = planes.context[at] + (1u - drawn);
                planes.context[at] = c;
                if (c >= context.count && c > 0) context.offer(c, at);
            }
            if (n >= emphasised.count && drawn && !isSelected) emphasised.offer(n, at);
            planes.rowFlags[iy] |= static_cast<std::uint8_t>((drawn & (isSelected ^ 1u)) | (drawn ^ 1u) << 1 | isSelected << 2);
        } else {
            Acc& a = planes.emphasised[at];
            planes.rowFlags[iy] = kRowEmphasised;
            const std::uint32_t n = ++a.n;
            a.r += channel(colour, 16);
            a.g += channel(colour, 8);
            a.b += channel(colour, 0);
            if (n >= emphasised.count) emphasised.offer(n, at);
        }
    }
    clearRows(planes, width, rowLo, cleared);
    peaks.emphasised.merge(emphasised);
    peaks.context.merge(context);
}

using ScatterFn = void (*)(const RasterLayer&, const Geometry&, std::size_t, std::size_t, int, int, const Planes&, Peaks&);

ScatterFn scatterFor(PointColouring c, bool withStates) {
    switch (c) {
    case PointColouring::Category:
        return withStates ? scatter<PointColouring::Category, true> : scatter<PointColouring::Category, false>;
    case PointColouring::Score:
        return withStates ? scatter<PointColouring::Score, true> : scatter<PointColouring::Score, false>;
    default:
        return withStates ? scatter<PointColouring::Uniform, true> : scatter<PointColouring::Uniform, false>;
    }
}

/// out[q] = sum of src[q + d * stride] over d < Rows, for q < count (a vertical box sum).
template <int Rows>
inline void sumRows(const std::uint32_t* src, std::size_t stride, std::size_t count, std::uint32_t* out) {
    for (std::size_t q = 0; q < count; ++q) {
        std::uint32_t s = src[q];
        for (int d = 1; d < Rows; ++d) s += src[q + d * stride];
        out[q] = s;
    }
}

/// out[q] = sum of src[q + d * Lanes] over d < Cols, for q < count (a horizontal box sum of pixels made of
/// Lanes uint32 each).
template <int Cols, int Lanes>
inline void sumColumns(const std::uint32_t* src, std::size_t count, std::uint32_t* out) {
    for (std::size_t q = 0; q < count; ++q) {
        std::uint32_t s = src[q];
        for (int d = 1; d < Cols; ++d) s += src[q + d * Lanes];
        out[q] = s;
    }
}

/// Everything a compose task reads.
struct ComposeJob {
    const Geometry* g;
    int width, height;
    bool first;
    Planes planes;
    const AlphaTable* emphasisedAlpha;
    const AlphaTable* contextAlpha;
    std::uint32_t background, contextColour, selectionColour, outlineAlpha;
    std::uint32_t* pixels;
    std::ptrdiff_t stride;
};

/// Composes image rows [j0, j1) for splats of side K.
template <int K>
void composeRows(const ComposeJob& job, int j0, int j1) {
    constexpr int lo = -(K - 1) / 2;
    const std::size_t W = static_cast<std::size_t>(job.g->accW);
    const std::size_t w = static_cast<std::size_t>(job.width);
    const bool withContext = job.planes.context != nullptr, withSelected = job.planes.selected != nullptr;
    // Row buffers, kept per thread between frames.
    thread_local std::vector<std::uint32_t> column, sum, contextColumn, contextSum, selectedColumn, selectedSum,
        ringColumn, ringSum;
    column.resize(4 * W);
    sum.resize(4 * w);
    if (withContext) {
        contextColumn.resize(W);
        contextSum.resize(w);
    }
    if (withSelected) {
        selectedColumn.resize(4 * W);
        selectedSum.resize(4 * w);
        ringColumn.resize(W);
        ringSum.resize(w);
    }
    const auto* emphasised = reinterpret_cast<const std::uint32_t*>(job.planes.emphasised);
    const auto* selected = reinterpret_cast<const std::uint32_t*>(job.planes.selected);
    const std::uint32_t background = job.background | 0xff000000u;
    for (int j = j0; j < j1; ++j) {
        // Accumulator rows of the splat under image row j start at `top`; the grown selected splats one
        // row above, their outline two. Planes without points on those rows are skipped.
        const std::size_t top = static_cast<std::size_t>(j + kApron + lo);
        std::uint8_t flags = 0, selectedFlags = 0;
        for (int d = 0; d < K; ++d) flags |= job.planes.rowFlags[top + d];
        if (withSelected)
            for (int d = -2; d < K + 2; ++d) selectedFlags |= job.planes.rowFlags[top + d];
        const bool rowEmphasised = flags & kRowEmphasised;
        const bool rowContext = withContext && (flags & kRowContext);
        const bool rowSelected = withSelected && (selectedFlags & kRowSelected);
        std::uint32_t* out = job.pixels + static_cast<std::ptrdiff_t>(j) * job.stride;
        if (!rowEmphasised && !rowContext && !rowSelected) {
            if (job.first) std::fill(out, out + w, background);
            continue;
        }
        if (rowEmphasised) {
            sumRows<K>(emphasised + 4 * top * W, 4 * W, 4 * W, column.data());
            sumColumns<K, 4>(column.data() + 4 * (kApron + lo), 4 * w, sum.data());
        }
        if (rowContext) {
            sumRows<K>(job.planes.context + top * W, W, W, contextColumn.data());
            sumColumns<K, 1>(contextColumn.data() + kApron + lo, w, contextSum.data());
        }
        if (rowSelected) {
            sumRows<K + 2>(selected + 4 * (top - 1) * W, 4 * W, 4 * W, selectedColumn.data());
            sumColumns<K + 2, 4>(selectedColumn.data() + 4 * (kApron + lo - 1), 4 * w, selectedSum.data());
            const std::uint32_t* above = selected + 4 * (top - 2) * W;
            const std::uint32_t* below = selected + 4 * (top + K + 1) * W;
            for (std::size_t q = 0; q < W; ++q) ringColumn[q] = selectedColumn[4 * q] + above[4 * q] + below[4 * q];
            sumColumns<K + 4, 1>(ringColumn.data() + kApron + lo - 2, w, ringSum.data());
        }
        for (std::size_t i = 0; i < w; ++i) {
            const std::uint32_t* s = sum.data() + 4 * i;
            const std::uint32_t n = rowEmphasised ? s[0] : 0;
            const std::uint32_t contextCount = rowContext ? contextSum[i] : 0;
            const std::uint32_t ring = rowSelected ? ringSum[i] : 0;
            if ((n | contextCount | ring) == 0) {
                if (job.first) out[i] = background;
                continue;
            }
            const std::uint32_t under = job.first ? background : out[i];
            std::uint32_t pr = channel(under, 16), pg = channel(under, 8), pb = channel(under, 0);
            if (contextCount) blend(pr, pg, pb, job.contextColour, (*job.contextAlpha)(contextCount));
            if (n) blend(pr, pg, pb, mean(s), (*job.emphasisedAlpha)(n));
            if (ring) {
                const std::uint32_t* sel = selectedSum.data() + 4 * i;
                if (sel[0]) {
                    const std::uint32_t c = mean(sel);
                    pr = channel(c, 16), pg = channel(c, 8), pb = channel(c, 0);
                } else {
                    blend(pr, pg, pb, job.selectionColour, job.outlineAlpha);
                }
            }
            out[i] = 0xff000000u | pr << 16 | pg << 8 | pb;
        }
    }
}

using ComposeFn = void (*)(const ComposeJob&, int, int);

ComposeFn composeFor(int k) {
    switch (k) {
    case 1: return composeRows<1>;
    case 2: return composeRows<2>;
    case 3: return composeRows<3>;
    case 4: return composeRows<4>;
    default: return composeRows<5>;
    }
}

}  // namespace

struct MapRasterizer::Impl {
    explicit Impl(int threads) : team(threads) {}
    ThreadTeam team;
    std::vector<Acc> emphasised, selected;
    std::vector<std::uint32_t> context;
    std::vector<std::uint8_t> rowFlags;
    AlphaTable emphasisedAlpha, contextAlpha;

    void renderLayer(const RasterLayer& layer, const MapTransform& transform, const RasterStyle& style,
                     bool first, std::uint32_t* pixels, std::ptrdiff_t stride);
};

MapRasterizer::MapRasterizer(int threads) : d(std::make_unique<Impl>(threads)) {}
MapRasterizer::~MapRasterizer() = default;

int MapRasterizer::threadCount() const { return d->team.size(); }

std::size_t MapRasterizer::memoryBytes() const {
    return (d->emphasised.capacity() + d->selected.capacity()) * sizeof(Acc) +
           d->context.capacity() * sizeof(std::uint32_t);
}

void MapRasterizer::render(const RasterLayer* layers, std::size_t layerCount, const MapTransform& transform,
                           const RasterStyle& style, std::uint32_t* pixels, std::ptrdiff_t stride) {
    if (!pixels) throw std::invalid_argument("map rasteriser: no pixel buffer");
    if (stride < transform.width()) throw std::invalid_argument("map rasteriser: stride below the width");
    bool first = true;
    for (std::size_t l = 0; l < layerCount; ++l) {
        const RasterLayer& layer = layers[l];
        if (!layer.points || layer.points->size() == 0) continue;
        if (layer.colouring == PointColouring::Category && (!layer.categories || !layer.palette || layer.paletteSize == 0))
            continue;
        if (layer.colouring == PointColouring::Score && (!layer.scores || !layer.colormap)) continue;
        d->renderLayer(layer, transform, style, first, pixels, stride);
        first = false;
    }
    if (first) {
        const int w = transform.width(), h = transform.height();
        d->team.run((h + kComposeRows - 1) / kComposeRows, [&](int task) {
            for (int j = task * kComposeRows; j < std::min(h, (task + 1) * kComposeRows); ++j)
                std::fill(pixels + j * stride, pixels + j * stride + w, style.background | 0xff000000u);
        });
    }
}

void MapRasterizer::Impl::renderLayer(const RasterLayer& layer, const MapTransform& transform,
                                      const RasterStyle& style, bool first, std::uint32_t* pixels,
                                      std::ptrdiff_t stride) {
    const int w = transform.width(), h = transform.height();
    const int k = std::clamp(layer.pointSize, 1, kMaxPointSize);
    // Even sides round to the nearest pixel edge, odd sides to the pixel holding the point.
    const double shift = (k % 2 == 0) ? 0.5 : 0.0;
    Geometry g;
    g.cx = static_cast<float>(transform.centerX());
    g.cy = static_cast<float>(transform.centerY());
    g.scale = static_cast<float>(transform.scale());
    g.offX = static_cast<float>(w / 2.0 + kApron + shift);
    g.offY = static_cast<float>(h / 2.0 + kApron + shift);
    g.accW = w + 2 * kApron;
    g.accH = h + 2 * kApron;
    const std::size_t accPixels = static_cast<std::size_t>(g.accW) * g.accH;

    // Points by increasing y have non-increasing accumulator rows: [begin, end) are those on rows
    // [0, accH), and a row boundary R splits them where accY first drops below R.
    const float* ys = layer.points->ys();
    const std::size_t count = layer.points->size();
    auto firstBelow = [&](std::size_t from, std::size_t to, float row) {
        return static_cast<std::size_t>(std::partition_point(ys + from, ys + to, [&](float y) { return !(g.accY(y) < row); }) - ys);
    };
    const std::size_t begin = firstBelow(0, count, static_cast<float>(g.accH));
    const std::size_t end = firstBelow(begin, count, 0.0f);

    // Which planes the visible points need.
    bool anyContext = false, anySelected = false;
    if (layer.states) {
        std::uint8_t notEmphasised = 0, selectedBits = 0;
        for (std::size_t i = begin; i < end; ++i) {
            notEmphasised |= static_cast<std::uint8_t>(~layer.states[i]);
            selectedBits |= layer.states[i];
        }
        anySelected = (selectedBits & kSelected) != 0;
        anyContext = (notEmphasised & kEmphasised) != 0;
    }
    const bool withStates = anyContext || anySelected;
    if (emphasised.size() != accPixels) emphasised.assign(accPixels, Acc{0, 0, 0, 0});
    if (anyContext && context.size() != accPixels) context.assign(accPixels, 0);
    if (anySelected && selected.size() != accPixels) selected.assign(accPixels, Acc{0, 0, 0, 0});
    Planes planes;
    planes.emphasised = emphasised.data();
    planes.context = anyContext ? context.data() : nullptr;
    planes.selected = anySelected ? selected.data() : nullptr;
    rowFlags.resize(static_cast<std::size_t>(g.accH));
    planes.rowFlags = rowFlags.data();

    const int tasks = std::max(1, std::min<int>(team.size() * 2, static_cast<int>((end - begin) / 4096)));
    std::vector<int> bandRow(tasks + 1);
    std::vector<std::size_t> bandPoint(tasks + 1);
    bandRow[0] = g.accH;
    bandPoint[0] = begin;
    for (int t = 1; t < tasks; ++t) {
        const std::size_t m = begin + (end - begin) * t / tasks;
        const int row = std::clamp(static_cast<int>(g.accY(ys[m])) + 1, 0, bandRow[t - 1]);
        bandRow[t] = row;
        bandPoint[t] = firstBelow(bandPoint[t - 1], end, static_cast<float>(row));
    }
    bandRow[tasks] = 0;
    bandPoint[tasks] = end;

    // Each band clears and fills its own accumulator rows.
    const ScatterFn fill = scatterFor(layer.colouring, withStates);
    std::vector<Peaks> peaks(tasks);
    team.run(tasks, [&](int t) {
        fill(layer, g, bandPoint[t], bandPoint[t + 1], bandRow[t + 1], bandRow[t], planes, peaks[t]);
    });
    Peaks all;
    for (const Peaks& p : peaks) {
        all.emphasised.merge(p.emphasised);
        all.context.merge(p.context);
    }

    // The reference counts: the splat-filtered count at each channel's fullest accumulator pixel.
    const int lo = -(k - 1) / 2, hi = k / 2;
    auto boxCount = [&](std::size_t at, auto value) {
        const int ax = static_cast<int>(at % g.accW), ay = static_cast<int>(at / g.accW);
        std::uint32_t sum = 0;
        for (int dy = lo; dy <= hi; ++dy)
            for (int dx = lo; dx <= hi; ++dx) {
                const int x = ax + dx, y = ay + dy;
                if (x >= 0 && y >= 0 && x < g.accW && y < g.accH) sum += value(static_cast<std::size_t>(y) * g.accW + x);
            }
        return sum;
    };
    const std::uint32_t refEmphasised =
        all.emphasised.count ? boxCount(all.emphasised.at, [&](std::size_t i) { return planes.emphasised[i].n; }) : 0;
    const std::uint32_t refContext =
        all.context.count ? boxCount(all.context.at, [&](std::size_t i) { return planes.context[i]; }) : 0;
    emphasisedAlpha.build(layer.density, refEmphasised, style.minAlpha, 1.0f);
    if (anyContext) contextAlpha.build(layer.density, refContext, style.minAlpha, style.contextMaxAlpha);

    ComposeJob job;
    job.g = &g;
    job.width = w;
    job.height = h;
    job.first = first;
    job.planes = planes;
    job.emphasisedAlpha = &emphasisedAlpha;
    job.contextAlpha = &contextAlpha;
    job.background = style.background;
    job.contextColour = style.contextColour;
    job.selectionColour = style.selectionColour;
    job.outlineAlpha = static_cast<std::uint32_t>(std::lround(std::clamp(style.selectionAlpha, 0.0f, 1.0f) * 256.0f));
    job.pixels = pixels;
    job.stride = stride;
    const ComposeFn compose = composeFor(k);
    team.run((h + kComposeRows - 1) / kComposeRows, [&](int task) {
        compose(job, task * kComposeRows, std::min(h, (task + 1) * kComposeRows));
    });
}

}  // namespace winnow::widgets
