// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace winnow::widgets {

/// Paints a sample cell of a thumbnail grid: the thumbnail fitted into the view's icon size (aspect kept,
/// scaled up when the view is zoomed past the stored size), a placeholder while it loads, a warning
/// glyph for failed samples, and the caption below when captions are on.
///
/// Thread affinity: GUI thread.
class ThumbnailDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setShowCaptions(bool show) { m_showCaptions = show; }
    bool showCaptions() const { return m_showCaptions; }

    /// Cell size for an icon size (the grid size of the view).
    QSize cellSize(const QSize& iconSize, const QFontMetrics& metrics) const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Draws a thumbnail (or its placeholder) fitted into `box`. Shared with the duplicate groups.
    static void paintThumbnail(QPainter* painter, const QRect& box, const QVariant& decoration, bool loaded,
                               bool missing, const QPalette& palette);

private:
    bool m_showCaptions = true;
};

}  // namespace winnow::widgets
