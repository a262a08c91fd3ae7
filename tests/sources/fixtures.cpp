// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fixtures.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/error.h"

namespace fs = std::filesystem;

namespace winnow::sources::fixtures {

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "winnow-sources-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void writeFile(const std::string& path, std::string_view content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

void writeGzFile(const std::string& path, std::string_view content) {
    fs::create_directories(fs::path(path).parent_path());
    gzFile file = gzopen(path.c_str(), "wb");
    if (!file) throw std::runtime_error("cannot write " + path);
    if (!content.empty()) gzwrite(file, content.data(), static_cast<unsigned>(content.size()));
    gzclose(file);
}

void writeTar(const std::string& path, const std::vector<TarMember>& members, bool gzip, TarFormat format) {
    fs::create_directories(fs::path(path).parent_path());
    archive* writer = archive_write_new();
    if (format == TarFormat::Ustar) {
        archive_write_set_format_ustar(writer);
    } else {
        archive_write_set_format_pax_restricted(writer);
    }
    if (gzip) archive_write_add_filter_gzip(writer);
    if (archive_write_open_filename(writer, path.c_str()) != ARCHIVE_OK) {
        throw std::runtime_error("cannot write " + path);
    }
    for (const TarMember& member : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.name.c_str());
        const bool folder = !member.name.empty() && member.name.back() == '/';
        archive_entry_set_filetype(entry, folder ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(entry, folder ? 0755 : 0644);
        archive_entry_set_size(entry, folder ? 0 : static_cast<la_int64_t>(member.content.size()));
        archive_write_header(writer, entry);
        if (!folder) archive_write_data(writer, member.content.data(), member.content.size());
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
}

std::string idxHeader(std::uint32_t magic, const std::vector<std::uint32_t>& dims) {
    std::string out;
    auto put = [&out](std::uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((value >> shift) & 0xFF));
    };
    put(magic);
    for (std::uint32_t dim : dims) put(dim);
    return out;
}

std::uint8_t idxPixel(std::uint32_t record, std::uint32_t offset) {
    return static_cast<std::uint8_t>((record * 7 + offset) % 256);
}

std::string idxImages(std::uint32_t count, std::uint32_t rows, std::uint32_t cols) {
    std::string out = idxHeader(0x00000803, {count, rows, cols});
    for (std::uint32_t i = 0; i < count; ++i) {
        for (std::uint32_t j = 0; j < rows * cols; ++j) out.push_back(static_cast<char>(idxPixel(i, j)));
    }
    return out;
}

std::string idxLabels(const std::vector<std::uint8_t>& labels) {
    std::string out = idxHeader(0x00000801, {static_cast<std::uint32_t>(labels.size())});
    out.append(labels.begin(), labels.end());
    return out;
}

std::vector<Item> readAll(Source& source) {
    std::vector<Item> items;
    Item item;
    while (source.next(item)) items.push_back(item);
    return items;
}

std::vector<Item> readAll(const std::string& path, Format format, const SourceParams& params) {
    auto source = openSource(path, format, params);
    return readAll(*source);
}

std::string errorOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const winnow::Error& e) {
        return e.what();
    }
    return "<no error>";
}

}  // namespace winnow::sources::fixtures
