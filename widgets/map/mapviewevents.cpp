// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MapView's input handling and painting (the state and the API are in mapview.cpp).
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <cmath>

#include "widgets/common/strings.h"
#include "widgets/map/mappoints.h"
#include "widgets/map/mapview.h"
#include "widgets/map/mapviewlayer.h"

namespace winnow::widgets {

namespace {
constexpr double kClickSlop = 4.0;       // pixels a press may move and still be a click
constexpr double kLassoStep = 2.0;       // pixels between recorded lasso vertices
constexpr double kHoverRadius = 6.0;     // pixels
constexpr int kThumbnailSide = 128;      // pixels of the hover card's image
}  // namespace

void MapView::mousePressEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    m_pressPos = m_lastPos = pos;
    m_moved = false;
    m_pressModifiers = event->modifiers();
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_tool == MapTool::Pan)) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton && m_tool == MapTool::Lasso) {
        m_drag = Drag::Lasso;
        m_lasso = QPolygonF({pos});
    } else if (event->button() == Qt::LeftButton && m_tool == MapTool::Box) {
        m_drag = Drag::Box;
    } else {
        QWidget::mousePressEvent(event);
        return;
    }
    event->accept();
}

void MapView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (m_drag == Drag::None) {
        updateHover(pos);
        return;
    }
    if ((pos - m_pressPos).manhattanLength() > kClickSlop) m_moved = true;
    switch (m_drag) {
    case Drag::Pan:
        panBy(pos - m_lastPos);
        break;
    case Drag::Lasso:
        if (QLineF(m_lasso.constLast(), pos).length() >= kLassoStep) m_lasso.append(pos);
        update();
        break;
    case Drag::Box:
        update();
        break;
    default:
        break;
    }
    m_lastPos = pos;
    if (m_hoverRow >= 0) setHover(m_hoverLayer, -1, pos);
}

void MapView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_drag == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    setCursor(m_tool == MapTool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
    const QPointF pos = event->position();
    if (!m_moved) {
        m_lasso.clear();
        if (event->button() == Qt::LeftButton) {
            const std::int64_t overlayRow = pointAt(pos, kHoverRadius, MapLayer::Overlay);
            const std::int64_t row = overlayRow >= 0 ? -1 : pointAt(pos, kHoverRadius, MapLayer::Base);
            if (overlayRow >= 0) {
                Q_EMIT overlayPointActivated(overlayRow);
            } else if (row >= 0) {
                Q_EMIT pointActivated(row);
            } else if (m_tool != MapTool::Pan && opFor(m_pressModifiers) == SelectionOp::Replace) {
                clearSelection();
            }
        }
        update();
        return;
    }
    if (drag == Drag::Lasso) {
        m_lasso.append(pos);
        const QPolygonF lasso = m_lasso;
        m_lasso.clear();
        if (lasso.size() >= 3) selectPolygon(lasso, opFor(m_pressModifiers));
    } else if (drag == Drag::Box) {
        selectRect(QRectF(m_pressPos, pos), opFor(m_pressModifiers));
    }
    update();
    updateHover(pos);
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && pointAt(event->position(), kHoverRadius) < 0 &&
        pointAt(event->position(), kHoverRadius, MapLayer::Overlay) < 0) {
        fitToPoints();
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void MapView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    if (delta.y() == 0) {
        event->ignore();
        return;
    }
    // One notch (120) zooms by 1.2.
    zoomAt(event->position(), std::pow(1.2, delta.y() / 120.0));
    updateHover(event->position());
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent* event) {
    const double stepX = width() * 0.1, stepY = height() * 0.1;
    const QPointF centre(width() / 2.0, height() / 2.0);
    switch (event->key()) {
    case Qt::Key_Left: panBy({stepX, 0}); break;
    case Qt::Key_Right: panBy({-stepX, 0}); break;
    case Qt::Key_Up: panBy({0, stepY}); break;
    case Qt::Key_Down: panBy({0, -stepY}); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomAt(centre, 1.25); break;
    case Qt::Key_Minus: zoomAt(centre, 0.8); break;
    case Qt::Key_0:
    case Qt::Key_Home: fitToPoints(); break;
    case Qt::Key_Escape:
        if (m_drag != Drag::None) {
            m_drag = Drag::None;
            m_lasso.clear();
            update();
        } else {
            clearSelection();
        }
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void MapView::leaveEvent(QEvent* event) {
    setHover(MapLayer::Base, -1, m_hoverPos);
    QWidget::leaveEvent(event);
}

void MapView::updateHover(const QPointF& pos) {
    const std::int64_t overlayRow = pointAt(pos, kHoverRadius, MapLayer::Overlay);
    if (overlayRow >= 0) {
        setHover(MapLayer::Overlay, overlayRow, pos);
        return;
    }
    setHover(MapLayer::Base, pointAt(pos, kHoverRadius, MapLayer::Base), pos);
}

void MapView::setHover(MapLayer layer, std::int64_t row, const QPointF& pos) {
    m_hoverPos = pos;
    if (row == m_hoverRow && (row < 0 || layer == m_hoverLayer)) {
        if (row >= 0) update();  // the card follows the cursor
        return;
    }
    m_hoverLayer = layer;
    m_hoverRow = row;
    m_hoverImage = QImage();
    m_hoverImageAsked = false;
    update();
    Q_EMIT hoverChanged(row, layer == MapLayer::Overlay);
}

QString MapView::defaultCaption(MapLayer layer, std::int64_t row) const {
    const Layer& l = layerOf(layer);
    QString text = (layer == MapLayer::Overlay ? tr("Overlay row %1") : tr("Row %1")).arg(row);
    if (!l.points) return text;
    const std::uint32_t order = l.points->orderOf(row);
    if (order == MapPoints::kNotPlaced) return text;
    const PreparedColouring& c = l.prepared;
    QString value;
    const MapColouring& spec = l.colouring;
    if (c.mode == PointColouring::Category && spec.categories && static_cast<std::size_t>(row) < spec.categories->size()) {
        const std::int32_t category = (*spec.categories)[row];
        value = category < 0                          ? tr("no value")
                : category < spec.categoryNames.size() ? spec.categoryNames[category]
                                                      : QString::number(category);
    } else if (c.mode == PointColouring::Score && order < c.scores.size()) {
        const float s = c.scores[order];
        value = std::isnan(s) ? tr("no value") : QString::number(s, 'g', 4);
    }
    if (!value.isEmpty() && !l.colouring.title.isEmpty()) text += QStringLiteral("\n") + l.colouring.title + QStringLiteral(": ") + value;
    return text;
}

void MapView::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event)
    if (!m_frameValid || m_frame.size() != renderSize()) {
        render(m_frame);
        m_frameValid = true;
    }
    QPainter painter(this);
    painter.drawImage(QPointF(0, 0), m_frame);
    paintOverlays(painter);
}

void MapView::paintOverlays(QPainter& painter) {
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& p = palette();
    const QColor accent = p.color(QPalette::Highlight);
    const QColor text = p.color(QPalette::Text);

    if (rowCount(MapLayer::Base) == 0 && rowCount(MapLayer::Overlay) == 0) {
        painter.setPen(p.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, isReady() ? tr("No layout to show") : tr("Preparing the layout…"));
    } else if (!isReady()) {
        painter.setPen(p.color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignBottom, tr("Updating the layout…"));
    }

    if (m_drag == Drag::Lasso && m_lasso.size() > 1) {
        QColor fill = accent;
        fill.setAlphaF(0.12f);
        QPainterPath path;
        path.addPolygon(m_lasso);
        path.closeSubpath();
        painter.fillPath(path, fill);
        painter.setPen(QPen(accent, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(m_lasso);
        painter.setPen(QPen(accent, 1.2, Qt::DashLine, Qt::RoundCap));
        painter.drawLine(m_lasso.constLast(), m_lasso.constFirst());
    } else if (m_drag == Drag::Box && m_moved) {
        QColor fill = accent;
        fill.setAlphaF(0.12f);
        const QRectF box = QRectF(m_pressPos, m_lastPos).normalized();
        painter.fillRect(box, fill);
        painter.setPen(QPen(accent, 1.4));
        painter.drawRect(box);
    }

    if (m_hoverRow >= 0 && m_drag == Drag::None) {
        const Layer& l = layerOf(m_hoverLayer);
        const std::uint32_t order = l.points ? l.points->orderOf(m_hoverRow) : MapPoints::kNotPlaced;
        if (order != MapPoints::kNotPlaced) {
            const QPointF at = toWidget(QPointF(l.points->xs()[order], l.points->ys()[order]));
            const double radius = effectivePointSize(l, 1.0) / 2.0 + 3.0;
            painter.setPen(QPen(p.color(QPalette::Base), 3.0));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(at, radius, radius);
            painter.setPen(QPen(text, 1.5));
            painter.drawEllipse(at, radius, radius);
            paintHoverCard(painter);
        }
    }
}

void MapView::paintHoverCard(QPainter& painter) {
    const Layer& l = layerOf(m_hoverLayer);
    if (!m_hoverImageAsked) {
        m_hoverImageAsked = true;
        if (l.thumbnail) m_hoverImage = l.thumbnail(m_hoverRow);
    }
    const QString caption = l.caption ? l.caption(m_hoverRow) : defaultCaption(m_hoverLayer, m_hoverRow);
    const QPalette& p = palette();
    const QFontMetrics metrics(font());
    QSize imageSize;
    if (!m_hoverImage.isNull())
        imageSize = m_hoverImage.size().scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio);
    const QRect textBox = metrics.boundingRect(QRect(0, 0, 240, 200), Qt::TextWordWrap, caption);
    const int pad = 6;
    const int cardW = std::max(imageSize.width(), textBox.width()) + 2 * pad;
    const int cardH = imageSize.height() + (imageSize.isEmpty() ? 0 : pad) + textBox.height() + 2 * pad;
    QPointF topLeft = m_hoverPos + QPointF(16, 16);
    if (topLeft.x() + cardW > width() - 2) topLeft.setX(m_hoverPos.x() - 16 - cardW);
    if (topLeft.y() + cardH > height() - 2) topLeft.setY(m_hoverPos.y() - 16 - cardH);
    topLeft.setX(std::max(2.0, topLeft.x()));
    topLeft.setY(std::max(2.0, topLeft.y()));
    const QRectF card(topLeft, QSizeF(cardW, cardH));
    QColor shadow = p.color(QPalette::Shadow);
    shadow.setAlphaF(0.25f);
    painter.setPen(Qt::NoPen);
    painter.setBrush(shadow);
    painter.drawRoundedRect(card.translated(1.5, 2.0), 5, 5);
    painter.setBrush(p.color(QPalette::ToolTipBase));
    painter.setPen(QPen(p.color(QPalette::Mid), 1.0));
    painter.drawRoundedRect(card, 5, 5);
    double y = card.top() + pad;
    if (!imageSize.isEmpty()) {
        const QRectF target(card.left() + (cardW - imageSize.width()) / 2.0, y, imageSize.width(), imageSize.height());
        painter.drawImage(target, m_hoverImage);
        y += imageSize.height() + pad;
    }
    painter.setPen(p.color(QPalette::ToolTipText));
    painter.drawText(QRectF(card.left() + pad, y, cardW - 2 * pad, textBox.height()), Qt::TextWordWrap, caption);
}

}  // namespace winnow::widgets
