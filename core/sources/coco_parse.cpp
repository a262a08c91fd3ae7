// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/coco_parse.h"

#include <cstdint>
#include <fstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "common/error.h"

using nlohmann::json;

namespace winnow::sources::detail {

namespace {

/// Depth = containers open: 1 inside the root object, 2 inside a top-level array, 3 inside one of its
/// elements. Only scalars directly inside elements (depth 3) are kept; deeper values are skipped.
class CocoSaxHandler : public json::json_sax_t {
public:
    explicit CocoSaxHandler(CocoData& data) : m_data(data) {}

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t value) override { return integer(value); }
    bool number_unsigned(number_unsigned_t value) override {
        return value <= static_cast<number_unsigned_t>(INT64_MAX) ? integer(static_cast<std::int64_t>(value))
                                                                  : scalar();
    }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool binary(binary_t&) override { return scalar(); }

    bool string(string_t& value) override {
        if (!inElementField()) return scalar();
        switch (m_field) {
            case Field::Id:
                m_id = CocoId{true, 0, value};
                break;
            case Field::ImageId:
                m_imageId = CocoId{true, 0, value};
                break;
            case Field::FileName:
                m_fileName = value;
                break;
            case Field::Name:
                m_name = value;
                break;
            case Field::Caption:
                m_caption = value;
                break;
            default:
                break;
        }
        return true;
    }

    bool key(string_t& name) override {
        if (m_depth == 1) {
            m_section = name == "images"        ? Section::Images
                        : name == "annotations" ? Section::Annotations
                        : name == "categories"  ? Section::Categories
                                                : Section::Other;
        } else if (m_depth == 3 && m_inElement) {
            m_field = name == "id"            ? Field::Id
                      : name == "image_id"    ? Field::ImageId
                      : name == "file_name"   ? Field::FileName
                      : name == "name"        ? Field::Name
                      : name == "category_id" ? Field::CategoryId
                      : name == "caption"     ? Field::Caption
                                              : Field::None;
        }
        return true;
    }

    bool start_object(std::size_t) override {
        if (m_depth == 0) m_rootIsObject = true;
        if (m_depth == 2 && m_inSectionArray) beginElement();
        ++m_depth;
        return true;
    }

    bool end_object() override {
        --m_depth;
        if (m_depth == 2 && m_inElement) endElement();
        return true;
    }

    bool start_array(std::size_t) override {
        if (m_depth == 1 && m_section != Section::Other) {
            m_inSectionArray = true;
            if (m_section == Section::Images) m_hasImages = true;
        }
        scalar();  // an array where an element object should be
        ++m_depth;
        return true;
    }

    bool end_array() override {
        --m_depth;
        if (m_depth == 1) m_inSectionArray = false;
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
        m_error = error.what();
        return false;
    }

    bool hasImages() const { return m_rootIsObject && m_hasImages; }
    const std::string& error() const { return m_error; }

private:
    enum class Section { Other, Images, Annotations, Categories };
    enum class Field { None, Id, ImageId, FileName, Name, CategoryId, Caption };

    bool inElementField() const { return m_depth == 3 && m_inElement && m_field != Field::None; }

    /// A value where an image object should be still counts as an (invalid) image, so that the
    /// warnings' indices match the file.
    bool scalar() {
        if (m_depth == 2 && m_inSectionArray && m_section == Section::Images) m_data.images.emplace_back();
        return true;
    }

    bool integer(std::int64_t value) {
        if (!inElementField()) return scalar();
        if (m_field == Field::Id) m_id = CocoId{false, value, {}};
        if (m_field == Field::ImageId) m_imageId = CocoId{false, value, {}};
        if (m_field == Field::CategoryId) m_categoryId = value;
        return true;
    }

    void beginElement() {
        m_inElement = true;
        m_field = Field::None;
        m_id.reset();
        m_imageId.reset();
        m_categoryId.reset();
        m_fileName.reset();
        m_name.reset();
        m_caption.reset();
    }

    void endElement() {
        m_inElement = false;
        switch (m_section) {
            case Section::Images:
                m_data.images.push_back({std::move(m_id), std::move(m_fileName)});
                break;
            case Section::Categories:
                m_data.categories.push_back({integerId(m_id), std::move(m_name)});
                break;
            case Section::Annotations:
                m_data.annotations.push_back({std::move(m_imageId), m_categoryId, std::move(m_caption)});
                break;
            case Section::Other:
                break;
        }
    }

    /// Category ids are integers; a string id makes the category unusable.
    static std::optional<std::int64_t> integerId(const std::optional<CocoId>& id) {
        if (!id || id->isString) return std::nullopt;
        return id->number;
    }

    CocoData& m_data;
    int m_depth = 0;
    bool m_rootIsObject = false;
    bool m_hasImages = false;
    bool m_inSectionArray = false;
    bool m_inElement = false;
    Section m_section = Section::Other;
    Field m_field = Field::None;
    std::optional<CocoId> m_id;
    std::optional<CocoId> m_imageId;
    std::optional<std::int64_t> m_categoryId;
    std::optional<std::string> m_fileName;
    std::optional<std::string> m_name;
    std::optional<std::string> m_caption;
    std::string m_error;
};

}  // namespace

CocoData parseCoco(const std::string& path, const std::string& name) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open " + path);
    CocoData data;
    CocoSaxHandler handler(data);
    if (!json::sax_parse(in, &handler)) throw Error(name + ": invalid JSON: " + handler.error());
    if (!handler.hasImages()) throw Error(name + ": no \"images\" array (not a COCO annotation file?)");
    return data;
}

}  // namespace winnow::sources::detail
