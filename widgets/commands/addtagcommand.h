// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>
#include <cstdint>
#include <string>
#include <vector>

namespace winnow::widgets {

class Project;

/// Adds a tag to samples. Undo removes it from exactly the samples that did not carry it before
/// (catalog::Catalog::addTag reports them), so undo never removes a tag the user had set earlier.
///
/// Thread affinity: GUI thread (it edits through the project's catalog connection).
class AddTagCommand final : public QUndoCommand {
public:
    AddTagCommand(Project* project, std::string tag, std::vector<std::int64_t> sampleIds,
                  const QString& text = {}, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    /// Samples that the last redo() changed.
    const std::vector<std::int64_t>& changed() const { return m_changed; }

private:
    Project* m_project;
    std::string m_tag;
    std::vector<std::int64_t> m_sampleIds;
    std::vector<std::int64_t> m_changed;
};

}  // namespace winnow::widgets
