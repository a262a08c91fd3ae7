// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/detail.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>

namespace fs = std::filesystem;

namespace winnow::sources::detail {

int listFolder(const std::string& dir, const std::function<void(std::string_view name, bool isFolder)>& visit) {
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr) return errno != 0 ? errno : EIO;
    int error = 0;
    for (;;) {
        errno = 0;
        const dirent* entry = ::readdir(handle);
        if (entry == nullptr) {
            error = errno;
            break;
        }
        const std::string_view name(entry->d_name);
        if (name.empty() || name[0] == '.') continue;
        bool isFolder = entry->d_type == DT_DIR;
        if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
            struct stat st {};
            isFolder = ::stat(joinPath(dir, name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        }
        visit(name, isFolder);
    }
    ::closedir(handle);
    return error;
}

std::string_view extensionOf(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot);
}

std::string joinPath(const std::string& dir, std::string_view name) {
    std::string out;
    out.reserve(dir.size() + 1 + name.size());
    out += dir;
    if (out.empty() || out.back() != '/') out += '/';
    out += name;
    return out;
}

std::string toLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

namespace {
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin])) ++begin;
    while (end > begin && isSpace(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

std::string trimTrailingNewlines(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
    return std::string(text.substr(0, end));
}

std::string absoluteNormal(const fs::path& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    if (ec) absolute = path;
    std::string out = absolute.lexically_normal().string();
    // lexically_normal keeps a trailing separator ("/data/x/"); identities must not depend on it.
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

std::string displayName(const fs::path& path) {
    std::string name = fs::path(absoluteNormal(path)).filename().string();
    return name.empty() ? path.string() : name;
}

std::string checkImageFile(const std::string& path, std::int64_t maxBytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) return "file not found";
        return std::string("cannot read: ") + std::strerror(err);
    }
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    if (static_cast<std::int64_t>(st.st_size) > maxBytes) {
        return "file too large (" + std::to_string(st.st_size) + " bytes, limit " + std::to_string(maxBytes) +
               ")";
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return std::string("cannot read: ") + std::strerror(errno);
    ::close(fd);
    return {};
}

std::string readCaptionFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string_view view(text);
    if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
    return trimTrailingNewlines(view);
}

std::string canonicalSplit(std::string_view name) {
    const std::string lower = toLower(name);
    if (lower == "train") return "train";
    if (lower == "test") return "test";
    if (lower == "val" || lower == "valid" || lower == "validation") return "val";
    return {};
}

bool isIdxImagesName(std::string_view fileName) {
    std::string lower = toLower(fileName);
    if (endsWith(lower, ".gz")) lower.resize(lower.size() - 3);
    return endsWith(lower, "-images-idx3-ubyte") || endsWith(lower, "-images.idx3-ubyte");
}

bool isTarName(std::string_view fileName) {
    const std::string lower = toLower(fileName);
    return endsWith(lower, ".tar") || endsWith(lower, ".tar.gz") || endsWith(lower, ".tgz");
}

void resetItem(Item& item) {
    item.uri.clear();
    item.member.clear();
    item.split.clear();
    item.label.clear();
    item.caption.clear();
    item.payload = Item::Payload::File;
    item.bytes.clear();
    item.rawWidth = 0;
    item.rawHeight = 0;
    item.rawChannels = 0;
    item.index = 0;
    item.error.clear();
}

void WarningList::add(std::string message) {
    if (m_lines.size() < m_limit) {
        m_lines.push_back(std::move(message));
    } else {
        ++m_dropped;
    }
}

std::vector<std::string> WarningList::lines() const {
    std::vector<std::string> out = m_lines;
    if (m_dropped > 0) out.push_back("... and " + plural(m_dropped, "more warning"));
    return out;
}

std::string plural(std::int64_t count, std::string_view what) {
    std::string out = std::to_string(count) + " " + std::string(what);
    if (count != 1) out += "s";
    return out;
}

}  // namespace winnow::sources::detail
