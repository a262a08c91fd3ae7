// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers of test_torchembed: fixture paths, decoding, the arrays of tests/data/torchembed/preprocess.*
// (written by make_preprocess.py there), SHA-256 of memory.

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "imageio/image.h"

namespace winnow::torchembed::test {

inline std::string dataPath(const std::string& name) {
    return std::string(WINNOW_TEST_DATA_DIR) + "/" + name;
}
inline std::string sourcePath(const std::string& name) {
    return std::string(WINNOW_SOURCE_DIR) + "/" + name;
}

inline std::vector<std::uint8_t> readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

/// Decodes a fixture image (tests/data/imageio/NAME.png or tests/data/torchembed/NAME.png).
inline imageio::Image fixtureImage(const std::string& name) {
    std::ifstream probe(dataPath("imageio/" + name + ".png"));
    const std::string path =
        probe ? dataPath("imageio/" + name + ".png") : dataPath("torchembed/" + name + ".png");
    const auto bytes = readBytes(path);
    return imageio::decode(bytes.data(), bytes.size());
}

inline std::string sha256Hex(const void* data, std::size_t size) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    static const unsigned char empty = 0;
    EVP_Digest(data ? data : &empty, size, digest, &length, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

/// preprocess.json and preprocess.bin.
class Reference {
public:
    Reference() {
        std::ifstream in(dataPath("torchembed/preprocess.json"));
        m_index = nlohmann::json::parse(in);
        m_blob = readBytes(dataPath("torchembed/preprocess.bin"));
    }
    const nlohmann::json& entries() const { return m_index.at("entries"); }
    const nlohmann::json& entry(const std::string& key) const { return entries().at(key); }

    template <typename T>
    std::vector<T> array(const nlohmann::json& ref) const {
        const std::size_t offset = ref.at("offset").get<std::size_t>();
        const std::size_t count = ref.at("count").get<std::size_t>();
        if (offset + count * sizeof(T) > m_blob.size()) {
            throw std::runtime_error("preprocess.bin too short");
        }
        std::vector<T> out(count);
        std::memcpy(out.data(), m_blob.data() + offset, count * sizeof(T));
        return out;
    }

private:
    nlohmann::json m_index;
    std::vector<std::uint8_t> m_blob;
};

}  // namespace winnow::torchembed::test
