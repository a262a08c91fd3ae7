// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/subsetmodel.h"

#include <QDateTime>
#include <QLocale>

#include "widgets/common/strings.h"
#include "widgets/curation/curationtext.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

SubsetModel::SubsetModel(QObject* parent) : QAbstractTableModel(parent) {}

void SubsetModel::setProject(Project* project) {
    if (m_project) disconnect(m_project, nullptr, this, nullptr);
    m_project = project;
    if (project) {
        connect(project, &Project::subsetsChanged, this, &SubsetModel::reload);
        connect(project, &Project::samplesChanged, this, &SubsetModel::reload);  // deletes shrink subsets
    }
    reload();
}

void SubsetModel::reload() {
    beginResetModel();
    m_rows.clear();
    m_error.clear();
    if (m_project) {
        try {
            for (auto& s : m_project->catalog().subsets()) {
                Row row;
                row.name = toQString(s.name);
                const auto params = nlohmann::json::parse(s.paramsJson, nullptr, false);
                if (!params.is_discarded()) {
                    row.summary = recipeSummary(params);
                    row.recipe = QString::fromStdString(params.dump(2));
                } else {
                    row.summary = row.recipe = toQString(s.paramsJson);
                }
                row.subset = std::move(s);
                m_rows.push_back(std::move(row));
            }
        } catch (const std::exception& e) {
            m_rows.clear();
            m_error = QString::fromUtf8(e.what());
        }
    }
    endResetModel();
}

int SubsetModel::rowOfName(const QString& name) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == name) return static_cast<int>(i);
    return -1;
}

QStringList SubsetModel::names() const {
    QStringList out;
    for (const Row& r : m_rows) out << r.name;
    return out;
}

int SubsetModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SubsetModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SubsetModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const catalog::Subset& s = r.subset;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return r.name;
        case SizeColumn: return countText(s.size);
        case MethodColumn: return toQString(s.method);
        case ParametersColumn: return r.summary;
        case CreatedColumn:
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(s.created), QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn)
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(s.created), QLocale::LongFormat);
        return QString(tr("<b>%1</b>: %2, seed %3").arg(r.name.toHtmlEscaped(), counted(s.size, tr("1 sample"), tr("%1 samples"))).arg(s.seed) +
               preformattedToolTip(r.recipe));
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case NameRole: return r.name;
    case SubsetIdRole: return QVariant::fromValue<qint64>(s.id);
    case RecipeRole: return r.recipe;
    case SortRole:
        switch (index.column()) {
        case NameColumn: return r.name;
        case SizeColumn: return QVariant::fromValue<qint64>(s.size);
        case MethodColumn: return toQString(s.method);
        case ParametersColumn: return r.summary;
        case CreatedColumn: return QVariant::fromValue<qint64>(s.created);
        }
        break;
    default: break;
    }
    return {};
}

QVariant SubsetModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case MethodColumn: return tr("Method");
    case ParametersColumn: return tr("Parameters");
    case CreatedColumn: return tr("Created");
    }
    return {};
}

}  // namespace winnow::widgets
