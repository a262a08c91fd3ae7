// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QListView>
#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>

#include "common/error.h"
#include "testutil.h"
#include "widgets/jobs/jobdelegate.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/jobs/jobsdock.h"

using namespace winnow;
using namespace winnow::widgets;
using winnow::widgets::test::waitFor;

namespace {
/// A stand-in for a long core call: polls cancel like core loops do, reports progress, and throws
/// Canceled when asked to stop.
int longCoreCall(Progress& progress, int steps, int sleepMs, std::atomic<int>* ran = nullptr) {
    if (ran) ++*ran;
    for (int i = 0; i < steps; ++i) {
        if (progress.isCanceled()) throw Canceled();
        progress.report(i, steps, "Crunching");
        std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs));
    }
    progress.report(steps, steps, "Crunching");
    return steps;
}

JobState stateOf(JobManager& jobs, JobId id) { return jobs.model()->state(id); }
}  // namespace

TEST(JobManager, DeliversResultByValueOnTheGuiThread) {
    JobManager jobs;
    QAbstractItemModelTester tester(jobs.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    std::atomic<bool> workerOffGui{false};
    bool delivered = false;
    const JobId id = jobs.start<std::vector<int>>(
        JobSpec{QStringLiteral("Squares"), Resource::Decode},
        [&workerOffGui](Progress&) {
            workerOffGui = QThread::currentThread() != qApp->thread();
            std::vector<int> v;
            for (int i = 0; i < 10; ++i) v.push_back(i * i);
            return v;
        },
        nullptr, [&](JobOutcome<std::vector<int>> outcome) {
            EXPECT_EQ(QThread::currentThread(), qApp->thread());
            ASSERT_TRUE(outcome.value.has_value());
            EXPECT_EQ(outcome.value->at(9), 81);
            EXPECT_FALSE(outcome.canceled);
            delivered = true;
        });
    ASSERT_TRUE(waitFor([&] { return delivered; }));
    EXPECT_TRUE(workerOffGui);
    EXPECT_EQ(stateOf(jobs, id), JobState::Finished);
    EXPECT_EQ(jobs.activeCount(), 0);
    jobs.model()->clearFinished();
    EXPECT_EQ(jobs.model()->rowCount(), 0);
}

TEST(JobManager, ThrottlesProgressToAboutTenHertz) {
    JobManager jobs;
    int progressUpdates = 0;
    QObject::connect(jobs.model(), &QAbstractItemModel::dataChanged, [&](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
        if (roles.contains(JobModel::DoneRole)) ++progressUpdates;
    });
    bool done = false;
    // 400 reports over about 0.8 s.
    const JobId id = jobs.start<int>(JobSpec{QStringLiteral("Busy")}, [](Progress& p) { return longCoreCall(p, 400, 2); },
                                     nullptr, [&](JobOutcome<int>) { done = true; });
    bool sawMiddle = false;
    ASSERT_TRUE(waitFor([&] {
        const QModelIndex index = jobs.model()->index(jobs.model()->rowOf(id));
        const qint64 d = index.data(JobModel::DoneRole).toLongLong();
        if (d > 0 && d < 400 && index.data(JobModel::TotalRole).toLongLong() == 400) sawMiddle = true;
        return done;
    }));
    EXPECT_TRUE(sawMiddle) << "progress was never seen mid-way";
    EXPECT_GE(progressUpdates, 2);
    EXPECT_LE(progressUpdates, 25) << "reports are throttled to ~10 Hz";
    EXPECT_EQ(jobs.model()->index(0).data(JobModel::FractionRole).toDouble(), 1.0);
}

TEST(JobManager, CancelEndsALongRunningJob) {
    JobManager jobs;
    bool done = false;
    JobOutcome<int> result;
    const JobId id = jobs.start<int>(JobSpec{QStringLiteral("Endless")},
                                     [](Progress& p) { return longCoreCall(p, 100000, 5); }, nullptr,
                                     [&](JobOutcome<int> outcome) {
                                         result = std::move(outcome);
                                         done = true;
                                     });
    ASSERT_TRUE(waitFor([&] { return stateOf(jobs, id) == JobState::Running; }));
    QElapsedTimer clock;
    clock.start();
    jobs.cancel(id);
    EXPECT_EQ(stateOf(jobs, id), JobState::Canceling);
    ASSERT_TRUE(waitFor([&] { return done; }, 5000));
    EXPECT_LT(clock.elapsed(), 2000);
    EXPECT_TRUE(result.canceled);
    EXPECT_FALSE(result.value.has_value());
    EXPECT_EQ(stateOf(jobs, id), JobState::Canceled);
}

TEST(JobManager, CancelingAQueuedJobNeverRunsIt) {
    JobManager jobs;
    std::atomic<int> ran{0};
    std::vector<JobId> blockers;
    const int threads = jobs.pool(Resource::Core)->maxThreadCount();
    for (int i = 0; i < threads; ++i)
        blockers.push_back(jobs.start<int>(JobSpec{QStringLiteral("Blocker")},
                                           [](Progress& p) { return longCoreCall(p, 100000, 5); }, nullptr,
                                           [](JobOutcome<int>) {}));
    bool queuedDone = false;
    const JobId queued = jobs.start<int>(JobSpec{QStringLiteral("Queued")},
                                         [&ran](Progress& p) { return longCoreCall(p, 1, 1, &ran); }, nullptr,
                                         [&](JobOutcome<int> o) {
                                             EXPECT_TRUE(o.canceled);
                                             queuedDone = true;
                                         });
    EXPECT_EQ(stateOf(jobs, queued), JobState::Queued);
    jobs.cancel(queued);
    for (JobId b : blockers) jobs.cancel(b);
    ASSERT_TRUE(waitFor([&] { return queuedDone && jobs.activeCount() == 0; }));
    EXPECT_EQ(ran.load(), 0);
    EXPECT_EQ(stateOf(jobs, queued), JobState::Canceled);
}

TEST(JobManager, ReportsFailuresWithTheirMessage) {
    JobManager jobs;
    bool done = false;
    const JobId id = jobs.start<int>(
        JobSpec{QStringLiteral("Doomed")}, [](Progress&) -> int { throw Error("the source is unreadable"); }, nullptr,
        [&](JobOutcome<int> o) {
            EXPECT_EQ(o.error, QStringLiteral("the source is unreadable"));
            done = true;
        });
    ASSERT_TRUE(waitFor([&] { return done; }));
    EXPECT_EQ(stateOf(jobs, id), JobState::Failed);
    EXPECT_EQ(jobs.model()->error(id), QStringLiteral("the source is unreadable"));
}

TEST(JobManager, SkipsDoneWhenTheContextIsGone) {
    JobManager jobs;
    auto* context = new QObject;
    bool called = false;
    const JobId id = jobs.start<int>(JobSpec{QStringLiteral("Orphan")}, [](Progress& p) { return longCoreCall(p, 20, 5); },
                                     context, [&](JobOutcome<int>) { called = true; });
    delete context;
    ASSERT_TRUE(waitFor([&] { return !jobs.isActive(id); }));
    EXPECT_FALSE(called);
    EXPECT_EQ(stateOf(jobs, id), JobState::Finished);
}

TEST(JobsDock, CancelButtonCancelsTheJob) {
    JobManager jobs;
    JobsDock dock(&jobs);
    dock.resize(420, 200);
    dock.show();
    bool done = false;
    const JobId id = jobs.start<int>(JobSpec{QStringLiteral("Import everything")},
                                     [](Progress& p) { return longCoreCall(p, 100000, 5); }, nullptr,
                                     [&](JobOutcome<int>) { done = true; });
    ASSERT_TRUE(waitFor([&] { return stateOf(jobs, id) == JobState::Running; }));
    QListView* view = dock.view();
    const QModelIndex index = jobs.model()->index(0);
    QStyleOptionViewItem option;
    option.rect = view->visualRect(index);
    auto* delegate = qobject_cast<JobDelegate*>(view->itemDelegate());
    ASSERT_NE(delegate, nullptr);
    const QRect button = delegate->cancelButtonRect(option, index);
    ASSERT_FALSE(button.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, button.center());
    ASSERT_TRUE(waitFor([&] { return done; }, 5000));
    EXPECT_EQ(stateOf(jobs, id), JobState::Canceled);
}
