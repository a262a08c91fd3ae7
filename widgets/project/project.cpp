// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/project/project.h"

#include <QFileInfo>
#include <QUndoStack>

#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

std::unique_ptr<Project> Project::open(const QString& path, QThreadPool* decodePool, QString* error) {
    try {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        auto catalog = catalog::Catalog::open(absolute.toStdString(), catalog::Catalog::Mode::ReadWrite);
        return std::unique_ptr<Project>(new Project(absolute, std::move(catalog), decodePool));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return nullptr;
    }
}

std::unique_ptr<Project> Project::create(const QString& path, QThreadPool* decodePool, QString* error) {
    try {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        auto catalog = catalog::Catalog::create(absolute.toStdString());
        return std::unique_ptr<Project>(new Project(absolute, std::move(catalog), decodePool));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return nullptr;
    }
}

Project::Project(const QString& path, catalog::Catalog catalog, QThreadPool* decodePool)
    : m_path(path),
      m_catalog(std::move(catalog)),
      m_decodePool(decodePool),
      m_undoStack(new QUndoStack(this)),
      m_thumbnails(new ThumbnailProvider(path, decodePool, ThumbnailParams{}, this)) {}

Project::~Project() = default;

QString Project::name() const { return QFileInfo(m_path).completeBaseName(); }

void Project::notifySamplesChanged() {
    m_thumbnails->clear();
    Q_EMIT samplesChanged();
}

void Project::notifyTagsChanged(const std::vector<std::int64_t>& sampleIds) {
    Q_EMIT tagsChanged(QList<qint64>(sampleIds.begin(), sampleIds.end()));
}

void Project::notifySubsetsChanged() { Q_EMIT subsetsChanged(); }

void Project::notifyEmbeddersChanged() { Q_EMIT embeddersChanged(); }

void Project::notifyScoresChanged() { Q_EMIT scoresChanged(); }

void Project::reportError(const QString& message) { Q_EMIT errorOccurred(message); }

}  // namespace winnow::widgets
