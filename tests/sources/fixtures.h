// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fixture builders for the source tests: everything is generated in a fresh temporary folder.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.h"

namespace winnow::sources::fixtures {

/// A fresh folder under the system temp dir, removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    /// path() + "/" + relative
    std::string operator/(const std::string& relative) const { return m_path + "/" + relative; }

private:
    std::string m_path;
};

/// Writes `content` to `path`, creating the parent folders.
void writeFile(const std::string& path, std::string_view content);
/// Writes `content` gzip-compressed.
void writeGzFile(const std::string& path, std::string_view content);

/// One tar member; a name ending in '/' is written as a folder entry.
struct TarMember {
    std::string name;
    std::string content;
};
enum class TarFormat { Ustar, Pax };
/// Writes a tar with libarchive's write API, gzip-compressed when `gzip` is set.
void writeTar(const std::string& path, const std::vector<TarMember>& members, bool gzip = false,
              TarFormat format = TarFormat::Ustar);

/// IDX header: magic, then the dimensions, all big-endian 32-bit.
std::string idxHeader(std::uint32_t magic, const std::vector<std::uint32_t>& dims);
/// Images file of `count` records of rows x cols; pixel j of record i is (i * 7 + j) % 256.
std::string idxImages(std::uint32_t count, std::uint32_t rows, std::uint32_t cols);
std::string idxLabels(const std::vector<std::uint8_t>& labels);
std::uint8_t idxPixel(std::uint32_t record, std::uint32_t offset);

/// Every item of the source, in order.
std::vector<Item> readAll(Source& source);
std::vector<Item> readAll(const std::string& path, Format format = Format::Auto,
                          const SourceParams& params = {});

/// The message of the winnow::Error thrown by `call`, or "<no error>".
std::string errorOf(const std::function<void()>& call);

}  // namespace winnow::sources::fixtures
