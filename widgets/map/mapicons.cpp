// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/mapicons.h"

#include <QPainter>
#include <QPainterPath>

#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {

/// Draws one map tool glyph in a 24 x 24 box (painted by style/icons.h's glyphIcon).
void drawMapGlyph(MapIconId id, QPainter& p, const QColor& ink) {
    const QColor accent = iconAccent();
    const QPen pen(ink, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    switch (id) {
    case MapIconId::Pan: {
        // A four-way arrow.
        p.drawLine(QPointF(12, 3), QPointF(12, 21));
        p.drawLine(QPointF(3, 12), QPointF(21, 12));
        const QPointF tips[4][3] = {{{9, 6}, {12, 3}, {15, 6}},
                                    {{9, 18}, {12, 21}, {15, 18}},
                                    {{6, 9}, {3, 12}, {6, 15}},
                                    {{18, 9}, {21, 12}, {18, 15}}};
        for (const auto& t : tips) p.drawPolyline(t, 3);
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
        p.fillPath(loop, fill);
        p.drawPath(loop);
        QPainterPath tail;
        tail.moveTo(7, 15);
        tail.cubicTo(5, 18, 8, 20, 6, 22);
        p.drawPath(tail);
        break;
    }
    case MapIconId::Box: {
        QColor fill = accent;
        fill.setAlphaF(0.25f);
        p.fillRect(QRectF(4, 6, 16, 12), fill);
        QPen dashed = pen;
        dashed.setDashPattern({2.0, 1.6});
        dashed.setCapStyle(Qt::FlatCap);
        p.setPen(dashed);
        p.drawRect(QRectF(4, 6, 16, 12));
        break;
    }
    case MapIconId::Fit: {
        const QPointF corners[4][3] = {{{3, 8}, {3, 3}, {8, 3}},
                                       {{16, 3}, {21, 3}, {21, 8}},
                                       {{21, 16}, {21, 21}, {16, 21}},
                                       {{8, 21}, {3, 21}, {3, 16}}};
        for (const auto& c : corners) p.drawPolyline(c, 3);
        p.setPen(Qt::NoPen);
        p.setBrush(accent);
        for (const QPointF& dot : {QPointF(9, 10), QPointF(14, 9), QPointF(12, 14), QPointF(15.5, 14.5)})
            p.drawEllipse(dot, 1.6, 1.6);
        break;
    }
    }
}

}  // namespace

QIcon mapIcon(MapIconId id) {
    return glyphIcon([id](QPainter& p, const QColor& ink) { drawMapGlyph(id, p, ink); });
}

}  // namespace winnow::widgets
