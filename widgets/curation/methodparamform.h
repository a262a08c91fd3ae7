// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <nlohmann/json.hpp>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace winnow::curate {
struct MethodInfo;
}

namespace winnow::widgets {

/// The parameter form of one selection method, generated from curate::MethodInfo::params: a line edit per
/// parameter with the default as placeholder and the help as tool tip. Empty fields are left out of
/// params() (the method's default applies); values are typed as JSON (typedValue). Keys a loaded recipe
/// gives that the method does not document get fields of their own, so nothing is silently dropped.
///
/// Thread affinity: GUI thread.
class MethodParamForm final : public QWidget {
    Q_OBJECT

public:
    explicit MethodParamForm(QWidget* parent = nullptr);

    /// Rebuilds the fields for a method (nullptr: none); the values typed so far are dropped.
    void setMethod(const curate::MethodInfo* method);
    /// The non-empty fields as a JSON object of typed values.
    nlohmann::json params() const;
    /// Fills the fields (after setMethod); unknown keys get extra fields.
    void setParams(const nlohmann::json& params);

    /// The field of a key (nullptr when none), for tests.
    QLineEdit* field(const QString& key) const;
    int fieldCount() const { return static_cast<int>(m_fields.size()); }

Q_SIGNALS:
    void changed();

private:
    QLineEdit* addField(const QString& key, const QString& defaultValue, const QString& help);

    QFormLayout* m_form;
    QLabel* m_none;
    std::vector<std::pair<QString, QLineEdit*>> m_fields;
};

}  // namespace winnow::widgets
