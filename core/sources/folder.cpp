// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Folder and ImageFolder sources: a recursive walk that yields image paths (Payload::File).

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "common/error.h"
#include "sources/detail.h"

namespace fs = std::filesystem;

namespace winnow::sources::detail {

namespace {

/// The walk is done up front (sizeHint is exact and the order is a global byte-order sort of the
/// paths); next() only stats/opens the file and reads its caption.
class FolderSource final : public Source {
public:
    FolderSource(const std::string& path, bool imageFolder, const SourceParams& params)
        : m_root(absoluteNormal(path)), m_imageFolder(imageFolder), m_params(params) {
        std::error_code ec;
        fs::directory_iterator probe(m_root, ec);
        if (ec) throw Error("cannot read folder " + m_root + ": " + ec.message());
        struct stat st {};
        if (::stat(m_root.c_str(), &st) == 0) m_visited.insert({st.st_dev, st.st_ino});
        walk(m_root);
        // Each folder's images come sorted, so a flat folder is in order already (10,000 string
        // comparisons instead of about 140,000).
        const auto byPath = [](const Entry& a, const Entry& b) { return a.path < b.path; };
        if (!std::is_sorted(m_entries.begin(), m_entries.end(), byPath)) {
            std::sort(m_entries.begin(), m_entries.end(), byPath);
        }
        if (m_imageFolder) m_splitMode = detectSplitLayout();
    }

    Format format() const override { return m_imageFolder ? Format::ImageFolder : Format::Folder; }
    std::int64_t sizeHint() const override { return static_cast<std::int64_t>(m_entries.size()); }

    bool next(Item& item) override {
        if (m_pos >= m_entries.size()) return false;
        const Entry& entry = m_entries[m_pos++];
        resetItem(item);
        item.uri = entry.path;
        item.payload = Item::Payload::File;
        item.index = -1;
        if (m_params.checkFiles) item.error = checkImageFile(entry.path, m_params.maxItemBytes);
        if (!entry.captionPath.empty()) item.caption = readCaptionFile(entry.captionPath);
        if (m_imageFolder) assignLabel(entry.path, item);
        return true;
    }

    std::vector<std::string> warnings() const override {
        std::vector<std::string> out = m_warnings.lines();
        if (m_nonImageFiles > 0) out.push_back("ignored " + plural(m_nonImageFiles, "non-image file"));
        return out;
    }

private:
    struct Entry {
        std::string path;         ///< absolute, under m_root
        std::string captionPath;  ///< "" when the image has no caption file
    };

    void walk(const std::string& dir) {
        std::vector<std::string> subdirs;
        std::vector<std::string> images;
        std::map<std::string, std::string> textByStem;  // "name" -> "name.txt" (any case of .txt)
        const int error = listFolder(dir, [&](std::string_view name, bool isFolder) {
            if (isFolder) {  // symlinks followed; loops are cut by m_visited
                subdirs.emplace_back(name);
                return;
            }
            const std::string_view ext = extensionOf(name);
            if (isImageExtension(ext)) {
                images.emplace_back(name);
            } else if (ext.size() == 4 && toLower(ext) == ".txt") {
                textByStem.emplace(std::string(name.substr(0, name.size() - 4)), std::string(name));
            } else {
                ++m_nonImageFiles;
            }
        });
        if (error != 0) m_warnings.add("cannot read folder " + dir + ": " + std::strerror(error));

        std::sort(images.begin(), images.end());
        std::set<std::string> captionStems;
        for (const std::string& name : images) {
            Entry entry{joinPath(dir, name), {}};
            const std::string stem = name.substr(0, name.size() - extensionOf(name).size());
            const auto caption = textByStem.find(stem);
            if (caption != textByStem.end()) {
                entry.captionPath = joinPath(dir, caption->second);
                captionStems.insert(stem);
            }
            m_entries.push_back(std::move(entry));
        }
        for (const auto& [stem, name] : textByStem) {
            if (!captionStems.count(stem)) ++m_nonImageFiles;  // a .txt that captions nothing
        }
        // Sorted so that which of two links to one folder is walked does not depend on readdir order.
        std::sort(subdirs.begin(), subdirs.end());
        for (const std::string& name : subdirs) {
            const std::string child = joinPath(dir, name);
            struct stat st {};
            if (::stat(child.c_str(), &st) != 0) continue;
            // Each physical folder is walked once: symlink loops end, and a folder linked twice is not
            // yielded twice.
            if (!m_visited.insert({st.st_dev, st.st_ino}).second) {
                m_warnings.add("skipped " + child + ": folder already visited (symlink)");
                continue;
            }
            walk(child);
        }
    }

    /// Split layout: every top-level subfolder is a split name and each holds at least one class folder.
    bool detectSplitLayout() {
        std::error_code ec;
        bool anySplit = false;
        for (fs::directory_iterator it(m_root, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code typeEc;
            if (name.empty() || name[0] == '.' || !it->is_directory(typeEc)) continue;
            if (canonicalSplit(name).empty() || !hasSubfolder(it->path())) return false;
            anySplit = true;
        }
        return anySplit;
    }

    static bool hasSubfolder(const fs::path& dir) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code typeEc;
            if (!name.empty() && name[0] != '.' && it->is_directory(typeEc)) return true;
        }
        return false;
    }

    /// label = first folder below the root (or below the split folder); split from the split folder.
    void assignLabel(const std::string& path, Item& item) const {
        const std::size_t start = m_root == "/" ? 1 : m_root.size() + 1;
        std::vector<std::string_view> folders;
        std::string_view rest(path);
        rest.remove_prefix(std::min(start, rest.size()));
        for (std::size_t slash = rest.find('/'); slash != std::string_view::npos; slash = rest.find('/')) {
            folders.push_back(rest.substr(0, slash));
            rest.remove_prefix(slash + 1);
        }
        std::size_t labelIndex = 0;
        if (m_splitMode && !folders.empty()) {
            item.split = canonicalSplit(folders[0]);
            labelIndex = 1;
        }
        if (folders.size() > labelIndex) item.label = std::string(folders[labelIndex]);
    }

    std::string m_root;
    bool m_imageFolder = false;
    bool m_splitMode = false;
    SourceParams m_params;
    std::vector<Entry> m_entries;
    std::size_t m_pos = 0;
    std::set<std::pair<dev_t, ino_t>> m_visited;
    std::int64_t m_nonImageFiles = 0;
    WarningList m_warnings;
};

}  // namespace

std::unique_ptr<Source> makeFolderSource(const std::string& path, bool imageFolder,
                                         const SourceParams& params) {
    return std::make_unique<FolderSource>(path, imageFolder, params);
}

}  // namespace winnow::sources::detail
