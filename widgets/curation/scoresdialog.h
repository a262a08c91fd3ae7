// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace winnow::widgets {

/// Asks which per-sample score to compute (curate::scoreKinds(): typicality, outlier, exact-group-size,
/// the linear probe on good/bad tags, a TorchScript scorer model), on which embedder, with which
/// parameters ("k=20", "good=keep bad=drop"; a model file chosen with Browse…). The stored scores sort the
/// grid, colour the map and feed recipe `score` filters.
///
/// Thread affinity: GUI thread.
class ScoresDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ScoresDialog(QWidget* parent = nullptr);

    /// The project's embedders (the first one is preselected).
    void setEmbedders(const QStringList& names);
    void setStartDirectory(const QString& directory) { m_startDirectory = directory; }

    std::string kind() const;
    std::string embedder() const;
    /// The parameters as key=value pairs (the model file included as model=PATH). Throws nothing: a
    /// malformed pair is reported by the job (curate::MethodParams).
    std::vector<std::string> params() const;

    QComboBox* kindBox() const { return m_kind; }
    QComboBox* embedderBox() const { return m_embedder; }
    QLineEdit* paramsEdit() const { return m_params; }
    QLineEdit* modelEdit() const { return m_model; }

private:
    void updateState();

    QComboBox* m_kind;
    QComboBox* m_embedder;
    QLineEdit* m_params;
    QLineEdit* m_model;
    QPushButton* m_browse;
    QLabel* m_about;
    QPushButton* m_ok;
    QString m_startDirectory;
};

}  // namespace winnow::widgets
