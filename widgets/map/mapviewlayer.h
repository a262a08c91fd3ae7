// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to MapView (mapview.cpp, mapviewevents.cpp): one layer's state.

#include <cstdint>
#include <memory>
#include <vector>

#include "widgets/map/mapcolouring.h"
#include "widgets/map/mappoints.h"
#include "widgets/map/mapview.h"

namespace winnow::widgets {

struct MapView::Layer {
    std::shared_ptr<const MapPoints> points;
    MapColouring colouring;
    PreparedColouring prepared;
    std::vector<std::uint8_t> states;  ///< base layer only: PointState bits in drawing order (empty: none)
    int pointSize = 0;                 ///< 0: automatic
    std::uint64_t generation = 0;      ///< of the newest setPoints; older results are dropped
    std::uint64_t installed = 0;       ///< generation of `points`
    ThumbnailSource thumbnail;
    CaptionSource caption;
};

}  // namespace winnow::widgets
