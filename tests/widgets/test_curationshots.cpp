// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of the curation area (light and dark) from a project imported and embedded with the real
// pipelines: WINNOW_TEST_OUTPUT_DIR/curation*.png. For looking at; the assertions check the flow.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTreeView>

#include "catalog/catalog.h"
#include "curate/embeddingstore.h"
#include "index/kmeans.h"
#include "mainwindow.h"
#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/curation/comparedialog.h"
#include "widgets/curation/curationpanel.h"
#include "widgets/curation/filterchaineditor.h"
#include "widgets/curation/methodparamform.h"
#include "widgets/curation/subsetmodel.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/import/importjob.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"
#include "widgets/style/theme.h"
#include "widgets/thumbnails/thumbnailprovider.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {

void settle(app::MainWindow& window) {
    waitFor([] { return false; }, 150);
    EXPECT_TRUE(waitFor([&] {
        return window.jobs()->activeCount() == 0 && window.project()->thumbnails()->isIdle() &&
               !window.inspector()->isLoadingImage() && !window.curation()->isPreviewPending();
    }, 15000));
    waitFor([] { return false; }, 50);
}

void choose(QComboBox* box, const QString& data) {
    const int i = box->findData(data);
    ASSERT_GE(i, 0) << data.toStdString();
    box->setCurrentIndex(i);
}

bool runPanel(CurationPanel* panel) {
    bool ended = false, saved = false;
    auto c = QObject::connect(panel, &CurationPanel::runFinished, [&](bool ok) {
        ended = true;
        saved = ok;
    });
    if (panel->run()) waitFor([&] { return ended; }, 30000);
    QObject::disconnect(c);
    return saved;
}

void addFilter(FilterChainEditor* filters, const QString& name, const QString& params = {}) {
    filters->addStep(name);
    if (!params.isEmpty()) filters->paramsEdit()->setPlainText(params);
}

/// Runs a recipe made in the panel: the pool is the whole project.
void selectSubset(CurationPanel* panel, const QString& method, int size, const QString& name,
            const std::vector<std::pair<QString, QString>>& filters = {}) {
    panel->filters()->setSteps({});
    for (const auto& [f, p] : filters) addFilter(panel->filters(), f, p);
    choose(panel->methodBox(), method);
    panel->sizeModeBox()->setCurrentIndex(panel->sizeModeBox()->findData(CurationPanel::Count));
    panel->sizeBox()->setValue(size);
    panel->nameEdit()->setText(name);
    EXPECT_TRUE(runPanel(panel)) << name.toStdString() << ": " << panel->statusText().toStdString();
}

/// k-means clusters of the stored vectors, kept as the score "cluster:<embedder>:k<k>".
void storeClusters(const std::string& path, const std::string& embedder, int k) {
    auto catalog = catalog::Catalog::open(path);
    const curate::EmbeddingTable table = curate::loadEmbeddings(catalog, embedder);
    index::KMeansParams params;
    params.k = k;
    params.threads = 1;
    const index::KMeansResult result = index::kmeans(table.X, params);
    std::vector<double> values(result.assignment.begin(), result.assignment.end());
    catalog.putScores("cluster:" + embedder + ":k" + std::to_string(k), table.ids, values);
}

QDockWidget* dockOf(QWidget* widget) { return qobject_cast<QDockWidget*>(widget->parentWidget()); }

/// Grabs a dock on its own at a readable size (floating, as a user may undock it), then docks it back.
bool grabFloating(app::MainWindow& window, QDockWidget* dock, QSize size, const QString& name) {
    dock->setFloating(true);
    dock->resize(size);
    dock->show();
    settle(window);
    const bool ok = saveScreenshot(dock->widget(), name);
    dock->setFloating(false);
    return ok;
}

}  // namespace

TEST(CurationScreenshots, PanelSubsetsAndCompare) {
    TempDir dir;
    app::MainWindow window;
    const QString importError = importDemoProject(window, dir, 16);
    ASSERT_TRUE(importError.isEmpty()) << importError.toStdString();

    // Embeddings from the built-in embedder, run from the panel like a user would.
    CurationPanel* panel = window.curation();
    bool embedded = false, embedOk = false;
    QObject::connect(panel, &CurationPanel::embedFinished, [&](bool ok) {
        embedded = true;
        embedOk = ok;
    });
    curate::EmbedParams embed;
    embed.threads = 2;
    panel->embed(embed);
    ASSERT_TRUE(waitFor([&] { return embedded; }, 60000));
    ASSERT_TRUE(embedOk) << panel->statusText().toStdString();
    storeClusters(window.project()->path().toStdString(), "builtin", 4);

    selectSubset(panel, QStringLiteral("typicality"), 24, QStringLiteral("typical-24"),
           {{QStringLiteral("dedup-exact"), {}}, {QStringLiteral("dedup-near"), QStringLiteral("max_distance=6")}});
    selectSubset(panel, QStringLiteral("random"), 24, QStringLiteral("random-24"));
    selectSubset(panel, QStringLiteral("label-balance"), 24, QStringLiteral("balanced-24"), {{QStringLiteral("dedup-exact"), {}}});
    selectSubset(panel, QStringLiteral("coreset"), 24, QStringLiteral("coverage-24"),
           {{QStringLiteral("quality"), QStringLiteral("min_blur=15")}});
    ASSERT_EQ(window.subsets()->model()->rowCount(), 4);

    // The form as a user leaves it: a recipe with filters, a method with parameters.
    panel->filters()->setSteps({});
    addFilter(panel->filters(), QStringLiteral("dedup-exact"));
    addFilter(panel->filters(), QStringLiteral("quality"), QStringLiteral("min_blur=15\nmin_width=160"));
    addFilter(panel->filters(), QStringLiteral("outliers"), QStringLiteral("fraction=0.05"));
    panel->filters()->selectStep(1);
    choose(panel->methodBox(), QStringLiteral("typicality-diversity"));
    panel->params()->field(QStringLiteral("k"))->setText(QStringLiteral("10"));
    panel->sizeBox()->setValue(30);
    panel->nameEdit()->clear();
    settle(window);
    ASSERT_TRUE(panel->preview().has_value()) << panel->previewText().toStdString();

    // The window with a subset chosen: the grid shows its members, the inspector a member's scores.
    window.browser()->filterBar()->setSubset(QStringLiteral("typical-24"));
    EXPECT_EQ(window.subsets()->currentSubset(), QStringLiteral("typical-24"));
    dockOf(panel)->raise();
    SampleModel* model = window.browser()->model();
    ASSERT_TRUE(waitFor([&] { return model->rowCount() > 0; }));
    window.inspector()->setSample(model->sampleId(0));
    settle(window);

    for (const Theme theme : {Theme::Light, Theme::Dark}) {
        window.setTheme(theme);
        const QString suffix = theme == Theme::Light ? QStringLiteral("-light") : QStringLiteral("-dark");
        settle(window);
        EXPECT_TRUE(saveScreenshot(&window, QStringLiteral("curation-mainwindow") + suffix));
        EXPECT_TRUE(grabFloating(window, dockOf(panel), QSize(400, 1010), QStringLiteral("curation-panel") + suffix));
        EXPECT_TRUE(grabFloating(window, dockOf(window.subsets()), QSize(820, 230), QStringLiteral("curation-subsets") + suffix));

        window.compareSubsets(QStringLiteral("typical-24"), QStringLiteral("random-24"));
        auto* dialog = window.findChild<CompareSubsetsDialog*>();
        ASSERT_NE(dialog, nullptr);
        ASSERT_TRUE(waitFor([&] { return dialog->comparison().has_value() && !dialog->isComparing(); }));
        if (theme == Theme::Dark) dialog->groupByBox()->setCurrentIndex(1);  // per cluster
        settle(window);
        EXPECT_TRUE(saveScreenshot(dialog, QStringLiteral("curation-compare") + suffix));
        EXPECT_EQ(dialog->comparison()->sizeA, 24);
        EXPECT_EQ(dialog->groupByBox()->count(), 2) << "labels and the k-means clusters";
        dialog->close();
        delete dialog;  // deleteLater needs an event loop
    }
    window.setTheme(Theme::Light);
    for (const char* name : {"curation-panel-light", "curation-panel-dark", "curation-subsets-light", "curation-subsets-dark",
                             "curation-compare-light", "curation-compare-dark", "curation-mainwindow-light"})
        EXPECT_TRUE(QFileInfo::exists(screenshotPath(QString::fromLatin1(name)))) << name;
}
