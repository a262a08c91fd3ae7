// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/filterchaineditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "curate/recipe.h"
#include "widgets/curation/curationtext.h"
#include "widgets/style/icons.h"

namespace winnow::widgets {

namespace {
QString filterSummary(const std::string& name) {
    for (const auto& [filter, summary] : curate::recipeFilters())
        if (filter == name) return QString::fromStdString(summary);
    return QObject::tr("Not a filter this version of Winnow knows.");
}

std::string stepName(const nlohmann::json& step) {
    return step.contains("filter") && step["filter"].is_string() ? step["filter"].get<std::string>() : std::string();
}

QToolButton* smallButton(const QString& text, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
}  // namespace

FilterChainEditor::FilterChainEditor(QWidget* parent)
    : QWidget(parent),
      m_list(new QListWidget),
      m_add(new QToolButton),
      m_remove(smallButton(QStringLiteral("−"), tr("Remove the selected step"))),
      m_up(smallButton(QStringLiteral("↑"), tr("Run the selected step earlier"))),
      m_down(smallButton(QStringLiteral("↓"), tr("Run the selected step later"))),
      m_summary(new QLabel),
      m_params(new QPlainTextEdit),
      m_problem(new QLabel) {
    m_list->setObjectName(QStringLiteral("FilterSteps"));
    m_list->setAlternatingRowColors(true);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    const int row = m_list->fontMetrics().height() + 6;
    m_list->setFixedHeight(row * 4 + 2 * m_list->frameWidth() + 2);

    auto* menu = new QMenu(this);
    menu->setToolTipsVisible(true);
    for (const auto& [name, summary] : curate::recipeFilters()) {
        QAction* a = menu->addAction(QString::fromStdString(name));
        a->setToolTip(QString::fromStdString(summary));
        const QString filter = QString::fromStdString(name);
        connect(a, &QAction::triggered, this, [this, filter] { addStep(filter); });
    }
    m_add->setText(tr("Add Filter"));
    m_add->setIcon(icon(IconId::Filter));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setMenu(menu);
    m_add->setAutoRaise(true);
    m_add->setToolTip(tr("Add a step to the chain; steps run in order, each on what the previous one kept"));

    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_params->setObjectName(QStringLiteral("FilterParams"));
    m_params->setTabChangesFocus(true);
    m_params->setFixedHeight(m_params->fontMetrics().lineSpacing() * 3 + 12);
    m_params->setToolTip(tr("Parameters of the selected step, one key=value per line"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #d04a3c;"));
    m_problem->hide();

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(2);
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addWidget(m_remove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_params);
    layout->addWidget(m_problem);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        updateForm();
        updateButtons();
    });
    connect(m_remove, &QToolButton::clicked, this, [this] { removeStep(currentStep()); });
    connect(m_up, &QToolButton::clicked, this, [this] { moveStep(currentStep(), -1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveStep(currentStep(), +1); });
    connect(m_params, &QPlainTextEdit::textChanged, this, &FilterChainEditor::paramsEdited);
    rebuildList();
}

void FilterChainEditor::setSteps(const std::vector<nlohmann::json>& steps) {
    m_steps = steps;
    m_error.clear();
    rebuildList();
    selectStep(m_steps.empty() ? -1 : 0);
    Q_EMIT changed();
}

void FilterChainEditor::addStep(const QString& filter) {
    m_steps.push_back(nlohmann::json{{"filter", filter.toStdString()}});
    rebuildList();
    selectStep(static_cast<int>(m_steps.size()) - 1);
    m_params->setFocus();
    Q_EMIT changed();
}

void FilterChainEditor::setStepParams(int row, const nlohmann::json& params) {
    if (row < 0 || row >= static_cast<int>(m_steps.size())) return;
    nlohmann::json step = params.is_object() ? params : nlohmann::json::object();
    step["filter"] = stepName(m_steps[static_cast<std::size_t>(row)]);
    m_steps[static_cast<std::size_t>(row)] = std::move(step);
    if (QListWidgetItem* item = m_list->item(row)) item->setText(itemText(row));
    if (row == currentStep()) updateForm();
    Q_EMIT changed();
}

void FilterChainEditor::removeStep(int row) {
    if (row < 0 || row >= static_cast<int>(m_steps.size())) return;
    m_steps.erase(m_steps.begin() + row);
    m_error.clear();
    rebuildList();
    selectStep(std::min(row, static_cast<int>(m_steps.size()) - 1));
    Q_EMIT changed();
}

void FilterChainEditor::moveStep(int row, int delta) {
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= static_cast<int>(m_steps.size()) || to >= static_cast<int>(m_steps.size())) return;
    std::swap(m_steps[static_cast<std::size_t>(row)], m_steps[static_cast<std::size_t>(to)]);
    rebuildList();
    selectStep(to);
    Q_EMIT changed();
}

void FilterChainEditor::selectStep(int row) {
    m_list->setCurrentRow(row);
    updateForm();
    updateButtons();
}

int FilterChainEditor::currentStep() const { return m_list->currentRow(); }

QString FilterChainEditor::itemText(int row) const {
    const nlohmann::json& step = m_steps[static_cast<std::size_t>(row)];
    const QString params = keyValueInline(step, {QStringLiteral("filter")});
    QString text = QStringLiteral("%1. %2").arg(row + 1).arg(QString::fromStdString(stepName(step)));
    if (!params.isEmpty()) text += QStringLiteral("   ") + params;
    return text;
}

void FilterChainEditor::rebuildList() {
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (int row = 0; row < static_cast<int>(m_steps.size()); ++row) {
        auto* item = new QListWidgetItem(itemText(row), m_list);
        item->setToolTip(filterSummary(stepName(m_steps[static_cast<std::size_t>(row)])));
    }
    if (m_steps.empty()) {
        auto* hint = new QListWidgetItem(tr("No filters: the selector sees the whole pool."), m_list);
        hint->setFlags(Qt::NoItemFlags);
        hint->setForeground(palette().brush(QPalette::PlaceholderText));
    }
}

void FilterChainEditor::updateForm() {
    const int row = currentStep();
    const bool valid = row >= 0 && row < static_cast<int>(m_steps.size());
    m_updating = true;
    if (valid) {
        const nlohmann::json& step = m_steps[static_cast<std::size_t>(row)];
        m_summary->setText(QStringLiteral("<b>%1</b>: %2")
                               .arg(QString::fromStdString(stepName(step)).toHtmlEscaped(),
                                    filterSummary(stepName(step)).toHtmlEscaped()));
        m_params->setPlainText(keyValueLines(step, {QStringLiteral("filter")}));
        m_params->setPlaceholderText(tr("key=value, one per line (none: the filter's defaults)"));
    } else {
        m_summary->setText(tr("Add filters to narrow the pool before the selector runs: quality bounds, labels, "
                              "scores, duplicates, outliers."));
        m_params->clear();
        m_params->setPlaceholderText(QString());
    }
    m_params->setEnabled(valid);
    m_params->setVisible(valid);
    m_problem->hide();
    m_error.clear();
    m_updating = false;
}

void FilterChainEditor::updateButtons() {
    const int row = currentStep();
    const int n = static_cast<int>(m_steps.size());
    m_remove->setEnabled(row >= 0 && row < n);
    m_up->setEnabled(row > 0 && row < n);
    m_down->setEnabled(row >= 0 && row + 1 < n);
}

void FilterChainEditor::paramsEdited() {
    if (m_updating) return;
    const int row = currentStep();
    if (row < 0 || row >= static_cast<int>(m_steps.size())) return;
    nlohmann::json params;
    QString problem;
    if (!parseKeyValueLines(m_params->toPlainText(), &params, &problem, {QStringLiteral("filter")})) {
        m_error = tr("Filter step %1: %2").arg(row + 1).arg(problem);
        m_problem->setText(problem);
        m_problem->show();
        Q_EMIT changed();
        return;
    }
    m_error.clear();
    m_problem->hide();
    params["filter"] = stepName(m_steps[static_cast<std::size_t>(row)]);
    m_steps[static_cast<std::size_t>(row)] = std::move(params);
    if (QListWidgetItem* item = m_list->item(row)) item->setText(itemText(row));
    Q_EMIT changed();
}

}  // namespace winnow::widgets
