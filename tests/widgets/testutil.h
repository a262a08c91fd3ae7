// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QString>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "catalog/types.h"
#include "tempdir.h"

class QWidget;

namespace winnow::app {
class MainWindow;
}

namespace winnow::widgets::test {

/// A fresh folder under the system temp dir, removed with its contents on destruction.
using TempDir = winnow::test::TempDir;

/// JPEG bytes of an image.
std::vector<std::uint8_t> jpegBytes(const QImage& image, int quality = 85);
/// A small image of a colour that differs with `index`, with a diagonal stripe.
QImage colourTile(int index, int width, int height);

/// Processes events until `condition` holds or `timeoutMs` passes; returns the condition.
bool waitFor(const std::function<bool()>& condition, int timeoutMs = 10000);

/// A 60-sample project written with catalog::Writer (ids 1..60 in `samples` order): datasets "animals"
/// (40: labels cat/dog/bird, splits train/val) and "digits" (20: labels 0-9, split test); samples 38 and
/// 59 (0-based) failed; exact groups {0,1,2} and {10,11}; a near-duplicate cluster 20..23; blur = 10 i,
/// brightness = 4 i mod 256, contrast = i mod 30; a distinct coloured thumbnail each (none when failed).
struct SmallProject {
    std::string path;
    std::int64_t animals = 0;
    std::int64_t digits = 0;
    std::vector<catalog::Sample> samples;  ///< as inserted, ids filled in

    std::int64_t count(const std::function<bool(const catalog::Sample&)>& predicate) const;
};
SmallProject makeSmallProject(const TempDir& dir);

/// Registers embedder `name` (dimension dim) in the project at `path` and stores a seeded N(0, 1) vector
/// for every imported sample, one file per dataset; with `clusterShift` > 0, sample id i gets that much
/// added on coordinate i % 3 (three clusters for maps and k-means).
void addTestVectors(const std::string& path, const std::string& name, int dim, std::uint64_t seed,
                    float clusterShift = 0.f);

/// `n` samples in one dataset sharing one tiny thumbnail; about a second for 100,000.
void makeLargeProject(const std::string& path, int n);

/// Writes an ImageFolder tree of synthetic landscape-like PNGs (4 classes) with a few exact and near
/// duplicates and one corrupt file; returns its root.
std::string writeDemoImages(const TempDir& dir, int perClass);

/// Shows `window` at 1440x900, creates DIR/landscapes.winnow in it and imports writeDemoImages(dir,
/// perClass) as split "train" through the import job, as a user would. Returns the job's error ("" when it
/// finished with a report), or a message when it did not end within 30 s.
/// `source` (when given) receives the images' folder.
QString importDemoProject(app::MainWindow& window, const TempDir& dir, int perClass, QString* source = nullptr);

/// WINNOW_TEST_OUTPUT_DIR/<name>.png (the folder is created).
QString screenshotPath(const QString& name);
/// Grabs the widget and saves it there; true on success.
bool saveScreenshot(QWidget* widget, const QString& name);

}  // namespace winnow::widgets::test
