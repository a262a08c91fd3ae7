// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

#include "widgets/jobs/jobmodel.h"

class QPushButton;
class QSpinBox;

namespace winnow::widgets {

class DuplicatePanel;
class JobManager;
class Project;

/// The duplicates area: exact groups (same SHA-512) and near-duplicate groups (connected components of
/// pHash pairs within a distance) side by side, each found by a background job, with keep-one actions
/// that tag the other members `duplicate` (undoable) or delete them after confirmation.
///
/// Thread affinity: GUI thread.
class DuplicatesView final : public QWidget {
    Q_OBJECT

public:
    /// The tag the keep-one actions give to the members not kept.
    static constexpr const char* kDuplicateTag = "duplicate";

    explicit DuplicatesView(JobManager* jobs, QWidget* parent = nullptr);
    ~DuplicatesView() override;

    void setProject(Project* project);

    DuplicatePanel* exactPanel() const { return m_exact; }
    DuplicatePanel* nearPanel() const { return m_near; }
    QSpinBox* distanceBox() const { return m_distance; }
    int maxDistance() const;
    void setMaxDistance(int distance);

    /// Tags the members not kept in the panel's target groups (one undoable command). Returns how many
    /// samples were tagged.
    std::size_t tagOthers(DuplicatePanel* panel);
    /// Deletes the members not kept in the panel's target groups, after asking when `confirm`.
    std::size_t deleteOthers(DuplicatePanel* panel, bool confirm = true);

public Q_SLOTS:
    /// Starts the exact-group job (again).
    void findExact();
    /// Starts the near-duplicate job with the current maximum distance (canceling a running one).
    void findNear();

Q_SIGNALS:
    void sampleActivated(qint64 sampleId);
    void statusMessage(const QString& message);
    /// A search finished (tests wait for it).
    void searchFinished();

private:
    /// The exact-group job; automatic refreshes are not listed in the jobs dock.
    void searchExact(bool listed);
    std::vector<std::int64_t> othersToDrop(DuplicatePanel* panel);
    void samplesChanged();

    JobManager* m_jobs;
    QPointer<Project> m_project;
    DuplicatePanel* m_exact;
    DuplicatePanel* m_near;
    QSpinBox* m_distance;
    QPushButton* m_findNear;
    JobId m_exactJob = 0;
    JobId m_nearJob = 0;
};

}  // namespace winnow::widgets
