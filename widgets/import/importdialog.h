// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "widgets/import/importrequest.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace winnow::widgets {

/// Asks what to import: a source (file or folder, chosen or typed), its format (auto-detected by
/// default), the dataset to import into and a split for samples whose source names none.
///
/// Thread affinity: GUI thread.
class ImportDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ImportDialog(QWidget* parent = nullptr);

    ImportRequest request() const;
    void setSource(const QString& path);
    /// Folder the file choosers start in.
    void setStartDirectory(const QString& directory) { m_startDirectory = directory; }
    /// Dataset names offered (existing datasets of the project).
    void setDatasets(const QStringList& names);

    QLineEdit* sourceEdit() const { return m_source; }
    QComboBox* formatBox() const { return m_format; }
    QComboBox* datasetBox() const { return m_dataset; }
    QComboBox* splitBox() const { return m_split; }

private:
    void chooseFile();
    void chooseFolder();
    void sourceChanged();

    QLineEdit* m_source;
    QComboBox* m_format;
    QComboBox* m_dataset;
    QComboBox* m_split;
    QLabel* m_hint;
    QDialogButtonBox* m_buttons;
    QString m_startDirectory;
};

}  // namespace winnow::widgets
