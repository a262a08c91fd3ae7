// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/jobsdock.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/jobs/jobdelegate.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
/// A list view that says so when it is empty.
class JobListView final : public QListView {
public:
    using QListView::QListView;

protected:
    void paintEvent(QPaintEvent* event) override {
        QListView::paintEvent(event);
        if (model() && model()->rowCount() > 0) return;
        QPainter painter(viewport());
        QColor color = palette().color(QPalette::Text);
        color.setAlphaF(0.55f);
        painter.setPen(color);
        painter.drawText(viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No jobs. Imports and duplicate searches show their progress here."));
    }
};
}  // namespace

JobsDock::JobsDock(JobManager* jobs, QWidget* parent)
    : QDockWidget(tr("Jobs"), parent),
      m_jobs(jobs),
      m_view(new JobListView),
      m_cancelAll(new QToolButton),
      m_clear(new QToolButton),
      m_tick(new QTimer(this)) {
    setObjectName(QStringLiteral("JobsDock"));
    auto* delegate = new JobDelegate(m_view);
    m_view->setModel(jobs->model());
    m_view->setItemDelegate(delegate);
    m_view->setMouseTracking(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setUniformItemSizes(true);
    connect(delegate, &JobDelegate::cancelRequested, this, [this](const QModelIndex& index) {
        m_jobs->cancel(index.data(JobModel::IdRole).value<JobId>());
    });

    m_cancelAll->setText(tr("Cancel All"));
    m_cancelAll->setIcon(icon(IconId::Cancel));
    m_cancelAll->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancelAll->setAutoRaise(true);
    connect(m_cancelAll, &QToolButton::clicked, m_jobs, &JobManager::cancelAll);
    m_clear->setText(tr("Clear Finished"));
    m_clear->setIcon(icon(IconId::Clear));
    m_clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear->setAutoRaise(true);
    connect(m_clear, &QToolButton::clicked, jobs->model(), &JobModel::clearFinished);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 2, 4, 2);
    buttons->addWidget(m_cancelAll);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    setWidget(content);

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, m_view->viewport(), qOverload<>(&QWidget::update));
    connect(m_jobs, &JobManager::activeCountChanged, this, &JobsDock::updateButtons);
    connect(jobs->model(), &QAbstractItemModel::rowsInserted, this, &JobsDock::updateButtons);
    connect(jobs->model(), &QAbstractItemModel::rowsRemoved, this, &JobsDock::updateButtons);
    updateButtons();
}

void JobsDock::updateButtons() {
    const int active = m_jobs->activeCount();
    m_cancelAll->setEnabled(active > 0);
    m_clear->setEnabled(m_jobs->model()->rowCount() > active);
    if (active > 0 && !m_tick->isActive()) m_tick->start();
    if (active == 0) m_tick->stop();
    m_view->viewport()->update();
}

}  // namespace winnow::widgets
