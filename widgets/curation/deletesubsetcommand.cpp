// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/curation/deletesubsetcommand.h"

#include <QCoreApplication>

#include "catalog/database.h"
#include "common/error.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

DeleteSubsetCommand::DeleteSubsetCommand(Project* project, const std::string& name, QUndoCommand* parent)
    : QUndoCommand(parent), m_project(project) {
    auto subset = project->catalog().subset(name);
    if (!subset) throw Error("the project has no subset '" + name + "'");
    m_subset = *subset;
    m_members = project->catalog().subsetMembers(m_subset.id);
    setText(QCoreApplication::translate("DeleteSubsetCommand", "Delete Subset \"%1\"").arg(QString::fromStdString(name)));
}

void DeleteSubsetCommand::redo() {
    try {
        m_project->catalog().deleteSubset(m_subset.name);
        m_project->notifySubsetsChanged();
    } catch (const std::exception& e) {
        setObsolete(true);  // nothing happened: QUndoStack drops the command
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

void DeleteSubsetCommand::undo() {
    try {
        catalog::Catalog& catalog = m_project->catalog();
        m_subset.id = catalog.saveSubset(m_subset, m_members);
        // saveSubset stamps the current time; the subset was made earlier.
        catalog.database().prepare("UPDATE subsets SET created = ? WHERE id = ?").bind(1, m_subset.created).bind(2, m_subset.id).run();
        m_project->notifySubsetsChanged();
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

}  // namespace winnow::widgets
