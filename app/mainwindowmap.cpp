// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's Map tab: the project's embedding map, whose selection filters the browser (a chip in
// the filter bar clears it), whose highlight follows the current subset, and whose clicked point is shown
// by the inspector.
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "mainwindow.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/map/mapicons.h"
#include "widgets/map/projectmap.h"
#include "widgets/project/project.h"

namespace winnow::app {

using namespace winnow::widgets;

void MainWindow::createMap() {
    m_map = new ProjectMap(m_jobs);
    m_tabs->addTab(m_map, mapIcon(MapIconId::Lasso), tr("Map"));

    // View ▸ Map after View ▸ Duplicates.
    QAction* show = new QAction(mapIcon(MapIconId::Lasso), tr("&Map"), this);
    show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    connect(show, &QAction::triggered, this, [this] { showTab(2); });
    const QList<QAction*> viewActions = m_viewMenu->actions();
    QAction* before = viewActions.size() > 2 ? viewActions[2] : nullptr;  // after Browser and Duplicates
    m_viewMenu->insertAction(before, show);

    // The map's selection is the browser's listing; clearing the chip clears the selection.
    FilterBar* filters = m_browser->filterBar();
    connect(m_map, &ProjectMap::selectionChanged, this, [this, filters] {
        std::vector<std::int64_t> ids = m_map->selectedSampleIds();
        if (ids.empty())
            filters->clearSampleIds();
        else
            filters->setSampleIds(std::move(ids), tr("Map selection"));
    });
    connect(filters, &FilterBar::sampleIdsCleared, m_map, &ProjectMap::clearSelection);
    connect(m_map, &ProjectMap::showSelectionRequested, this, [this] { showTab(0); });
    // The current subset (filter bar or Subsets dock) is highlighted over the whole set.
    connect(filters, &FilterBar::filterChanged, m_map, [this](const catalog::SampleFilter& f) {
        m_map->setHighlightSubset(f.subset ? QString::fromStdString(*f.subset) : QString());
    });
    connect(m_map, &ProjectMap::sampleActivated, this, [this](qint64 id) {
        m_inspector->setSample(id);
        m_inspectorDock->show();
    });
    connect(m_map, &ProjectMap::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
}

}  // namespace winnow::app
