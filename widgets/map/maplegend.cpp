// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/map/maplegend.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include "widgets/common/strings.h"

namespace winnow::widgets {

namespace {
constexpr int kPad = 8;
constexpr int kSwatch = 10;
constexpr int kBarHeight = 12;
}  // namespace

MapLegend::MapLegend(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void MapLegend::setData(const MapLegendData& data) {
    m_data = data;
    updateGeometry();
    update();
}

QSize MapLegend::sizeHint() const { return {200, heightForWidth(200)}; }

QSize MapLegend::minimumSizeHint() const { return {140, 60}; }

int MapLegend::heightForWidth(int width) const { return layout(nullptr, width); }

void MapLegend::paintEvent(QPaintEvent* event) {
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    layout(&painter, width());
}

int MapLegend::layout(QPainter* painter, int width) const {
    const QPalette& p = palette();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(font());
    const QFontMetrics boldMetrics(bold);
    const int line = metrics.height() + 3;
    const QColor muted = p.color(QPalette::PlaceholderText);
    const QColor text = p.color(QPalette::WindowText);
    int y = kPad;

    auto heading = [&](const QString& title) {
        if (painter) {
            painter->setFont(bold);
            painter->setPen(text);
            painter->drawText(QRect(kPad, y, width - 2 * kPad, boldMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                              boldMetrics.elidedText(title, Qt::ElideRight, width - 2 * kPad));
            painter->setFont(font());
        }
        y += boldMetrics.height() + 4;
    };
    // One line: a round swatch, a name and a count on the right.
    // `colours`: one (a dot) or several (a square in that many slices: "drawn in their colours").
    auto entry = [&](const std::vector<QColor>& colours, const QString& name, std::int64_t count, bool square = false) {
        if (painter) {
            const QRectF swatch(kPad, y + (line - kSwatch) / 2.0, kSwatch, kSwatch);
            painter->setPen(QPen(colours.front().darker(130), 1.0));
            painter->setBrush(colours.front());
            if (colours.size() > 1) {
                painter->save();
                painter->setPen(Qt::NoPen);
                const double slice = swatch.width() / colours.size();
                for (std::size_t k = 0; k < colours.size(); ++k)
                    painter->fillRect(QRectF(swatch.left() + k * slice, swatch.top(), slice, swatch.height()), colours[k]);
                painter->restore();
            } else if (square) {
                painter->drawRoundedRect(swatch, 2, 2);
            } else {
                painter->drawEllipse(swatch);
            }
            const QString number = count >= 0 ? countText(count) : QString();
            const int numberWidth = metrics.horizontalAdvance(number);
            painter->setPen(muted);
            painter->drawText(QRect(width - kPad - numberWidth, y, numberWidth, line), Qt::AlignRight | Qt::AlignVCenter, number);
            painter->setPen(text);
            const int nameLeft = kPad + kSwatch + 6;
            const int nameWidth = std::max(10, width - kPad - numberWidth - 6 - nameLeft);
            painter->drawText(QRect(nameLeft, y, nameWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                              metrics.elidedText(name, Qt::ElideRight, nameWidth));
        }
        y += line;
    };
    auto separator = [&] {
        y += 4;
        if (painter) {
            painter->setPen(QPen(p.color(QPalette::Mid), 1.0));
            painter->drawLine(QPointF(kPad, y + 0.5), QPointF(width - kPad, y + 0.5));
        }
        y += 6;
    };

    heading(m_data.title.isEmpty() ? tr("Points") : m_data.title);
    if (m_data.kind == MapColouring::Kind::Score) {
        if (painter) {
            const QRectF bar(kPad, y, width - 2 * kPad, kBarHeight);
            QLinearGradient gradient(bar.topLeft(), bar.topRight());
            const auto& table = colormapTable(m_data.colormap);
            for (int i = 0; i <= 16; ++i) gradient.setColorAt(i / 16.0, QColor::fromRgb(table[std::min(255, i * 16)]));
            painter->setPen(Qt::NoPen);
            painter->setBrush(gradient);
            painter->drawRoundedRect(bar, 3, 3);
            painter->setPen(muted);
            const QRect labels(kPad, y + kBarHeight + 2, width - 2 * kPad, metrics.height());
            painter->drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, QString::number(m_data.low, 'g', 4));
            painter->drawText(labels, Qt::AlignRight | Qt::AlignVCenter, QString::number(m_data.high, 'g', 4));
        }
        y += kBarHeight + 4 + metrics.height() + 2;
    }
    const int shown = std::min<int>(static_cast<int>(m_data.entries.size()), kMaxEntries);
    for (int i = 0; i < shown; ++i) entry({m_data.entries[i].colour}, m_data.entries[i].name, m_data.entries[i].count);
    if (static_cast<int>(m_data.entries.size()) > shown) {
        if (painter) {
            painter->setPen(muted);
            painter->drawText(QRect(kPad, y, width - 2 * kPad, line), Qt::AlignLeft | Qt::AlignVCenter,
                              tr("… and %1 more").arg(countText(static_cast<std::int64_t>(m_data.entries.size()) - shown)));
        }
        y += line;
    }

    if (m_data.hasHighlight || m_data.selected > 0 || m_data.overlayPoints > 0) separator();
    if (m_data.hasHighlight) {
        std::vector<QColor> colours;
        for (std::size_t k = 0; k < std::min<std::size_t>(3, m_data.entries.size()); ++k) colours.push_back(m_data.entries[k].colour);
        if (colours.empty()) colours.push_back(p.color(QPalette::Highlight));
        entry(colours, m_data.highlightName.isEmpty() ? tr("Highlighted") : m_data.highlightName, m_data.highlighted, true);
        entry({m_data.contextColour}, tr("Other points"), m_data.placed - m_data.highlighted, true);
    }
    if (m_data.selected > 0) entry({m_data.selectionColour}, tr("Selected (outlined)"), m_data.selected, true);
    if (m_data.overlayPoints > 0) entry({m_data.overlayColour}, m_data.overlayTitle, m_data.overlayPoints);

    y += 4;
    if (painter) {
        painter->setPen(muted);
        const QString total = m_data.placed == m_data.rows
                                  ? counted(m_data.rows, tr("1 point"), tr("%1 points"))
                                  : tr("%1 of %2 placed").arg(countText(m_data.placed), countText(m_data.rows));
        painter->drawText(QRect(kPad, y, width - 2 * kPad, line), Qt::AlignLeft | Qt::AlignVCenter, total);
    }
    y += line + kPad;
    return y;
}

}  // namespace winnow::widgets
