// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's curation area: the Curation and Subsets docks, the Curate menu, and the links between
// them and the browser (a chosen subset filters the grid; a saved one is shown).
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "mainwindow.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/curation/comparedialog.h"
#include "widgets/curation/curationicons.h"
#include "widgets/curation/curationjobs.h"
#include "widgets/curation/curationpanel.h"
#include "widgets/curation/scoresdialog.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/jobs/jobsdock.h"
#include "widgets/map/projectmap.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::app {

using namespace winnow::widgets;

void MainWindow::createCuration() {
    m_curation = new CurationPanel(m_jobs);
    m_subsets = new SubsetsView;
    m_curationDock = new QDockWidget(tr("Curation"), this);
    m_curationDock->setObjectName(QStringLiteral("CurationDock"));
    m_curationDock->setWidget(m_curation);
    m_subsetsDock = new QDockWidget(tr("Subsets"), this);
    m_subsetsDock->setObjectName(QStringLiteral("SubsetsDock"));
    m_subsetsDock->setWidget(m_subsets);
    addDockWidget(Qt::LeftDockWidgetArea, m_curationDock);
    tabifyDockWidget(m_filterDock, m_curationDock);
    m_filterDock->raise();
    // The subsets table is wide: beside the jobs, under the grid.
    addDockWidget(Qt::BottomDockWidgetArea, m_subsetsDock);
    splitDockWidget(m_jobsDock, m_subsetsDock, Qt::Horizontal);
    resizeDocks({m_jobsDock, m_subsetsDock}, {520, 760}, Qt::Horizontal);

    QMenu* curate = new QMenu(tr("&Curate"), this);
    QAction* embed = curate->addAction(curationIcon(CurationIconId::Embed), tr("&Embed…"), m_curation, &CurationPanel::embedDialog);
    embed->setToolTip(tr("Compute vectors for the samples (built-in embedder or a TorchScript model)"));
    QAction* select = curate->addAction(curationIcon(CurationIconId::Curate), tr("&Select Subset…"), this, [this] {
        m_curationDock->show();
        m_curationDock->raise();
        m_curation->methodBox()->setFocus();
    });
    select->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QAction* compare = curate->addAction(curationIcon(CurationIconId::Compare), tr("&Compare Subsets…"), this,
                                         [this] { compareSubsets(m_subsets->currentSubset()); });
    QAction* scores = curate->addAction(tr("Compute S&cores…"), this, &MainWindow::computeScoresDialog);
    scores->setToolTip(tr("Per-sample scores (typicality, outlier, duplicate group size, a probe trained on "
                          "good/bad tags, a TorchScript scorer) to sort the grid, colour the map and filter"));
    curate->addSeparator();
    QAction* load = curate->addAction(icon(IconId::Open), tr("&Load Recipe…"), m_curation, &CurationPanel::loadRecipeDialog);
    QAction* save = curate->addAction(tr("Sa&ve Recipe…"), m_curation, &CurationPanel::saveRecipeDialog);
    // Before Tools (or at the end when the menus change).
    QAction* before = nullptr;
    for (QAction* a : menuBar()->actions())
        if (a->menu() && a->text() == tr("&Tools")) before = a;
    if (before)
        menuBar()->insertMenu(before, curate);
    else
        menuBar()->addMenu(curate);
    m_projectActions << embed << compare << scores << load << save;

    // Dock toggles after the Jobs dock's.
    QAction* jobsToggle = m_jobsDock->toggleViewAction();
    const QList<QAction*> viewActions = m_viewMenu->actions();
    const qsizetype at = viewActions.indexOf(jobsToggle);
    QAction* after = at >= 0 && at + 1 < viewActions.size() ? viewActions[at + 1] : nullptr;
    m_viewMenu->insertActions(after, {m_curationDock->toggleViewAction(), m_subsetsDock->toggleViewAction()});

    connect(m_subsets, &SubsetsView::currentSubsetChanged, this, [this](const QString& name) {
        m_browser->filterBar()->setSubset(name);
        if (!name.isEmpty() && m_tabs->currentWidget() != m_map) showTab(0);  // the map highlights it
    });
    connect(m_browser->filterBar(), &FilterBar::filterChanged, m_subsets, [this](const catalog::SampleFilter& f) {
        m_subsets->setCurrentSubset(f.subset ? QString::fromStdString(*f.subset) : QString());
    });
    connect(m_subsets, &SubsetsView::compareRequested, this, [this](const QString& a, const QString& b) { compareSubsets(a, b); });
    connect(m_curation, &CurationPanel::subsetSaved, this, [this](const QString& name) {
        // Show what was selected.
        m_browser->filterBar()->setSubset(name);
        m_subsets->setCurrentSubset(name);
        showTab(0);
    });
    connect(m_subsets, &SubsetsView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(m_curation, &CurationPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
}

void MainWindow::compareSubsets(const QString& a, const QString& b) {
    if (!m_project) return;
    auto* dialog = new CompareSubsetsDialog(m_jobs, m_project.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_project.get(), &QObject::destroyed, dialog, &QWidget::close);
    if (!a.isEmpty()) {
        QString other = b;
        if (other.isEmpty() || other == a)  // the first other subset
            for (int i = 0; i < dialog->boxB()->count() && (other.isEmpty() || other == a); ++i) other = dialog->boxB()->itemText(i);
        dialog->setSubsets(a, other);
    }
    dialog->show();
}

void MainWindow::computeScoresDialog() {
    if (!m_project) return;
    ScoresDialog dialog(this);
    QStringList embedders;
    try {
        for (const auto& e : m_project->catalog().embedders()) embedders << QString::fromStdString(e.name);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    dialog.setEmbedders(embedders);
    dialog.setStartDirectory(QFileInfo(m_project->path()).absolutePath());
    if (dialog.exec() != QDialog::Accepted) return;
    startScores(m_jobs, m_project.get(), dialog.kind(), dialog.embedder(), dialog.params(), this,
                [this](const JobOutcome<curate::ScoreReport>& outcome) {
                    if (!outcome.error.isEmpty()) showError(tr("Scores failed:\n%1").arg(outcome.error));
                    else if (outcome.value) statusBar()->showMessage(scoresSummary(*outcome.value), 8000);
                });
}

}  // namespace winnow::app
