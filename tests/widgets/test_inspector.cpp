// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QFile>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <cstring>

#include "testutil.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/inspector/fullimage.h"
#include "widgets/inspector/imageview.h"
#include "widgets/inspector/sampledetails.h"
#include "widgets/inspector/sampleinspector.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

namespace {
/// Appends one ustar header block (type `type`) and the padded data.
void tarEntry(std::string& tar, const std::string& name, const std::string& data, char type = '0') {
    char header[512] = {};
    std::snprintf(header, 100, "%s", name.substr(0, 99).c_str());
    std::snprintf(header + 100, 8, "%07o", 0644);
    std::snprintf(header + 108, 8, "%07o", 0);
    std::snprintf(header + 116, 8, "%07o", 0);
    std::snprintf(header + 124, 12, "%011o", static_cast<unsigned>(data.size()));
    std::snprintf(header + 136, 12, "%011o", 0);
    header[156] = type;
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header) sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    tar.append(header, 512);
    tar += data;
    tar.append((512 - data.size() % 512) % 512, '\0');
}

std::string pngBytes(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes.toStdString();
}
}  // namespace

TEST(FullImage, ReadsRawIdxPixelsFromTheProjectFolder) {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "p.winnow.d" / "pixels");
    std::string raw(24, '\0');
    for (int i = 0; i < 24; ++i) raw[i] = static_cast<char>(i * 10);
    std::ofstream(dir.file("p.winnow.d/pixels/1-images.raw"), std::ios::binary) << raw;
    catalog::Sample s;
    s.uri = "/data/mnist/train-images-idx3-ubyte.gz";
    s.member = "1";
    s.blob = "pixels/1-images.raw";
    s.blobOffset = 12;  // record 1 of 4 x 3 pixels
    s.blobSize = 12;
    s.width = 4;
    s.height = 3;
    s.channels = 1;
    const FullImage full = loadFullImage(s, dir.file("p.winnow.d"));
    ASSERT_FALSE(full.image.isNull()) << full.note.toStdString();
    EXPECT_EQ(full.image.size(), QSize(4, 3));
    EXPECT_EQ(qGray(full.image.pixel(0, 0)), 120);
    EXPECT_EQ(qGray(full.image.pixel(3, 2)), 230);
}

TEST(FullImage, ReadsATarMemberAfterALongNameHeader) {
    TempDir dir;
    const QImage image = colourTile(5, 40, 30);
    std::string tar;
    tarEntry(tar, "000001.txt", "a caption");
    const auto offset = static_cast<std::int64_t>(tar.size());
    const std::string longName(120, 'x');
    tarEntry(tar, "././@LongLink", longName + ".png", 'L');
    tarEntry(tar, longName.substr(0, 99), pngBytes(image));
    tar.append(1024, '\0');
    std::ofstream(dir.file("shard.tar"), std::ios::binary) << tar;
    catalog::Sample s;
    s.uri = dir.file("shard.tar");
    s.member = longName + ".png";
    s.blobOffset = offset;
    const FullImage full = loadFullImage(s, dir.file("p.winnow.d"));
    ASSERT_FALSE(full.image.isNull()) << full.note.toStdString();
    EXPECT_EQ(full.image.size(), QSize(40, 30));
    QString error;
    EXPECT_TRUE(readTarMember(s.uri, 3, &error).empty());  // not a header
    EXPECT_FALSE(error.isEmpty());
}

TEST(FullImage, ReadsFilesAndExplainsFailures) {
    TempDir dir;
    colourTile(1, 64, 48).save(QString::fromStdString(dir.file("a.png")));
    catalog::Sample s;
    s.uri = dir.file("a.png");
    EXPECT_EQ(loadFullImage(s, "").image.size(), QSize(64, 48));
    s.uri = dir.file("missing.png");
    const FullImage missing = loadFullImage(s, "");
    EXPECT_TRUE(missing.image.isNull());
    EXPECT_FALSE(missing.note.isEmpty());
    s.status = catalog::SampleStatus::Failed;
    s.error = "truncated";
    EXPECT_TRUE(loadFullImage(s, "").note.contains(QStringLiteral("truncated")));
}

TEST(SampleInspector, ShowsFieldsImageAndExactDuplicates) {
    TempDir dir;
    const SmallProject p = makeSmallProject(dir);
    JobManager jobs;
    QString error;
    auto project = Project::open(QString::fromStdString(p.path), jobs.pool(Resource::Decode), &error);
    ASSERT_TRUE(project);
    SampleInspector inspector;
    inspector.resize(360, 720);
    inspector.setProject(project.get());
    inspector.show();
    QAbstractItemModelTester tester(inspector.duplicatesModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    tester.setUseFetchMore(false);  // see SampleModel.PassesTheModelTesterAndLoadsOnePagePerFetch
    qint64 loaded = 0;
    QObject::connect(&inspector, &SampleInspector::imageLoaded, [&](qint64 id) { loaded = id; });
    inspector.setSample(2);
    const catalog::Sample& s = p.samples[1];
    SampleDetails* details = inspector.details();
    EXPECT_EQ(details->value(QStringLiteral("Label")), QStringLiteral("dog"));
    EXPECT_EQ(details->value(QStringLiteral("Dataset")), QStringLiteral("animals"));
    EXPECT_EQ(details->value(QStringLiteral("pHash")), QStringLiteral("%1").arg(s.phash, 16, 16, QLatin1Char('0')));
    EXPECT_EQ(details->value(QStringLiteral("pHash")).size(), 16);
    EXPECT_TRUE(details->value(QStringLiteral("Dimensions")).startsWith(QStringLiteral("33 × 25")));
    ASSERT_TRUE(waitFor([&] { return loaded == 2; }));
    // The file does not exist: the thumbnail is shown instead, and says so.
    EXPECT_FALSE(inspector.imageView()->pixmap().isNull());
    EXPECT_TRUE(inspector.imageView()->note().startsWith(QStringLiteral("thumbnail")));
    // Its exact-duplicate group {1, 2, 3}; clicking another member shows it.
    SampleModel* group = inspector.duplicatesModel();
    ASSERT_TRUE(waitFor([&] { return group->rowCount() == 3; }));
    qint64 activated = 0;
    QObject::connect(&inspector, &SampleInspector::sampleActivated, [&](qint64 id) { activated = id; });
    ThumbnailView* strip = inspector.duplicatesView();
    ASSERT_TRUE(waitFor([&] { return strip->visualRect(group->index(2)).isValid(); }));
    QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, strip->visualRect(group->index(2)).center());
    EXPECT_EQ(activated, 3);
    EXPECT_EQ(inspector.sampleId(), 3);
    // Tags follow edits.
    project->catalog().addTag("hero", {3});
    project->notifyTagsChanged({3});
    EXPECT_EQ(details->value(QStringLiteral("Tags")), QStringLiteral("hero"));
    // A failed sample shows its error.
    inspector.setSample(39);
    EXPECT_TRUE(details->value(QStringLiteral("Status")).contains(QStringLiteral("truncated")));
    inspector.setProject(nullptr);
}
