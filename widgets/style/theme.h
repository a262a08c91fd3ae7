// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>
#include <QString>
#include <optional>

namespace winnow::widgets {

enum class Theme { Light, Dark };

/// "light" / "dark".
QString themeName(Theme theme);
std::optional<Theme> parseTheme(const QString& name);

/// The palette of a theme (Fusion colours, with Winnow's accent as highlight).
QPalette themePalette(Theme theme);

/// Switches the application to the Fusion style with the theme's palette. Widgets repaint; icons from
/// icon() follow the palette on their next paint.
/// Thread affinity: GUI thread.
void applyTheme(Theme theme);

/// The theme last applied (Light before any).
Theme currentTheme();

}  // namespace winnow::widgets
