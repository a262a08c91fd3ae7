// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace winnow::widgets {

/// The application's icons. They are drawn with QPainter paths at whatever size is asked, in the current
/// palette's text colour (so they follow the dark and light themes) with one accent colour; no image
/// plugin is needed (Debian's Qt has no SVG plugin unless qt6-svg is installed).
enum class IconId {
    App,
    NewProject,
    Open,
    Import,
    Folder,
    File,
    TagAdd,
    TagRemove,
    Undo,
    Redo,
    ZoomIn,
    ZoomOut,
    Cancel,
    Clear,
    Duplicates,
    Filter,
    Jobs,
    Inspector,
    Theme,
    Delete,
    Search,
    Warning,
    Done,
    Failed,
    Running,
    Browser,
};

/// Thread affinity: GUI thread (icons paint with the application palette).
QIcon icon(IconId id);

}  // namespace winnow::widgets
