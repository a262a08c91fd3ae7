// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>

#include <functional>

class QPainter;

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

/// Winnow's accent colour (teal), the one colour icons add to the palette's text colour.
inline QColor iconAccent() { return QColor(0x2a, 0x9d, 0x8f); }

/// Paints one glyph in a 24 x 24 box: the painter is already antialiased, scaled and centred on the
/// icon's square (and half transparent for disabled icons); ink is the palette's text colour for the
/// icon's mode. It may change the painter's state freely (it is saved and restored around the call).
using GlyphPainter = std::function<void(QPainter& painter, const QColor& ink)>;

/// An icon drawn by `draw` at whatever size is asked, following the theme like icon() (which is built on
/// it; so are the curation and map areas' icons). Thread affinity: GUI thread.
QIcon glyphIcon(GlyphPainter draw);

}  // namespace winnow::widgets
