// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.h"

namespace winnow::sources::detail {

/// WebDataset naming: "dir/000123.seg.png" -> key "dir/000123", extension "seg.png" (lower-cased).
/// The key is the directory plus the basename up to its first dot. `hidden` is set for basenames that
/// start with a dot (e.g. macOS "._000123.jpg" resource forks), which have no usable key.
struct MemberName {
    std::string key;
    std::string extension;
    bool hidden = false;
};
MemberName splitMemberName(std::string_view name);

enum class MemberKind { Image, Caption, Label, Json, Other };
/// Image for image extensions ("jpg", "png", ...), Caption for "txt", Label for "cls", Json for "json".
MemberKind memberKind(std::string_view extension);

/// The members of one sample while its shard is read.
struct TarSample {
    std::string key;
    bool active = false;  ///< at least one member was added
    bool hasImage = false;
    std::string imageMember;
    std::int64_t imageOffset = 0;
    std::vector<std::uint8_t> imageBytes;
    std::string imageError;
    std::optional<std::string> caption;  ///< from .txt
    std::optional<std::string> label;    ///< from .cls
    std::optional<std::string> jsonCaption;
    std::optional<std::string> jsonLabel;

    void clear();
    /// Takes "label"/"cls"/"class" and "caption"/"text" from a .json member; false if it is not a JSON
    /// object.
    bool applyJson(std::string_view text);
    /// Fills `item` (Payload::Bytes) and clears the sample. A .txt caption and a .cls label win over the
    /// .json fields, whatever the member order.
    void moveTo(Item& item, const std::string& uri);
};

}  // namespace winnow::sources::detail
