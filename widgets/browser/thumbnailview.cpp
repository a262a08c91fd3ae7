// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/browser/thumbnailview.h"

#include <QKeyEvent>
#include <QPainter>
#include <QWheelEvent>

#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnaildelegate.h"
#include "widgets/thumbnails/thumbnailscheduler.h"

namespace winnow::widgets {

ThumbnailView::ThumbnailView(QWidget* parent)
    : QListView(parent), m_delegate(new ThumbnailDelegate(this)) {
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::Batched);
    setBatchSize(2048);
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setSpacing(0);
    setItemDelegate(m_delegate);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);
    m_scheduler = new ThumbnailScheduler(this, [](const QModelIndex& index) {
        return std::vector<std::int64_t>{index.data(SampleModel::SampleIdRole).toLongLong()};
    });
    updateGrid();
}

void ThumbnailView::setProvider(ThumbnailProvider* provider) { m_scheduler->setProvider(provider); }

void ThumbnailView::setShowCaptions(bool show) {
    m_delegate->setShowCaptions(show);
    updateGrid();
}

void ThumbnailView::setEmptyText(const QString& text) {
    m_emptyText = text;
    viewport()->update();
}

void ThumbnailView::setThumbnailSize(int size) {
    size = std::clamp(size, kMinimumSize, kMaximumSize);
    if (size == m_size) return;
    const QModelIndex current = currentIndex();
    m_size = size;
    updateGrid();
    if (current.isValid()) scrollTo(current, QAbstractItemView::PositionAtCenter);
    m_scheduler->scheduleUpdate();
    Q_EMIT thumbnailSizeChanged(m_size);
}

void ThumbnailView::zoomIn() { setThumbnailSize(m_size + std::max(8, m_size / 6)); }

void ThumbnailView::zoomOut() { setThumbnailSize(m_size - std::max(8, m_size / 7)); }

void ThumbnailView::updateGrid() {
    setIconSize(QSize(m_size, m_size));
    QSize cell = m_delegate->cellSize(iconSize(), fontMetrics());
    // Share the slack of a row between its cells, so that the grid fills the width (the items stay
    // centred in their cells).
    const int width = viewport()->width() - 1;
    const int columns = std::max(1, width / cell.width());
    if (columns > 1) cell.setWidth(width / columns);
    if (cell != gridSize()) setGridSize(cell);
}

void ThumbnailView::resizeEvent(QResizeEvent* event) {
    QListView::resizeEvent(event);
    updateGrid();
}

void ThumbnailView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        m_wheelRemainder += event->angleDelta().y();
        while (m_wheelRemainder >= 120) {
            zoomIn();
            m_wheelRemainder -= 120;
        }
        while (m_wheelRemainder <= -120) {
            zoomOut();
            m_wheelRemainder += 120;
        }
        event->accept();
        return;
    }
    QListView::wheelEvent(event);
}

void ThumbnailView::keyPressEvent(QKeyEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            zoomIn();
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            zoomOut();
            return;
        }
    }
    QListView::keyPressEvent(event);
}

void ThumbnailView::paintEvent(QPaintEvent* event) {
    QListView::paintEvent(event);
    if (model() && model()->rowCount() > 0) return;
    QPainter painter(viewport());
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.5f);
    painter.setPen(color);
    painter.drawText(viewport()->rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}

}  // namespace winnow::widgets
