// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "catalog/types.h"

namespace winnow::cli {

/// Writes samples into a target folder as ID_NAME files: symlinks or copies of image files, the bytes
/// of archive members, PNG files for raw IDX records. Every path written is checked to lie inside the
/// target folder, whatever the sample's name says.
class FolderExport {
public:
    FolderExport(const std::string& target, std::string dataDir, bool symlinks);
    /// Writes one sample; false with error set when it could not.
    bool write(const catalog::Sample& sample, std::string& error);

    /// A safe file name for a sample: its id, '_', and its base name reduced to [A-Za-z0-9._-].
    static std::string fileName(const catalog::Sample& sample);

private:
    std::filesystem::path place(const catalog::Sample& sample) const;
    bool writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes, std::string& error);
    bool tarMember(const catalog::Sample& sample, std::vector<std::uint8_t>& bytes, std::string& error);

    std::filesystem::path m_target;
    std::string m_dataDir;
    bool m_symlinks;
    std::map<std::string, std::map<std::string, std::vector<std::uint8_t>>> m_tarCache;  // shard -> member -> bytes
};

}  // namespace winnow::cli
