// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/commands/removetagcommand.h"

#include <QCoreApplication>

#include "widgets/common/strings.h"
#include "widgets/project/project.h"

namespace winnow::widgets {

RemoveTagCommand::RemoveTagCommand(Project* project, std::string tag, std::vector<std::int64_t> sampleIds,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(parent), m_project(project), m_tag(std::move(tag)), m_sampleIds(std::move(sampleIds)) {
    setText(!text.isEmpty() ? text
                            : counted(static_cast<std::int64_t>(m_sampleIds.size()),
                                      QCoreApplication::translate("RemoveTagCommand", "Untag 1 Sample \"%2\""),
                                      QCoreApplication::translate("RemoveTagCommand", "Untag %1 Samples \"%2\""))
                                  .arg(QString::fromStdString(m_tag)));
}

void RemoveTagCommand::redo() {
    try {
        m_changed = m_project->catalog().removeTag(m_tag, m_sampleIds);
        m_project->notifyTagsChanged(m_changed);
    } catch (const std::exception& e) {
        m_changed.clear();
        setObsolete(true);
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

void RemoveTagCommand::undo() {
    try {
        m_project->catalog().addTag(m_tag, m_changed);
        m_project->notifyTagsChanged(m_changed);
    } catch (const std::exception& e) {
        m_project->reportError(QString::fromUtf8(e.what()));
    }
}

}  // namespace winnow::widgets
