// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobs/jobstatuswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>

#include "widgets/jobs/jobmanager.h"

namespace winnow::widgets {

JobStatusWidget::JobStatusWidget(JobManager* jobs, QWidget* parent)
    : QWidget(parent), m_jobs(jobs), m_label(new QLabel), m_bar(new QProgressBar) {
    m_bar->setMaximumWidth(140);
    m_bar->setMaximumHeight(14);
    m_bar->setTextVisible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Show the jobs"));
    JobModel* model = jobs->model();
    connect(model, &QAbstractItemModel::dataChanged, this, &JobStatusWidget::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &JobStatusWidget::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &JobStatusWidget::refresh);
    connect(jobs, &JobManager::activeCountChanged, this, &JobStatusWidget::refresh);
    refresh();
}

void JobStatusWidget::refresh() {
    JobModel* model = m_jobs->model();
    int active = 0;
    int firstActive = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto state = static_cast<JobState>(model->index(row).data(JobModel::StateRole).toInt());
        if (isFinal(state)) continue;
        ++active;
        if (firstActive < 0) firstActive = row;
    }
    setVisible(active > 0);
    if (active == 0) return;
    const QModelIndex index = model->index(firstActive);
    const QString title = index.data(JobModel::TitleRole).toString();
    m_label->setText(active == 1 ? title : tr("%1 (+%2 more)").arg(title).arg(active - 1));
    const double fraction = index.data(JobModel::FractionRole).toDouble();
    m_bar->setRange(0, fraction < 0 ? 0 : 1000);
    m_bar->setValue(fraction < 0 ? 0 : int(fraction * 1000));
}

void JobStatusWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}

}  // namespace winnow::widgets
