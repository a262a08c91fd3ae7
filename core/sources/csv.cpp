// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CSV manifest source: one row per image, in manifest order; rows are parsed as they are consumed.

#include <array>
#include <filesystem>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "sources/csv_reader.h"
#include "sources/detail.h"

namespace fs = std::filesystem;

namespace winnow::sources::detail {

namespace {

constexpr int kNoColumn = -1;

/// Path column names, by priority when a header holds several of them.
constexpr std::array<std::string_view, 5> kPathColumns{"path", "filepath", "file_name", "filename", "image"};

/// Row errors (wrong field count, unterminated quote) are thrown from next() when the row is reached,
/// after the rows before it have been yielded; header errors are thrown when the source is opened.
class CsvSource final : public Source {
public:
    CsvSource(const std::string& path, const SourceParams& params)
        : m_reader(path, displayName(path)),
          m_dir(fs::path(absoluteNormal(path)).parent_path()),
          m_params(params) {
        std::vector<std::string> header;
        if (!m_reader.readRecord(header))
            throw Error(m_reader.name() + ": empty manifest (a header row is required)");
        m_columns = static_cast<int>(header.size());
        for (std::string& name : header) name = toLower(trim(name));
        for (std::string_view candidate : kPathColumns) {
            m_pathColumn = find(header, candidate);
            if (m_pathColumn != kNoColumn) break;
        }
        if (m_pathColumn == kNoColumn) {
            throw Error(m_reader.name() + ":" + std::to_string(m_reader.recordLine()) +
                        ": no path column (expected one of path, filepath, file_name, filename, image)");
        }
        m_labelColumn = find(header, "label");
        m_captionColumn = find(header, "caption");
        if (m_captionColumn == kNoColumn) m_captionColumn = find(header, "text");
        m_splitColumn = find(header, "split");
    }

    Format format() const override { return Format::Csv; }
    std::int64_t sizeHint() const override { return -1; }

    bool next(Item& item) override {
        if (m_failed) return false;
        try {
            return readRow(item);
        } catch (const Error&) {
            m_failed = true;  // the source is finished after a fatal error
            throw;
        }
    }

    std::vector<std::string> warnings() const override {
        std::vector<std::string> out = m_warnings.lines();
        if (m_notImageExtension > 0) {
            out.push_back(m_reader.name() + ": " + plural(m_notImageExtension, "path") +
                          " without an image extension");
        }
        return out;
    }

private:
    /// Yields the next row with a path; throws winnow::Error on a malformed row.
    bool readRow(Item& item) {
        while (m_reader.readRecord(m_fields)) {
            const std::string line = m_reader.name() + ":" + std::to_string(m_reader.recordLine());
            if (static_cast<int>(m_fields.size()) != m_columns) {
                throw Error(line + ": expected " + std::to_string(m_columns) + " fields, found " +
                            std::to_string(m_fields.size()));
            }
            const std::string relative = trim(m_fields[m_pathColumn]);
            if (relative.empty()) {
                m_warnings.add(line + ": empty path, row skipped");
                continue;
            }
            resetItem(item);
            const fs::path file(relative);
            item.uri = absoluteNormal(file.is_absolute() ? file : m_dir / file);
            item.payload = Item::Payload::File;
            item.index = -1;
            if (m_params.checkFiles) item.error = checkImageFile(item.uri, m_params.maxItemBytes);
            if (m_labelColumn != kNoColumn) item.label = trim(m_fields[m_labelColumn]);
            if (m_captionColumn != kNoColumn) item.caption = trimTrailingNewlines(m_fields[m_captionColumn]);
            if (m_splitColumn != kNoColumn) {
                // Known split names are canonicalised ("validation" -> "val"); others are kept as written.
                const std::string split = trim(m_fields[m_splitColumn]);
                const std::string canonical = canonicalSplit(split);
                item.split = canonical.empty() ? split : canonical;
            }
            if (!isImageExtension(file.extension().string())) ++m_notImageExtension;
            return true;
        }
        return false;
    }

    static int find(const std::vector<std::string>& header, std::string_view name) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) return static_cast<int>(i);
        }
        return kNoColumn;
    }

    CsvReader m_reader;
    fs::path m_dir;
    SourceParams m_params;
    int m_columns = 0;
    int m_pathColumn = kNoColumn;
    int m_labelColumn = kNoColumn;
    int m_captionColumn = kNoColumn;
    int m_splitColumn = kNoColumn;
    std::vector<std::string> m_fields;
    WarningList m_warnings;
    std::int64_t m_notImageExtension = 0;
    bool m_failed = false;
};

}  // namespace

std::unique_ptr<Source> makeCsvSource(const std::string& path, const SourceParams& params) {
    return std::make_unique<CsvSource>(path, params);
}

}  // namespace winnow::sources::detail
