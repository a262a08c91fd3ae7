// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The map's point rasteriser: plain C++ writing 32-bit pixels directly (no QPainter per point).
//
// Per layer, every visible point adds 1 and its colour to an accumulator pixel (a 4-pixel apron around
// the image so that splats and outlines at the border are whole); a box filter of the point size turns the
// accumulators into splats: per image pixel the number n of points whose splat covers it and the mean
// of their colours. A pixel is drawn in that mean colour at alpha
//     minAlpha + (1 - minAlpha) * min(1, log(1 + n) / log(1 + nRef))
// (density shading; alpha 1 without it), where nRef is the splat-filtered count at the accumulator pixel
// holding the most points (the lowest such pixel index on ties). Points outside the emphasis (a
// highlighted subset) add to a separate count drawn in the context grey under the emphasised points.
// Selected points are drawn over everything, opaque, in the mean colour of the selected points whose
// splat grown by one pixel on every side covers the pixel (so small gaps inside a selected region
// close), and outlined: pixels within one more pixel of them take the selection ink at selectionAlpha.
// All sums are integers, so the image does not depend on the number of threads or the order they run in.
//
// Threads: points are stored by increasing y (MapPoints), so a contiguous range of points covers a
// contiguous band of accumulator rows; each task clears and fills its own band, then tasks compose
// bands of image rows. Nothing is shared between tasks of one phase.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "widgets/map/colormap.h"
#include "widgets/map/maptransform.h"

namespace winnow::widgets {

class MapPoints;
class ThreadTeam;

enum class PointColouring {
    Uniform,   ///< every point in uniformColour
    Category,  ///< palette[categories[i]]
    Score,     ///< colormap over [scoreLow, scoreHigh], NaN in noValueColour
};

/// Point state bits (RasterLayer::states).
enum PointState : std::uint8_t {
    kEmphasised = 1,  ///< drawn in its colour (else in the context grey)
    kSelected = 2,    ///< drawn in its colour (emphasised or not) with the selection outline
};

/// One point layer as render() reads it. Every pointer is borrowed for the duration of render() and
/// indexes points in drawing order (MapPoints order).
struct RasterLayer {
    const MapPoints* points = nullptr;  ///< null or empty: the layer draws nothing
    PointColouring colouring = PointColouring::Uniform;
    std::uint32_t uniformColour = 0xff1f77b4u;
    const std::uint16_t* categories = nullptr;  ///< Category: one per point
    const std::uint32_t* palette = nullptr;     ///< Category: colours; a category >= paletteSize takes the last
    std::size_t paletteSize = 0;
    const float* scores = nullptr;              ///< Score: one per point
    float scoreLow = 0.0f;                      ///< Score: value drawn as colormap[0]
    float scoreHigh = 1.0f;                     ///< Score: value drawn as colormap[255]
    const std::uint32_t* colormap = nullptr;    ///< Score: 256 colours (colormapTable())
    std::uint32_t noValueColour = kNoValueColour;
    /// PointState bits per point; null: every point emphasised, none selected.
    const std::uint8_t* states = nullptr;
    int pointSize = 2;     ///< splat side in pixels, 1 to 5 (others are clamped)
    bool density = true;   ///< alpha from the log count (else every covered pixel opaque)
};

/// Frame-wide colours (0xAARRGGBB, alpha ignored: the image is opaque).
struct RasterStyle {
    std::uint32_t background = 0xffffffffu;
    std::uint32_t contextColour = 0xffa9adb4u;    ///< points outside the emphasis
    std::uint32_t selectionColour = 0xff1d1f23u;  ///< the outline of selected points
    float minAlpha = 0.5f;          ///< alpha of the sparsest covered pixel with density shading
    float contextMaxAlpha = 0.6f;   ///< context points never get more opaque than this
    float selectionAlpha = 0.9f;    ///< alpha of the selection outline
};

/// Renders layers into a caller's 32-bit buffer.
///
/// Thread affinity: one render() at a time per rasteriser (it owns its accumulators and thread team);
/// the layers' data must not change during the call.
class MapRasterizer {
public:
    /// threads <= 0: the hardware concurrency, at most 8.
    explicit MapRasterizer(int threads = 0);
    ~MapRasterizer();
    MapRasterizer(const MapRasterizer&) = delete;
    MapRasterizer& operator=(const MapRasterizer&) = delete;

    int threadCount() const;

    /// Draws `layers` in order over the background into `pixels` (transform.width() x transform.height()
    /// pixels, `stride` uint32 per row, ARGB32 premultiplied = QImage::Format_ARGB32_Premultiplied, every
    /// pixel opaque). Cost: O(points + pixels) per layer with points, split over the team. Throws
    /// std::invalid_argument for a null buffer or a stride below the width.
    void render(const RasterLayer* layers, std::size_t layerCount, const MapTransform& transform,
                const RasterStyle& style, std::uint32_t* pixels, std::ptrdiff_t stride);

    /// Accumulator memory currently held, in bytes.
    std::size_t memoryBytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace winnow::widgets
