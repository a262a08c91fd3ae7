// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of the main screens, from a project imported with the real ingest pipeline. Written to
// WINNOW_TEST_OUTPUT_DIR; they are for looking at (docs, reviews), the assertions only check they exist.
#include <gtest/gtest.h>

#include <QDockWidget>
#include <QFileInfo>
#include <QListView>
#include <QTabWidget>
#include <thread>

#include "common/error.h"
#include "mainwindow.h"
#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/duplicates/duplicategroupmodel.h"
#include "widgets/duplicates/duplicatepanel.h"
#include "widgets/duplicates/duplicatesview.h"
#include "widgets/import/importdialog.h"
#include "widgets/import/importjob.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/jobs/jobsdock.h"
#include "widgets/project/project.h"
#include "widgets/style/theme.h"
#include "widgets/thumbnails/thumbnailprovider.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {
bool idle(app::MainWindow& window) {
    return window.jobs()->activeCount() == 0 && window.project()->thumbnails()->isIdle() &&
           !window.inspector()->isLoadingImage();
}

/// Waits for the debounced thumbnail requests to be made and served.
void settle(app::MainWindow& window) {
    waitFor([] { return false; }, 150);
    EXPECT_TRUE(waitFor([&] { return idle(window); }, 15000));
    waitFor([] { return false; }, 50);
}

int slowJob(Progress& progress, int steps) {
    for (int i = 0; i < steps; ++i) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(i, steps, "importing landscapes-2");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return steps;
}
}  // namespace

TEST(Screenshots, MainScreens) {
    TempDir dir;
    app::MainWindow window;
    QString source;
    const QString importError = importDemoProject(window, dir, 24, &source);
    ASSERT_TRUE(importError.isEmpty()) << importError.toStdString();
    ASSERT_GT(window.browser()->model()->totalCount(), 90);

    // Browser with a selection, the inspector showing the current sample.
    ThumbnailView* view = window.browser()->view();
    ASSERT_TRUE(waitFor([&] { return window.browser()->model()->rowCount() > 10; }));
    view->setCurrentIndex(window.browser()->model()->index(3));
    view->selectionModel()->select(QItemSelection(window.browser()->model()->index(3), window.browser()->model()->index(5)),
                                   QItemSelectionModel::ClearAndSelect);
    settle(window);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("mainwindow-light")));
    EXPECT_TRUE(saveScreenshot(window.browser(), QStringLiteral("browser")));
    auto* inspectorDock = qobject_cast<QDockWidget*>(window.inspector()->parentWidget());
    ASSERT_NE(inspectorDock, nullptr);
    // An exact duplicate: the inspector lists its group.
    catalog::SampleFilter dups;
    dups.exactDuplicatesOnly = true;
    const auto dupIds = window.project()->catalog().sampleIds(dups);
    ASSERT_FALSE(dupIds.empty());
    window.inspector()->setSample(dupIds.front());
    settle(window);
    EXPECT_TRUE(saveScreenshot(inspectorDock, QStringLiteral("inspector")));

    // Duplicates: exact and near side by side.
    window.showTab(1);
    DuplicatesView* duplicates = window.duplicates();
    int searches = 0;
    QObject::connect(duplicates, &DuplicatesView::searchFinished, [&] { ++searches; });
    duplicates->setMaxDistance(10);
    duplicates->findNear();
    ASSERT_TRUE(waitFor([&] { return searches >= 1; }, 20000));
    settle(window);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("duplicates")));
    EXPECT_GT(duplicates->exactPanel()->model()->rowCount(), 0);

    // Jobs: one running, one finished, one failed, one canceled.
    JobManager* jobs = window.jobs();
    jobs->model()->clearFinished();
    jobs->start<int>(JobSpec{QStringLiteral("Import fashion-mnist (done)")}, [](Progress& p) { return slowJob(p, 3); },
                     nullptr, [](JobOutcome<int>) {});
    jobs->start<int>(JobSpec{QStringLiteral("Import broken.csv")},
                     [](Progress&) -> int { throw Error("manifest line 12: unterminated quote"); }, nullptr,
                     [](JobOutcome<int>) {});
    ASSERT_TRUE(waitFor([&] { return jobs->activeCount() == 0; }));
    const JobId canceled = jobs->start<int>(JobSpec{QStringLiteral("Find near duplicates (distance ≤ 20)")},
                                            [](Progress& p) { return slowJob(p, 100000); }, nullptr, [](JobOutcome<int>) {});
    jobs->cancel(canceled);
    ASSERT_TRUE(waitFor([&] { return jobs->activeCount() == 0; }));
    const JobId running = jobs->start<int>(JobSpec{QStringLiteral("Import landscapes-2")},
                                           [](Progress& p) { return slowJob(p, 2000); }, nullptr, [](JobOutcome<int>) {});
    ASSERT_TRUE(waitFor([&] {
        return jobs->model()->index(jobs->model()->rowOf(running)).data(JobModel::DoneRole).toLongLong() > 300;
    }));
    JobsDock floating(jobs);  // the same jobs, in a dock of its own at a readable size
    floating.setFloating(true);
    floating.resize(520, 300);
    floating.show();
    waitFor([] { return false; }, 50);
    EXPECT_TRUE(saveScreenshot(&floating, QStringLiteral("jobs")));
    window.showTab(0);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("mainwindow-job-running")));
    jobs->cancel(running);
    ASSERT_TRUE(waitFor([&] { return jobs->activeCount() == 0; }));

    // Dark theme.
    window.setTheme(Theme::Dark);
    settle(window);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("mainwindow-dark")));
    window.showTab(1);
    settle(window);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("duplicates-dark")));
    window.setTheme(Theme::Light);

    // The import dialog.
    ImportDialog dialog(&window);
    dialog.setDatasets({QStringLiteral("landscapes")});
    dialog.setSource(source);
    dialog.show();
    waitFor([] { return false; }, 50);
    EXPECT_TRUE(saveScreenshot(&dialog, QStringLiteral("import-dialog")));

    for (const char* name : {"mainwindow-light", "mainwindow-dark", "browser", "inspector", "duplicates", "jobs",
                             "import-dialog"})
        EXPECT_TRUE(QFileInfo::exists(screenshotPath(QString::fromLatin1(name)))) << name;
}
