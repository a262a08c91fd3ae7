// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/jobdelegate.h"

#include <QApplication>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include "widgets/jobs/jobmodel.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
constexpr int kMargin = 6;
constexpr int kButton = 22;
constexpr int kBarHeight = 8;

QString elapsedText(qint64 ms) {
    const qint64 s = ms / 1000;
    if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QIcon stateIcon(JobState state) {
    switch (state) {
        case JobState::Finished: return icon(IconId::Done);
        case JobState::Failed: return icon(IconId::Failed);
        case JobState::Canceled: return icon(IconId::Cancel);
        default: return icon(IconId::Running);
    }
}
}  // namespace

QSize JobDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    Q_UNUSED(index)
    const int line = option.fontMetrics.height();
    return {240, kMargin * 2 + line * 2 + kBarHeight + 8};
}

QRect JobDelegate::cancelButtonRect(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const auto state = static_cast<JobState>(index.data(JobModel::StateRole).toInt());
    if (isFinal(state)) return {};
    const QRect r = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    return {r.right() - kButton + 1, r.center().y() - kButton / 2, kButton, kButton};
}

void JobDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    opt.text.clear();
    opt.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);  // background and selection

    const auto state = static_cast<JobState>(index.data(JobModel::StateRole).toInt());
    const QPalette::ColorRole textRole =
        (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    const QColor text = opt.palette.color(textRole);
    QColor dim = text;
    dim.setAlphaF(0.7f);

    QRect r = opt.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const QRect button = cancelButtonRect(opt, index);
    if (!button.isNull()) r.setRight(button.left() - kMargin);
    const int line = opt.fontMetrics.height();

    painter->save();
    // Line 1: state icon, title, elapsed time.
    const QRect iconRect(r.left(), r.top() + (line - 16) / 2, 16, 16);
    stateIcon(state).paint(painter, iconRect);
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QString elapsed = elapsedText(index.data(JobModel::ElapsedRole).toLongLong());
    const int elapsedWidth = opt.fontMetrics.horizontalAdvance(elapsed) + 4;
    QRect titleRect(iconRect.right() + 6, r.top(), r.width() - 22 - elapsedWidth, line);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(index.data(JobModel::TitleRole).toString(), Qt::ElideRight,
                                                    titleRect.width()));
    painter->setFont(opt.font);
    painter->setPen(dim);
    painter->drawText(QRect(r.right() - elapsedWidth, r.top(), elapsedWidth, line), Qt::AlignRight | Qt::AlignVCenter,
                      elapsed);

    // Line 2: progress bar.
    QStyleOptionProgressBar bar;
    bar.rect = QRect(r.left(), r.top() + line + 4, r.width(), kBarHeight);
    bar.palette = opt.palette;
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
    bar.minimum = 0;
    const double fraction = index.data(JobModel::FractionRole).toDouble();
    if (fraction < 0 && !isFinal(state)) {
        bar.maximum = 0;  // busy
        bar.progress = 0;
    } else {
        bar.maximum = 1000;
        bar.progress = isFinal(state) && state != JobState::Finished ? 0 : int(std::max(0.0, fraction) * 1000);
    }
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, opt.widget);

    // Line 3: stage (or summary / error) and counts.
    QString detail = index.data(JobModel::StageRole).toString();
    const qint64 done = index.data(JobModel::DoneRole).toLongLong();
    const qint64 total = index.data(JobModel::TotalRole).toLongLong();
    if (!isFinal(state) && done >= 0) {
        const QLocale locale;
        const QString counts = total >= 0 ? tr("%1 of %2").arg(locale.toString(done), locale.toString(total))
                                          : locale.toString(done);
        detail = detail.isEmpty() ? counts : detail + QStringLiteral(" — ") + counts;
    }
    painter->setPen(state == JobState::Failed ? QColor(0xd0, 0x4a, 0x3c) : dim);
    const QRect detailRect(r.left(), bar.rect.bottom() + 4, r.width(), line);
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(detail, Qt::ElideRight, detailRect.width()));

    // Cancel button.
    if (!button.isNull()) {
        QStyleOptionToolButton tool;
        tool.rect = button;
        tool.palette = opt.palette;
        tool.state = QStyle::State_Enabled | QStyle::State_AutoRaise;
        if (state == JobState::Canceling) tool.state &= ~QStyle::State_Enabled;
        if ((opt.state & QStyle::State_MouseOver) && opt.widget) {
            const QPoint cursor = opt.widget->mapFromGlobal(QCursor::pos());
            if (button.contains(cursor)) tool.state |= QStyle::State_MouseOver | QStyle::State_Raised;
        }
        tool.subControls = QStyle::SC_ToolButton;
        tool.icon = icon(IconId::Cancel);
        tool.iconSize = QSize(16, 16);
        tool.toolButtonStyle = Qt::ToolButtonIconOnly;
        style->drawComplexControl(QStyle::CC_ToolButton, &tool, painter, opt.widget);
    }
    painter->restore();
}

bool JobDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                              const QModelIndex& index) {
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonRelease) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const QRect button = cancelButtonRect(option, index);
        const bool inside = !button.isNull() && button.contains(mouse->position().toPoint());
        if (event->type() == QEvent::MouseButtonPress) {
            m_pressed = inside ? button : QRect();
            if (inside) return true;
        } else if (inside && m_pressed == button) {
            m_pressed = QRect();
            Q_EMIT cancelRequested(index);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

}  // namespace winnow::widgets
