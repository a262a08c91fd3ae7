// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QComboBox>
#include <QThreadPool>
#include <QUndoStack>

#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/filterbar.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/commands/addtagcommand.h"
#include "widgets/commands/removetagcommand.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {
std::vector<std::int64_t> tagged(Project& project, const std::string& tag) {
    catalog::SampleFilter f;
    f.tag = tag;
    return project.catalog().sampleIds(f);
}

std::unique_ptr<Project> openSmall(const TempDir& dir, QThreadPool* pool) {
    const SmallProject p = makeSmallProject(dir);
    QString error;
    auto project = Project::open(QString::fromStdString(p.path), pool, &error);
    EXPECT_TRUE(project) << error.toStdString();
    return project;
}
using Ids = std::vector<std::int64_t>;
}  // namespace

TEST(Tagging, UndoOfAddTagRemovesOnlyWhatItAdded) {
    TempDir dir;
    QThreadPool pool;
    auto project = openSmall(dir, &pool);
    project->catalog().addTag("keep", {2, 3});
    QUndoStack* stack = project->undoStack();
    int notifications = 0;
    QObject::connect(project.get(), &Project::tagsChanged, [&](const QList<qint64>&) { ++notifications; });
    stack->push(new AddTagCommand(project.get(), "keep", {1, 2, 3, 4, 5}));
    EXPECT_EQ(tagged(*project, "keep"), (Ids{1, 2, 3, 4, 5}));
    EXPECT_EQ(static_cast<const AddTagCommand*>(stack->command(0))->changed(), (Ids{1, 4, 5}));
    stack->undo();
    EXPECT_EQ(tagged(*project, "keep"), (Ids{2, 3}));
    stack->redo();
    EXPECT_EQ(tagged(*project, "keep"), (Ids{1, 2, 3, 4, 5}));
    EXPECT_EQ(notifications, 3);
    EXPECT_EQ(stack->undoText(), QStringLiteral("Tag 5 Samples \"keep\""));
}

TEST(Tagging, UndoOfRemoveTagRestoresOnlyWhatItRemoved) {
    TempDir dir;
    QThreadPool pool;
    auto project = openSmall(dir, &pool);
    project->catalog().addTag("blurry", {7, 8});
    QUndoStack* stack = project->undoStack();
    stack->push(new RemoveTagCommand(project.get(), "blurry", {7, 8, 9}));
    EXPECT_TRUE(tagged(*project, "blurry").empty());
    stack->undo();
    EXPECT_EQ(tagged(*project, "blurry"), (Ids{7, 8}));
    stack->redo();
    EXPECT_TRUE(tagged(*project, "blurry").empty());
    stack->undo();
    stack->undo();  // nothing more to undo: no-op
    EXPECT_EQ(tagged(*project, "blurry"), (Ids{7, 8}));
}

TEST(Tagging, BrowserTagsTheSelectionUndoably) {
    TempDir dir;
    QThreadPool pool;
    auto project = openSmall(dir, &pool);
    BrowserWidget browser;
    browser.resize(800, 600);
    browser.setProject(project.get());
    browser.show();
    ASSERT_TRUE(waitFor([&] { return browser.model()->rowCount() == 60; }));
    QItemSelection selection(browser.model()->index(10), browser.model()->index(19));
    browser.view()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    EXPECT_EQ(browser.selectedSampleIds().size(), 10u);
    browser.tagSelection(QStringLiteral("reviewed"));
    EXPECT_EQ(tagged(*project, "reviewed").size(), 10u);

    // A tag filter follows undo and redo.
    FilterBar* bar = browser.filterBar();
    ASSERT_EQ(bar->tagBox()->count(), 2);
    bar->tagBox()->setCurrentIndex(1);
    EXPECT_EQ(browser.model()->totalCount(), 10);
    project->undoStack()->undo();
    EXPECT_TRUE(tagged(*project, "reviewed").empty());
    EXPECT_EQ(browser.model()->totalCount(), 0);
    project->undoStack()->redo();
    EXPECT_EQ(browser.model()->totalCount(), 10);
    browser.setProject(nullptr);
}
