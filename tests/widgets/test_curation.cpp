// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The curation area: recipe form, runs through the job runner, subsets model and view, comparison,
// inspector fields, and the browser filtered by a subset.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeView>
#include <QUndoStack>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "catalog/catalog.h"
#include "curate/embeddingstore.h"
#include "curate/methods.h"
#include "curate/recipe.h"
#include "ingest/ingest.h"
#include "mainwindow.h"
#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/curation/comparedialog.h"
#include "widgets/curation/curationjobs.h"
#include "widgets/curation/curationpanel.h"
#include "widgets/curation/curationtext.h"
#include "widgets/curation/filterchaineditor.h"
#include "widgets/curation/methodparamform.h"
#include "widgets/curation/scoresdialog.h"
#include "widgets/curation/subsetcompare.h"
#include "widgets/curation/subsetmodel.h"
#include "widgets/curation/subsetsview.h"
#include "widgets/inspector/sampledetails.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;
using nlohmann::json;

namespace {

std::unique_ptr<Project> openProject(const std::string& path, JobManager& jobs) {
    QString error;
    auto project = Project::open(QString::fromStdString(path), jobs.pool(Resource::Decode), &error);
    EXPECT_TRUE(project) << error.toStdString();
    return project;
}

void choose(QComboBox* box, const QString& data) {
    const int i = box->findData(data);
    ASSERT_GE(i, 0) << data.toStdString();
    box->setCurrentIndex(i);
}

bool previewSettled(const CurationPanel& panel) { return waitFor([&] { return !panel.isPreviewPending(); }); }

/// Runs the panel's recipe and waits for the job; true when a subset was saved.
bool runPanel(CurationPanel& panel) {
    bool ended = false, saved = false;
    auto connection = QObject::connect(&panel, &CurationPanel::runFinished, [&](bool ok) {
        ended = true;
        saved = ok;
    });
    const bool started = panel.run();
    if (started) {
        EXPECT_TRUE(waitFor([&] { return ended; }, 20000));
    }
    QObject::disconnect(connection);
    return started && saved;
}

std::vector<std::int64_t> members(const catalog::Catalog& catalog, const std::string& name) {
    std::vector<std::int64_t> ids;
    const auto subset = catalog.subset(name);
    if (!subset) return ids;
    for (const auto& m : catalog.subsetMembers(subset->id)) ids.push_back(m.sampleId);
    return ids;
}

/// Saves a subset of the given ids (rank = position, score = 1 / (rank + 1)).
void saveIds(catalog::Catalog& catalog, const std::string& name, const std::vector<std::int64_t>& ids) {
    catalog::Subset s;
    s.name = name;
    s.method = "manual";
    s.paramsJson = json{{"note", "test"}}.dump();
    std::vector<catalog::SubsetMember> m;
    for (std::size_t i = 0; i < ids.size(); ++i) m.push_back({ids[i], static_cast<std::int64_t>(i), 1.0 / (double(i) + 1)});
    catalog.saveSubset(s, m);
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {  // inclusive
    std::vector<std::int64_t> ids;
    for (std::int64_t i = first; i <= last; ++i) ids.push_back(i);
    return ids;
}

}  // namespace

TEST(CurationText, TypesValuesAndParsesKeyValueLines) {
    EXPECT_EQ(typedValue(QStringLiteral("20")), json(20));
    EXPECT_EQ(typedValue(QStringLiteral(" -3 ")), json(-3));
    EXPECT_EQ(typedValue(QStringLiteral("0.02")), json(0.02));
    EXPECT_EQ(typedValue(QStringLiteral("1e-3")), json(0.001));
    EXPECT_EQ(typedValue(QStringLiteral("true")), json(true));
    EXPECT_EQ(typedValue(QStringLiteral("007")), json("007")) << "not canonical: kept as text (a label)";
    EXPECT_EQ(typedValue(QStringLiteral("cat,dog")), json("cat,dog"));
    json object;
    QString error;
    ASSERT_TRUE(parseKeyValueLines(QStringLiteral("min_blur=20\n\n label = cat, dog \nname=a=b"), &object, &error));
    EXPECT_EQ(object, (json{{"min_blur", 20}, {"label", "cat, dog"}, {"name", "a=b"}}));
    EXPECT_EQ(keyValueLines(object), QStringLiteral("label=cat, dog\nmin_blur=20\nname=a=b"));
    EXPECT_FALSE(parseKeyValueLines(QStringLiteral("min_blur 20"), &object, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("line 1"))) << error.toStdString();
    EXPECT_FALSE(parseKeyValueLines(QStringLiteral("k=1\nk=2"), &object, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("twice")));
    EXPECT_FALSE(parseKeyValueLines(QStringLiteral("filter=x"), &object, &error, {QStringLiteral("filter")}));
    const json recipe = curate::recipeJson(curate::parseRecipe(json::parse(
        R"({"pool": {"dataset": "animals"}, "filters": [{"filter": "quality", "min_blur": 20}, {"filter": "dedup-exact"}],
            "select": {"method": "typicality", "params": {"k": 20}}, "size": 1000, "seed": 3})")));
    EXPECT_EQ(recipeSummary(recipe), QStringLiteral("k=20 · quality → dedup-exact · dataset animals · size 1,000 · seed 3"));
}

TEST(CurationPanel, BuildsTheRecipeOfItsForm) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    CurationPanel panel(&jobs);
    panel.setProject(project.get());

    // Every selection method and filter of the core is offered.
    EXPECT_EQ(panel.methodBox()->count(), static_cast<int>(curate::selectionMethods().size()));
    choose(panel.datasetBox(), QStringLiteral("animals"));
    choose(panel.splitBox(), QStringLiteral("train"));
    FilterChainEditor* filters = panel.filters();
    filters->addStep(QStringLiteral("dedup-exact"));
    filters->addStep(QStringLiteral("quality"));
    filters->paramsEdit()->setPlainText(QStringLiteral("min_blur=100\nmax_blur=350.5"));
    filters->addStep(QStringLiteral("metadata"));
    filters->paramsEdit()->setPlainText(QStringLiteral("label=cat,dog"));
    filters->moveStep(1, -1);  // quality first
    EXPECT_TRUE(filters->error().isEmpty());
    choose(panel.methodBox(), QStringLiteral("typicality"));
    EXPECT_TRUE(panel.methodSummary()->text().contains(QStringLiteral("typical")));
    ASSERT_NE(panel.params()->field(QStringLiteral("k")), nullptr);
    EXPECT_EQ(panel.params()->field(QStringLiteral("k"))->placeholderText(), QStringLiteral("20")) << "the default";
    EXPECT_FALSE(panel.params()->field(QStringLiteral("k"))->toolTip().isEmpty()) << "the help";
    panel.params()->field(QStringLiteral("k"))->setText(QStringLiteral("5"));
    panel.sizeModeBox()->setCurrentIndex(panel.sizeModeBox()->findData(CurationPanel::Percent));
    panel.percentBox()->setValue(25);
    panel.seedBox()->setValue(7);

    const json expected = json::parse(R"({
        "pool": {"dataset": "animals", "split": "train"},
        "embedder": "builtin",
        "filters": [{"filter": "quality", "min_blur": 100, "max_blur": 350.5},
                    {"filter": "dedup-exact"},
                    {"filter": "metadata", "label": "cat,dog"}],
        "select": {"method": "typicality", "params": {"k": 5}},
        "fraction": 0.25,
        "seed": 7})");
    EXPECT_EQ(curate::recipeJson(panel.recipe()), expected) << curate::recipeJson(panel.recipe()).dump(1);
    EXPECT_EQ(panel.subsetName(), QStringLiteral("typicality-25pct"));

    // Saved and loaded again, into a fresh panel: the same recipe.
    const QString file = QString::fromStdString(dir.file("recipe.json"));
    QString error;
    ASSERT_TRUE(panel.saveRecipeFile(file, &error)) << error.toStdString();
    CurationPanel other(&jobs);
    other.setProject(project.get());
    ASSERT_TRUE(other.loadRecipeFile(file, &error)) << error.toStdString();
    EXPECT_EQ(curate::recipeJson(other.recipe()), expected);
    EXPECT_EQ(other.filters()->list()->count(), 3);

    // Values the project does not have (a recipe from another project) are kept, marked.
    curate::Recipe foreign = panel.recipe();
    foreign.pool = json{{"dataset", "elsewhere"}};
    foreign.embedder = "clip-vit-b32";
    foreign.method = "coreset";
    foreign.params = json{{"first", 3}, {"unknown_knob", "x"}};
    foreign.fraction.reset();
    other.setRecipe(foreign);
    EXPECT_TRUE(other.datasetBox()->currentText().contains(QStringLiteral("not in this project")));
    EXPECT_EQ(curate::recipeJson(other.recipe()), curate::recipeJson(foreign));
    EXPECT_EQ(other.sizeModeBox()->currentData().toInt(), CurationPanel::AllLeft);

    // A malformed parameter line blocks the run, in plain words.
    filters->selectStep(0);
    filters->paramsEdit()->setPlainText(QStringLiteral("min_blur"));
    EXPECT_FALSE(filters->error().isEmpty());
    EXPECT_FALSE(panel.run());
    EXPECT_TRUE(panel.statusIsError());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("Filter step 1"))) << panel.statusText().toStdString();

    // Bad JSON is reported, not thrown.
    QFile bad(QString::fromStdString(dir.file("bad.json")));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"select": {"method": "no-such-method"}})");
    bad.close();
    EXPECT_FALSE(other.loadRecipeFile(bad.fileName(), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("no-such-method"))) << error.toStdString();
}

TEST(CurationPanel, PreviewsAndRunsARecipeIntoASubset) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    CurationPanel panel(&jobs);
    panel.setProject(project.get());
    int subsetSignals = 0;
    QObject::connect(project.get(), &Project::subsetsChanged, [&] { ++subsetSignals; });

    choose(panel.datasetBox(), QStringLiteral("animals"));
    panel.filters()->addStep(QStringLiteral("dedup-exact"));
    choose(panel.methodBox(), QStringLiteral("random"));
    panel.sizeBox()->setValue(10);
    panel.seedBox()->setValue(3);
    panel.nameEdit()->setText(QStringLiteral("r10"));
    ASSERT_TRUE(previewSettled(panel));
    ASSERT_TRUE(panel.preview().has_value()) << panel.previewText().toStdString();
    // animals: 40 samples, one failed; exact groups {1,2,3} and {11,12} keep their lowest id.
    const std::int64_t pool = p.count([&](const catalog::Sample& s) {
        return s.datasetId == p.animals && s.status == catalog::SampleStatus::Ok;
    });
    EXPECT_EQ(panel.preview()->pool, pool);
    EXPECT_EQ(panel.preview()->remaining, pool - 3);
    EXPECT_TRUE(panel.preview()->stoppedAt.empty());
    EXPECT_TRUE(panel.previewText().contains(QStringLiteral("36"))) << panel.previewText().toStdString();

    ASSERT_TRUE(runPanel(panel)) << panel.statusText().toStdString();
    EXPECT_FALSE(panel.statusIsError());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("r10"))) << panel.statusText().toStdString();
    EXPECT_GE(subsetSignals, 1);
    auto reader = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const auto saved = members(reader, "r10");
    ASSERT_EQ(saved.size(), 10u);
    // The same recipe run directly gives the same subset in the same order.
    curate::Recipe recipe;
    recipe.pool = json{{"dataset", "animals"}};
    recipe.filters = {json{{"filter", "dedup-exact"}}};
    recipe.method = "random";
    recipe.size = 10;
    recipe.seed = 3;
    EXPECT_EQ(curate::recipeJson(panel.recipe()), curate::recipeJson(recipe));
    EXPECT_EQ(saved, curate::runRecipe(reader, recipe).ids);
    for (std::int64_t id : saved) {
        EXPECT_LE(id, 40) << "in animals";
        EXPECT_TRUE(id != 2 && id != 3 && id != 12 && id != 39) << id;
    }
    EXPECT_EQ(std::set<std::int64_t>(saved.begin(), saved.end()).size(), 10u);
    const auto stored = reader.subset("r10");
    ASSERT_TRUE(stored);
    EXPECT_EQ(json::parse(stored->paramsJson), curate::recipeJson(recipe));

    // The same name again: refused unless Replace is ticked.
    EXPECT_TRUE(panel.nameEdit()->text().isEmpty()) << "cleared for a fresh suggestion";
    panel.nameEdit()->setText(QStringLiteral("r10"));
    EXPECT_FALSE(panel.run());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("exists already"))) << panel.statusText().toStdString();
    panel.nameEdit()->setText(QStringLiteral("r10"));
    panel.replaceBox()->setChecked(true);
    panel.sizeBox()->setValue(5);
    ASSERT_TRUE(runPanel(panel)) << panel.statusText().toStdString();
    EXPECT_EQ(members(reader, "r10").size(), 5u);

    // A dedup method keeps what it finds (no size): one per exact group of the whole project.
    panel.datasetBox()->setCurrentIndex(0);
    choose(panel.methodBox(), QStringLiteral("dedup-exact"));
    EXPECT_EQ(panel.sizeModeBox()->currentData().toInt(), CurationPanel::AllLeft);
    panel.nameEdit()->clear();
    EXPECT_EQ(panel.subsetName(), QStringLiteral("dedup-exact"));
    ASSERT_TRUE(runPanel(panel)) << panel.statusText().toStdString();
    EXPECT_EQ(static_cast<std::int64_t>(members(reader, "dedup-exact").size()),
              p.count([](const catalog::Sample& s) { return s.status == catalog::SampleStatus::Ok; }) - 3);
    EXPECT_EQ(panel.subsetName(), QStringLiteral("dedup-exact-2")) << "the suggestion moves past taken names";

    // A method that needs embeddings, in a project without any: said before and after running.
    choose(panel.methodBox(), QStringLiteral("typicality"));
    panel.nameEdit()->setText(QStringLiteral("typical"));
    ASSERT_TRUE(previewSettled(panel));
    ASSERT_TRUE(panel.preview().has_value());
    EXPECT_TRUE(panel.preview()->embeddingsChecked);
    EXPECT_FALSE(panel.preview()->embedderKnown);
    EXPECT_TRUE(panel.previewText().contains(QStringLiteral("Embed…"))) << panel.previewText().toStdString();
    EXPECT_FALSE(runPanel(panel));
    EXPECT_TRUE(panel.statusIsError());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("Embed…"))) << panel.statusText().toStdString();
    EXPECT_FALSE(reader.subset("typical"));

    // A filter the preview does not run (it needs embeddings): shown as unknown until the run.
    panel.filters()->addStep(QStringLiteral("outliers"));
    ASSERT_TRUE(previewSettled(panel));
    ASSERT_TRUE(panel.preview().has_value());
    EXPECT_EQ(panel.preview()->stoppedAt, "outliers");
    EXPECT_TRUE(panel.previewText().contains(QStringLiteral("?")));

    // A bad filter parameter: the preview says what is wrong, in the core's words.
    panel.filters()->setSteps({json{{"filter", "quality"}, {"min_blurr", 3}}});
    ASSERT_TRUE(previewSettled(panel));
    EXPECT_FALSE(panel.preview().has_value());
    EXPECT_TRUE(panel.previewText().contains(QStringLiteral("min_blurr"))) << panel.previewText().toStdString();
}

TEST(CurationPanel, CancelsARunBeforeItSaves) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    CurationPanel panel(&jobs);
    panel.setProject(project.get());
    // Both Core threads busy: the selection waits in the queue, where Cancel finds it.
    std::atomic<bool> release{false};
    for (int i = 0; i < 2; ++i)
        jobs.start<int>(JobSpec{QStringLiteral("busy"), Resource::Core}, [&](Progress&) {
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            return 0;
        }, nullptr, [](JobOutcome<int>) {});
    choose(panel.methodBox(), QStringLiteral("random"));
    panel.nameEdit()->setText(QStringLiteral("never"));
    bool ended = false, saved = true;
    QObject::connect(&panel, &CurationPanel::runFinished, [&](bool ok) {
        ended = true;
        saved = ok;
    });
    ASSERT_TRUE(panel.run());
    const JobId job = panel.runJob();
    EXPECT_TRUE(panel.isRunning());
    EXPECT_EQ(panel.runButton()->text(), QStringLiteral("Cancel"));
    panel.runButton()->click();  // Cancel
    release = true;
    ASSERT_TRUE(waitFor([&] { return ended; }));
    EXPECT_FALSE(saved);
    EXPECT_FALSE(panel.statusIsError());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("Canceled"))) << panel.statusText().toStdString();
    EXPECT_EQ(panel.runButton()->text(), QStringLiteral("Run"));
    EXPECT_FALSE(project->catalog().subset("never"));
    EXPECT_EQ(jobs.model()->state(job), JobState::Canceled);
}

TEST(CurationPanel, SelectsWithImportedVectors) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    addTestVectors(p.path, "vec", 8, 11);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    CurationPanel panel(&jobs);
    panel.setProject(project.get());
    ASSERT_EQ(panel.embedderBox()->count(), 1);
    EXPECT_EQ(panel.embedderBox()->currentData().toString(), QStringLiteral("vec"));
    EXPECT_TRUE(panel.embedderBox()->currentText().contains(QStringLiteral("8-d")));
    choose(panel.methodBox(), QStringLiteral("typicality"));
    panel.params()->field(QStringLiteral("k"))->setText(QStringLiteral("5"));
    panel.filters()->addStep(QStringLiteral("outliers"));
    panel.filters()->paramsEdit()->setPlainText(QStringLiteral("fraction=0.1\nk=5"));
    panel.sizeBox()->setValue(8);
    panel.nameEdit()->setText(QStringLiteral("typical-8"));
    ASSERT_TRUE(previewSettled(panel));
    ASSERT_TRUE(panel.preview().has_value());
    EXPECT_TRUE(panel.preview()->embedderKnown);
    EXPECT_EQ(panel.preview()->withoutVectors, 0);
    ASSERT_TRUE(runPanel(panel)) << panel.statusText().toStdString();
    auto reader = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const auto direct = curate::runRecipe(reader, panel.recipe());
    EXPECT_EQ(members(reader, "typical-8"), direct.ids);
    ASSERT_EQ(direct.ids.size(), 8u);
    EXPECT_EQ(direct.stages.front().name, "outliers");
    EXPECT_EQ(direct.stages.front().out, direct.stages.front().in - std::llround(0.1 * double(direct.stages.front().in)));
}

TEST(CurationPanel, EmbedsAProjectAsAJob) {
    TempDir dir;
    const std::string source = writeDemoImages(dir, 5);
    const std::string path = dir.file("demo.winnow");
    catalog::Catalog::create(path);
    ingest::IngestParams params;
    params.threads = 2;
    ingest::ingest(path, source, params);
    JobManager jobs;
    auto project = openProject(path, jobs);
    CurationPanel panel(&jobs);
    panel.setProject(project.get());
    EXPECT_TRUE(panel.embedderBox()->currentText().contains(QStringLiteral("not computed")));
    int embedderSignals = 0;
    QObject::connect(project.get(), &Project::embeddersChanged, [&] { ++embedderSignals; });
    bool ended = false, ok = false;
    QObject::connect(&panel, &CurationPanel::embedFinished, [&](bool success) {
        ended = true;
        ok = success;
    });
    curate::EmbedParams embed;
    embed.embedder = "builtin";
    embed.threads = 2;
    // Canceled at once: said so, and nothing breaks (what was committed is kept).
    panel.embed(embed);
    jobs.cancelAll();
    ASSERT_TRUE(waitFor([&] { return ended; }, 60000));
    EXPECT_FALSE(panel.statusIsError());
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("anceled"))) << panel.statusText().toStdString();
    ended = false;
    embedderSignals = 0;
    panel.embed(embed);
    EXPECT_TRUE(panel.isEmbedding());
    EXPECT_GE(jobs.model()->rowCount(), 1) << "listed in the jobs dock";
    ASSERT_TRUE(waitFor([&] { return ended; }, 60000));
    EXPECT_EQ(embedderSignals, 1);
    ASSERT_TRUE(ok) << panel.statusText().toStdString();
    auto reader = catalog::Catalog::open(path, catalog::Catalog::Mode::ReadOnly);
    catalog::SampleFilter okOnly;
    okOnly.status = catalog::SampleStatus::Ok;
    EXPECT_EQ(static_cast<std::int64_t>(curate::embeddedIds(reader, "builtin").size()), reader.countSamples(okOnly));
    EXPECT_EQ(panel.embedderBox()->currentData().toString(), QStringLiteral("builtin"));
    EXPECT_FALSE(panel.embedderBox()->currentText().contains(QStringLiteral("not computed")));
    EXPECT_TRUE(panel.statusText().contains(QStringLiteral("embedded"))) << panel.statusText().toStdString();

    // A model file that does not exist: the job fails with the core's words.
    ended = false;
    embed.embedder = dir.file("missing.pt");
    panel.embed(embed);
    ASSERT_TRUE(waitFor([&] { return ended; }, 20000));
    EXPECT_FALSE(ok);
    EXPECT_TRUE(panel.statusIsError());
    EXPECT_FALSE(panel.statusText().isEmpty());
}

TEST(SubsetModel, PassesTheModelTesterAndFollowsTheProject) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    {
        curate::Recipe recipe;
        recipe.method = "random";
        recipe.size = 12;
        recipe.seed = 5;
        curate::saveSelection(project->catalog(), "random-12", curate::runRecipe(project->catalog(), recipe));
        saveIds(project->catalog(), "manual", {4, 5, 6});
    }
    SubsetsView view;
    SubsetModel* model = view.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.setProject(project.get());
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->columnCount(), SubsetModel::ColumnCount);
    const int row = model->rowOfName(QStringLiteral("random-12"));
    ASSERT_GE(row, 0);
    EXPECT_EQ(model->index(row, SubsetModel::SizeColumn).data().toString(), QStringLiteral("12"));
    EXPECT_EQ(model->index(row, SubsetModel::MethodColumn).data().toString(), QStringLiteral("random"));
    EXPECT_EQ(model->index(row, SubsetModel::ParametersColumn).data().toString(), QStringLiteral("size 12 · seed 5"));
    EXPECT_FALSE(model->index(row, SubsetModel::CreatedColumn).data().toString().isEmpty());
    EXPECT_TRUE(model->index(row, SubsetModel::NameColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("&quot;method&quot;")))
        << "the recipe JSON in the tool tip";
    EXPECT_EQ(model->index(row, SubsetModel::SizeColumn).data(SubsetModel::SortRole).toLongLong(), 12);
    EXPECT_EQ(model->index(model->rowOfName(QStringLiteral("manual")), SubsetModel::ParametersColumn).data().toString(),
              QStringLiteral("note=test"));

    // Choosing a subset is announced; deleting it (undoably) is followed by the model.
    QStringList chosen;
    QObject::connect(&view, &SubsetsView::currentSubsetChanged, [&](const QString& n) { chosen << n; });
    QModelIndex manual;
    for (int r = 0; r < view.view()->model()->rowCount(); ++r)
        if (view.view()->model()->index(r, 0).data(SubsetModel::NameRole).toString() == QStringLiteral("manual"))
            manual = view.view()->model()->index(r, 0);
    ASSERT_TRUE(manual.isValid());
    view.view()->selectionModel()->select(manual, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ASSERT_EQ(chosen, QStringList{QStringLiteral("manual")});
    const auto before = project->catalog().subset("manual");
    ASSERT_TRUE(view.deleteSubset(QStringLiteral("manual"), false));
    EXPECT_EQ(model->rowCount(), 1);
    EXPECT_EQ(chosen.back(), QString()) << "the chosen subset is gone";
    project->undoStack()->undo();
    ASSERT_EQ(model->rowCount(), 2);
    const auto after = project->catalog().subset("manual");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->created, before->created);
    EXPECT_EQ(members(project->catalog(), "manual"), (std::vector<std::int64_t>{4, 5, 6}));
    project->undoStack()->redo();
    EXPECT_EQ(model->rowCount(), 1);
    // Deleting samples shrinks the subsets that hold them.
    project->catalog().deleteSamples({members(project->catalog(), "random-12").front()});
    project->notifySamplesChanged();
    EXPECT_EQ(model->index(0, SubsetModel::SizeColumn).data().toString(), QStringLiteral("11"));
}

TEST(CompareSubsets, CountsOverlapLabelsAndClusters) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    {
        auto catalog = catalog::Catalog::open(p.path);
        saveIds(catalog, "A", range(1, 20));
        saveIds(catalog, "B", range(11, 30));
        saveIds(catalog, "C", {41, 42});
        std::vector<double> clusters;
        for (std::int64_t id : range(1, 30)) clusters.push_back(double(id % 3));
        catalog.putScores("cluster:test", range(1, 30), clusters);
        catalog.putScores("cluster:only-a", range(1, 5), {0, 0, 1, 1, 1});  // no values in B: not offered
        catalog.putScores("typicality", range(1, 30), clusters);             // not a cluster score
    }
    auto catalog = catalog::Catalog::open(p.path, catalog::Catalog::Mode::ReadOnly);
    const SubsetComparison c = compareSubsets(catalog, "A", "B");
    EXPECT_EQ(c.sizeA, 20);
    EXPECT_EQ(c.sizeB, 20);
    EXPECT_EQ(c.both, 10);
    EXPECT_EQ(c.onlyA, 10);
    EXPECT_EQ(c.onlyB, 10);
    EXPECT_DOUBLE_EQ(c.jaccard, 10.0 / 30.0);
    ASSERT_EQ(c.groupings.size(), 2u);
    EXPECT_EQ(c.groupings[0].title, QStringLiteral("Label"));
    EXPECT_EQ(c.groupings[1].title, QStringLiteral("cluster:test"));
    // Labels counted independently from the samples as written.
    std::map<QString, std::pair<std::int64_t, std::int64_t>> labels;
    for (const auto& s : p.samples) {
        if (s.id <= 20) ++labels[QString::fromStdString(s.label)].first;
        if (s.id >= 11 && s.id <= 30) ++labels[QString::fromStdString(s.label)].second;
    }
    ASSERT_EQ(c.groupings[0].rows.size(), labels.size());
    for (const GroupCount& row : c.groupings[0].rows) {
        EXPECT_EQ(row.a, labels[row.key].first) << row.key.toStdString();
        EXPECT_EQ(row.b, labels[row.key].second) << row.key.toStdString();
    }
    const auto& clusters = c.groupings[1].rows;
    ASSERT_EQ(clusters.size(), 3u);
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(clusters[k].key, QString::number(k));
        auto inCluster = [k](int first, int last) {
            std::int64_t n = 0;
            for (int id = first; id <= last; ++id) n += id % 3 == k;
            return n;
        };
        EXPECT_EQ(clusters[k].a, inCluster(1, 20));
        EXPECT_EQ(clusters[k].b, inCluster(11, 30));
    }
    const SubsetComparison disjoint = compareSubsets(catalog, "A", "C");
    EXPECT_EQ(disjoint.both, 0);
    EXPECT_EQ(disjoint.jaccard, 0.0);
    ASSERT_EQ(disjoint.groupings.size(), 1u) << "C has no cluster values";
    EXPECT_THROW(compareSubsets(catalog, "A", "nope"), Error);

    // The dialog shows the same numbers.
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    CompareSubsetsDialog dialog(&jobs, project.get());
    int compared = 0;
    QObject::connect(&dialog, &CompareSubsetsDialog::compared, [&] { ++compared; });
    dialog.setSubsets(QStringLiteral("A"), QStringLiteral("B"));
    ASSERT_TRUE(waitFor([&] { return !dialog.isComparing() && dialog.comparison() && dialog.comparison()->b == QStringLiteral("B"); }));
    EXPECT_EQ(dialog.statText(QStringLiteral("both")), QStringLiteral("10"));
    EXPECT_EQ(dialog.statText(QStringLiteral("onlyA")), QStringLiteral("10"));
    EXPECT_EQ(dialog.statText(QStringLiteral("onlyB")), QStringLiteral("10"));
    EXPECT_EQ(dialog.statText(QStringLiteral("jaccard")), QStringLiteral("0.333"));
    EXPECT_EQ(dialog.groupByBox()->count(), 2);
    QTableWidget* table = dialog.table();
    ASSERT_EQ(table->rowCount(), static_cast<int>(labels.size()));
    for (int r = 0; r < table->rowCount(); ++r) {
        const QString key = table->item(r, 0)->text();
        EXPECT_EQ(table->item(r, 1)->text().toLongLong(), labels[key].first) << key.toStdString();
        EXPECT_EQ(table->item(r, 2)->text().toLongLong(), labels[key].second) << key.toStdString();
    }
    dialog.groupByBox()->setCurrentIndex(1);
    ASSERT_EQ(table->rowCount(), 3);
    EXPECT_EQ(table->item(0, 0)->text(), QStringLiteral("0"));
    EXPECT_EQ(table->item(0, 1)->text(), QStringLiteral("6"));   // ids 3, 6, ..., 18
    EXPECT_EQ(table->item(0, 3)->text(), QStringLiteral("30.0 %"));
}

TEST(SampleInspector, ShowsScoresAndSubsets) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    auto project = openProject(p.path, jobs);
    saveIds(project->catalog(), "first-20", range(1, 20));
    project->catalog().putScores("cluster:test", {3}, {2});
    project->catalog().putScores("typicality", {3}, {0.93125});
    SampleInspector inspector;
    inspector.setProject(project.get());
    inspector.setSample(3);
    const QString scores = inspector.details()->value(QStringLiteral("Scores"));
    EXPECT_TRUE(scores.contains(QStringLiteral("cluster:test  2"))) << scores.toStdString();
    EXPECT_TRUE(scores.contains(QStringLiteral("typicality  0.9313"))) << scores.toStdString();
    EXPECT_EQ(inspector.details()->value(QStringLiteral("Subsets")), QStringLiteral("first-20: #3 of 20, score 0.3333"));
    // A subset saved later shows without choosing the sample again.
    saveIds(project->catalog(), "just-3", {3});
    project->notifySubsetsChanged();
    EXPECT_TRUE(inspector.details()->value(QStringLiteral("Subsets")).contains(QStringLiteral("just-3: #1 of 1, score 1")));
    inspector.setSample(50);
    EXPECT_EQ(inspector.details()->value(QStringLiteral("Subsets")), QStringLiteral("—"));
}

TEST(MainWindow, AChosenSubsetFiltersTheBrowser) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    {
        auto catalog = catalog::Catalog::open(p.path);
        saveIds(catalog, "first-20", range(1, 20));
    }
    app::MainWindow window;
    ASSERT_TRUE(window.openProject(QString::fromStdString(p.path), true));
    SampleModel* model = window.browser()->model();
    EXPECT_EQ(model->totalCount(), 60);
    SubsetsView* subsets = window.subsets();
    ASSERT_EQ(subsets->model()->rowCount(), 1);
    subsets->view()->selectionModel()->select(subsets->view()->model()->index(0, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    EXPECT_EQ(model->totalCount(), 20);
    EXPECT_EQ(window.browser()->filterBar()->subsetBox()->currentData().toString(), QStringLiteral("first-20"));
    // The filter bar's own choice moves the table's, and Reset clears both.
    window.browser()->filterBar()->reset();
    EXPECT_EQ(model->totalCount(), 60);
    EXPECT_TRUE(subsets->currentSubset().isEmpty());
    EXPECT_TRUE(subsets->view()->selectionModel()->selectedRows().isEmpty());

    // A run from the panel shows its subset.
    CurationPanel* panel = window.curation();
    choose(panel->methodBox(), QStringLiteral("random"));
    panel->sizeBox()->setValue(7);
    ASSERT_TRUE(runPanel(*panel)) << panel->statusText().toStdString();
    EXPECT_EQ(model->totalCount(), 7);
    EXPECT_EQ(subsets->currentSubset(), QStringLiteral("random-7"));
    EXPECT_EQ(subsets->model()->rowCount(), 2);
}

TEST(ScoresDialog, ComputesScoresAsAJobThatTheGridSortsBy) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    addTestVectors(p.path, "vec", 8, 11);
    app::MainWindow window;
    ASSERT_TRUE(window.openProject(QString::fromStdString(p.path), true));
    FilterBar* bar = window.browser()->filterBar();
    const int before = bar->orderBox()->count();

    ScoresDialog dialog;
    dialog.setEmbedders({QStringLiteral("vec")});
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findText(QStringLiteral("model")));  // needs a model file before it can run
    EXPECT_FALSE(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.kindBox()->setCurrentIndex(dialog.kindBox()->findText(QStringLiteral("typicality")));
    EXPECT_TRUE(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog.paramsEdit()->setText(QStringLiteral("k=5"));
    EXPECT_EQ(dialog.params(), std::vector<std::string>{"k=5"});
    EXPECT_EQ(dialog.embedder(), "vec");
    dialog.adjustSize();
    EXPECT_TRUE(dialog.grab().save(screenshotPath(QStringLiteral("scores-dialog"))));

    bool finished = false;
    startScores(window.jobs(), window.project(), dialog.kind(), dialog.embedder(), dialog.params(), &window,
                [&](const JobOutcome<curate::ScoreReport>& outcome) {
                    finished = true;
                    EXPECT_TRUE(outcome.error.isEmpty()) << outcome.error.toStdString();
                    ASSERT_TRUE(outcome.value);
                    EXPECT_EQ(outcome.value->samples, 58);  // the imported samples with a vector
                });
    window.jobs()->waitForAll();
    QCoreApplication::processEvents();
    ASSERT_TRUE(finished);
    // The new score is offered as a sort order at once (scoresChanged), and shown by the inspector.
    ASSERT_EQ(bar->orderBox()->count(), before + 1);
    EXPECT_TRUE(bar->orderBox()->itemText(before).startsWith(QStringLiteral("Score: typicality:vec")))
        << bar->orderBox()->itemText(before).toStdString();
    window.inspector()->setSample(3);
    EXPECT_TRUE(window.inspector()->details()->value(QStringLiteral("Scores")).contains(QStringLiteral("typicality:vec")));

    // A bad parameter comes back as the job's error, in plain words.
    bool failed = false;
    startScores(window.jobs(), window.project(), "typicality", "vec", {"k=0"}, &window,
                [&](const JobOutcome<curate::ScoreReport>& outcome) { failed = !outcome.error.isEmpty(); });
    window.jobs()->waitForAll();
    QCoreApplication::processEvents();
    EXPECT_TRUE(failed);
}
