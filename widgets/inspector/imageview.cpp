// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/inspector/imageview.h"

#include <QPainter>

namespace winnow::widgets {

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(120, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage& image, const QString& note) { setPixmap(QPixmap::fromImage(image), note); }

void ImageView::setPixmap(const QPixmap& pixmap, const QString& note) {
    m_pixmap = pixmap;
    m_note = note;
    m_message.clear();
    update();
}

void ImageView::clear(const QString& message) {
    m_pixmap = QPixmap();
    m_note.clear();
    m_message = message;
    update();
}

void ImageView::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event)
    QPainter painter(this);
    const QRect area = rect().adjusted(6, 6, -6, -6);
    QColor text = palette().color(QPalette::WindowText);
    if (m_pixmap.isNull()) {
        text.setAlphaF(0.55f);
        painter.setPen(text);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QSize limit = m_pixmap.size() * 4;
    const QSize size = m_pixmap.size().scaled(area.size().boundedTo(limit), Qt::KeepAspectRatio);
    const QRect target(area.x() + (area.width() - size.width()) / 2, area.y() + (area.height() - size.height()) / 2,
                       size.width(), size.height());
    if (m_pixmap.hasAlphaChannel()) {
        const int cell = 8;
        for (int y = target.top(); y < target.bottom(); y += cell)
            for (int x = target.left(); x < target.right(); x += cell) {
                const bool dark = ((x - target.left()) / cell + (y - target.top()) / cell) % 2;
                painter.fillRect(QRect(x, y, cell, cell).intersected(target), dark ? QColor(0xcc, 0xcc, 0xcc) : Qt::white);
            }
    }
    // Images blown up three times or more (MNIST digits, thumbnails of tiny images) stay crisp pixels;
    // everything else is smoothed.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, size.width() < 3 * m_pixmap.width());
    painter.drawPixmap(target, m_pixmap);
    if (!m_note.isEmpty()) {
        const QRect noteRect = painter.fontMetrics().boundingRect(m_note).adjusted(-6, -3, 6, 3);
        QRect box(QPoint(area.left(), area.bottom() - noteRect.height()), noteRect.size());
        QColor background = palette().color(QPalette::Window);
        background.setAlphaF(0.85f);
        painter.fillRect(box, background);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(box, Qt::AlignCenter, m_note);
    }
}

}  // namespace winnow::widgets
