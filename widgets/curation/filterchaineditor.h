// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <nlohmann/json.hpp>
#include <vector>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QToolButton;

namespace winnow::widgets {

/// The filter chain of a recipe: an ordered list of steps ({"filter": NAME, key: value, ...}) with Add
/// (a menu of curate::recipeFilters(), so new filters appear by themselves), Remove, Up and Down, and under
/// it a small form for the selected step: its plain-words summary and its parameters as key=value lines.
///
/// Thread affinity: GUI thread.
class FilterChainEditor final : public QWidget {
    Q_OBJECT

public:
    explicit FilterChainEditor(QWidget* parent = nullptr);

    /// The steps as a recipe stores them (the selected step's last valid parameters).
    const std::vector<nlohmann::json>& steps() const { return m_steps; }
    void setSteps(const std::vector<nlohmann::json>& steps);

    /// Appends a step of this filter with no parameters and selects it.
    void addStep(const QString& filter);
    /// Replaces the parameters of the step at `row` (the "filter" key is kept).
    void setStepParams(int row, const nlohmann::json& params);
    void removeStep(int row);
    /// Moves a step up (delta -1) or down (+1).
    void moveStep(int row, int delta);
    void selectStep(int row);
    int currentStep() const;

    /// Why the chain cannot be used as it stands ("" when it can): a parameter line that does not parse.
    QString error() const { return m_error; }

    QListWidget* list() const { return m_list; }
    QPlainTextEdit* paramsEdit() const { return m_params; }

Q_SIGNALS:
    /// Steps, their order or their parameters changed.
    void changed();

private:
    void rebuildList();
    void updateForm();
    void updateButtons();
    void paramsEdited();
    QString itemText(int row) const;

    std::vector<nlohmann::json> m_steps;
    QListWidget* m_list;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    QLabel* m_summary;
    QPlainTextEdit* m_params;
    QLabel* m_problem;
    QString m_error;
    bool m_updating = false;
};

}  // namespace winnow::widgets
