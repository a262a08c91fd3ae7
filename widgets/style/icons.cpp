// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/style/icons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <algorithm>
#include <utility>

namespace winnow::widgets {

namespace {

const QColor kAccent = iconAccent();
const QColor kRed(0xd0, 0x4a, 0x3c);
const QColor kGreen(0x3f, 0xa3, 0x4d);
const QColor kAmber(0xe9, 0xa8, 0x20);

/// Paints a GlyphPainter in the mode's ink, at any size.
class GlyphEngine final : public QIconEngine {
public:
    explicit GlyphEngine(GlyphPainter draw) : m_draw(std::move(draw)) {}

    QIconEngine* clone() const override { return new GlyphEngine(m_draw); }

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

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override {
        Q_UNUSED(state)
        const QPalette palette = QApplication::palette();
        QColor ink = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active,
                                   QPalette::WindowText);
        if (mode == QIcon::Selected) ink = palette.color(QPalette::HighlightedText);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = std::min(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / 24.0, side / 24.0);
        if (mode == QIcon::Disabled) painter->setOpacity(0.45);
        m_draw(*painter, ink);
        painter->restore();
    }

private:
    GlyphPainter m_draw;
};

/// The application's glyphs (icon()).
class AppGlyphs {
public:
    explicit AppGlyphs(IconId id) : m_id(id) {}
    void operator()(QPainter& p, const QColor& ink) const { draw(p, ink); }

private:
    static QPen pen(const QColor& color, qreal width = 1.8) {
        return QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    }

    static void document(QPainter& p, const QColor& ink) {
        QPainterPath path;
        path.moveTo(6, 3);
        path.lineTo(14, 3);
        path.lineTo(19, 8);
        path.lineTo(19, 21);
        path.lineTo(6, 21);
        path.closeSubpath();
        p.setPen(pen(ink));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.drawPolyline(QPolygonF({QPointF(14, 3), QPointF(14, 8), QPointF(19, 8)}));
    }

    static void folder(QPainter& p, const QColor& ink) {
        QPainterPath path;
        path.moveTo(3, 6);
        path.lineTo(9, 6);
        path.lineTo(11, 8);
        path.lineTo(21, 8);
        path.lineTo(21, 19);
        path.lineTo(3, 19);
        path.closeSubpath();
        p.setPen(pen(ink));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }

    static void tag(QPainter& p, const QColor& ink) {
        QPainterPath path;
        path.moveTo(3, 4);
        path.lineTo(11, 4);
        path.lineTo(20, 13);
        path.lineTo(13, 20);
        path.lineTo(3, 11);  // not closed to the corner: rounded feel from the join
        path.closeSubpath();
        p.setPen(pen(ink));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.drawEllipse(QPointF(7.5, 8), 1.3, 1.3);
    }

    static void badge(QPainter& p, const QColor& fill, bool plus) {
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawEllipse(QPointF(18, 18), 5, 5);
        p.setPen(pen(Qt::white, 1.8));
        p.drawLine(QPointF(15.5, 18), QPointF(20.5, 18));
        if (plus) p.drawLine(QPointF(18, 15.5), QPointF(18, 20.5));
    }

    static void magnifier(QPainter& p, const QColor& ink) {
        p.setPen(pen(ink, 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(10, 10), 6, 6);
        p.drawLine(QPointF(14.5, 14.5), QPointF(20.5, 20.5));
    }

    static void arrow(QPainter& p, const QColor& ink, bool mirrored) {
        p.save();
        if (mirrored) {
            p.translate(24, 0);
            p.scale(-1, 1);
        }
        QPainterPath path;
        path.moveTo(5, 10);
        path.lineTo(15, 10);
        path.cubicTo(22, 10, 22, 20, 15, 20);
        path.lineTo(10, 20);
        p.setPen(pen(ink, 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.drawPolyline(QPolygonF({QPointF(9, 6), QPointF(5, 10), QPointF(9, 14)}));
        p.restore();
    }

    void draw(QPainter& p, const QColor& ink) const {
        switch (m_id) {
            case IconId::App: {
                p.setPen(Qt::NoPen);
                p.setBrush(kAccent);
                p.drawRoundedRect(QRectF(1, 1, 22, 22), 5, 5);
                QPainterPath basket;  // a winnowing basket tossing grain
                basket.moveTo(4.5, 13);
                basket.cubicTo(6, 20.5, 18, 20.5, 19.5, 13);
                basket.closeSubpath();
                p.setBrush(Qt::white);
                p.drawPath(basket);
                p.drawEllipse(QPointF(8, 8.5), 1.5, 1.5);
                p.drawEllipse(QPointF(12, 5.5), 1.5, 1.5);
                p.drawEllipse(QPointF(16, 8.5), 1.5, 1.5);
                break;
            }
            case IconId::NewProject:
                document(p, ink);
                badge(p, kAccent, true);
                break;
            case IconId::Open:
                folder(p, ink);
                p.setPen(pen(kAccent, 2));
                p.drawLine(QPointF(12, 17), QPointF(12, 11));
                p.drawPolyline(QPolygonF({QPointF(9.5, 13.5), QPointF(12, 11), QPointF(14.5, 13.5)}));
                break;
            case IconId::Import:
                p.setPen(pen(ink, 2));
                p.setBrush(Qt::NoBrush);
                p.drawPolyline(QPolygonF({QPointF(4, 14), QPointF(4, 20), QPointF(20, 20), QPointF(20, 14)}));
                p.setPen(pen(kAccent, 2.2));
                p.drawLine(QPointF(12, 3), QPointF(12, 15));
                p.drawPolyline(QPolygonF({QPointF(7.5, 10.5), QPointF(12, 15), QPointF(16.5, 10.5)}));
                break;
            case IconId::Folder: folder(p, ink); break;
            case IconId::File: document(p, ink); break;
            case IconId::TagAdd:
                tag(p, ink);
                badge(p, kAccent, true);
                break;
            case IconId::TagRemove:
                tag(p, ink);
                badge(p, kRed, false);
                break;
            case IconId::Undo: arrow(p, ink, false); break;
            case IconId::Redo: arrow(p, ink, true); break;
            case IconId::ZoomIn:
            case IconId::ZoomOut:
                magnifier(p, ink);
                p.setPen(pen(ink, 1.8));
                p.drawLine(QPointF(7.5, 10), QPointF(12.5, 10));
                if (m_id == IconId::ZoomIn) p.drawLine(QPointF(10, 7.5), QPointF(10, 12.5));
                break;
            case IconId::Search: magnifier(p, ink); break;
            case IconId::Cancel:
            case IconId::Failed: {
                const QColor c = m_id == IconId::Failed ? kRed : ink;
                p.setPen(pen(c, 1.8));
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(QPointF(12, 12), 9, 9);
                p.drawLine(QPointF(8.5, 8.5), QPointF(15.5, 15.5));
                p.drawLine(QPointF(15.5, 8.5), QPointF(8.5, 15.5));
                break;
            }
            case IconId::Clear:
                p.setPen(pen(ink, 1.8));
                p.drawLine(QPointF(4, 6), QPointF(20, 6));
                p.drawLine(QPointF(4, 11), QPointF(13, 11));
                p.drawLine(QPointF(4, 16), QPointF(10, 16));
                p.setPen(pen(kRed, 2));
                p.drawLine(QPointF(14, 13), QPointF(20, 19));
                p.drawLine(QPointF(20, 13), QPointF(14, 19));
                break;
            case IconId::Duplicates:
                p.setPen(pen(ink, 1.6));
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(QRectF(3, 3, 12, 12), 2, 2);
                p.setBrush(kAccent);
                p.setPen(pen(kAccent.darker(130), 1.2));
                p.drawRoundedRect(QRectF(9, 9, 12, 12), 2, 2);
                break;
            case IconId::Filter: {
                QPainterPath funnel;
                funnel.moveTo(3, 4);
                funnel.lineTo(21, 4);
                funnel.lineTo(14, 12.5);
                funnel.lineTo(14, 20);
                funnel.lineTo(10, 18);
                funnel.lineTo(10, 12.5);
                funnel.closeSubpath();
                p.setPen(pen(ink, 1.7));
                p.setBrush(Qt::NoBrush);
                p.drawPath(funnel);
                break;
            }
            case IconId::Jobs:
                for (int i = 0; i < 3; ++i) {
                    const qreal y = 4.5 + i * 6.5;
                    p.setPen(pen(ink, 1.3));
                    p.setBrush(Qt::NoBrush);
                    p.drawRoundedRect(QRectF(3, y, 18, 4), 1.5, 1.5);
                    p.setPen(Qt::NoPen);
                    p.setBrush(kAccent);
                    p.drawRoundedRect(QRectF(3, y, 18.0 * (0.8 - 0.25 * i), 4), 1.5, 1.5);
                }
                break;
            case IconId::Inspector:
                p.setPen(pen(ink, 1.7));
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(QRectF(3, 5, 18, 14), 2, 2);
                p.setPen(Qt::NoPen);
                p.setBrush(kAccent);
                p.drawPolygon(QPolygonF({QPointF(5, 17), QPointF(10, 10), QPointF(14, 15), QPointF(16, 13),
                                         QPointF(19, 17)}));
                p.setBrush(kAmber);
                p.drawEllipse(QPointF(16.5, 9), 1.6, 1.6);
                break;
            case IconId::Browser:
                p.setPen(pen(ink, 1.5));
                p.setBrush(Qt::NoBrush);
                for (int r = 0; r < 2; ++r)
                    for (int c = 0; c < 2; ++c) p.drawRoundedRect(QRectF(3.5 + c * 9.5, 3.5 + r * 9.5, 7.5, 7.5), 1.5, 1.5);
                break;
            case IconId::Theme:
                p.setPen(pen(ink, 1.7));
                p.setBrush(Qt::NoBrush);
                p.drawEllipse(QPointF(12, 12), 8.5, 8.5);
                p.setPen(Qt::NoPen);
                p.setBrush(ink);
                p.drawPie(QRectF(3.5, 3.5, 17, 17), 90 * 16, 180 * 16);
                break;
            case IconId::Delete:
                p.setPen(pen(ink, 1.7));
                p.setBrush(Qt::NoBrush);
                p.drawLine(QPointF(4, 6.5), QPointF(20, 6.5));
                p.drawPolyline(QPolygonF({QPointF(9, 6.5), QPointF(9.5, 3.5), QPointF(14.5, 3.5), QPointF(15, 6.5)}));
                p.drawPolyline(QPolygonF({QPointF(6, 6.5), QPointF(7, 20.5), QPointF(17, 20.5), QPointF(18, 6.5)}));
                p.drawLine(QPointF(10.5, 10), QPointF(10.5, 17));
                p.drawLine(QPointF(13.5, 10), QPointF(13.5, 17));
                break;
            case IconId::Warning:
                p.setPen(pen(kAmber.darker(120), 1.2));
                p.setBrush(kAmber);
                p.drawPolygon(QPolygonF({QPointF(12, 3), QPointF(22, 20.5), QPointF(2, 20.5)}));
                p.setPen(pen(Qt::black, 2));
                p.drawLine(QPointF(12, 9), QPointF(12, 14));
                p.drawPoint(QPointF(12, 17.5));
                break;
            case IconId::Done:
                p.setPen(pen(kGreen, 2.4));
                p.setBrush(Qt::NoBrush);
                p.drawPolyline(QPolygonF({QPointF(5, 12.5), QPointF(10, 17.5), QPointF(19.5, 6.5)}));
                break;
            case IconId::Running:
                p.setPen(pen(kAccent, 2.2));
                p.setBrush(Qt::NoBrush);
                p.drawArc(QRectF(4, 4, 16, 16), 90 * 16, -270 * 16);
                break;
        }
    }

    IconId m_id;
};

}  // namespace

QIcon glyphIcon(GlyphPainter draw) { return QIcon(new GlyphEngine(std::move(draw))); }

QIcon icon(IconId id) { return glyphIcon(AppGlyphs(id)); }

}  // namespace winnow::widgets
