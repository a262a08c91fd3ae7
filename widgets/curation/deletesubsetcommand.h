// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>
#include <string>
#include <vector>

#include "catalog/types.h"

namespace winnow::widgets {

class Project;

/// Deletes a saved subset (its samples stay in the project). The constructor reads the subset and its
/// members (rank and score), so that undo saves it again as it was, creation time included.
///
/// Thread affinity: GUI thread (it edits through the project's catalog connection).
class DeleteSubsetCommand final : public QUndoCommand {
public:
    /// Throws winnow::Error when the project has no subset of that name.
    DeleteSubsetCommand(Project* project, const std::string& name, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Project* m_project;
    catalog::Subset m_subset;
    std::vector<catalog::SubsetMember> m_members;
};

}  // namespace winnow::widgets
