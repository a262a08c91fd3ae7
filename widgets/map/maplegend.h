// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "widgets/map/mapview.h"

namespace winnow::widgets {

/// The map's legend, painted with QPainter: the colouring's title, its categories with their point
/// counts (or the colormap bar with its range), the highlighted subset, the selection and the overlay.
/// Its height follows the content (put it in a scroll area for long category lists).
///
/// Thread affinity: GUI thread.
class MapLegend final : public QWidget {
    Q_OBJECT

public:
    explicit MapLegend(QWidget* parent = nullptr);

    void setData(const MapLegendData& data);
    const MapLegendData& data() const { return m_data; }

    /// Categories drawn before "… and N more".
    static constexpr int kMaxEntries = 200;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Lays out (and paints when `painter` is given) the legend at `width`; returns its height.
    int layout(QPainter* painter, int width) const;

    MapLegendData m_data;
};

}  // namespace winnow::widgets
