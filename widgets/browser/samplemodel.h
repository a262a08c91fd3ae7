// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <memory>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/types.h"

namespace winnow::widgets {

class ThumbnailProvider;

/// The samples matching a filter, as a flat list of ids paged in from SQLite: canFetchMore/fetchMore
/// read one page of ids at a time (Catalog::sampleIds with offset and limit) through the model's own
/// read-only connection. Nothing but ids is read here; thumbnails, captions and tool tips come from the
/// ThumbnailProvider when loaded (the view paints a placeholder until then).
///
/// Thread affinity: GUI thread.
class SampleModel final : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        SampleIdRole = Qt::UserRole + 1,  ///< qint64
        LoadedRole,                       ///< bool: the thumbnail is in the cache
        MissingRole,                      ///< bool: loaded, but the sample has no thumbnail
        FailedRole,                       ///< bool: loaded, and the sample failed to import
    };

    explicit SampleModel(QObject* parent = nullptr);
    ~SampleModel() override;

    /// Points the model at a project (empty path: none) with a filter. Resets.
    void setProject(const QString& projectPath, ThumbnailProvider* thumbnails,
                    const catalog::SampleFilter& filter = {});
    /// Replaces the filter. Resets.
    void setFilter(const catalog::SampleFilter& filter);
    const catalog::SampleFilter& filter() const { return m_filter; }
    /// Counts again and drops the loaded pages (after samples changed). Resets.
    void refresh();
    /// Counts again without a reset when the listing can only have grown at its end (ascending id order,
    /// as during an import); otherwise does nothing. Returns true when it counted.
    bool recountAppended();

    /// Ids per fetchMore (default 512).
    void setPageSize(int pageSize) { m_pageSize = std::max(1, pageSize); }
    int pageSize() const { return m_pageSize; }

    /// Samples matching the filter (all of them, not only the rows loaded so far).
    qint64 totalCount() const { return m_total; }
    /// Why the project could not be read ("" when fine).
    const QString& error() const { return m_error; }

    qint64 sampleId(int row) const;
    int rowOfSample(qint64 sampleId) const;
    std::vector<std::int64_t> sampleIds(const QModelIndexList& indexes) const;
    /// Every id matching the filter, loaded or not (one query).
    std::vector<std::int64_t> allSampleIds() const;

    /// fetchMore calls that read ids, and the most ids one of them read (tests check paging).
    int fetchCount() const { return m_fetchCount; }
    int largestFetch() const { return m_largestFetch; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void totalCountChanged(qint64 total);

private:
    void reload();
    void thumbnailsLoaded(const QList<qint64>& ids);

    QString m_projectPath;
    std::unique_ptr<catalog::Catalog> m_catalog;  // read-only, for paging ids
    QPointer<ThumbnailProvider> m_thumbnails;
    QMetaObject::Connection m_thumbnailConnection;
    catalog::SampleFilter m_filter;
    std::vector<qint64> m_ids;
    QHash<qint64, int> m_rowOf;
    qint64 m_total = 0;
    int m_pageSize = 512;
    int m_fetchCount = 0;
    int m_largestFetch = 0;
    QString m_error;
};

}  // namespace winnow::widgets
