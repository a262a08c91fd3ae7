// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::widgets {

class Project;

/// Removes a tag from samples. Undo gives it back to exactly the samples that carried it
/// (catalog::Catalog::removeTag reports them).
///
/// Thread affinity: GUI thread (it edits through the project's catalog connection).
class RemoveTagCommand final : public QUndoCommand {
public:
    RemoveTagCommand(Project* project, std::string tag, std::vector<std::int64_t> sampleIds,
                     const QString& text = {}, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    const std::vector<std::int64_t>& changed() const { return m_changed; }

private:
    Project* m_project;
    std::string m_tag;
    std::vector<std::int64_t> m_sampleIds;
    std::vector<std::int64_t> m_changed;
};

}  // namespace winnow::widgets
