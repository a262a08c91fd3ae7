// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>

#include "settings.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/common/strings.h"
#include "widgets/curation/curationpanel.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/duplicates/duplicatesview.h"
#include "widgets/import/importdialog.h"
#include "widgets/import/importjob.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/jobs/jobsdock.h"
#include "widgets/jobs/jobstatuswidget.h"
#include "widgets/map/projectmap.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"

namespace winnow::app {

using namespace winnow::widgets;

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_jobs(new JobManager(this)),
      m_undoGroup(new QUndoGroup(this)),
      m_tabs(new QTabWidget),
      m_browser(new BrowserWidget),
      m_duplicates(new DuplicatesView(m_jobs)),
      m_inspector(new SampleInspector),
      m_jobsDock(new JobsDock(m_jobs)),
      m_filterDock(new QDockWidget(tr("Filters"))),
      m_inspectorDock(new QDockWidget(tr("Inspector"))),
      m_path(new QLabel),
      m_counts(new QLabel),
      m_selection(new QLabel),
      m_liveCount(new QTimer(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(icon(IconId::App));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_browser, icon(IconId::Browser), tr("Browser"));
    m_tabs->addTab(m_duplicates, icon(IconId::Duplicates), tr("Duplicates"));
    setCentralWidget(m_tabs);
    createDocks();
    createActions();
    createCuration();
    createMap();

    auto* jobStatus = new JobStatusWidget(m_jobs);
    connect(jobStatus, &JobStatusWidget::clicked, this, [this] {
        m_jobsDock->show();
        m_jobsDock->raise();
    });
    statusBar()->addPermanentWidget(jobStatus);
    statusBar()->addPermanentWidget(m_selection);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_path);

    connect(m_browser, &BrowserWidget::currentSampleChanged, m_inspector, &SampleInspector::setSample);
    connect(m_duplicates, &DuplicatesView::sampleActivated, m_inspector, &SampleInspector::setSample);
    connect(m_browser, &BrowserWidget::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(m_duplicates, &DuplicatesView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(m_browser, &BrowserWidget::matchCountChanged, this, &MainWindow::updateCounts);
    connect(m_browser, &BrowserWidget::selectionCountChanged, this, [this](int n) {
        m_selection->setText(n > 0 ? tr("%1 selected").arg(countText(n)) : QString());
    });
    connect(m_browser->view(), &ThumbnailView::thumbnailSizeChanged, this, [](int size) { settings::thumbnailSize.set(size); });
    connect(m_duplicates->distanceBox(), qOverload<int>(&QSpinBox::valueChanged), this,
            [](int d) { settings::nearMaxDistance.set(d); });
    m_browser->view()->setThumbnailSize(settings::thumbnailSize.value());
    m_browser->view()->setShowCaptions(settings::showCaptions.value());
    m_duplicates->setMaxDistance(settings::nearMaxDistance.value());

    m_liveCount->setInterval(1500);
    connect(m_liveCount, &QTimer::timeout, m_browser->model(), &SampleModel::recountAppended);
    connect(m_jobs, &JobManager::activeCountChanged, this, [this](int active) {
        if (active > 0 && !m_liveCount->isActive()) m_liveCount->start();
        if (active == 0) m_liveCount->stop();
    });

    resize(1280, 820);
    restoreGeometry(settings::windowGeometry.value());
    restoreState(settings::windowState.value());
    setProject(nullptr);
}

MainWindow::~MainWindow() {
    // Jobs hold copies only, but finish them before the project and views go.
    m_jobs->cancelAll();
    m_jobs->waitForAll();
}

void MainWindow::createDocks() {
    m_filterDock->setObjectName(QStringLiteral("FilterDock"));
    m_filterDock->setWidget(m_browser->filterBar());
    m_inspectorDock->setObjectName(QStringLiteral("InspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::LeftDockWidgetArea, m_filterDock);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    resizeDocks({m_filterDock, m_inspectorDock}, {250, 360}, Qt::Horizontal);
    resizeDocks({m_jobsDock}, {150}, Qt::Vertical);
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(icon(IconId::NewProject), tr("&New Project…"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(icon(IconId::Open), tr("&Open Project…"), this, &MainWindow::openProjectDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction* importAction = file->addAction(icon(IconId::Import), tr("&Import…"), this, &MainWindow::importDialog);
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addSeparator();
    QAction* closeAction = file->addAction(tr("&Close Project"), this, &MainWindow::closeProject);
    closeAction->setShortcut(QKeySequence::Close);
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undoGroup->createUndoAction(this);
    QAction* redo = m_undoGroup->createRedoAction(this);
    undo->setIcon(icon(IconId::Undo));
    undo->setShortcut(QKeySequence::Undo);
    redo->setIcon(icon(IconId::Redo));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addActions({m_browser->addTagAction(), m_browser->removeTagAction(), m_browser->tagAllAction()});
    edit->addSeparator();
    edit->addAction(m_browser->deleteAction());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(icon(IconId::Browser), tr("&Browser"), this, [this] { showTab(0); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_viewMenu->addAction(icon(IconId::Duplicates), tr("&Duplicates"), this, [this] { showTab(1); })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_browser->zoomInAction(), m_browser->zoomOutAction()});
    QAction* captions = m_viewMenu->addAction(tr("Show &Captions"));
    captions->setCheckable(true);
    captions->setChecked(settings::showCaptions.value());
    connect(captions, &QAction::toggled, this, [this](bool on) {
        m_browser->view()->setShowCaptions(on);
        settings::showCaptions.set(on);
    });
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : {m_filterDock, m_inspectorDock, static_cast<QDockWidget*>(m_jobsDock)})
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    QMenu* themes = m_viewMenu->addMenu(icon(IconId::Theme), tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    for (Theme theme : {Theme::Light, Theme::Dark}) {
        QAction* a = themes->addAction(theme == Theme::Light ? tr("&Light") : tr("&Dark"), this, [this, theme] { setTheme(theme); });
        a->setCheckable(true);
        a->setData(static_cast<int>(theme));
        a->setChecked(theme == currentTheme());
        m_themeGroup->addAction(a);
    }

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* exact = tools->addAction(icon(IconId::Duplicates), tr("Find &Exact Duplicates"), this, [this] {
        showTab(1);
        m_duplicates->findExact();
    });
    QAction* near = tools->addAction(icon(IconId::Duplicates), tr("Find &Near Duplicates"), this, [this] {
        showTab(1);
        m_duplicates->findNear();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(icon(IconId::App), tr("&About Winnow"), this, [this] {
        QMessageBox::about(this, tr("About Winnow"),
                           tr("<h3>Winnow %1</h3><p>Curate image datasets for generative models: import, browse, "
                              "filter, tag and de-duplicate.</p><p>GPL-3.0-or-later</p>")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({newAction, openAction, importAction});
    bar->addSeparator();
    bar->addActions({undo, redo});
    for (QAction* a : {undo, redo}) {  // their text names the command: too long beside the icon
        if (auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(a))) button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    bar->addSeparator();
    bar->addActions({m_browser->addTagAction(), m_browser->removeTagAction()});
    m_projectActions = {importAction, closeAction, exact, near, m_browser->tagAllAction()};
}

void MainWindow::showTab(int tab) { m_tabs->setCurrentIndex(tab); }

void MainWindow::setTheme(Theme theme) {
    applyTheme(theme);
    settings::theme.set(themeName(theme));
    for (QAction* a : m_themeGroup->actions()) a->setChecked(a->data().toInt() == static_cast<int>(theme));
}

void MainWindow::newProject() {
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"), settings::lastDirectory.value(),
                                                tr("Winnow projects (*.winnow)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".winnow"))) path += QLatin1String(".winnow");
    createProject(path);
}

void MainWindow::openProjectDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), settings::lastDirectory.value(),
                                                      tr("Winnow projects (*.winnow);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
}

bool MainWindow::openProject(const QString& path, bool quiet) {
    QString error;
    auto project = Project::open(path, m_jobs->pool(Resource::Decode), &error);
    if (!project) {
        if (!quiet) showError(tr("Cannot open %1:\n%2").arg(path, error));
        return false;
    }
    setProject(std::move(project));
    return true;
}

bool MainWindow::createProject(const QString& path, bool quiet) {
    QString error;
    auto project = Project::create(path, m_jobs->pool(Resource::Decode), &error);
    if (!project) {
        if (!quiet) showError(tr("Cannot create %1:\n%2").arg(path, error));
        return false;
    }
    setProject(std::move(project));
    return true;
}

void MainWindow::closeProject() { setProject(nullptr); }

void MainWindow::setProject(std::unique_ptr<Project> project) {
    // Views let go of the old project before it is destroyed.
    m_browser->setProject(project.get());
    m_inspector->setProject(project.get());
    m_duplicates->setProject(project.get());
    m_curation->setProject(project.get());
    m_subsets->setProject(project.get());
    m_map->setProject(project.get());
    if (m_project) m_undoGroup->removeStack(m_project->undoStack());
    m_project = std::move(project);
    if (m_project) {
        m_undoGroup->addStack(m_project->undoStack());
        m_undoGroup->setActiveStack(m_project->undoStack());
        connect(m_project.get(), &Project::errorOccurred, this, &MainWindow::showError);
        connect(m_project.get(), &Project::samplesChanged, this, &MainWindow::updateCounts);
        connect(m_project.get(), &Project::tagsChanged, this, &MainWindow::updateCounts);
        addRecentProject(m_project->path());
        settings::lastDirectory.set(QFileInfo(m_project->path()).absolutePath());
    }
    for (QAction* a : m_projectActions) a->setEnabled(m_project != nullptr);
    updateRecentMenu();
    updateTitle();
    updateCounts();
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = recentProjects();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openProject(path); })->setToolTip(path);
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            settings::recentProjects.reset();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle() {
    setWindowTitle(m_project ? tr("%1 — Winnow").arg(m_project->name()) : tr("Winnow"));
    m_path->setText(m_project ? QDir::toNativeSeparators(m_project->path()) : tr("No project"));
}

void MainWindow::updateCounts() {
    if (!m_project) {
        m_counts->clear();
        return;
    }
    try {
        const auto all = m_project->catalog().countSamples();
        catalog::SampleFilter failed;
        failed.status = catalog::SampleStatus::Failed;
        const auto failures = m_project->catalog().countSamples(failed);
        const auto datasets = m_project->catalog().datasets().size();
        QString text = counted(static_cast<std::int64_t>(datasets), tr("%2 samples in 1 dataset"),
                               tr("%2 samples in %1 datasets"))
                           .arg(countText(all));
        if (failures > 0) text += tr(" (%1 failed)").arg(countText(failures));
        const qint64 matching = m_browser->model()->totalCount();
        if (matching != all) text = tr("%1 shown · ").arg(countText(matching)) + text;
        m_counts->setText(text);
    } catch (const std::exception& e) {
        m_counts->setText(QString::fromUtf8(e.what()));
    }
}

void MainWindow::showError(const QString& message) { QMessageBox::warning(this, tr("Winnow"), message); }

bool MainWindow::ensureProject() {
    if (m_project) return true;
    QMessageBox::information(this, tr("Import"), tr("Imports go into a project. Choose where to create one."));
    newProject();
    return m_project != nullptr;
}

void MainWindow::importDialog() {
    if (!ensureProject()) return;
    ImportDialog dialog(this);
    dialog.setStartDirectory(settings::lastImportDirectory.value());
    QStringList names;
    for (const auto& d : m_project->catalog().datasets()) names << toQString(d.name);
    dialog.setDatasets(names);
    if (dialog.exec() != QDialog::Accepted) return;
    const ImportRequest request = dialog.request();
    settings::lastImportDirectory.set(QFileInfo(request.source).absolutePath());
    startImport(m_jobs, m_project.get(), request);
    m_jobsDock->show();
}

void MainWindow::importPaths(const QStringList& paths) {
    if (paths.isEmpty() || !ensureProject()) return;
    for (const QString& path : paths) {
        ImportRequest request;
        request.source = path;
        startImport(m_jobs, m_project.get(), request);
    }
    m_jobsDock->show();
    statusBar()->showMessage(counted(paths.size(), tr("Importing 1 source…"), tr("Importing %1 sources…")), 4000);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!localPaths(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty()) return;
    event->acceptProposedAction();
    // Opening a dropped project, importing anything else.
    if (paths.size() == 1 && paths.front().endsWith(QLatin1String(".winnow"))) {
        openProject(paths.front());
        return;
    }
    QTimer::singleShot(0, this, [this, paths] { importPaths(paths); });  // no modal dialogs inside a drop
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_jobs->activeCount() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Quit"), counted(m_jobs->activeCount(), tr("A job is still running. Cancel it and quit?"),
                                       tr("%1 jobs are still running. Cancel them and quit?")),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    settings::windowGeometry.set(saveGeometry());
    settings::windowState.set(saveState());
    m_jobs->cancelAll();
    m_jobs->waitForAll();  // shutdown: the one place the GUI thread waits for jobs
    event->accept();
}

}  // namespace winnow::app
