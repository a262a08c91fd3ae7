// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/samplequery.h"

#include "catalog/database.h"

#include <algorithm>

namespace winnow::catalog {

const char* const kSampleColumns =
    "s.id, s.dataset_id, s.uri, s.member, s.split, s.label, s.caption, s.sha512, s.byte_size, s.width, "
    "s.height, s.channels, s.format, s.phash, s.dhash, s.blur, s.brightness, s.contrast, s.status, s.error, "
    "s.blob, s.blob_offset, s.blob_size";

Sample readSample(const Statement& st) {
    Sample s;
    s.id = st.int64(0);
    s.datasetId = st.int64(1);
    s.uri = st.text(2);
    s.member = st.text(3);
    s.split = st.text(4);
    s.label = st.text(5);
    s.caption = st.text(6);
    s.sha512 = st.text(7);
    s.byteSize = st.int64(8);
    s.width = static_cast<int>(st.int64(9));
    s.height = static_cast<int>(st.int64(10));
    s.channels = static_cast<int>(st.int64(11));
    s.format = st.text(12);
    s.phash = static_cast<std::uint64_t>(st.int64(13));
    s.dhash = static_cast<std::uint64_t>(st.int64(14));
    s.blur = st.real(15);
    s.brightness = st.real(16);
    s.contrast = st.real(17);
    s.status = static_cast<SampleStatus>(st.int64(18));
    s.error = st.text(19);
    s.blob = st.text(20);
    s.blobOffset = st.int64(21);
    s.blobSize = st.int64(22);
    return s;
}

SampleQuery::SampleQuery(const SampleFilter& f) {
    std::vector<std::string> conds;
    auto add = [&](std::string cond, auto value) {
        conds.push_back(std::move(cond));
        params.emplace_back(value);
    };
    if (f.datasetId) add("s.dataset_id = ?", *f.datasetId);
    if (f.split) add("s.split = ?", *f.split);
    if (f.label) add("s.label = ?", *f.label);
    if (f.status) add("s.status = ?", static_cast<std::int64_t>(*f.status));
    if (f.tag)
        add("s.id IN (SELECT st.sample_id FROM sample_tags st JOIN tags t ON t.id = st.tag_id WHERE t.name = ?)",
            *f.tag);
    if (f.subset)
        add("s.id IN (SELECT m.sample_id FROM subset_members m JOIN subsets u ON u.id = m.subset_id "
            "WHERE u.name = ?)",
            *f.subset);
    if (f.exactDuplicatesOnly)
        conds.emplace_back(
            "s.sha512 <> '' AND s.sha512 IN (SELECT sha512 FROM samples WHERE status = 1 AND sha512 <> '' "
            "GROUP BY sha512 HAVING COUNT(*) > 1)");
    if (f.minBlur) add("s.blur >= ?", *f.minBlur);
    if (f.maxBlur) add("s.blur <= ?", *f.maxBlur);
    if (f.minBrightness) add("s.brightness >= ?", *f.minBrightness);
    if (f.maxBrightness) add("s.brightness <= ?", *f.maxBrightness);
    if (f.minContrast) add("s.contrast >= ?", *f.minContrast);
    if (f.maxContrast) add("s.contrast <= ?", *f.maxContrast);
    if (f.text) {
        const std::string like = "%" + *f.text + "%";
        // Four separate parameters keep the positional numbering simple.
        conds.emplace_back("(s.uri LIKE ? OR s.member LIKE ? OR s.label LIKE ? OR s.caption LIKE ?)");
        for (int i = 0; i < 4; ++i) params.emplace_back(like);
    }
    if (f.ids) {
        // One bound JSON array rather than a literal IN list: SQLite parses and codes a 100,000-term list
        // on every prepare (about 0.4 s), while json_each reads the bound text into the IN table in tens of
        // ms. Sorted, the IN table's b-tree is built by appends (about twice as fast).
        std::vector<std::int64_t> sorted = *f.ids;
        std::sort(sorted.begin(), sorted.end());
        sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
        std::string list = "[";
        list.reserve(sorted.size() * 8 + 2);
        for (auto id : sorted) {
            if (list.size() > 1) list += ',';
            list += std::to_string(id);
        }
        list += ']';
        add("s.id IN (SELECT value FROM json_each(?))", list);
    }
    for (std::size_t i = 0; i < conds.size(); ++i) where += (i ? " AND " : " WHERE ") + conds[i];

    const char* column = "s.id";
    switch (f.order) {
        case SampleOrder::Id: column = "s.id"; break;
        case SampleOrder::Blur: column = "s.blur"; break;
        case SampleOrder::Brightness: column = "s.brightness"; break;
        case SampleOrder::Contrast: column = "s.contrast"; break;
        case SampleOrder::Label: column = "s.label"; break;
        case SampleOrder::Size: column = "s.byte_size"; break;
        case SampleOrder::Score: column = nullptr; break;
    }
    std::string key = column ? column : "s.id";
    if (!column) {
        // A named score; quoted as an SQL literal (quotes doubled), samples without it sort as NULL.
        std::string quoted = "'";
        for (char c : f.orderScore) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        quoted += "'";
        key = "(SELECT sc.value FROM scores sc WHERE sc.name = " + quoted + " AND sc.sample_id = s.id)";
    }
    order = std::string(" ORDER BY ") + key + (f.descending ? " DESC" : " ASC");
    if (f.order != SampleOrder::Id) order += ", s.id ASC";
}

int SampleQuery::bind(Statement& st) const {
    int index = 1;
    for (const auto& p : params) {
        std::visit([&](const auto& v) { st.bind(index, v); }, p);
        ++index;
    }
    return index;
}

}  // namespace winnow::catalog
