// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/csv_reader.h"

#include <cerrno>
#include <utility>

#include "common/error.h"

namespace winnow::sources::detail {

CsvReader::CsvReader(const std::string& path, std::string name) : m_name(std::move(name)), m_buffer(1 << 16) {
    m_file.reset(std::fopen(path.c_str(), "rb"));
    if (!m_file) throw Error(errnoMessage("cannot open manifest " + path, errno));
    if (peek() == 0xEF) {  // UTF-8 byte order mark EF BB BF
        get();
        if (get() != 0xBB || get() != 0xBF) fail(1, "invalid UTF-8 byte order mark");
    }
}

int CsvReader::peek() {
    if (m_pos == m_end) {
        m_pos = 0;
        m_end = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file.get());
        if (m_end == 0) {
            if (std::ferror(m_file.get())) fail(m_line, "read error");
            return EOF;
        }
    }
    return static_cast<unsigned char>(m_buffer[m_pos]);
}

int CsvReader::get() {
    const int c = peek();
    if (c != EOF) ++m_pos;
    return c;
}

void CsvReader::fail(std::int64_t line, const std::string& problem) const {
    throw Error(m_name + ":" + std::to_string(line) + ": " + problem);
}

bool CsvReader::readRecord(std::vector<std::string>& fields) {
    fields.clear();
    int c = get();
    // Blank lines (LF or CRLF alone) are not records.
    while (c == '\n' || (c == '\r' && peek() == '\n')) {
        if (c == '\r') get();
        ++m_line;
        c = get();
    }
    if (c == EOF) return false;
    m_recordLine = m_line;

    std::string field;
    while (true) {
        if (c == '"') {
            const std::int64_t quoteLine = m_line;
            while (true) {
                c = get();
                if (c == EOF) fail(quoteLine, "unterminated quoted field");
                if (c == '"') {
                    if (peek() != '"') break;
                    get();
                } else if (c == '\n') {
                    ++m_line;
                }
                field.push_back(static_cast<char>(c));
            }
            c = get();
            if (c == '\r' && peek() == '\n') c = get();
            if (c != ',' && c != '\n' && c != EOF) fail(m_line, "unexpected character after closing quote");
        } else {
            while (c != ',' && c != '\n' && c != EOF) {
                if (c == '\r' && peek() == '\n') {
                    c = get();
                    break;
                }
                field.push_back(static_cast<char>(c));
                c = get();
            }
        }
        fields.push_back(std::move(field));
        field.clear();
        if (c == ',') {
            c = get();
            continue;
        }
        if (c == '\n') ++m_line;
        return true;  // '\n' or EOF ends the record
    }
}

}  // namespace winnow::sources::detail
