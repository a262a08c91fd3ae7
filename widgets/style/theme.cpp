// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/style/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace winnow::widgets {

namespace {
Theme g_current = Theme::Light;

void setDisabled(QPalette& p, const QColor& text) {
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, text);
}
}  // namespace

QString themeName(Theme theme) {
    return theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

std::optional<Theme> parseTheme(const QString& name) {
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0) return Theme::Dark;
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0) return Theme::Light;
    return std::nullopt;
}

QPalette themePalette(Theme theme) {
    const QColor accent(0x2a, 0x9d, 0x8f);
    QPalette p;
    if (theme == Theme::Dark) {
        const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe4, 0xe6, 0xeb);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
        p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
        p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
        p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x45));
        p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2b));
        p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1c));
        p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0e));
        p.setColor(QPalette::Highlight, accent.darker(115));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, accent.lighter(130));
        p.setColor(QPalette::LinkVisited, accent.lighter(110));
        setDisabled(p, QColor(0x7a, 0x7e, 0x86));
        p.setColor(QPalette::Disabled, QPalette::Base, window);
    } else {
        const QColor window(0xef, 0xf0, 0xf2), text(0x1d, 0x1f, 0x23);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf8));
        p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfd, 0xe8));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0xf7, 0xf7, 0xf8));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::red);
        p.setColor(QPalette::Light, Qt::white);
        p.setColor(QPalette::Midlight, QColor(0xe3, 0xe4, 0xe7));
        p.setColor(QPalette::Mid, QColor(0xb8, 0xbb, 0xc1));
        p.setColor(QPalette::Dark, QColor(0x9a, 0x9d, 0xa3));
        p.setColor(QPalette::Shadow, QColor(0x50, 0x52, 0x56));
        p.setColor(QPalette::Highlight, accent);
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, accent.darker(120));
        p.setColor(QPalette::LinkVisited, accent.darker(140));
        setDisabled(p, QColor(0x9a, 0x9d, 0xa3));
    }
    return p;
}

void applyTheme(Theme theme) {
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0) {
        if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) QApplication::setStyle(fusion);
    }
    QApplication::setPalette(themePalette(theme));
    g_current = theme;
}

Theme currentTheme() { return g_current; }

}  // namespace winnow::widgets
