// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstring>
#include <filesystem>

#include "common/error.h"
#include "sources/detail.h"
#include "sources/source.h"

namespace fs = std::filesystem;

namespace winnow::sources {

namespace {

Format detectFileFormat(const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    const std::string lower = detail::toLower(name);
    if (detail::endsWith(lower, ".csv")) return Format::Csv;
    if (detail::endsWith(lower, ".json")) return Format::Coco;
    if (detail::isTarName(lower)) return Format::Tar;
    if (detail::isIdxImagesName(lower)) return Format::Idx;
    throw Error("cannot detect the format of " + path +
                ": expected a folder, a .csv or .json file, a .tar shard or an IDX images file");
}

// Looks at the first level only, so detection stays cheap on folders with millions of files.
Format detectFolderFormat(const std::string& path) {
    bool hasIdx = false;
    bool hasTopImages = false;
    int tars = 0;
    int subfolders = 0;
    int otherFiles = 0;
    const int error = detail::listFolder(path, [&](std::string_view name, bool isFolder) {
        if (isFolder) {
            ++subfolders;
        } else if (detail::isIdxImagesName(name)) {
            hasIdx = true;
        } else if (detail::isTarName(name)) {
            ++tars;
        } else {
            ++otherFiles;
            if (isImageExtension(detail::extensionOf(name))) hasTopImages = true;
        }
    });
    if (error != 0) throw Error("cannot read folder " + path + ": " + std::strerror(error));

    if (hasIdx) return Format::Idx;
    if (tars > 0 && otherFiles == 0 && subfolders == 0) return Format::Tar;
    if (!hasTopImages && subfolders > 0) return Format::ImageFolder;
    return Format::Folder;
}

}  // namespace

Format detectFormat(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::none) throw Error("cannot access " + path + ": " + ec.message());
    if (!fs::exists(status)) throw Error("no such file or directory: " + path);
    if (fs::is_directory(status)) return detectFolderFormat(path);
    return detectFileFormat(path);
}

}  // namespace winnow::sources
