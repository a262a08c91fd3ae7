// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace winnow::sources::detail {

/// COCO ids are integers; string ids (seen in some exports) are accepted too and sort after them.
struct CocoId {
    bool isString = false;
    std::int64_t number = 0;
    std::string text;
    bool operator<(const CocoId& other) const {
        return std::tie(isString, number, text) < std::tie(other.isString, other.number, other.text);
    }
    bool operator==(const CocoId& other) const {
        return isString == other.isString && number == other.number && text == other.text;
    }
};

/// The parts of a COCO annotation file that ingest uses, in file order. Elements keep the fields they
/// have; missing or mistyped fields are empty optionals (the source decides what to skip).
struct CocoData {
    struct Image {
        std::optional<CocoId> id;
        std::optional<std::string> fileName;
    };
    struct Category {
        std::optional<std::int64_t> id;
        std::optional<std::string> name;
    };
    struct Annotation {
        std::optional<CocoId> imageId;
        std::optional<std::int64_t> categoryId;
        std::optional<std::string> caption;
    };
    std::vector<Image> images;
    std::vector<Category> categories;
    std::vector<Annotation> annotations;
};

/// Reads `path` with a SAX parser that keeps only the fields above (segmentations, bboxes and licenses
/// are never materialised, so instance files of hundreds of megabytes parse quickly in little memory).
/// Throws winnow::Error "<name>: invalid JSON: ..." or "<name>: no \"images\" array ...".
CocoData parseCoco(const std::string& path, const std::string& name);

}  // namespace winnow::sources::detail
