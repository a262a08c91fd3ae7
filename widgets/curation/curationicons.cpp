// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/curationicons.h"

#include <QPainter>
#include <QPainterPath>

#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {

const QColor kAccent = iconAccent();
const QColor kWarm(0xe7, 0x6f, 0x51);

/// Draws one curation glyph in a 24 x 24 box (painted by style/icons.h's glyphIcon).
class CurationGlyphs {
public:
    explicit CurationGlyphs(CurationIconId id) : m_id(id) {}
    void operator()(QPainter& p, const QColor& ink) const { draw(p, ink); }

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

QIcon curationIcon(CurationIconId id) { return glyphIcon(CurationGlyphs(id)); }

}  // namespace winnow::widgets
