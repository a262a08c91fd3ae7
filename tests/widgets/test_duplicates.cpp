// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QListView>
#include <QUndoStack>

#include "testutil.h"
#include "widgets/duplicates/duplicategroup.h"
#include "widgets/duplicates/duplicategroupmodel.h"
#include "widgets/duplicates/duplicatepanel.h"
#include "widgets/duplicates/duplicatesview.h"
#include "widgets/duplicates/keeppolicy.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;
using Ids = std::vector<std::int64_t>;

namespace {
catalog::Sample sample(std::int64_t id, int w, int h, std::int64_t bytes, double blur) {
    catalog::Sample s;
    s.id = id;
    s.width = w;
    s.height = h;
    s.byteSize = bytes;
    s.blur = blur;
    return s;
}

Ids taggedDuplicates(Project& project) {
    catalog::SampleFilter f;
    f.tag = DuplicatesView::kDuplicateTag;
    return project.catalog().sampleIds(f);
}
}  // namespace

TEST(KeepPolicy, ChoosesTheKeeper) {
    const std::vector<catalog::Sample> group = {sample(7, 100, 100, 5000, 30), sample(3, 200, 100, 4000, 10),
                                                sample(9, 200, 100, 4500, 80)};
    EXPECT_EQ(keeper(group, KeepPolicy::First), 3);
    EXPECT_EQ(keeper(group, KeepPolicy::Largest), 9);  // same pixels as 3, more bytes
    EXPECT_EQ(keeper(group, KeepPolicy::Sharpest), 9);
    EXPECT_EQ(othersThanKeeper(group, KeepPolicy::First), (Ids{7, 9}));
    EXPECT_EQ(keeper({}, KeepPolicy::First), 0);
}

TEST(DuplicateGroupModel, PassesTheModelTester) {
    DuplicateGroupModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setGroups({{{1, 2, 3}, 0}, {{5, 9}, 4}}, false);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.memberCount(), 5u);
    EXPECT_EQ(model.index(1).data(DuplicateGroupModel::MemberIdsRole).value<QList<qint64>>(), (QList<qint64>{5, 9}));
    EXPECT_EQ(model.index(1).data(DuplicateGroupModel::DistanceRole).toInt(), 4);
    EXPECT_TRUE(model.index(1).data().toString().contains(QStringLiteral("4")));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(NearGroups, AreComponentsOfClosePHashes) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    dup::NearParams params;
    params.maxDistance = 3;
    NearGroups near = findNearGroups(p.path, params, nullProgress());
    ASSERT_EQ(near.groups.size(), 3u);
    EXPECT_EQ(near.groups[0].sampleIds, (Ids{1, 2, 3}));
    EXPECT_EQ(near.groups[0].maxDistance, 0);
    EXPECT_EQ(near.groups[1].sampleIds, (Ids{11, 12}));
    EXPECT_EQ(near.groups[2].sampleIds, (Ids{21, 22, 23, 24}));
    EXPECT_EQ(near.groups[2].maxDistance, 3);
    EXPECT_EQ(near.samples, 58u);  // failed samples have no hash
    EXPECT_FALSE(near.large);
    params.largeComponent = 3;
    EXPECT_TRUE(findNearGroups(p.path, params, nullProgress()).large);
}

TEST(DuplicatesView, FindsGroupsAndKeepsOneUndoably) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    QString error;
    auto project = Project::open(QString::fromStdString(p.path), jobs.pool(Resource::Decode), &error);
    ASSERT_TRUE(project) << error.toStdString();
    DuplicatesView view(&jobs);
    int searches = 0;
    QObject::connect(&view, &DuplicatesView::searchFinished, [&] { ++searches; });
    view.resize(1000, 500);
    view.show();
    view.setProject(project.get());
    ASSERT_TRUE(waitFor([&] { return searches == 1; }));
    DuplicateGroupModel* exact = view.exactPanel()->model();
    ASSERT_EQ(exact->rowCount(), 2);
    EXPECT_EQ(exact->group(0).sampleIds, (Ids{1, 2, 3}));
    EXPECT_EQ(exact->group(1).sampleIds, (Ids{11, 12}));

    // Keep largest: sample 3 (i = 2) and 12 (i = 11) are the largest of their groups.
    view.exactPanel()->setPolicy(KeepPolicy::Largest);
    EXPECT_EQ(view.tagOthers(view.exactPanel()), 3u);
    EXPECT_EQ(taggedDuplicates(*project), (Ids{1, 2, 11}));
    project->undoStack()->undo();
    EXPECT_TRUE(taggedDuplicates(*project).empty());
    project->undoStack()->redo();
    EXPECT_EQ(taggedDuplicates(*project).size(), 3u);

    // Only the selected group.
    project->undoStack()->undo();
    view.exactPanel()->setPolicy(KeepPolicy::First);
    view.exactPanel()->view()->selectionModel()->select(exact->index(1), QItemSelectionModel::ClearAndSelect);
    EXPECT_EQ(view.tagOthers(view.exactPanel()), 1u);
    EXPECT_EQ(taggedDuplicates(*project), (Ids{12}));

    // Near duplicates with a background job.
    view.setMaxDistance(3);
    view.findNear();
    ASSERT_TRUE(waitFor([&] { return searches == 2; }));
    EXPECT_EQ(view.nearPanel()->model()->rowCount(), 3);
    EXPECT_TRUE(view.nearPanel()->warning().isEmpty());

    // Deleting the others (confirmed) refreshes the exact groups.
    EXPECT_EQ(view.deleteOthers(view.exactPanel(), false), 1u);  // the selected group only
    ASSERT_TRUE(waitFor([&] { return searches >= 3; }));
    EXPECT_EQ(exact->rowCount(), 1);
    EXPECT_EQ(project->catalog().countSamples(), 59);
    EXPECT_EQ(view.nearPanel()->model()->rowCount(), 0) << "near results are dropped when samples change";
    view.setProject(nullptr);
}
