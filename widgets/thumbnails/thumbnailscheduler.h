// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <vector>

class QAbstractItemModel;
class QAbstractItemView;
class QModelIndex;

namespace winnow::widgets {

class ThumbnailProvider;

/// Knobs of the lazy loading.
struct SchedulerParams {
    /// Quiet time after the last scroll, resize or model change before thumbnails are requested (ms).
    int debounceMs = 60;
    /// Rows this many viewport heights above and below the viewport are requested too (prefetch).
    double prefetchScreens = 1.0;
    /// Requests at most this fraction of the cache capacity, so a request never evicts what it shows.
    double maxCacheFraction = 0.75;
};

/// Lazy thumbnail loading for one item view, the Gwenview way: after a short debounce it asks the
/// provider for the thumbnails of the rows in and around the viewport, nearest the viewport centre first.
/// Each request replaces the previous one, so rows scrolled far away are dropped before they are read.
/// Views paint a placeholder until the provider reports the thumbnail loaded.
///
/// Thread affinity: GUI thread.
class ThumbnailScheduler final : public QObject {
    Q_OBJECT

public:
    /// Maps a row to the sample ids it shows (one for the browser, several for a duplicate group).
    using IdsOfIndex = std::function<std::vector<std::int64_t>(const QModelIndex&)>;

    ThumbnailScheduler(QAbstractItemView* view, IdsOfIndex idsOf, const SchedulerParams& params = {});

    void setProvider(ThumbnailProvider* provider);
    ThumbnailProvider* provider() const;

    /// Schedules an update after the debounce interval (restarting it).
    void scheduleUpdate();
    /// Computes and sends the request now.
    void updateNow();
    /// The ids of the last request, most wanted first (for tests).
    const std::vector<std::int64_t>& lastRequest() const { return m_lastRequest; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void connectModel();

    QAbstractItemView* m_view;
    QAbstractItemModel* m_model = nullptr;  // the view's model that the connections are to
    IdsOfIndex m_idsOf;
    SchedulerParams m_params;
    QPointer<ThumbnailProvider> m_provider;
    int m_client = 0;
    QTimer m_debounce;
    QMetaObject::Connection m_modelConnections[5];
    std::vector<std::int64_t> m_lastRequest;
};

}  // namespace winnow::widgets
