// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>
#include <vector>

#include "widgets/map/mapcolouring.h"
#include "widgets/map/mapview.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QToolButton;

namespace winnow::widgets {

class MapLegend;

/// The map area, ready for a dock or a tab: a bar with the colour-by choice, the tools (pan, lasso,
/// box), fit and density, the number of selected points with Clear and "Save as Tag…" / "Save as
/// Subset…", the MapView, and its legend on the right. The integrator feeds the view (points,
/// colourings through addColouring, highlight, thumbnails) and acts on the save signals.
///
/// Thread affinity: GUI thread.
class MapPanel final : public QWidget {
    Q_OBJECT

public:
    explicit MapPanel(QWidget* parent = nullptr);

    MapView* view() const { return m_view; }
    MapLegend* legend() const { return m_legend; }

    /// Adds a choice to the colour-by combo (its title is the entry's text); the first one added is
    /// applied. Returns its index.
    int addColouring(const MapColouring& colouring);
    /// Replaces the choice at `index` (for example when its values changed), keeping the current index.
    void replaceColouring(int index, const MapColouring& colouring);
    void clearColourings();
    int colouringCount() const { return static_cast<int>(m_colourings.size()); }
    /// Applies the choice at `index` to the view.
    void setCurrentColouring(int index);
    int currentColouring() const;

Q_SIGNALS:
    /// "Show in Browser" on the selection bar.
    void showSelectionRequested(const QList<qint64>& rows);
    void saveSelectionAsTagRequested(const QList<qint64>& rows);
    void saveSelectionAsSubsetRequested(const QList<qint64>& rows);

private:
    void updateSelectionBar();

    MapView* m_view;
    MapLegend* m_legend;
    QScrollArea* m_legendScroll;
    QComboBox* m_colourBy;
    QButtonGroup* m_tools;
    QToolButton* m_fit;
    QCheckBox* m_density;
    QLabel* m_selected;
    QToolButton* m_clear;
    QToolButton* m_show;
    QPushButton* m_saveTag;
    QPushButton* m_saveSubset;
    std::vector<MapColouring> m_colourings;
};

}  // namespace winnow::widgets
