// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testutil.h"


#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QThread>
#include <QWidget>
#include <algorithm>
#include <random>

#include "catalog/catalog.h"
#include "catalog/database.h"
#include "catalog/writer.h"
#include "curate/embeddingstore.h"
#include "mainwindow.h"
#include "widgets/import/importjob.h"

namespace winnow::widgets::test {

namespace fs = std::filesystem;

std::vector<std::uint8_t> jpegBytes(const QImage& image, int quality) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return {bytes.begin(), bytes.end()};
}

QImage colourTile(int index, int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((index * 37) % 360, 150 + (index * 13) % 100, 130 + (index * 29) % 120));
    QPainter p(&image);
    p.setPen(QPen(Qt::white, std::max(1, width / 10)));
    p.drawLine(0, height, width, 0);
    return image;
}

bool waitFor(const std::function<bool()>& condition, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

std::int64_t SmallProject::count(const std::function<bool(const catalog::Sample&)>& predicate) const {
    return std::count_if(samples.begin(), samples.end(), predicate);
}

namespace {
std::string sha512Of(const std::string& text) {
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha512).toHex().toStdString();
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}
}  // namespace

SmallProject makeSmallProject(const TempDir& dir) {
    SmallProject project;
    project.path = dir.file("small.winnow");
    {
        auto catalog = catalog::Catalog::create(project.path);
        project.animals = catalog.ensureDataset("animals", "/data/animals", "imagefolder");
        project.digits = catalog.ensureDataset("digits", "/data/digits", "folder");
    }
    catalog::Writer writer(project.path);
    const char* animals[] = {"cat", "dog", "bird"};
    for (int i = 0; i < 60; ++i) {
        catalog::SampleRecord r;
        catalog::Sample& s = r.sample;
        const bool animal = i < 40;
        s.datasetId = animal ? project.animals : project.digits;
        s.label = animal ? animals[i % 3] : std::to_string(i % 10);
        s.split = animal ? (i % 4 == 0 ? "val" : "train") : "test";
        s.uri = (dir.path() / (animal ? "animals" : "digits") / s.label / ("img_" + std::to_string(i) + ".png")).string();
        s.caption = "sample number " + std::to_string(i);
        s.width = 32 + i;
        s.height = 24 + i;
        s.channels = 3;
        s.format = "png";
        s.byteSize = 1000 + 7 * i;
        s.blur = 10.0 * i;
        s.brightness = (4 * i) % 256;
        s.contrast = i % 30;
        s.sha512 = sha512Of("sample " + std::to_string(i));
        s.phash = mix(static_cast<std::uint64_t>(i));
        s.dhash = mix(static_cast<std::uint64_t>(i) + 1000);
        if (i <= 2) {  // exact group A
            s.sha512 = sha512Of("group A");
            s.phash = mix(1000000);
        }
        if (i == 10 || i == 11) {  // exact group B
            s.sha512 = sha512Of("group B");
            s.phash = mix(2000000);
        }
        if (i >= 20 && i <= 23) s.phash = 0x0F0F0F0F0F0F0F0FULL ^ ((1ULL << (i - 20)) - 1);  // 0-3 bits apart
        if (i == 38 || i == 59) {
            s.status = catalog::SampleStatus::Failed;
            s.error = "truncated or corrupt PNG";
            s.sha512.clear();
            s.phash = s.dhash = 0;
            s.blur = s.brightness = s.contrast = 0;
            s.width = s.height = s.channels = 0;
        } else {
            const QImage tile = colourTile(i <= 2 ? 0 : (i == 10 || i == 11) ? 10 : i, 32, 24);
            r.thumbnail = catalog::Thumbnail{0, tile.width(), tile.height(), jpegBytes(tile)};
        }
        project.samples.push_back(s);
        project.samples.back().id = i + 1;
        writer.add(std::move(r));
    }
    writer.finish();
    return project;
}

void makeLargeProject(const std::string& path, int n) {
    // Straight SQL in one transaction (the Database API): far faster than the writer's per-row upserts,
    // and the thumbnails are one shared tiny JPEG inserted by a single INSERT ... SELECT.
    auto catalog = catalog::Catalog::create(path);
    const std::int64_t dataset = catalog.ensureDataset("big", "/data/big", "folder");
    catalog::Database& db = catalog.database();
    catalog::Transaction tx(db);
    auto insert = db.prepare(
        "INSERT INTO samples(dataset_id, uri, label, split, sha512, phash, blur, width, height, channels, format, "
        "status) VALUES (?, ?, ?, ?, ?, ?, ?, 8, 8, 3, 'jpeg', 1)");
    for (int i = 0; i < n; ++i) {
        insert.reset();
        insert.bind(1, dataset)
            .bind(2, "/data/big/" + std::to_string(i) + ".jpg")
            .bind(3, "l" + std::to_string(i % 10))
            .bind(4, i % 10 == 0 ? "val" : "train")
            .bind(5, std::to_string(i))
            .bind(6, static_cast<std::int64_t>(mix(static_cast<std::uint64_t>(i))))
            .bind(7, static_cast<double>(i % 1000))
            .run();
    }
    const std::vector<std::uint8_t> jpeg = jpegBytes(colourTile(3, 8, 8), 60);
    db.prepare("INSERT INTO thumbnails(sample_id, width, height, jpeg) SELECT id, 8, 8, ? FROM samples")
        .bindBlob(1, jpeg.data(), jpeg.size())
        .run();
    tx.commit();
}

std::string writeDemoImages(const TempDir& dir, int perClass) {
    const fs::path root = dir.path() / "landscapes";
    struct Class {
        const char* name;
        QColor skyTop, skyBottom, ground;
    };
    const Class classes[] = {
        {"sunset", QColor(0x2b, 0x1d, 0x4e), QColor(0xf2, 0x8a, 0x3c), QColor(0x3a, 0x24, 0x2a)},
        {"forest", QColor(0x8c, 0xc4, 0xe8), QColor(0xd8, 0xee, 0xf5), QColor(0x2f, 0x6b, 0x35)},
        {"ocean", QColor(0x4a, 0x90, 0xd9), QColor(0xbf, 0xe2, 0xf6), QColor(0x1b, 0x4f, 0x8a)},
        {"desert", QColor(0x7f, 0xb8, 0xe6), QColor(0xf6, 0xe7, 0xc8), QColor(0xd9, 0xa4, 0x5b)},
    };
    std::mt19937 random(42);
    for (const Class& c : classes) {
        const fs::path folder = root / c.name;
        fs::create_directories(folder);
        for (int i = 0; i < perClass; ++i) {
            const int w = 160 + 32 * static_cast<int>(random() % 4), h = 120 + 24 * static_cast<int>(random() % 3);
            QImage image(w, h, QImage::Format_RGB32);
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            QLinearGradient sky(0, 0, 0, h);
            sky.setColorAt(0, c.skyTop.lighter(90 + static_cast<int>(random() % 30)));
            sky.setColorAt(1, c.skyBottom);
            p.fillRect(image.rect(), sky);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 240, 190));
            const int sun = 14 + static_cast<int>(random() % 16);
            p.drawEllipse(QPoint(static_cast<int>(random() % w), h / 5 + static_cast<int>(random() % (h / 4))), sun, sun);
            for (int layer = 0; layer < 3; ++layer) {
                QPainterPath hills;
                const int base = h * (55 + 12 * layer) / 100;
                hills.moveTo(0, h);
                hills.lineTo(0, base);
                for (int x = 0; x <= w; x += w / 6)
                    hills.lineTo(x, base - static_cast<int>(random() % (h / 5 + 1)) + (layer ? 0 : 10));
                hills.lineTo(w, h);
                p.setBrush(c.ground.darker(100 + 25 * layer));
                p.drawPath(hills);
            }
            p.end();
            if (i % 7 == 3) image = image.scaled(w / 8, h / 8).scaled(w, h, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);  // blurry
            const QString file = QString::fromStdString((folder / ("img_" + std::to_string(i) + ".png")).string());
            image.save(file);
            if (i % 9 == 0) QFile::copy(file, QString::fromStdString((folder / ("copy_" + std::to_string(i) + ".png")).string()));
            if (i % 11 == 5) {  // a slightly brighter re-save: a near duplicate
                QImage near = image;
                for (int y = 0; y < near.height(); ++y)
                    for (int x = 0; x < near.width(); ++x) near.setPixelColor(x, y, near.pixelColor(x, y).lighter(104));
                near.save(QString::fromStdString((folder / ("edit_" + std::to_string(i) + ".jpg")).string()), "JPEG", 90);
            }
        }
    }
    QFile corrupt(QString::fromStdString((root / "ocean" / "broken.jpg").string()));
    corrupt.open(QIODevice::WriteOnly);
    corrupt.write("\xff\xd8\xff\xe0 this is not really a JPEG");
    return root.string();
}

QString screenshotPath(const QString& name) {
    const QString dir = QStringLiteral(WINNOW_TEST_OUTPUT_DIR);
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + name + QStringLiteral(".png");
}

bool saveScreenshot(QWidget* widget, const QString& name) { return widget->grab().save(screenshotPath(name)); }

void addTestVectors(const std::string& path, const std::string& name, int dim, std::uint64_t seed,
                    float clusterShift) {
    auto catalog = catalog::Catalog::open(path);
    catalog::EmbedderRecord rec;
    rec.name = name;
    rec.dim = dim;
    rec.identityJson = "{\"kind\":\"test\"}";
    rec.id = catalog.addEmbedder(rec);
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.f, 1.f);
    for (const auto& d : catalog.datasets()) {
        catalog::SampleFilter f;
        f.datasetId = d.id;
        f.status = catalog::SampleStatus::Ok;
        const auto ids = catalog.sampleIds(f);
        std::vector<float> rows(ids.size() * static_cast<std::size_t>(dim));
        for (std::size_t i = 0; i < ids.size(); ++i)
            for (int j = 0; j < dim; ++j)
                rows[i * static_cast<std::size_t>(dim) + static_cast<std::size_t>(j)] =
                    normal(rng) + (j == static_cast<int>(ids[i] % 3) ? clusterShift : 0.f);
        curate::EmbeddingWriter writer(catalog, d.id, rec);
        writer.append(ids.data(), rows.data(), ids.size());
        writer.commit();
    }
}

QString importDemoProject(app::MainWindow& window, const TempDir& dir, int perClass, QString* sourceOut) {
    const QString source = QString::fromStdString(writeDemoImages(dir, perClass));
    if (sourceOut) *sourceOut = source;
    const QString path = QString::fromStdString(dir.file("landscapes.winnow"));
    window.resize(1440, 900);
    window.show();
    if (!window.createProject(path, true)) return QStringLiteral("cannot create ") + path;
    bool imported = false;
    QString error;
    ImportRequest request;
    request.source = source;
    request.split = QStringLiteral("train");
    startImport(window.jobs(), window.project(), request, [&](const JobOutcome<ingest::IngestReport>& o) {
        if (!o.value) error = o.error.isEmpty() ? QStringLiteral("the import ended without a report") : o.error;
        imported = true;
    });
    if (!waitFor([&] { return imported; }, 30000)) return QStringLiteral("the import did not end within 30 s");
    return error;
}

}  // namespace winnow::widgets::test
