// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QComboBox>
#include <QLineEdit>
#include <QMimeData>
#include <QUrl>
#include <filesystem>
#include <random>

#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/import/importdialog.h"
#include "widgets/import/importjob.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {
/// `n` small noise images (noise defeats compression, so each takes real work to analyse).
std::string writeNoiseImages(const TempDir& dir, int n, int side) {
    const auto folder = dir.path() / "noise";
    std::filesystem::create_directories(folder);
    std::mt19937 random(7);
    for (int i = 0; i < n; ++i) {
        QImage image(side, side, QImage::Format_RGB32);
        for (int y = 0; y < side; ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < side; ++x) line[x] = 0xff000000u | (random() & 0xffffffu);
        }
        image.save(QString::fromStdString((folder / ("n" + std::to_string(1000 + i) + ".png")).string()));
    }
    return folder.string();
}

std::unique_ptr<Project> newProject(const TempDir& dir, JobManager& jobs) {
    QString error;
    auto project = Project::create(QString::fromStdString(dir.file("import.winnow")), jobs.pool(Resource::Decode), &error);
    EXPECT_TRUE(project) << error.toStdString();
    return project;
}
}  // namespace

TEST(ImportJob, ImportsAFolderAndRefreshesTheBrowser) {
    TempDir dir;
    const std::string folder = writeNoiseImages(dir, 24, 32);
    JobManager jobs;
    auto project = newProject(dir, jobs);
    BrowserWidget browser;
    browser.setProject(project.get());
    EXPECT_EQ(browser.model()->totalCount(), 0);
    std::optional<JobOutcome<ingest::IngestReport>> result;
    ImportRequest request;
    request.source = QString::fromStdString(folder);
    request.dataset = QStringLiteral("noise");
    request.split = QStringLiteral("train");
    const JobId id = startImport(&jobs, project.get(), request, [&](const JobOutcome<ingest::IngestReport>& o) { result = o; });
    ASSERT_TRUE(waitFor([&] { return result.has_value(); }, 30000));
    ASSERT_TRUE(result->value.has_value()) << result->error.toStdString();
    EXPECT_EQ(result->value->imported, 24);
    EXPECT_EQ(jobs.model()->state(id), JobState::Finished);
    EXPECT_TRUE(jobs.model()->stage(id).startsWith(QStringLiteral("24 imported")));
    EXPECT_EQ(browser.model()->totalCount(), 24);
    browser.setProject(nullptr);
}

TEST(ImportJob, CancelStopsAnImport) {
    TempDir dir;
    constexpr int kImages = 400;
    const std::string folder = writeNoiseImages(dir, kImages, 128);
    JobManager jobs;
    auto project = newProject(dir, jobs);
    std::optional<JobOutcome<ingest::IngestReport>> result;
    ImportRequest request;
    request.source = QString::fromStdString(folder);
    bool samplesChanged = false;
    QObject::connect(project.get(), &Project::samplesChanged, [&] { samplesChanged = true; });
    const JobId id = startImport(&jobs, project.get(), request, [&](const JobOutcome<ingest::IngestReport>& o) { result = o; });
    // Cancel as soon as the import runs (the folder takes far longer to analyse than this).
    ASSERT_TRUE(waitFor([&] { return jobs.model()->state(id) != JobState::Queued || result.has_value(); }, 30000));
    jobs.cancel(id);
    ASSERT_TRUE(waitFor([&] { return result.has_value(); }, 30000));
    EXPECT_TRUE(result->canceled);
    EXPECT_EQ(jobs.model()->state(id), JobState::Canceled);
    // Ingest returns a report of what it committed when it notices the cancel in its loop, or throws
    // Canceled when it notices earlier (while opening the source): both end the job as canceled.
    if (result->value) {
        EXPECT_TRUE(result->value->canceled);
        EXPECT_LT(result->value->imported, kImages);
        EXPECT_EQ(project->catalog().countSamples(), result->value->imported + result->value->failed);
    }
    EXPECT_LT(project->catalog().countSamples(), kImages);
    EXPECT_TRUE(samplesChanged) << "what was committed is shown";
}

TEST(ImportDialog, BuildsTheRequest) {
    TempDir dir;
    ImportDialog dialog;
    dialog.setDatasets({QStringLiteral("mnist")});
    dialog.setSource(QString::fromStdString(dir.path().string()));
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData(static_cast<int>(sources::Format::ImageFolder)));
    dialog.datasetBox()->setCurrentText(QStringLiteral("pets"));
    dialog.splitBox()->setCurrentText(QStringLiteral("val"));
    const ImportRequest r = dialog.request();
    EXPECT_EQ(r.source.toStdString(), dir.path().string());
    EXPECT_EQ(r.format, sources::Format::ImageFolder);
    EXPECT_EQ(r.dataset, QStringLiteral("pets"));
    EXPECT_EQ(r.split, QStringLiteral("val"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(dir.path().string())), QUrl(QStringLiteral("https://x/y.png"))});
    EXPECT_EQ(localPaths(&mime).size(), 1);
}
