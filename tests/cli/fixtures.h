// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>

namespace winnow::test {

/// Writes a photo-like image (smooth gradients, blobs and seeded noise) of the given size.
/// ext is ".jpg" or ".png"; seed changes the content.
void writePhoto(const std::filesystem::path& path, int width, int height, int seed, int jpegQuality = 90);

/// Writes a raw byte file.
void writeBytes(const std::filesystem::path& path, const std::string& bytes);

/// Returns the file's bytes.
std::string readBytes(const std::filesystem::path& path);

}  // namespace winnow::test
