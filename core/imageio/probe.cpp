// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <climits>
#include <cstring>

#include "imageio/image.h"

// Header parsing without a decoder: ingest refuses oversized images (decompression bombs) before any
// decoder allocates memory for them, so the dimensions must come from our own bounds-checked reads.
// A known signature with a header too short or malformed to hold the size yields width = height = 0.

namespace winnow::imageio {
namespace {

/// Bounds-checked reads of a byte range; every read outside it yields 0.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(data ? size : 0) {}

    std::size_t size() const { return m_size; }
    bool has(std::size_t offset, std::size_t length) const {
        return offset <= m_size && length <= m_size - offset;
    }
    bool matches(std::size_t offset, const char* text) const { return matches(offset, text, std::strlen(text)); }
    bool matches(std::size_t offset, const char* bytes, std::size_t n) const {
        return has(offset, n) && std::memcmp(m_data + offset, bytes, n) == 0;
    }
    std::uint8_t u8(std::size_t offset) const { return has(offset, 1) ? m_data[offset] : 0; }
    std::uint64_t uint(std::size_t offset, int width, bool littleEndian) const {
        if (!has(offset, static_cast<std::size_t>(width))) {
            return 0;
        }
        std::uint64_t v = 0;
        for (int i = 0; i < width; ++i) {
            const int index = littleEndian ? width - 1 - i : i;
            v = (v << 8) | m_data[offset + static_cast<std::size_t>(index)];
        }
        return v;
    }
    std::uint32_t be16(std::size_t o) const { return static_cast<std::uint32_t>(uint(o, 2, false)); }
    std::uint32_t le16(std::size_t o) const { return static_cast<std::uint32_t>(uint(o, 2, true)); }
    std::uint32_t be32(std::size_t o) const { return static_cast<std::uint32_t>(uint(o, 4, false)); }
    std::uint32_t le24(std::size_t o) const { return static_cast<std::uint32_t>(uint(o, 3, true)); }
    std::uint32_t le32(std::size_t o) const { return static_cast<std::uint32_t>(uint(o, 4, true)); }
    Bytes sub(std::size_t offset, std::size_t length) const {
        if (!has(offset, 0)) {
            return Bytes(nullptr, 0);
        }
        return Bytes(m_data + offset, std::min(length, m_size - offset));
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
};

int clampDimension(std::uint64_t v) { return v > static_cast<std::uint64_t>(INT_MAX) ? INT_MAX : static_cast<int>(v); }

/// Fields of the first IFD of a TIFF structure (a TIFF file or the payload of a JPEG Exif segment).
struct TiffFields {
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    int samples = 0;
    int photometric = -1;
    int orientation = 1;
};

bool readTiffIfd0(const Bytes& b, TiffFields& out) {
    bool le = false;
    if (b.matches(0, "II")) {
        le = true;
    } else if (!b.matches(0, "MM")) {
        return false;
    }
    const auto magic = b.uint(2, 2, le);
    const bool big = magic == 43;  // BigTIFF: 8-byte offsets and counts
    if (magic != 42 && !(big && b.uint(4, 2, le) == 8)) {
        return false;
    }
    const std::uint64_t ifd = big ? b.uint(8, 8, le) : b.uint(4, 4, le);
    const int countBytes = big ? 8 : 2;
    const std::size_t entryBytes = big ? 20 : 12;
    const std::size_t valueOffset = big ? 12 : 8;
    if (!b.has(ifd, static_cast<std::size_t>(countBytes))) {
        return false;
    }
    const std::uint64_t entries = b.uint(ifd, countBytes, le);
    for (std::uint64_t i = 0; i < entries && i < 4096; ++i) {
        const std::size_t e = ifd + countBytes + i * entryBytes;
        if (!b.has(e, entryBytes)) {
            break;
        }
        const auto tag = b.uint(e, 2, le);
        const auto type = b.uint(e + 2, 2, le);
        const auto count = b.uint(e + 4, big ? 8 : 4, le);
        if (count != 1) {
            continue;
        }
        std::uint64_t value = 0;
        if (type == 3) {  // SHORT
            value = b.uint(e + valueOffset, 2, le);
        } else if (type == 4) {  // LONG
            value = b.uint(e + valueOffset, 4, le);
        } else if (type == 16) {  // LONG8 (BigTIFF)
            value = b.uint(e + valueOffset, 8, le);
        } else {
            continue;
        }
        switch (tag) {
        case 256: out.width = value; break;
        case 257: out.height = value; break;
        case 262: out.photometric = static_cast<int>(value); break;
        case 274: out.orientation = value >= 1 && value <= 8 ? static_cast<int>(value) : 1; break;
        case 277: out.samples = static_cast<int>(value); break;
        default: break;
        }
    }
    return true;
}

bool isStartOfFrame(std::uint8_t m) {
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

void probeJpeg(const Bytes& b, HeaderInfo& info) {
    std::size_t pos = 2;
    while (b.has(pos, 2)) {
        if (b.u8(pos) != 0xFF) {
            return;  // not at a marker: corrupt
        }
        while (b.u8(pos) == 0xFF && b.has(pos, 1)) {
            ++pos;  // fill bytes
        }
        if (!b.has(pos, 1)) {
            return;
        }
        const std::uint8_t marker = b.u8(pos++);
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
            continue;  // standalone markers
        }
        if (marker == 0xD9 || marker == 0xDA) {
            return;  // end of image or start of scan before any frame header
        }
        const std::uint32_t length = b.be16(pos);
        if (length < 2) {
            return;
        }
        if (isStartOfFrame(marker)) {
            if (b.has(pos, 8)) {
                info.height = static_cast<int>(b.be16(pos + 3));
                info.width = static_cast<int>(b.be16(pos + 5));
                info.channels = b.u8(pos + 7);
            }
            return;
        }
        if (marker == 0xE1 && length > 8 && b.matches(pos + 2, "Exif\0\0", 6)) {
            TiffFields exif;
            if (readTiffIfd0(b.sub(pos + 8, length - 8), exif)) {
                info.orientation = exif.orientation;
            }
        }
        pos += length;
    }
}

void probePng(const Bytes& b, HeaderInfo& info) {
    if (!b.matches(12, "IHDR") || !b.has(16, 10)) {
        return;
    }
    info.width = clampDimension(b.be32(16));
    info.height = clampDimension(b.be32(20));
    switch (b.u8(25)) {  // colour type
    case 0: info.channels = 1; break;
    case 2: info.channels = 3; break;
    case 3: info.channels = 3; break;  // palette
    case 4: info.channels = 2; break;
    case 6: info.channels = 4; break;
    default: break;
    }
}

void probeBmp(const Bytes& b, HeaderInfo& info) {
    const std::uint32_t dib = b.le32(14);
    int bitsPerPixel = 0;
    if (dib == 12) {  // BITMAPCOREHEADER
        info.width = static_cast<int>(b.le16(18));
        info.height = static_cast<int>(b.le16(20));
        bitsPerPixel = static_cast<int>(b.le16(24));
    } else if (dib >= 16 && b.has(14, 16)) {
        const auto w = static_cast<std::int32_t>(b.le32(18));
        const auto h = static_cast<std::int32_t>(b.le32(22));  // negative: rows stored top-down
        info.width = w > 0 ? w : 0;
        info.height = h == INT_MIN ? 0 : (h < 0 ? -h : h);
        bitsPerPixel = static_cast<int>(b.le16(28));
    }
    info.channels = bitsPerPixel == 32 ? 4 : (bitsPerPixel == 16 || bitsPerPixel == 24) ? 3 : 0;
}

void probeWebp(const Bytes& b, HeaderInfo& info) {
    if (b.matches(12, "VP8 ")) {  // lossy: key frame header after a 3-byte frame tag
        if (b.u8(23) == 0x9D && b.u8(24) == 0x01 && b.u8(25) == 0x2A) {
            info.width = static_cast<int>(b.le16(26) & 0x3FFF);
            info.height = static_cast<int>(b.le16(28) & 0x3FFF);
            info.channels = 3;
        }
    } else if (b.matches(12, "VP8L")) {  // lossless: 14-bit width-1, height-1, alpha hint
        if (b.u8(20) == 0x2F && b.has(21, 4)) {
            const std::uint32_t bits = b.le32(21);
            info.width = static_cast<int>(bits & 0x3FFF) + 1;
            info.height = static_cast<int>((bits >> 14) & 0x3FFF) + 1;
            info.channels = (bits >> 28) & 1 ? 4 : 3;
        }
    } else if (b.matches(12, "VP8X")) {  // extended: 24-bit canvas width-1 and height-1
        if (b.has(20, 10)) {
            info.width = static_cast<int>(b.le24(24)) + 1;
            info.height = static_cast<int>(b.le24(27)) + 1;
            info.channels = b.u8(20) & 0x10 ? 4 : 3;
        }
    }
}

void probeTiff(const Bytes& b, HeaderInfo& info) {
    TiffFields f;
    if (!readTiffIfd0(b, f)) {
        return;
    }
    info.width = clampDimension(f.width);
    info.height = clampDimension(f.height);
    info.channels = f.photometric == 3 ? 3 : (f.samples > 0 ? f.samples : 1);
    info.orientation = f.orientation;
}

}  // namespace

std::optional<HeaderInfo> probeHeader(const std::uint8_t* data, std::size_t size) {
    const Bytes b(data, size);
    HeaderInfo info;
    if (b.u8(0) == 0xFF && b.u8(1) == 0xD8 && b.u8(2) == 0xFF) {
        info.format = "jpeg";
        probeJpeg(b, info);
    } else if (b.matches(0, "\x89PNG\r\n\x1a\n")) {
        info.format = "png";
        probePng(b, info);
    } else if (b.matches(0, "GIF87a") || b.matches(0, "GIF89a")) {
        info.format = "gif";
        if (b.has(6, 4)) {
            info.width = static_cast<int>(b.le16(6));
            info.height = static_cast<int>(b.le16(8));
            info.channels = 3;
        }
    } else if (b.matches(0, "RIFF") && b.matches(8, "WEBP")) {
        info.format = "webp";
        probeWebp(b, info);
    } else if (b.matches(0, "II*") || b.matches(0, "MM") || b.matches(0, "II+")) {
        // "II*\0", "MM\0*" (TIFF) or "II+\0", "MM\0+" (BigTIFF); "MM" alone is checked by the IFD reader.
        if (b.matches(0, "MM") && !(b.u8(2) == 0 && (b.u8(3) == 42 || b.u8(3) == 43))) {
            return std::nullopt;
        }
        if (b.matches(0, "II") && b.u8(3) != 0) {
            return std::nullopt;
        }
        info.format = "tiff";
        probeTiff(b, info);
    } else if (b.matches(0, "BM") && b.has(14, 4)) {
        const std::uint32_t dib = b.le32(14);
        if (dib != 12 && dib != 16 && dib != 40 && dib != 52 && dib != 56 && dib != 64 && dib != 108
            && dib != 124) {
            return std::nullopt;
        }
        info.format = "bmp";
        probeBmp(b, info);
    } else {
        return std::nullopt;
    }
    if (info.width <= 0 || info.height <= 0) {
        info.width = 0;
        info.height = 0;
    }
    return info;
}

}  // namespace winnow::imageio
