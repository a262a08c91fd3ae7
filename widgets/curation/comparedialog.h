// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>
#include <optional>

#include "widgets/curation/subsetcompare.h"
#include "widgets/jobs/jobmodel.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace winnow::widgets {

class JobManager;
class OverlapBar;
class Project;

/// Compares two saved subsets: a bar of A only / both / B only, the overlap counts and Jaccard index,
/// and a table of counts per label side by side (or per cluster, for stored "cluster:*" scores that
/// both subsets have). The numbers are computed by an unlisted job with its own connection.
///
/// Thread affinity: GUI thread.
class CompareSubsetsDialog final : public QDialog {
    Q_OBJECT

public:
    CompareSubsetsDialog(JobManager* jobs, Project* project, QWidget* parent = nullptr);

    /// Chooses the two subsets (names not in the project are ignored) and compares them.
    void setSubsets(const QString& a, const QString& b);
    QString subsetA() const;
    QString subsetB() const;

    /// The last comparison (none until the first one ends).
    const std::optional<SubsetComparison>& comparison() const { return m_comparison; }
    /// True while a comparison is being computed.
    bool isComparing() const { return m_job != 0; }

    QComboBox* boxA() const { return m_a; }
    QComboBox* boxB() const { return m_b; }
    QComboBox* groupByBox() const { return m_groupBy; }
    QTableWidget* table() const { return m_table; }
    /// The text shown for a statistic: "both", "onlyA", "onlyB", "jaccard".
    QString statText(const QString& which) const;

public Q_SLOTS:
    /// Re-reads the subset names and compares again.
    void reload();

Q_SIGNALS:
    /// A comparison ended (successfully or not).
    void compared();

private:
    void compare();
    void showComparison();
    void showGrouping();

    JobManager* m_jobs;
    QPointer<Project> m_project;
    QComboBox* m_a;
    QComboBox* m_b;
    OverlapBar* m_bar;
    QLabel* m_both;
    QLabel* m_onlyA;
    QLabel* m_onlyB;
    QLabel* m_jaccard;
    QComboBox* m_groupBy;
    QTableWidget* m_table;
    QLabel* m_status;
    std::optional<SubsetComparison> m_comparison;
    JobId m_job = 0;
    quint64 m_generation = 0;
};

}  // namespace winnow::widgets
