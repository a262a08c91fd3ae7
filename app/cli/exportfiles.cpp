// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportfiles.h"

#include <fstream>

#include "common/error.h"
#include "imageio/image.h"
#include "sources/source.h"

namespace winnow::cli {

namespace fs = std::filesystem;

FolderExport::FolderExport(const std::string& target, std::string dataDir, bool symlinks)
    : m_dataDir(std::move(dataDir)), m_symlinks(symlinks) {
    std::error_code ec;
    fs::create_directories(target, ec);
    if (ec || !fs::is_directory(target)) throw Error("cannot create the folder " + target);
    m_target = fs::canonical(target);
}

std::string FolderExport::fileName(const catalog::Sample& s) {
    std::string base = fs::path(s.member.empty() ? s.uri : s.member).filename().string();
    if (s.format == "raw") base = fs::path(s.uri).filename().string() + "-" + s.member + ".png";
    std::string clean;
    for (char c : base) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '-' || c == '_';
        clean += ok ? c : '_';
    }
    while (!clean.empty() && clean.front() == '.') clean.erase(clean.begin());
    if (clean.empty()) clean = "image";
    return std::to_string(s.id) + "_" + clean;
}

fs::path FolderExport::place(const catalog::Sample& s) const {
    const fs::path p = m_target / fileName(s);
    // fileName() cannot contain a separator, but check anyway: nothing is ever written outside.
    if (p.parent_path() != m_target) throw Error("refusing to write outside " + m_target.string());
    return p;
}

bool FolderExport::writeBytes(const fs::path& path, const std::vector<std::uint8_t>& bytes, std::string& error) {
    std::error_code ec;
    fs::remove(path, ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
        error = "cannot write " + path.string();
        return false;
    }
    return true;
}

bool FolderExport::tarMember(const catalog::Sample& s, std::vector<std::uint8_t>& bytes, std::string& error) {
    auto shard = m_tarCache.find(s.uri);
    if (shard == m_tarCache.end()) {
        // Read the shard once, keeping every image member (exports of one shard come together).
        shard = m_tarCache.emplace(s.uri, std::map<std::string, std::vector<std::uint8_t>>()).first;
        try {
            auto src = sources::openSource(s.uri, sources::Format::Tar);
            sources::Item item;
            while (src->next(item)) shard->second[item.member] = std::move(item.bytes);
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    auto it = shard->second.find(s.member);
    if (it == shard->second.end()) {
        if (error.empty()) error = "member " + s.member + " not found in " + s.uri;
        return false;
    }
    bytes = it->second;
    return true;
}

bool FolderExport::write(const catalog::Sample& s, std::string& error) {
    const fs::path dest = place(s);
    std::error_code ec;
    if (s.format == "raw") {
        // IDX record: read the stored pixels and write a PNG.
        std::ifstream in(fs::path(m_dataDir) / s.blob, std::ios::binary);
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(s.blobSize));
        in.seekg(s.blobOffset);
        if (!in.read(reinterpret_cast<char*>(pixels.data()), s.blobSize)) {
            error = "stored pixels missing in " + s.blob;
            return false;
        }
        imageio::Image image{s.width, s.height, s.channels, std::move(pixels)};
        return writeBytes(dest, imageio::encodePng(image), error);
    }
    if (!s.member.empty()) {
        std::vector<std::uint8_t> bytes;
        return tarMember(s, bytes, error) && writeBytes(dest, bytes, error);
    }
    if (!fs::exists(s.uri, ec)) {
        error = "source file missing: " + s.uri;
        return false;
    }
    fs::remove(dest, ec);
    if (m_symlinks) fs::create_symlink(s.uri, dest, ec);
    else fs::copy_file(s.uri, dest, fs::copy_options::overwrite_existing, ec);
    if (ec) {
        error = ec.message();
        return false;
    }
    return true;
}

}  // namespace winnow::cli
