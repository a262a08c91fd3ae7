// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Map tab: layouts computed as jobs while the GUI keeps running, colourings, the current subset's
// highlight, the selection filtering the browser, saving the selection as a tag and a subset, clicking
// and hovering points, the cached layout read back on open, and a screenshot of the main window.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <algorithm>
#include <random>
#include <set>

#include "catalog/catalog.h"
#include "curate/embeddingstore.h"
#include "curate/embedrun.h"
#include "mainwindow.h"
#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/curation/curationjobs.h"
#include "widgets/curation/methodparamform.h"
#include "widgets/curation/subsetmodel.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/import/importjob.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/map/mappanel.h"
#include "widgets/map/mapview.h"
#include "widgets/map/projectmap.h"
#include "widgets/project/project.h"
#include "widgets/thumbnails/thumbnailprovider.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {

/// Vectors around three centres for every imported sample under embedder `name`, with cluster and
/// typicality scores and a subset of the first ten samples.
void addVectors(const std::string& path, const std::string& name, int dim) {
    addTestVectors(path, name, dim, 5, 6.f);
    auto catalog = catalog::Catalog::open(path);
    std::vector<std::int64_t> ids;
    std::vector<double> clusters, scores;
    for (std::int64_t id = 1; id <= 60; ++id) {
        ids.push_back(id);
        clusters.push_back(double(id % 3));
        scores.push_back(double(id) / 60.0);
    }
    catalog.putScores("cluster:" + name + ":k3", ids, clusters);
    catalog.putScores("typicality:" + name + ":k5", ids, scores);
    catalog::Subset s;
    s.name = "first-ten";
    s.method = "manual";
    s.paramsJson = "{}";
    std::vector<catalog::SubsetMember> m;
    for (std::int64_t i = 0; i < 10; ++i) m.push_back({i + 1, i, 0.0});
    catalog.saveSubset(s, m);
    catalog.addTag("marked", {2, 4, 6});
}

bool mapSettled(ProjectMap* map) { return waitFor([&] { return !map->isBusy(); }, 20000); }

QStringList colouringTitles(const ProjectMap* map) {
    QStringList titles;
    for (const auto& c : map->colourData().colourings) titles << c.title;
    return titles;
}

std::set<std::int64_t> listed(BrowserWidget* browser) {
    const auto ids = browser->model()->allSampleIds();
    return {ids.begin(), ids.end()};
}

}  // namespace

TEST(ProjectMap, ComputesALayoutAsAJobAndDrivesTheBrowser) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.openProject(QString::fromStdString(p.path), true));
    window.showTab(2);
    ProjectMap* map = window.map();
    ASSERT_TRUE(map);
    ASSERT_TRUE(mapSettled(map));
    EXPECT_FALSE(map->hasLayout());
    EXPECT_FALSE(map->isShowingMap());
    EXPECT_TRUE(map->emptyLabel()->text().contains(QStringLiteral("Embed the project, then Compute a layout")));
    EXPECT_FALSE(map->computeButton()->isEnabled()) << "nothing to lay out without embeddings";
    EXPECT_TRUE(saveScreenshot(map, QStringLiteral("map-tab-empty")));

    // Embeddings arrive (as after an embed run): the embedder is offered, still no layout.
    addVectors(p.path, "vec", 6);
    window.project()->notifyEmbeddersChanged();
    ASSERT_TRUE(mapSettled(map));
    ASSERT_EQ(map->embedderBox()->findData(QStringLiteral("vec")), map->embedderBox()->currentIndex());
    EXPECT_FALSE(map->hasLayout());
    EXPECT_TRUE(map->computeButton()->isEnabled());
    QStringList methods;
    for (int i = 0; i < map->methodBox()->count(); ++i) methods << map->methodBox()->itemData(i).toString();
    EXPECT_TRUE(methods.contains(QStringLiteral("pca")) && methods.contains(QStringLiteral("tsne")) &&
                methods.contains(QStringLiteral("umap")));

    // Compute UMAP as a job while a timer keeps ticking on the GUI thread.
    map->methodBox()->setCurrentIndex(map->methodBox()->findData(QStringLiteral("umap")));
    ASSERT_TRUE(map->paramForm()->field(QStringLiteral("k")));
    map->paramForm()->field(QStringLiteral("k"))->setText(QStringLiteral("10"));
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, longestGap = 0;
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longestGap = std::max(longestGap, now - last);
        last = now;
        ++ticks;
    });
    bool finished = false, ok = false;
    QObject::connect(map, &ProjectMap::computeFinished, [&](bool success) {
        finished = true;
        ok = success;
    });
    ticker.start();
    ASSERT_TRUE(map->compute());
    EXPECT_TRUE(map->isComputing());
    EXPECT_EQ(map->computeButton()->text(), QStringLiteral("Cancel"));
    EXPECT_FALSE(map->compute()) << "one computation at a time";
    ASSERT_TRUE(waitFor([&] { return finished; }, 30000));
    ASSERT_TRUE(ok) << map->statusText().toStdString();
    ASSERT_TRUE(mapSettled(map));
    ticker.stop();
    EXPECT_GT(ticks, 3);
    EXPECT_LT(longestGap, 400) << "the GUI thread was blocked";
    ASSERT_TRUE(map->hasLayout());
    EXPECT_TRUE(map->isShowingMap());
    EXPECT_EQ(map->layout().method, "umap");
    EXPECT_EQ(map->layout().params.value("k", 0), 10);
    EXPECT_EQ(map->layout().rowCount(), 58u) << "every imported sample with a vector";
    EXPECT_EQ(map->view()->rowCount(), 58);
    EXPECT_FALSE(map->isComputing());
    EXPECT_EQ(map->computeButton()->text(), QStringLiteral("Compute"));

    // Colourings: categories, quality, scores (clusters as categories), subsets and tags.
    const QStringList titles = colouringTitles(map);
    for (const char* t : {"label", "dataset", "split", "blur", "brightness", "contrast", "cluster:vec:k3", "typicality:vec:k5",
                          "subset: first-ten", "tag: marked"})
        EXPECT_TRUE(titles.contains(QString::fromLatin1(t))) << t << " in " << titles.join(QStringLiteral(", ")).toStdString();
    EXPECT_EQ(map->panel()->colouringCount(), titles.size());
    for (const auto& c : map->colourData().colourings) {
        if (c.title == QStringLiteral("cluster:vec:k3")) {
            EXPECT_EQ(c.kind, MapColouring::Kind::Category);
            EXPECT_EQ(c.categoryNames.size(), 3);
        }
        if (c.title == QStringLiteral("typicality:vec:k5")) {
            EXPECT_EQ(c.kind, MapColouring::Kind::Score);
        }
        EXPECT_EQ(c.rowCount(), 58u) << c.title.toStdString();
    }
    EXPECT_EQ(map->view()->colouring().title, QStringLiteral("label"));

    // The current subset is highlighted over the whole set.
    window.browser()->filterBar()->setSubset(QStringLiteral("first-ten"));
    EXPECT_TRUE(map->view()->hasHighlight());
    EXPECT_EQ(map->view()->highlight().size(), 10u);
    window.browser()->filterBar()->setSubset(QString());
    EXPECT_FALSE(map->view()->hasHighlight());
    Q_EMIT window.subsets()->currentSubsetChanged(QStringLiteral("first-ten"));  // chosen in the Subsets dock
    auto* tabs = qobject_cast<QTabWidget*>(window.centralWidget());
    ASSERT_TRUE(tabs);
    EXPECT_EQ(tabs->currentWidget(), map) << "the Map tab stays, and highlights the subset";
    EXPECT_EQ(map->highlightSubset(), QStringLiteral("first-ten"));
    EXPECT_EQ(map->view()->highlight().size(), 10u);
    window.browser()->filterBar()->setSubset(QString());

    // The selection is the browser's listing, with a chip that clears it.
    FilterBar* filters = window.browser()->filterBar();
    map->selectSamples({3, 5, 8, 13, 21});
    EXPECT_EQ(map->view()->selection().size(), 5u);
    EXPECT_TRUE(filters->hasSampleIds());
    EXPECT_TRUE(filters->sampleIdsChip()->isVisibleTo(filters));
    EXPECT_EQ(window.browser()->model()->totalCount(), 5);
    EXPECT_EQ(listed(window.browser()), (std::set<std::int64_t>{3, 5, 8, 13, 21}));
    Q_EMIT map->panel()->showSelectionRequested({});  // "Show in Browser" on the selection bar
    EXPECT_EQ(tabs->currentWidget(), window.browser());
    EXPECT_EQ(window.browser()->model()->totalCount(), 5);
    window.showTab(2);
    map->view()->selectRect(QRectF(map->view()->rect()).adjusted(-5, -5, 5, 5));
    EXPECT_EQ(window.browser()->model()->totalCount(), 58);
    filters->sampleIdsClearButton()->click();
    EXPECT_TRUE(map->view()->selection().empty());
    EXPECT_FALSE(filters->hasSampleIds());
    EXPECT_FALSE(filters->sampleIdsChip()->isVisibleTo(filters));
    EXPECT_EQ(window.browser()->model()->totalCount(), 60);

    // Save as Tag (undoable) and as Subset.
    map->selectSamples({7, 9, 11});
    ASSERT_TRUE(map->tagSelection(QStringLiteral("from-map")));
    auto tagged = [&] {
        catalog::SampleFilter f;
        f.tag = "from-map";
        return window.project()->catalog().sampleIds(f);
    };
    EXPECT_EQ(tagged(), (std::vector<std::int64_t>{7, 9, 11}));
    window.project()->undoStack()->undo();
    EXPECT_TRUE(tagged().empty());
    window.project()->undoStack()->redo();
    EXPECT_EQ(tagged().size(), 3u);
    QString error;
    ASSERT_TRUE(map->saveSelectionAsSubset(QStringLiteral("map-pick"), &error)) << error.toStdString();
    const auto subset = window.project()->catalog().subset("map-pick");
    ASSERT_TRUE(subset);
    EXPECT_EQ(subset->method, "map-selection");
    EXPECT_EQ(subset->size, 3);
    const auto params = nlohmann::json::parse(subset->paramsJson);
    EXPECT_EQ(params.value("layout", std::string()), map->layout().key);
    EXPECT_EQ(params.value("embedder", std::string()), "vec");
    EXPECT_TRUE(waitFor([&] { return window.subsets()->model()->rowCount() == 2; })) << "first-ten and map-pick";
    EXPECT_FALSE(map->saveSelectionAsSubset(QStringLiteral("map-pick"), &error)) << "the name is taken";
    EXPECT_TRUE(error.contains(QStringLiteral("exists")));
    // The new subset and tag become colourings.
    ASSERT_TRUE(waitFor([&] {
        const QStringList t = colouringTitles(map);
        return t.contains(QStringLiteral("subset: map-pick")) && t.contains(QStringLiteral("tag: from-map"));
    }));
    ASSERT_TRUE(mapSettled(map));
    EXPECT_EQ(map->view()->colouring().title, QStringLiteral("label")) << "the chosen colouring is kept";

    // Clicking a point shows its sample in the inspector; hovering loads its thumbnail.
    map->clearSelection();
    MapView* view = map->view();
    const std::int64_t row = map->layout().rowOf(21);
    ASSERT_GE(row, 0);
    const QPointF at = view->toWidget(QPointF(map->layout().x[row], map->layout().y[row]));
    const std::int64_t hit = view->pointAt(at);
    ASSERT_GE(hit, 0);
    const std::int64_t hitId = map->layout().ids[hit];
    QTest::mouseMove(view, at.toPoint());
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, at.toPoint());
    EXPECT_EQ(window.inspector()->sampleId(), hitId);
    QMouseEvent move(QEvent::MouseMove, at, view->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view, &move);
    EXPECT_EQ(view->hoveredRow(), hit);
    view->repaint();  // the hover card asks for the thumbnail
    EXPECT_TRUE(waitFor([&] { return window.project()->thumbnails()->isLoaded(hitId); }));

    // Reopened, the project shows its cached layout again.
    window.closeProject();
    EXPECT_FALSE(map->hasLayout());
    ASSERT_TRUE(window.openProject(QString::fromStdString(p.path), true));
    ASSERT_TRUE(mapSettled(map));
    ASSERT_TRUE(map->hasLayout());
    EXPECT_TRUE(map->layout().cached);
    EXPECT_EQ(map->layout().method, "umap");
    EXPECT_EQ(map->layout().rowCount(), 58u);
    window.jobs()->waitForAll();
}

TEST(ProjectMap, CancelsAComputation) {
    TempDir dir;
    const std::string path = dir.file("big.winnow");
    makeLargeProject(path, 4000);  // enough for t-SNE to take a while
    addVectors(path, "vec", 16);
    JobManager jobs;
    QString error;
    auto project = Project::open(QString::fromStdString(path), jobs.pool(Resource::Decode), &error);
    ASSERT_TRUE(project) << error.toStdString();
    ProjectMap map(&jobs);
    map.setProject(project.get());
    ASSERT_TRUE(mapSettled(&map));
    map.methodBox()->setCurrentIndex(map.methodBox()->findData(QStringLiteral("tsne")));
    bool finished = false, ok = true;
    QObject::connect(&map, &ProjectMap::computeFinished, [&](bool success) {
        finished = true;
        ok = success;
    });
    ASSERT_TRUE(map.compute());
    waitFor([] { return false; }, 50);
    map.computeButton()->click();  // Cancel
    ASSERT_TRUE(waitFor([&] { return finished; }, 30000));
    EXPECT_FALSE(ok);
    EXPECT_FALSE(map.hasLayout());
    EXPECT_EQ(map.statusText(), QStringLiteral("Canceled"));
    EXPECT_TRUE(map.emptyLabel()->text().contains(QStringLiteral("Compute")));
    EXPECT_FALSE(map.isComputing());
    EXPECT_EQ(map.computeButton()->text(), QStringLiteral("Compute"));
    jobs.waitForAll();
    map.setProject(nullptr);
}

TEST(ProjectMapScreenshots, MainWindowWithTheMapTab) {
    TempDir dir;
    app::MainWindow window;
    const QString importError = importDemoProject(window, dir, 16);
    ASSERT_TRUE(importError.isEmpty()) << importError.toStdString();
    bool embedded = false;
    curate::EmbedParams embed;
    embed.threads = 2;
    startEmbed(window.jobs(), window.project(), embed, nullptr,
               [&](const JobOutcome<curate::EmbedReport>&) { embedded = true; });
    ASSERT_TRUE(waitFor([&] { return embedded; }, 60000));

    ProjectMap* map = window.map();
    window.showTab(2);
    ASSERT_TRUE(mapSettled(map));
    map->methodBox()->setCurrentIndex(map->methodBox()->findData(QStringLiteral("umap")));
    map->paramForm()->field(QStringLiteral("k"))->setText(QStringLiteral("8"));
    bool finished = false;
    QObject::connect(map, &ProjectMap::computeFinished, [&](bool) { finished = true; });
    ASSERT_TRUE(map->compute());
    ASSERT_TRUE(waitFor([&] { return finished; }, 30000));
    ASSERT_TRUE(mapSettled(map));
    ASSERT_TRUE(map->hasLayout()) << map->statusText().toStdString();

    // A selection of a quarter of the map, shown by the browser's chip.
    MapView* view = map->view();
    const QRectF r = view->rect();
    view->selectRect(QRectF(r.left(), r.top(), r.width() / 2, r.height() / 2));
    EXPECT_EQ(window.browser()->model()->totalCount(), static_cast<qint64>(view->selection().size()));
    const QPointF at = view->toWidget(QPointF(map->layout().x[5], map->layout().y[5]));
    QMouseEvent move(QEvent::MouseMove, at, view->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view, &move);
    view->repaint();
    waitFor([&] { return window.project()->thumbnails()->isIdle(); }, 5000);
    waitFor([] { return false; }, 150);
    EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("map-tab")));

    // Coloured by a quality score, the browser filtered by the selection.
    for (int i = 0; i < map->panel()->colouringCount(); ++i)
        if (map->colourData().colourings[i].title == QStringLiteral("brightness")) map->panel()->setCurrentColouring(i);
    view->clearSelection();
    waitFor([] { return false; }, 100);
    EXPECT_TRUE(saveScreenshot(map, QStringLiteral("map-tab-brightness")));
    window.jobs()->waitForAll();
}
