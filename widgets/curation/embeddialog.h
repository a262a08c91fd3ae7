// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QStringList>
#include <cstdint>
#include <utility>
#include <vector>

#include "curate/embedrun.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace winnow::widgets {

/// Asks how to embed a project: the built-in embedder, an embedder the project already has (to embed the
/// samples imported since), or a TorchScript model file (.pt with its sidecar .json, or the sidecar);
/// the device and the dataset. params() is what curate::embedProject takes.
///
/// Thread affinity: GUI thread.
class EmbedDialog final : public QDialog {
    Q_OBJECT

public:
    explicit EmbedDialog(QWidget* parent = nullptr);

    /// The project's embedders other than "builtin" (offered to be completed).
    void setEmbedders(const QStringList& names);
    /// The project's datasets (name, id).
    void setDatasets(const std::vector<std::pair<QString, std::int64_t>>& datasets);
    /// Preselects an embedder by name, or a model file by path.
    void setEmbedder(const QString& nameOrPath);
    void setStartDirectory(const QString& directory) { m_startDirectory = directory; }

    curate::EmbedParams params() const;

    QComboBox* embedderBox() const { return m_embedder; }
    QLineEdit* modelEdit() const { return m_model; }

private:
    void updateState();
    bool modelChosen() const;

    QComboBox* m_embedder;
    QLineEdit* m_model;
    QPushButton* m_browse;
    QComboBox* m_device;
    QComboBox* m_dataset;
    QLabel* m_about;
    QPushButton* m_ok;
    QString m_startDirectory;
};

}  // namespace winnow::widgets
