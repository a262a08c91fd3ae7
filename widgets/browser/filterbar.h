// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

#include "catalog/types.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace winnow::widgets {

class Project;
class RangeEdit;

/// The browser's filters (dataset, split, label, tag, subset, status, exact duplicates, blur / brightness /
/// contrast ranges, text search) and sort order, edited as a form and emitted as a catalog::SampleFilter.
/// The choices offered come from the project and follow its changes.
///
/// Thread affinity: GUI thread.
class FilterBar final : public QWidget {
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);

    void setProject(Project* project);
    catalog::SampleFilter filter() const;
    /// True when some condition is set (the sort order does not count).
    bool isFiltering() const;

    // Direct access for the main window's shortcuts and for tests.
    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* splitBox() const { return m_split; }
    QComboBox* labelBox() const { return m_label; }
    QComboBox* tagBox() const { return m_tag; }
    QComboBox* subsetBox() const { return m_subset; }
    QComboBox* statusBox() const { return m_status; }
    QCheckBox* duplicatesBox() const { return m_duplicates; }
    QComboBox* orderBox() const { return m_order; }
    QToolButton* descendingButton() const { return m_descending; }
    RangeEdit* blurRange() const { return m_blur; }
    RangeEdit* brightnessRange() const { return m_brightness; }
    RangeEdit* contrastRange() const { return m_contrast; }
    QLineEdit* searchEdit() const { return m_search; }
    /// The chip shown while the listing is limited to given samples (setSampleIds), with its clear button.
    QWidget* sampleIdsChip() const { return m_idsChip; }
    QToolButton* sampleIdsClearButton() const { return m_idsClear; }
    bool hasSampleIds() const { return m_hasIds; }

public Q_SLOTS:
    /// Clears every condition.
    void reset();
    /// Re-reads datasets, splits, labels and tags from the project, keeping the current choices.
    void reloadChoices();
    /// Re-reads only the tag list (tags changed).
    void reloadTags();
    /// Re-reads only the subset list (subsets changed).
    void reloadSubsets();
    /// Re-reads the stored score names offered as sort orders ("Score: typicality:builtin:k20").
    void reloadScores();
    /// Shows only the members of a saved subset ("" shows them all again).
    void setSubset(const QString& name);
    /// Shows only these samples (for example the map's selection), named by `what` on a chip above the
    /// form ("Map selection: 1,234 samples" with a clear button). The other conditions still apply.
    void setSampleIds(std::vector<std::int64_t> ids, const QString& what);
    /// Drops the sample-id condition (no signal but filterChanged).
    void clearSampleIds();

Q_SIGNALS:
    void filterChanged(const winnow::catalog::SampleFilter& filter);
    /// The user dropped the sample-id condition (the chip's clear button or Reset Filters).
    void sampleIdsCleared();

private:
    void emitChanged();
    void updateIdsChip();

    QPointer<Project> m_project;
    QComboBox* m_dataset;
    QComboBox* m_split;
    QComboBox* m_label;
    QComboBox* m_tag;
    QComboBox* m_subset;
    QComboBox* m_status;
    QCheckBox* m_duplicates;
    RangeEdit* m_blur;
    RangeEdit* m_brightness;
    RangeEdit* m_contrast;
    QLineEdit* m_search;
    QComboBox* m_order;
    int m_fixedOrders = 0;  ///< entries of m_order before the stored scores
    QToolButton* m_descending;
    QTimer* m_searchDelay;
    bool m_loading = false;  // choices are being refilled: no signals
    QWidget* m_idsChip;
    QLabel* m_idsText;
    QToolButton* m_idsClear;
    bool m_hasIds = false;
    std::vector<std::int64_t> m_ids;
    QString m_idsWhat;
};

}  // namespace winnow::widgets
