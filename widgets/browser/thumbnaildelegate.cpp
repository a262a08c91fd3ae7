// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/thumbnaildelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

#include "widgets/browser/samplemodel.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
constexpr int kPadding = 6;
}

QSize ThumbnailDelegate::cellSize(const QSize& iconSize, const QFontMetrics& metrics) const {
    const int text = m_showCaptions ? metrics.height() + 4 : 0;
    return {iconSize.width() + 2 * kPadding, iconSize.height() + 2 * kPadding + text};
}

QSize ThumbnailDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    Q_UNUSED(index)
    const QSize icon = option.decorationSize.isValid() ? option.decorationSize : QSize(128, 128);
    return cellSize(icon, option.fontMetrics);
}

void ThumbnailDelegate::paintThumbnail(QPainter* painter, const QRect& box, const QVariant& decoration, bool loaded,
                                       bool missing, const QPalette& palette) {
    const QPixmap pixmap = decoration.value<QPixmap>();
    if (!pixmap.isNull()) {
        const QSize size = pixmap.size().scaled(box.size(), Qt::KeepAspectRatio);
        const QRect target(box.x() + (box.width() - size.width()) / 2, box.y() + (box.height() - size.height()) / 2,
                           size.width(), size.height());
        // Tiny images (MNIST's 28 px) blown up three times or more stay crisp pixels.
        painter->setRenderHint(QPainter::SmoothPixmapTransform, size.width() < 3 * pixmap.width());
        painter->drawPixmap(target, pixmap);
        QColor frame = palette.color(QPalette::Shadow);
        frame.setAlphaF(0.25f);
        painter->setPen(frame);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(target.adjusted(0, 0, -1, -1));
        return;
    }
    // Placeholder: a soft tile; a warning glyph when the sample has no thumbnail at all.
    QColor tile = palette.color(QPalette::Text);
    tile.setAlphaF(loaded ? 0.10f : 0.06f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tile);
    const int side = std::min(box.width(), box.height());
    const QRect square(box.x() + (box.width() - side) / 2, box.y() + (box.height() - side) / 2, side, side);
    painter->drawRoundedRect(square.adjusted(2, 2, -2, -2), 4, 4);
    if (loaded && missing) {
        const int glyph = std::max(12, side / 3);
        icon(IconId::Warning).paint(painter, QRect(square.center() - QPoint(glyph / 2, glyph / 2), QSize(glyph, glyph)));
    }
}

void ThumbnailDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    // The view's icon size; initStyleOption would replace it with the pixmap's own size.
    const QSize iconSize = option.decorationSize.isValid() ? option.decorationSize : QSize(128, 128);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);

    // Selection and hover: a rounded highlight behind the whole cell.
    const QRect cell = opt.rect.adjusted(2, 2, -2, -2);
    if (opt.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
        QColor highlight = opt.palette.color(QPalette::Highlight);
        if (!(opt.state & QStyle::State_Selected)) highlight.setAlphaF(0.18f);
        else if (!(opt.state & QStyle::State_Active)) highlight.setAlphaF(0.6f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(highlight);
        painter->drawRoundedRect(cell, 5, 5);
    }
    if (opt.state & QStyle::State_HasFocus) {
        QColor focus = opt.palette.color(QPalette::Highlight).darker(130);
        painter->setPen(QPen(focus, 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(cell).adjusted(0.75, 0.75, -0.75, -0.75), 5, 5);
    }

    const QRect box(opt.rect.x() + (opt.rect.width() - iconSize.width()) / 2, opt.rect.y() + kPadding,
                    iconSize.width(), iconSize.height());
    paintThumbnail(painter, box, index.data(Qt::DecorationRole), index.data(SampleModel::LoadedRole).toBool(),
                   index.data(SampleModel::MissingRole).toBool(), opt.palette);

    if (m_showCaptions) {
        const QString caption = index.data(Qt::DisplayRole).toString();
        if (!caption.isEmpty()) {
            const QRect textRect(opt.rect.x() + kPadding, box.bottom() + 3, opt.rect.width() - 2 * kPadding,
                                 opt.fontMetrics.height());
            const bool failed = index.data(SampleModel::FailedRole).toBool();
            QColor color = opt.palette.color((opt.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                   : QPalette::Text);
            if (failed) color = QColor(0xd0, 0x4a, 0x3c);
            painter->setPen(color);
            painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignTop,
                              opt.fontMetrics.elidedText(caption, Qt::ElideMiddle, textRect.width()));
        }
    }
    painter->restore();
}

}  // namespace winnow::widgets
