// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "catalog/catalog.h"

class QThreadPool;
class QUndoStack;

namespace winnow::widgets {

class ThumbnailProvider;
struct ThumbnailParams;

/// An open project in the GUI (Tiled's document): the read-write catalog connection used for the small
/// synchronous edits (tags, deletes), the project's undo stack, and its thumbnail provider. Views keep
/// their own read-only connections for reading. Long work (imports, searches) runs as jobs with their own
/// connections and calls notifySamplesChanged() when it has changed the samples.
///
/// Thread affinity: GUI thread.
class Project final : public QObject {
    Q_OBJECT

public:
    /// Opens an existing project; nullptr with *error set when it cannot be opened.
    static std::unique_ptr<Project> open(const QString& path, QThreadPool* decodePool, QString* error);
    /// Creates a new, empty project; nullptr with *error set on failure.
    static std::unique_ptr<Project> create(const QString& path, QThreadPool* decodePool, QString* error);
    ~Project() override;

    const QString& path() const { return m_path; }
    /// The file name without ".winnow".
    QString name() const;

    catalog::Catalog& catalog() { return m_catalog; }
    QUndoStack* undoStack() const { return m_undoStack; }
    ThumbnailProvider* thumbnails() const { return m_thumbnails; }
    /// The pool for reading and decoding images (the job manager's Decode pool).
    QThreadPool* decodePool() const { return m_decodePool; }

    /// Announces that samples were added, deleted or re-imported: views re-read what they show.
    void notifySamplesChanged();
    /// Announces that tags changed on these samples.
    void notifyTagsChanged(const std::vector<std::int64_t>& sampleIds);
    /// Announces that subsets were saved or deleted.
    void notifySubsetsChanged();
    /// Announces that embedders or their vectors changed (an embed run ended).
    void notifyEmbeddersChanged();
    /// Announces that stored per-sample scores changed (a score job ended).
    void notifyScoresChanged();
    /// Announces a failed edit (the main window shows it).
    void reportError(const QString& message);

Q_SIGNALS:
    void samplesChanged();
    void tagsChanged(const QList<qint64>& sampleIds);
    void subsetsChanged();
    void embeddersChanged();
    void scoresChanged();
    void errorOccurred(const QString& message);

private:
    Project(const QString& path, catalog::Catalog catalog, QThreadPool* decodePool);

    QString m_path;
    catalog::Catalog m_catalog;
    QThreadPool* m_decodePool;
    QUndoStack* m_undoStack;
    ThumbnailProvider* m_thumbnails;
};

}  // namespace winnow::widgets
