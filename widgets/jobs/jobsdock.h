// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>

class QListView;
class QTimer;
class QToolButton;

namespace winnow::widgets {

class JobManager;

/// The jobs dock: every job of a JobManager with its progress and a Cancel button, plus Cancel All and
/// Clear Finished. Jobs that end stay listed (with their summary or error) until cleared.
///
/// Thread affinity: GUI thread.
class JobsDock final : public QDockWidget {
    Q_OBJECT

public:
    explicit JobsDock(JobManager* jobs, QWidget* parent = nullptr);

    QListView* view() const { return m_view; }

private:
    void updateButtons();

    JobManager* m_jobs;
    QListView* m_view;
    QToolButton* m_cancelAll;
    QToolButton* m_clear;
    QTimer* m_tick;  // repaints elapsed times while jobs run
};

}  // namespace winnow::widgets
