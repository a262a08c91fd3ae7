// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <vector>

#include "catalog/types.h"

namespace winnow::widgets {

class Project;

/// The project's saved subsets as a table: name, size, method, parameters (a one-line summary of the
/// recipe; the tool tip shows the whole recipe JSON) and creation time. Re-read when the project says
/// its subsets or samples changed (one small query: the list of subsets with their sizes).
///
/// Thread affinity: GUI thread.
class SubsetModel final : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, SizeColumn, MethodColumn, ParametersColumn, CreatedColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,  ///< QString, any column
        SubsetIdRole,                 ///< qint64
        RecipeRole,                   ///< QString: the stored parameters (canonical recipe JSON), indented
        SortRole,                     ///< the column's value for sorting (numbers as numbers)
    };

    explicit SubsetModel(QObject* parent = nullptr);

    void setProject(Project* project);
    /// Re-reads the subsets (resets). A failed read leaves the model empty and sets error().
    void reload();

    const catalog::Subset& subset(int row) const { return m_rows[static_cast<std::size_t>(row)].subset; }
    /// Row of a subset by name, -1 when absent.
    int rowOfName(const QString& name) const;
    QStringList names() const;
    const QString& error() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        catalog::Subset subset;
        QString name;
        QString summary;  // recipeSummary of the parameters
        QString recipe;   // indented JSON
    };

    QPointer<Project> m_project;
    std::vector<Row> m_rows;
    QString m_error;
};

}  // namespace winnow::widgets
