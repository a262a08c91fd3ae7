// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace winnow::bench {

std::vector<std::string> listImages(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::string ext = it->path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
        if (ext == ".jpg" || ext == ".jpeg" || ext == ".png") files.push_back(fs::absolute(it->path()).string());
    }
    if (ec) throw UsageError("cannot list " + dir + ": " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

int resolveThreads(long long requested) {
    if (requested > 0) return static_cast<int>(requested);
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", c);
            out += esc;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

JsonLine& JsonLine::add(const std::string& key, const std::string& value) {
    m_body += (m_body.empty() ? "" : ", ") + quoted(key) + ": " + quoted(value);
    return *this;
}

JsonLine& JsonLine::add(const std::string& key, double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6g", value);
    m_body += (m_body.empty() ? "" : ", ") + quoted(key) + ": " + text;
    return *this;
}

JsonLine& JsonLine::add(const std::string& key, long long value) {
    m_body += (m_body.empty() ? "" : ", ") + quoted(key) + ": " + std::to_string(value);
    return *this;
}

JsonLine& JsonLine::add(const std::string& key, bool value) {
    m_body += (m_body.empty() ? "" : ", ") + quoted(key) + ": " + (value ? "true" : "false");
    return *this;
}

void JsonLine::print() const {
    std::printf("{%s}\n", m_body.c_str());
    std::fflush(stdout);
}

}  // namespace winnow::bench
