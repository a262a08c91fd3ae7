// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace winnow::widgets {

class JobManager;

/// A compact status-bar summary of the running jobs ("Importing mnist… 42%"); hidden when none run.
/// Clicking it emits clicked (the main window shows the jobs dock).
///
/// Thread affinity: GUI thread.
class JobStatusWidget final : public QWidget {
    Q_OBJECT

public:
    explicit JobStatusWidget(JobManager* jobs, QWidget* parent = nullptr);

Q_SIGNALS:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void refresh();

    JobManager* m_jobs;
    QLabel* m_label;
    QProgressBar* m_bar;
};

}  // namespace winnow::widgets
