// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Colours of the map: the category palette and the continuous colormaps. Plain C++; colours are packed
// 0xAARRGGBB (the layout of QRgb) with alpha 0xff.

#include <array>
#include <cstdint>

namespace winnow::widgets {

enum class Colormap {
    Viridis,  ///< matplotlib's viridis (perceptually uniform, colour-blind safe)
    Magma,    ///< matplotlib's magma (dark to light; reads well on a light background)
};

/// The 256 colours of a colormap, low value first, sampled from matplotlib 3.6 at i / 255 and rounded
/// (tests/data/map/make_colormaps.py writes the reference the tests compare with).
const std::array<std::uint32_t, 256>& colormapTable(Colormap map);

/// The display name ("viridis", "magma").
const char* colormapName(Colormap map);

/// The colour of category `k` (k >= 0): Tableau-10 without its grey (kept for context points), six more
/// hues between those, then hues 137.5 degrees apart at saturation 0.68 and alternating lightness 0.44 /
/// 0.58. k < 0 gives the "no value" grey. O(1).
std::uint32_t categoryColour(int k);

/// The grey of points without a value (category < 0, NaN score).
constexpr std::uint32_t kNoValueColour = 0xff9a9da3u;

}  // namespace winnow::widgets
