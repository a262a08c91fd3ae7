// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// COCO source: images of a COCO annotation file, by image id, labelled with their categories.

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "common/error.h"
#include "sources/coco_parse.h"
#include "sources/detail.h"

namespace fs = std::filesystem;

namespace winnow::sources::detail {

namespace {

struct CocoImage {
    CocoId id;
    std::string fileName;
    std::set<std::string> labels;  ///< sorted and unique
    std::optional<std::string> caption;
};

class CocoSource final : public Source {
public:
    CocoSource(const std::string& path, const SourceParams& params)
        : m_name(displayName(path)), m_dir(fs::path(absoluteNormal(path)).parent_path()), m_params(params) {
        CocoData data = parseCoco(path, m_name);
        readImages(data.images);
        std::map<std::int64_t, std::string> categories;
        for (CocoData::Category& category : data.categories) {
            if (category.id && category.name) categories[*category.id] = std::move(*category.name);
        }
        readAnnotations(data.annotations, categories);
    }

    Format format() const override { return Format::Coco; }
    std::int64_t sizeHint() const override { return static_cast<std::int64_t>(m_images.size()); }

    bool next(Item& item) override {
        if (m_pos >= m_images.size()) return false;
        CocoImage& image = m_images[m_pos++];
        resetItem(item);
        item.uri = resolve(image.fileName);
        item.payload = Item::Payload::File;
        item.index = -1;
        if (m_params.checkFiles) item.error = checkImageFile(item.uri, m_params.maxItemBytes);
        for (const std::string& label : image.labels) {
            if (!item.label.empty()) item.label += ';';
            item.label += label;
        }
        if (image.caption) item.caption = std::move(*image.caption);
        return true;
    }

    std::vector<std::string> warnings() const override { return m_warnings.lines(); }

private:
    void readImages(std::vector<CocoData::Image>& images) {
        std::set<CocoId> seen;
        for (std::size_t i = 0; i < images.size(); ++i) {
            CocoData::Image& image = images[i];
            const std::string where = m_name + ": images[" + std::to_string(i) + "]";
            if (!image.id || !image.fileName) {
                m_warnings.add(where + " has no id or file_name, skipped");
            } else if (!seen.insert(*image.id).second) {
                m_warnings.add(where + " repeats an image id, skipped");
            } else {
                m_images.push_back(
                    CocoImage{std::move(*image.id), std::move(*image.fileName), {}, std::nullopt});
            }
        }
        std::sort(m_images.begin(), m_images.end(),
                  [](const CocoImage& a, const CocoImage& b) { return a.id < b.id; });
    }

    void readAnnotations(std::vector<CocoData::Annotation>& annotations,
                         const std::map<std::int64_t, std::string>& categories) {
        std::map<CocoId, std::size_t> byId;
        for (std::size_t i = 0; i < m_images.size(); ++i) byId.emplace(m_images[i].id, i);
        std::int64_t unknownImages = 0;
        std::int64_t unknownCategories = 0;
        for (CocoData::Annotation& annotation : annotations) {
            const auto found = annotation.imageId ? byId.find(*annotation.imageId) : byId.end();
            if (found == byId.end()) {
                ++unknownImages;
                continue;
            }
            CocoImage& image = m_images[found->second];
            if (annotation.categoryId) {
                const auto category = categories.find(*annotation.categoryId);
                if (category == categories.end()) {
                    ++unknownCategories;
                } else {
                    image.labels.insert(category->second);
                }
            }
            if (!image.caption && annotation.caption) image.caption = std::move(*annotation.caption);
        }
        if (unknownImages > 0) {
            m_warnings.add(m_name + ": ignored " + plural(unknownImages, "annotation") +
                           " of unknown images");
        }
        if (unknownCategories > 0) {
            m_warnings.add(m_name + ": ignored " + plural(unknownCategories, "annotation") +
                           " with unknown categories");
        }
    }

    /// Relative to the JSON's folder, else to its sibling images/ folder; the first when neither exists.
    std::string resolve(const std::string& fileName) const {
        const fs::path file(fileName);
        if (file.is_absolute()) return absoluteNormal(file);
        const std::string direct = absoluteNormal(m_dir / file);
        std::error_code ec;
        if (fs::exists(direct, ec)) return direct;
        const std::string inImages = absoluteNormal(m_dir / "images" / file);
        if (fs::exists(inImages, ec)) return inImages;
        return direct;
    }

    std::string m_name;
    fs::path m_dir;
    SourceParams m_params;
    std::vector<CocoImage> m_images;
    std::size_t m_pos = 0;
    WarningList m_warnings;
};

}  // namespace

std::unique_ptr<Source> makeCocoSource(const std::string& path, const SourceParams& params) {
    return std::make_unique<CocoSource>(path, params);
}

}  // namespace winnow::sources::detail
