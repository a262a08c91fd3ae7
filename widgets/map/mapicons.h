// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace winnow::widgets {

/// The map panel's tool icons, painted with QPainter in the current palette's text colour (like
/// style/icons.h, so they follow the theme).
enum class MapIconId { Pan, Lasso, Box, Fit };

/// Thread affinity: GUI thread.
QIcon mapIcon(MapIconId id);

}  // namespace winnow::widgets
