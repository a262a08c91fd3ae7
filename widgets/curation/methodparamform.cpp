// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/methodparamform.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "curate/methods.h"
#include "widgets/curation/curationtext.h"

namespace winnow::widgets {

MethodParamForm::MethodParamForm(QWidget* parent) : QWidget(parent), m_form(new QFormLayout), m_none(new QLabel) {
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_none->setText(tr("This method has no parameters."));
    m_none->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addWidget(m_none);
    setMethod(nullptr);
}

void MethodParamForm::setMethod(const curate::MethodInfo* method) {
    while (m_form->rowCount() > 0) m_form->removeRow(0);
    m_fields.clear();
    if (method)
        for (const auto& p : method->params)
            addField(QString::fromStdString(p.key), QString::fromStdString(p.defaultValue), QString::fromStdString(p.help));
    m_none->setVisible(m_fields.empty());
}

QLineEdit* MethodParamForm::addField(const QString& key, const QString& defaultValue, const QString& help) {
    auto* edit = new QLineEdit;
    edit->setObjectName(QStringLiteral("param_") + key);
    edit->setPlaceholderText(defaultValue.isEmpty() ? tr("(not set)") : defaultValue);
    edit->setClearButtonEnabled(true);
    const QString tip = help.isEmpty() ? key : QStringLiteral("%1: %2").arg(key, help);
    edit->setToolTip(defaultValue.isEmpty() ? tip : tr("%1 (default %2)").arg(tip, defaultValue));
    auto* label = new QLabel(key);
    label->setToolTip(edit->toolTip());
    m_form->addRow(label, edit);
    m_fields.emplace_back(key, edit);
    connect(edit, &QLineEdit::textChanged, this, &MethodParamForm::changed);
    m_none->setVisible(false);
    return edit;
}

nlohmann::json MethodParamForm::params() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, edit] : m_fields)
        if (!edit->text().trimmed().isEmpty()) j[key.toStdString()] = typedValue(edit->text());
    return j;
}

void MethodParamForm::setParams(const nlohmann::json& params) {
    for (const auto& [key, edit] : m_fields) {
        const QSignalBlocker blocker(edit);
        edit->clear();
    }
    if (params.is_object())
        for (const auto& [key, value] : params.items()) {
            const QString k = QString::fromStdString(key);
            QLineEdit* edit = field(k);
            if (!edit) edit = addField(k, QString(), tr("not a documented parameter of this method"));
            const QSignalBlocker blocker(edit);
            edit->setText(valueText(value));
        }
    Q_EMIT changed();
}

QLineEdit* MethodParamForm::field(const QString& key) const {
    for (const auto& [k, edit] : m_fields)
        if (k == key) return edit;
    return nullptr;
}

}  // namespace winnow::widgets
