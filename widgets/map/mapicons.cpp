// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mapicons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace winnow::widgets {

namespace {

class MapGlyphEngine final : public QIconEngine {
public:
    explicit MapGlyphEngine(MapIconId id) : m_id(id) {}

    QIconEngine* clone() const override { return new MapGlyphEngine(m_id); }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            paint(&painter, QRect(QPoint(0, 0), pixmap.size()), mode, state);
        }
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        const QPalette palette = QApplication::palette();
        QColor ink = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        if (mode == QIcon::Selected) ink = palette.color(QPalette::HighlightedText);
        const QColor accent(0x2a, 0x9d, 0x8f);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / 24.0, side / 24.0);
        if (mode == QIcon::Disabled) painter->setOpacity(0.45);
        const QPen pen(ink, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        switch (m_id) {
        case MapIconId::Pan: {
            // A four-way arrow.
            painter->drawLine(QPointF(12, 3), QPointF(12, 21));
            painter->drawLine(QPointF(3, 12), QPointF(21, 12));
            const QPointF tips[4][3] = {{{9, 6}, {12, 3}, {15, 6}},
                                        {{9, 18}, {12, 21}, {15, 18}},
                                        {{6, 9}, {3, 12}, {6, 15}},
                                        {{18, 9}, {21, 12}, {18, 15}}};
            for (const auto& t : tips) painter->drawPolyline(t, 3);
            break;
        }
        case MapIconId::Lasso: {
            QPainterPath loop;
            loop.moveTo(7, 15);
            loop.cubicTo(1, 12, 3, 4, 12, 4);
            loop.cubicTo(20, 4, 23, 10, 18, 14);
            loop.cubicTo(15, 16.5, 10, 16.5, 7, 15);
            QColor fill = accent;
            fill.setAlphaF(0.25f);
            painter->fillPath(loop, fill);
            painter->drawPath(loop);
            QPainterPath tail;
            tail.moveTo(7, 15);
            tail.cubicTo(5, 18, 8, 20, 6, 22);
            painter->drawPath(tail);
            break;
        }
        case MapIconId::Box: {
            QColor fill = accent;
            fill.setAlphaF(0.25f);
            painter->fillRect(QRectF(4, 6, 16, 12), fill);
            QPen dashed = pen;
            dashed.setDashPattern({2.0, 1.6});
            dashed.setCapStyle(Qt::FlatCap);
            painter->setPen(dashed);
            painter->drawRect(QRectF(4, 6, 16, 12));
            break;
        }
        case MapIconId::Fit: {
            const QPointF corners[4][3] = {{{3, 8}, {3, 3}, {8, 3}},
                                           {{16, 3}, {21, 3}, {21, 8}},
                                           {{21, 16}, {21, 21}, {16, 21}},
                                           {{8, 21}, {3, 21}, {3, 16}}};
            for (const auto& c : corners) painter->drawPolyline(c, 3);
            painter->setPen(Qt::NoPen);
            painter->setBrush(accent);
            for (const QPointF& dot : {QPointF(9, 10), QPointF(14, 9), QPointF(12, 14), QPointF(15.5, 14.5)})
                painter->drawEllipse(dot, 1.6, 1.6);
            break;
        }
        }
        painter->restore();
    }

private:
    MapIconId m_id;
};

}  // namespace

QIcon mapIcon(MapIconId id) { return QIcon(new MapGlyphEngine(id)); }

}  // namespace winnow::widgets
