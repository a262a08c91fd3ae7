// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/tar_sample.h"

#include <nlohmann/json.hpp>

#include "sources/detail.h"

namespace winnow::sources::detail {

MemberName splitMemberName(std::string_view name) {
    MemberName out;
    const std::size_t slash = name.rfind('/');
    const std::size_t baseStart = slash == std::string_view::npos ? 0 : slash + 1;
    const std::string_view base = name.substr(baseStart);
    if (base.empty() || base.front() == '.') {
        out.hidden = true;
        return out;
    }
    const std::size_t dot = base.find('.');
    out.key = std::string(name.substr(0, baseStart)) + std::string(base.substr(0, dot));
    if (dot != std::string_view::npos) out.extension = toLower(base.substr(dot + 1));
    return out;
}

MemberKind memberKind(std::string_view extension) {
    if (extension == "txt") return MemberKind::Caption;
    if (extension == "cls") return MemberKind::Label;
    if (extension == "json") return MemberKind::Json;
    if (isImageExtension("." + std::string(extension))) return MemberKind::Image;
    return MemberKind::Other;
}

void TarSample::clear() {
    key.clear();
    active = false;
    hasImage = false;
    imageMember.clear();
    imageOffset = 0;
    imageBytes.clear();
    imageError.clear();
    caption.reset();
    label.reset();
    jsonCaption.reset();
    jsonLabel.reset();
}

namespace {

/// Strings as they are, integers in decimal (WebDataset class indices), anything else ignored.
std::optional<std::string> scalarText(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    if (value.is_number()) return value.dump();
    return std::nullopt;
}

}  // namespace

bool TarSample::applyJson(std::string_view text) {
    const nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!doc.is_object()) return false;
    for (const char* field : {"label", "cls", "class"}) {
        const auto found = doc.find(field);
        if (found == doc.end()) continue;
        if (auto value = scalarText(*found)) {
            jsonLabel = trim(*value);
            break;
        }
    }
    for (const char* field : {"caption", "text"}) {
        const auto found = doc.find(field);
        if (found != doc.end() && found->is_string()) {
            jsonCaption = found->get<std::string>();
            break;
        }
    }
    return true;
}

void TarSample::moveTo(Item& item, const std::string& uri) {
    resetItem(item);
    item.uri = uri;
    item.member = std::move(imageMember);
    item.payload = Item::Payload::Bytes;
    item.bytes = std::move(imageBytes);
    item.index = imageOffset;
    item.error = std::move(imageError);
    if (label) {
        item.label = std::move(*label);
    } else if (jsonLabel) {
        item.label = std::move(*jsonLabel);
    }
    if (caption) {
        item.caption = std::move(*caption);
    } else if (jsonCaption) {
        item.caption = std::move(*jsonCaption);
    }
    clear();
}

}  // namespace winnow::sources::detail
