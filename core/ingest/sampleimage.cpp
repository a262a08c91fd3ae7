// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/sampleimage.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "common/error.h"

namespace winnow::ingest {

namespace {
/// Parses an octal (or GNU base-256) numeric tar field.
std::int64_t tarNumber(const char* field, int length) {
    if (static_cast<unsigned char>(field[0]) & 0x80) {
        std::int64_t value = 0;
        for (int i = 1; i < length; ++i) value = (value << 8) | static_cast<unsigned char>(field[i]);
        return value;
    }
    std::int64_t value = 0;
    for (int i = 0; i < length && field[i]; ++i) {
        if (field[i] == ' ') continue;
        if (field[i] < '0' || field[i] > '7') break;
        value = value * 8 + (field[i] - '0');
    }
    return value;
}

/// The header checksum: the byte sum with the checksum field read as spaces.
bool checksumMatches(const char* header) {
    std::int64_t sum = 0;
    for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    return sum == tarNumber(header + 148, 8);
}

std::vector<std::uint8_t> readRange(const std::string& path, std::int64_t offset, std::int64_t size) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open " + path);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.seekg(offset);
    in.read(reinterpret_cast<char*>(bytes.data()), size);
    if (in.gcount() != size) throw Error(path + ": truncated (wanted " + std::to_string(size) + " bytes at offset " +
                                         std::to_string(offset) + ")");
    return bytes;
}
}  // namespace

std::vector<std::uint8_t> readTarMember(const std::string& shard, std::int64_t headerOffset) {
    std::ifstream in(shard, std::ios::binary);
    if (!in) throw Error("cannot open the tar shard " + shard);
    std::int64_t offset = headerOffset;
    for (int guard = 0; guard < 8; ++guard) {  // a few extension headers at most precede the member
        char header[512];
        in.seekg(offset);
        in.read(header, 512);
        if (in.gcount() != 512) throw Error(shard + ": the tar header at offset " + std::to_string(offset) + " is out of the file");
        if (!checksumMatches(header)) throw Error(shard + ": no tar header at offset " + std::to_string(offset));
        const std::int64_t size = tarNumber(header + 124, 12);
        const char type = header[156];
        const std::int64_t data = offset + 512;
        if (type == '0' || type == '\0' || type == '7') {
            if (size > (std::int64_t(1) << 31)) throw Error(shard + ": the member at offset " + std::to_string(offset) + " is too large");
            std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
            in.seekg(data);
            in.read(reinterpret_cast<char*>(bytes.data()), size);
            if (in.gcount() != size) throw Error(shard + ": the member at offset " + std::to_string(offset) + " is truncated");
            return bytes;
        }
        // 'L'/'K' (GNU long names), 'x'/'g' (pax): skip the extension and read the next header.
        offset = data + (size + 511) / 512 * 512;
    }
    throw Error(shard + ": too many tar extension headers at offset " + std::to_string(headerOffset));
}

std::vector<std::uint8_t> readSampleBytes(const catalog::Sample& s) {
    if (!s.member.empty() && s.blobOffset >= 0 && s.blob.empty()) return readTarMember(s.uri, s.blobOffset);
    if (!s.blob.empty()) throw Error(s.uri + ": the sample's pixels are stored raw (no encoded file)");
    std::ifstream in(s.uri, std::ios::binary | std::ios::ate);
    if (!in) throw Error("cannot open " + s.uri);
    const std::int64_t size = in.tellg();
    return readRange(s.uri, 0, size);
}

imageio::Image loadSampleImage(const catalog::Sample& s, const std::string& dataDir, int minSide,
                               std::int64_t maxPixels) {
    const std::string where = s.member.empty() ? s.uri : s.uri + " [" + s.member + "]";
    if (s.status == catalog::SampleStatus::Failed) throw Error(where + ": the sample failed to import (" + s.error + ")");
    if (!s.blob.empty()) {  // raw pixels stored by ingest (IDX)
        const std::int64_t expected = std::int64_t(s.width) * s.height * s.channels;
        if (s.width <= 0 || s.height <= 0 || (s.channels != 1 && s.channels != 3) || s.blobSize != expected)
            throw Error(where + ": the stored pixels do not match " + std::to_string(s.width) + " x " +
                        std::to_string(s.height) + " x " + std::to_string(s.channels));
        imageio::Image image;
        image.width = s.width;
        image.height = s.height;
        image.channels = s.channels;
        image.pixels = readRange(dataDir + "/" + s.blob, s.blobOffset, s.blobSize);
        return image;
    }
    const std::vector<std::uint8_t> bytes = readSampleBytes(s);
    const auto header = imageio::probeHeader(bytes.data(), bytes.size());
    if (!header) throw Error(where + ": not an image (unrecognised header)");
    if (std::int64_t(header->width) * header->height > maxPixels)
        throw Error(where + ": " + std::to_string(header->width) + " x " + std::to_string(header->height) +
                    " is above the pixel limit");
    int reduction = 1;
    if (header->format == "jpeg" && minSide > 0) {
        const int shorter = std::min(header->width, header->height);
        while (reduction < 8 && (shorter + 2 * reduction - 1) / (2 * reduction) >= minSide) reduction *= 2;
    }
    try {
        return imageio::decode(bytes.data(), bytes.size(), reduction);
    } catch (const Error& e) {
        throw Error(where + ": " + e.what());
    }
}

}  // namespace winnow::ingest
