// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "embed/state.h"

#include <cmath>
#include <cstring>

#include <openssl/evp.h>

#include "common/error.h"

namespace winnow::embed::detail {
namespace {

constexpr char kMagic[] = "WINNOW-BUILTIN-EMBEDDER\n";
constexpr std::size_t kMagicSize = sizeof(kMagic) - 1;
constexpr std::size_t kDigestSize = 32;
constexpr std::size_t kHeaderSize = kMagicSize + 4 * 4 + 8 + 8;

void digest(const std::uint8_t* data, std::size_t size, unsigned char* out) {
    unsigned int length = 0;
    static const std::uint8_t empty = 0;
    if (EVP_Digest(size ? data : &empty, size, out, &length, EVP_sha256(), nullptr) != 1 ||
        length != kDigestSize) {
        throw Error("SHA-256 failed (OpenSSL)");
    }
}

class Writer {
public:
    explicit Writer(std::vector<std::uint8_t>& out) : m_out(out) {}
    void u32(std::uint32_t v) {
        for (int k = 0; k < 4; ++k) m_out.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
    }
    void u64(std::uint64_t v) {
        for (int k = 0; k < 8; ++k) m_out.push_back(static_cast<std::uint8_t>(v >> (8 * k)));
    }
    void f32(float v) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, 4);
        u32(bits);
    }
    void f64(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, 8);
        u64(bits);
    }

private:
    std::vector<std::uint8_t>& m_out;
};

class Reader {
public:
    explicit Reader(const std::uint8_t* p) : m_p(p) {}
    std::uint32_t u32() {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(m_p[k]) << (8 * k);
        m_p += 4;
        return v;
    }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        for (int k = 0; k < 8; ++k) v |= static_cast<std::uint64_t>(m_p[k]) << (8 * k);
        m_p += 8;
        return v;
    }
    float f32() {
        const std::uint32_t bits = u32();
        float v;
        std::memcpy(&v, &bits, 4);
        return v;
    }
    double f64() {
        const std::uint64_t bits = u64();
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }

private:
    const std::uint8_t* m_p;
};

}  // namespace

std::string sha256Hex(const std::uint8_t* data, std::size_t size) {
    unsigned char d[kDigestSize];
    digest(data, size, d);
    static const char hex[] = "0123456789abcdef";
    std::string s(2 * kDigestSize, '0');
    for (std::size_t k = 0; k < kDigestSize; ++k) {
        s[2 * k] = hex[d[k] >> 4];
        s[2 * k + 1] = hex[d[k] & 15];
    }
    return s;
}

std::vector<std::uint8_t> serializeState(const Whitening& w, int featureVersion) {
    std::vector<std::uint8_t> out(kMagic, kMagic + kMagicSize);
    out.reserve(kHeaderSize + 8 * w.eigenvalues.size() + 4 * (w.mean.size() + w.projection.size()) +
                kDigestSize);
    Writer put(out);
    put.u32(kStateFormat);
    put.u32(static_cast<std::uint32_t>(featureVersion));
    put.u32(static_cast<std::uint32_t>(w.inputDim));
    put.u32(static_cast<std::uint32_t>(w.outputDim));
    put.u64(static_cast<std::uint64_t>(w.fitCount));
    put.f64(w.epsilon);
    for (double v : w.eigenvalues) put.f64(v);
    for (float v : w.mean) put.f32(v);
    for (float v : w.projection) put.f32(v);
    unsigned char d[kDigestSize];
    digest(out.data(), out.size(), d);
    out.insert(out.end(), d, d + kDigestSize);
    return out;
}

Whitening parseState(const std::vector<std::uint8_t>& bytes, int featureVersion, int rawDim,
                     const std::string& name) {
    const std::string what = name + ": ";
    if (bytes.size() < kMagicSize || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0) {
        throw Error(what + "not a state file of Winnow's built-in embedder");
    }
    if (bytes.size() < kHeaderSize + kDigestSize) {
        throw Error(what + "built-in embedder state file is truncated");
    }
    Reader get(bytes.data() + kMagicSize);
    const std::uint32_t format = get.u32();
    if (format != kStateFormat) {
        throw Error(what + "built-in embedder state file has format " + std::to_string(format) +
                    "; this Winnow reads format " + std::to_string(kStateFormat));
    }
    const std::uint32_t version = get.u32();
    if (version != static_cast<std::uint32_t>(featureVersion)) {
        throw Error(what + "built-in embedder state was fitted for feature version " +
                    std::to_string(version) + ", this Winnow computes version " +
                    std::to_string(featureVersion) + ": fit the embedder again");
    }
    Whitening w;
    const std::uint32_t in = get.u32();
    const std::uint32_t outDim = get.u32();
    if (in != static_cast<std::uint32_t>(rawDim) || outDim < 1 || outDim > in) {
        throw Error(what + "built-in embedder state has dimensions " + std::to_string(in) + " -> " +
                    std::to_string(outDim) + ", which this Winnow cannot use (raw dimension " +
                    std::to_string(rawDim) + ")");
    }
    const std::size_t expected = kHeaderSize + 8 * static_cast<std::size_t>(outDim) +
                                 4 * (static_cast<std::size_t>(in) + static_cast<std::size_t>(outDim) * in) +
                                 kDigestSize;
    if (bytes.size() != expected) {
        throw Error(what + "built-in embedder state file has " + std::to_string(bytes.size()) +
                    " bytes, expected " + std::to_string(expected) + " (truncated or corrupt)");
    }
    unsigned char d[kDigestSize];
    digest(bytes.data(), bytes.size() - kDigestSize, d);
    if (std::memcmp(d, bytes.data() + bytes.size() - kDigestSize, kDigestSize) != 0) {
        throw Error(what + "built-in embedder state file is corrupt (checksum mismatch)");
    }
    w.inputDim = static_cast<int>(in);
    w.outputDim = static_cast<int>(outDim);
    w.fitCount = static_cast<std::int64_t>(get.u64());
    w.epsilon = get.f64();
    bool finite = std::isfinite(w.epsilon) && w.epsilon > 0.0 && w.fitCount >= 2;
    w.eigenvalues.resize(outDim);
    for (double& v : w.eigenvalues) finite = finite && std::isfinite(v = get.f64());
    w.mean.resize(in);
    for (float& v : w.mean) finite = finite && std::isfinite(v = get.f32());
    w.projection.resize(static_cast<std::size_t>(outDim) * in);
    for (float& v : w.projection) finite = finite && std::isfinite(v = get.f32());
    if (!finite) throw Error(what + "built-in embedder state holds invalid numbers");
    return w;
}

}  // namespace winnow::embed::detail
