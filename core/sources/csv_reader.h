// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace winnow::sources::detail {

/// Streaming RFC 4180 reader: fields separated by ',', records by LF or CRLF, fields optionally
/// enclosed in '"' (then they may hold ',', '"' doubled, and line breaks). A leading UTF-8 BOM is
/// skipped, blank lines are skipped, a quote inside an unquoted field is kept as data (lenient, as
/// spreadsheets write `5" screen`). Errors throw winnow::Error "<file>:<line>: <problem>".
class CsvReader {
public:
    /// `path` is opened now; `name` names the file in messages. Throws winnow::Error.
    CsvReader(const std::string& path, std::string name);

    /// Reads the next record into `fields`; false at the end of the file.
    bool readRecord(std::vector<std::string>& fields);
    /// 1-based line where the record last returned by readRecord() started.
    std::int64_t recordLine() const { return m_recordLine; }
    const std::string& name() const { return m_name; }

private:
    int get();
    int peek();
    [[noreturn]] void fail(std::int64_t line, const std::string& problem) const;

    struct FileCloser {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };
    std::unique_ptr<std::FILE, FileCloser> m_file;
    std::string m_name;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    std::int64_t m_line = 1;
    std::int64_t m_recordLine = 0;
};

}  // namespace winnow::sources::detail
