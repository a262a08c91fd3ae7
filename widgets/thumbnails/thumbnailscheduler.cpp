// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/thumbnails/thumbnailscheduler.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QScrollBar>
#include <algorithm>
#include <unordered_set>

#include "widgets/thumbnails/thumbnailprovider.h"

namespace winnow::widgets {

ThumbnailScheduler::ThumbnailScheduler(QAbstractItemView* view, IdsOfIndex idsOf, const SchedulerParams& params)
    : QObject(view), m_view(view), m_idsOf(std::move(idsOf)), m_params(params) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(params.debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ThumbnailScheduler::updateNow);
    for (QScrollBar* bar : {view->verticalScrollBar(), view->horizontalScrollBar()}) {
        connect(bar, &QScrollBar::valueChanged, this, &ThumbnailScheduler::scheduleUpdate);
        connect(bar, &QScrollBar::rangeChanged, this, &ThumbnailScheduler::scheduleUpdate);
    }
    view->viewport()->installEventFilter(this);
    connectModel();
}

void ThumbnailScheduler::setProvider(ThumbnailProvider* provider) {
    m_provider = provider;
    m_client = provider ? provider->registerClient() : 0;
    m_lastRequest.clear();
    scheduleUpdate();
}

ThumbnailProvider* ThumbnailScheduler::provider() const { return m_provider; }

void ThumbnailScheduler::connectModel() {
    QAbstractItemModel* model = m_view->model();
    if (model == m_model) return;
    for (auto& c : m_modelConnections) disconnect(c);
    m_model = model;
    if (!model) return;
    m_modelConnections[0] = connect(model, &QAbstractItemModel::modelReset, this, &ThumbnailScheduler::scheduleUpdate);
    m_modelConnections[1] = connect(model, &QAbstractItemModel::rowsInserted, this, &ThumbnailScheduler::scheduleUpdate);
    m_modelConnections[2] = connect(model, &QAbstractItemModel::rowsRemoved, this, &ThumbnailScheduler::scheduleUpdate);
    m_modelConnections[3] = connect(model, &QAbstractItemModel::layoutChanged, this, &ThumbnailScheduler::scheduleUpdate);
    m_modelConnections[4] = connect(model, &QObject::destroyed, this, [this] {
        m_lastRequest.clear();
        m_model = nullptr;
    });
}

void ThumbnailScheduler::scheduleUpdate() {
    if (m_provider) m_debounce.start();
}

bool ThumbnailScheduler::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show) scheduleUpdate();
    return QObject::eventFilter(watched, event);
}

void ThumbnailScheduler::updateNow() {
    m_debounce.stop();
    QAbstractItemModel* model = m_view->model();
    if (!m_provider || !model) return;
    // The model may have been replaced since construction.
    connectModel();
    const int rows = model->rowCount(m_view->rootIndex());
    const QRect viewport = m_view->viewport()->rect();
    const int margin = static_cast<int>(viewport.height() * m_params.prefetchScreens);
    const QRect wanted = viewport.adjusted(0, -margin, 0, margin);
    const QPointF centre = QRectF(viewport).center();
    auto indexOf = [&](int row) { return model->index(row, 0, m_view->rootIndex()); };

    // Rows are laid out top to bottom in row order: binary search for the first row near the viewport.
    int lo = 0, hi = rows;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        const QRect r = m_view->visualRect(indexOf(mid));
        if (r.isValid() && r.bottom() < wanted.top()) lo = mid + 1;
        else hi = mid;
    }
    struct Candidate {
        double distance;
        int order;
        std::int64_t id;
    };
    std::vector<Candidate> candidates;
    for (int row = lo; row < rows; ++row) {
        const QModelIndex index = indexOf(row);
        const QRect r = m_view->visualRect(index);
        if (!r.isValid()) continue;
        if (r.top() > wanted.bottom()) break;
        const QPointF d = QRectF(r).center() - centre;
        const double distance = d.x() * d.x() + d.y() * d.y();
        int order = 0;
        for (std::int64_t id : m_idsOf(index)) candidates.push_back({distance, order++, id});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.distance != b.distance ? a.distance < b.distance : a.order < b.order;
    });
    const auto limit = static_cast<std::size_t>(m_provider->cache().capacity() * m_params.maxCacheFraction);
    m_lastRequest.clear();
    std::unordered_set<std::int64_t> seen;
    for (const Candidate& c : candidates) {
        if (m_lastRequest.size() >= limit) break;
        if (seen.insert(c.id).second) m_lastRequest.push_back(c.id);
    }
    // Touch what is wanted, least wanted first, so that the LRU keeps the nearest longest.
    for (auto it = m_lastRequest.rbegin(); it != m_lastRequest.rend(); ++it) m_provider->entry(*it);
    m_provider->request(m_client, m_lastRequest);
}

}  // namespace winnow::widgets
