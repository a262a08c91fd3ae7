// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/source.h"

#include <array>
#include <filesystem>
#include <utility>

#include "common/error.h"
#include "sources/detail.h"

namespace fs = std::filesystem;

namespace winnow::sources {

namespace {

constexpr std::array<std::pair<Format, std::string_view>, 7> kFormatNames{{
    {Format::Auto, "auto"},
    {Format::Folder, "folder"},
    {Format::ImageFolder, "imagefolder"},
    {Format::Csv, "csv"},
    {Format::Coco, "coco"},
    {Format::Idx, "idx"},
    {Format::Tar, "tar"},
}};

}  // namespace

std::string formatName(Format format) {
    for (const auto& [value, name] : kFormatNames) {
        if (value == format) return std::string(name);
    }
    return "unknown";
}

// Names are matched case-insensitively ("CSV" works too).
std::optional<Format> parseFormat(std::string_view name) {
    const std::string lower = detail::toLower(name);
    for (const auto& [value, known] : kFormatNames) {
        if (known == lower) return value;
    }
    return std::nullopt;
}

// The leading dot is required; the comparison ignores case (".JPG" is an image).
bool isImageExtension(std::string_view extension) {
    static constexpr std::array<std::string_view, 8> kImageExtensions{".jpg", ".jpeg", ".png",  ".webp",
                                                                      ".bmp", ".tif",  ".tiff", ".gif"};
    if (extension.size() < 4 || extension.size() > 5) return false;
    const std::string lower = detail::toLower(extension);
    for (std::string_view known : kImageExtensions) {
        if (known == lower) return true;
    }
    return false;
}

std::unique_ptr<Source> openSource(const std::string& path, Format format, const SourceParams& params) {
    if (format == Format::Auto) format = detectFormat(path);  // also reports a missing path
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::none) throw Error("cannot access " + path + ": " + ec.message());
    if (!fs::exists(status)) throw Error("no such file or directory: " + path);
    const bool isDir = fs::is_directory(status);

    switch (format) {
        case Format::Folder:
        case Format::ImageFolder:
            if (!isDir) throw Error(formatName(format) + " source: not a folder: " + path);
            return detail::makeFolderSource(path, format == Format::ImageFolder, params);
        case Format::Csv:
            if (isDir) throw Error("csv source: expected a .csv file, got a folder: " + path);
            return detail::makeCsvSource(path, params);
        case Format::Coco:
            if (isDir) throw Error("coco source: expected a .json file, got a folder: " + path);
            return detail::makeCocoSource(path, params);
        case Format::Idx:
            return detail::makeIdxSource(path, params);
        case Format::Tar:
            return detail::makeTarSource(path, params);
        case Format::Auto:
            break;
    }
    throw Error("unknown source format");
}

}  // namespace winnow::sources
