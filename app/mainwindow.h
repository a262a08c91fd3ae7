// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <memory>

#include "widgets/style/theme.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;
class QUndoGroup;

namespace winnow::widgets {
class BrowserWidget;
class CurationPanel;
class DuplicatesView;
class JobManager;
class JobsDock;
class Project;
class ProjectMap;
class SampleInspector;
class SubsetsView;
}  // namespace winnow::widgets

namespace winnow::app {

/// The main window: composes the areas of the widgets library (browser with its filter dock, sample
/// inspector dock, duplicates tab, jobs dock, curation and subsets docks), owns the open project and the
/// job manager, and handles projects (new, open, recent, close), imports (dialog and drag-and-drop),
/// themes and the status bar.
///
/// Thread affinity: GUI thread.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project; false (after telling the user unless `quiet`) when it cannot be opened.
    bool openProject(const QString& path, bool quiet = false);
    bool createProject(const QString& path, bool quiet = false);
    void closeProject();
    void setTheme(widgets::Theme theme);
    /// Shows the browser (0), the duplicates (1) or the map (2) tab.
    void showTab(int tab);

    widgets::Project* project() const { return m_project.get(); }
    widgets::JobManager* jobs() const { return m_jobs; }
    widgets::BrowserWidget* browser() const { return m_browser; }
    widgets::SampleInspector* inspector() const { return m_inspector; }
    widgets::DuplicatesView* duplicates() const { return m_duplicates; }
    widgets::JobsDock* jobsDock() const { return m_jobsDock; }
    QLabel* countsLabel() const { return m_counts; }
    widgets::CurationPanel* curation() const { return m_curation; }
    widgets::SubsetsView* subsets() const { return m_subsets; }
    widgets::ProjectMap* map() const { return m_map; }

public Q_SLOTS:
    void newProject();
    void openProjectDialog();
    void importDialog();
    /// Imports files and folders (dropped ones), creating a project first when none is open.
    void importPaths(const QStringList& paths);
    /// Opens the Compare Subsets dialog on two subsets (either may be "": the dialog picks).
    void compareSubsets(const QString& a = {}, const QString& b = {});
    /// Asks which per-sample score to compute and starts it as a job (Curate ▸ Compute Scores…).
    void computeScoresDialog();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createDocks();
    void setProject(std::unique_ptr<widgets::Project> project);
    void updateRecentMenu();
    void updateTitle();
    void updateCounts();
    void showError(const QString& message);
    bool ensureProject();
    /// The curation area (mainwindowcuration.cpp): Curation and Subsets docks, the Curate menu.
    void createCuration();
    /// The Map tab (mainwindowmap.cpp): the project's embedding map and its links to the browser's filter,
    /// the current subset, the inspector.
    void createMap();

    widgets::JobManager* m_jobs;
    std::unique_ptr<widgets::Project> m_project;
    QUndoGroup* m_undoGroup;
    QTabWidget* m_tabs;
    widgets::BrowserWidget* m_browser;
    widgets::DuplicatesView* m_duplicates;
    widgets::SampleInspector* m_inspector;
    widgets::JobsDock* m_jobsDock;
    QDockWidget* m_filterDock;
    QDockWidget* m_inspectorDock;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QList<QAction*> m_projectActions;  // enabled only with a project
    QLabel* m_path;
    QLabel* m_counts;
    QLabel* m_selection;
    QTimer* m_liveCount;  // re-counts while imports run so rows appear as they are committed
    widgets::CurationPanel* m_curation = nullptr;
    widgets::SubsetsView* m_subsets = nullptr;
    QDockWidget* m_curationDock = nullptr;
    QDockWidget* m_subsetsDock = nullptr;
    widgets::ProjectMap* m_map = nullptr;
};

}  // namespace winnow::app
