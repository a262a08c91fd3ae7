// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/duplicates/groupdelegate.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

#include "widgets/browser/thumbnaildelegate.h"
#include "widgets/duplicates/duplicategroupmodel.h"
#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

namespace {
constexpr int kMargin = 6;
constexpr int kGap = 6;
}  // namespace

GroupDelegate::GroupDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

int GroupDelegate::slotsFor(int width) const {
    return std::max(1, (width - 2 * kMargin + kGap) / (m_size + kGap));
}

QRect GroupDelegate::slotRect(const QRect& row, int slot, const QFontMetrics& metrics) const {
    const int top = row.top() + kMargin + headerHeight(metrics);
    return {row.left() + kMargin + slot * (m_size + kGap), top, m_size, m_size};
}

QSize GroupDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    Q_UNUSED(index)
    return {m_size * 3, 2 * kMargin + headerHeight(option.fontMetrics) + m_size};
}

void GroupDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    const QPalette::ColorRole role = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    QColor text = opt.palette.color(role);
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect header(opt.rect.left() + kMargin, opt.rect.top() + kMargin / 2, opt.rect.width() - 2 * kMargin,
                       headerHeight(opt.fontMetrics));
    const QString title = tr("Group %1").arg(index.row() + 1);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, title);
    painter->setFont(opt.font);
    text.setAlphaF(0.75f);
    painter->setPen(text);
    const int titleWidth = QFontMetrics(bold).horizontalAdvance(title) + 10;
    painter->drawText(header.adjusted(titleWidth, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(Qt::DisplayRole).toString());

    const QList<qint64> ids = index.data(DuplicateGroupModel::MemberIdsRole).value<QList<qint64>>();
    const auto* model = qobject_cast<const DuplicateGroupModel*>(index.model());
    ThumbnailProvider* provider = model ? model->thumbnails() : nullptr;
    const int slots = slotsFor(opt.rect.width());
    const bool overflow = ids.size() > slots;
    const int shown = overflow ? slots - 1 : static_cast<int>(ids.size());
    painter->setRenderHint(QPainter::Antialiasing, true);
    for (int i = 0; i < shown; ++i) {
        const ThumbnailEntry* entry = provider ? provider->entry(ids[i]) : nullptr;
        ThumbnailDelegate::paintThumbnail(painter, slotRect(opt.rect, i, opt.fontMetrics),
                                          entry && !entry->missing ? QVariant(entry->pixmap) : QVariant(),
                                          entry != nullptr, entry && entry->missing, opt.palette);
    }
    if (overflow) {
        const QRect more = slotRect(opt.rect, slots - 1, opt.fontMetrics);
        QColor tile = opt.palette.color(QPalette::Text);
        tile.setAlphaF(0.08f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(tile);
        painter->drawRoundedRect(more.adjusted(2, 2, -2, -2), 4, 4);
        painter->setPen(opt.palette.color(role));
        painter->drawText(more, Qt::AlignCenter, tr("+%1").arg(ids.size() - shown));
    }
    painter->restore();
}

bool GroupDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                                const QModelIndex& index) {
    if (event->type() == QEvent::MouseButtonRelease) {
        const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
        const QList<qint64> ids = index.data(DuplicateGroupModel::MemberIdsRole).value<QList<qint64>>();
        const int slots = slotsFor(option.rect.width());
        const int shown = ids.size() > slots ? slots - 1 : static_cast<int>(ids.size());
        for (int i = 0; i < shown; ++i) {
            if (slotRect(option.rect, i, option.fontMetrics).contains(pos)) {
                Q_EMIT memberClicked(ids[i]);
                break;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

}  // namespace winnow::widgets
