// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace winnow::widgets {

/// Paints one job of a JobModel: state icon, title, elapsed time, a progress bar (busy when the total is
/// unknown), the stage or summary line, and a Cancel button while the job is active. A click on the button
/// emits cancelRequested; no editor widgets are created.
///
/// Thread affinity: GUI thread.
class JobDelegate final : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Where the Cancel button of a row lies (empty when the job has ended).
    QRect cancelButtonRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;

Q_SIGNALS:
    void cancelRequested(const QModelIndex& index);

protected:
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    QRect m_pressed;  // button rect of the row a press started on
};

}  // namespace winnow::widgets
