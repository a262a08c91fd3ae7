// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace winnow::widgets {

/// The curation area's icons, painted with QPainter in the current palette's text colour with Winnow's
/// accent (like style/icons.h, so they follow the theme; no image plugin needed).
enum class CurationIconId {
    Curate,   ///< a funnel: the Curation panel and menu
    Embed,    ///< an image becoming a vector of dots
    Run,      ///< a play triangle
    Compare,  ///< two overlapping circles
    Subset,   ///< a grid with some cells picked
};

/// Thread affinity: GUI thread.
QIcon curationIcon(CurationIconId id);

}  // namespace winnow::widgets
