// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>
#include <vector>

namespace winnow::widgets {

/// Paints a duplicate group as one row: a header ("4 images · pHash distance ≤ 6") and a strip of its
/// members' thumbnails, as many as fit (the last slot says "+N" when some do not). Clicking a thumbnail
/// emits memberClicked; the row is selected as usual.
///
/// Thread affinity: GUI thread.
class GroupDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit GroupDelegate(QObject* parent = nullptr);

    void setThumbnailSize(int size) { m_size = size; }
    int thumbnailSize() const { return m_size; }
    /// Thumbnails that fit in a row of this width.
    int slotsFor(int width) const;
    /// Where member `slot` of a row is painted.
    QRect slotRect(const QRect& row, int slot, const QFontMetrics& metrics) const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

Q_SIGNALS:
    void memberClicked(qint64 sampleId);

protected:
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    int headerHeight(const QFontMetrics& metrics) const { return metrics.height() + 6; }

    int m_size = 72;
};

}  // namespace winnow::widgets
