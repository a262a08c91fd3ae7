// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/curationicons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace winnow::widgets {

namespace {

const QColor kAccent(0x2a, 0x9d, 0x8f);
const QColor kWarm(0xe7, 0x6f, 0x51);

/// Draws one glyph in a 24 x 24 box in the palette's text colour.
class CurationGlyphEngine final : public QIconEngine {
public:
    explicit CurationGlyphEngine(CurationIconId id) : m_id(id) {}

    QIconEngine* clone() const override { return new CurationGlyphEngine(m_id); }

    // QIconEngine's default pixmap() leaves the pixmap uninitialised: start from transparent.
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
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / 24.0, side / 24.0);
        if (mode == QIcon::Disabled) painter->setOpacity(0.45);
        draw(*painter, ink);
        painter->restore();
    }

private:
    void draw(QPainter& p, const QColor& ink) const {
        const QPen pen(ink, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        QColor wash = kAccent;
        wash.setAlphaF(0.3f);
        switch (m_id) {
        case CurationIconId::Curate: {
            QPainterPath funnel;
            funnel.moveTo(3, 4);
            funnel.lineTo(21, 4);
            funnel.lineTo(14, 12.5);
            funnel.lineTo(14, 19);
            funnel.lineTo(10, 21);
            funnel.lineTo(10, 12.5);
            funnel.closeSubpath();
            p.fillPath(funnel, wash);
            p.drawPath(funnel);
            break;
        }
        case CurationIconId::Embed: {
            p.drawRoundedRect(QRectF(2.5, 5, 9, 9), 1.5, 1.5);
            QPainterPath hill;
            hill.moveTo(3.5, 13);
            hill.lineTo(6.5, 9.5);
            hill.lineTo(10.5, 13);
            p.drawPath(hill);
            p.drawLine(QPointF(13, 9.5), QPointF(15.5, 9.5));
            p.drawPolyline(QPolygonF({QPointF(14.5, 8), QPointF(16, 9.5), QPointF(14.5, 11)}));
            p.setPen(Qt::NoPen);
            p.setBrush(kAccent);
            for (int i = 0; i < 4; ++i) p.drawEllipse(QPointF(19.5, 4.5 + 4.3 * i), 1.5, 1.5);
            break;
        }
        case CurationIconId::Run: {
            QPainterPath play;
            play.moveTo(7, 4.5);
            play.lineTo(19.5, 12);
            play.lineTo(7, 19.5);
            play.closeSubpath();
            p.setPen(QPen(kAccent.darker(115), 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(kAccent);
            p.drawPath(play);
            break;
        }
        case CurationIconId::Compare: {
            QColor warm = kWarm;
            warm.setAlphaF(0.3f);
            p.setBrush(wash);
            p.drawEllipse(QPointF(9, 12), 6.5, 6.5);
            p.setBrush(warm);
            p.drawEllipse(QPointF(15, 12), 6.5, 6.5);
            break;
        }
        case CurationIconId::Subset: {
            for (int r = 0; r < 3; ++r)
                for (int c = 0; c < 3; ++c) {
                    const QRectF cell(3.5 + 6 * c, 3.5 + 6 * r, 5, 5);
                    const bool picked = (r * 3 + c) % 4 == 0;
                    p.setBrush(picked ? QBrush(kAccent) : QBrush(Qt::NoBrush));
                    p.setPen(picked ? QPen(kAccent, 1.2) : QPen(ink, 1.2));
                    p.drawRect(cell);
                }
            break;
        }
        }
    }

    CurationIconId m_id;
};

}  // namespace

QIcon curationIcon(CurationIconId id) { return QIcon(new CurationGlyphEngine(id)); }

}  // namespace winnow::widgets
