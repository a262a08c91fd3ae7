// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// IDX (MNIST-style) source: raw 8-bit records streamed from *-images-idx3-ubyte[.gz] files.

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <vector>

#include "common/error.h"
#include "sources/detail.h"

namespace fs = std::filesystem;

namespace winnow::sources::detail {

namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension
constexpr std::uint32_t kMaxRecordBytes = 1u << 24;

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

/// A gzip or plain file read through zlib (gzread passes plain files through unchanged).
class GzReader {
public:
    explicit GzReader(const std::string& path) : m_name(displayName(path)) {
        m_file = gzopen(path.c_str(), "rb");
        if (!m_file) throw Error("cannot open " + path);
        gzbuffer(m_file, 1 << 17);
    }
    ~GzReader() { gzclose(m_file); }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;

    /// Reads up to `size` bytes; fewer only at the end of the data. Throws on corrupt data.
    std::size_t read(void* data, std::size_t size) {
        const int got = gzread(m_file, data, static_cast<unsigned>(size));
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(m_file, &code);
            throw Error(m_name + ": cannot decompress: " + (message ? message : "unknown error"));
        }
        return static_cast<std::size_t>(got);
    }

    std::uint32_t readBigEndian32(const char* what) {
        unsigned char bytes[4];
        if (read(bytes, 4) != 4) throw Error(m_name + ": truncated header (" + what + ")");
        return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
               (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
    }

    void expectMagic(std::uint32_t expected, const char* kind) {
        const std::uint32_t magic = readBigEndian32("magic number");
        if (magic != expected) {
            throw Error(m_name + ": bad magic number " + hex32(magic) + ", expected " + hex32(expected) +
                        " (" + kind + ")");
        }
    }

    const std::string& name() const { return m_name; }

private:
    gzFile m_file = nullptr;
    std::string m_name;
};

struct IdxFile {
    std::string imagesPath;  ///< absolute
    std::string labelsPath;  ///< "" when there is no labels file
    std::string split;
    std::uint32_t count = 0;
    std::uint32_t rows = 0;
    std::uint32_t cols = 0;
};

/// "train" for prefix train (or ending in -train/_train, as EMNIST names), "test" for t10k/test.
std::string splitOfPrefix(const std::string& prefix) {
    const std::string lower = toLower(prefix);
    if (lower == "train" || endsWith(lower, "-train") || endsWith(lower, "_train")) return "train";
    if (lower == "t10k" || lower == "test" || endsWith(lower, "-test") || endsWith(lower, "_test"))
        return "test";
    return {};
}

/// Reads and checks both headers; throws on bad magic, bad sizes or a count mismatch.
IdxFile describe(const std::string& imagesPath, WarningList& warnings) {
    IdxFile file;
    file.imagesPath = imagesPath;
    GzReader images(imagesPath);
    images.expectMagic(kImagesMagic, "IDX unsigned-byte images with 3 dimensions");
    file.count = images.readBigEndian32("record count");
    file.rows = images.readBigEndian32("rows");
    file.cols = images.readBigEndian32("columns");
    if (file.rows == 0 || file.cols == 0 || std::uint64_t{file.rows} * file.cols > kMaxRecordBytes) {
        throw Error(images.name() + ": implausible image size " + std::to_string(file.cols) + "x" +
                    std::to_string(file.rows));
    }

    // "<prefix>-images-idx3-ubyte[.gz]" -> "<prefix>-labels-idx1-ubyte[.gz]" (either separator).
    const fs::path path(imagesPath);
    const std::string name = path.filename().string();
    const std::string lower = toLower(name);
    std::size_t at = lower.rfind("-images-idx3-ubyte");
    if (at == std::string::npos) at = lower.rfind("-images.idx3-ubyte");
    const std::string prefix = name.substr(0, at);
    file.split = splitOfPrefix(prefix);
    // Prefer the labels file compressed like the images file.
    const std::vector<std::string> suffixes =
        endsWith(lower, ".gz") ? std::vector<std::string>{".gz", ""} : std::vector<std::string>{"", ".gz"};
    for (const std::string separator : {"-", "."}) {
        for (const std::string& suffix : suffixes) {
            const fs::path candidate =
                path.parent_path() / (prefix + "-labels" + separator + "idx1-ubyte" + suffix);
            std::error_code ec;
            if (file.labelsPath.empty() && fs::is_regular_file(candidate, ec))
                file.labelsPath = candidate.string();
        }
    }
    if (file.labelsPath.empty()) {
        warnings.add(images.name() + ": no labels file beside it; records have no label");
        return file;
    }
    GzReader labels(file.labelsPath);
    labels.expectMagic(kLabelsMagic, "IDX unsigned-byte labels with 1 dimension");
    const std::uint32_t labelCount = labels.readBigEndian32("label count");
    if (labelCount != file.count) {
        throw Error(labels.name() + ": " + std::to_string(labelCount) + " labels for " +
                    std::to_string(file.count) + " images in " + images.name());
    }
    return file;
}

/// Streams one images file at a time, record by record; only its labels (one byte each) are held.
class IdxSource final : public Source {
public:
    IdxSource(const std::string& path, const SourceParams& params) {
        const std::string root = absoluteNormal(path);
        std::vector<std::string> imagesPaths;
        std::error_code ec;
        if (fs::is_directory(root, ec)) {
            std::set<std::string> names;
            for (fs::directory_iterator it(root, ec); !ec && it != fs::directory_iterator();
                 it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (!name.empty() && name[0] != '.' && isIdxImagesName(name)) names.insert(name);
            }
            for (const std::string& name : names) {  // sorted by name
                if (endsWith(toLower(name), ".gz") && names.count(name.substr(0, name.size() - 3))) {
                    m_warnings.add(name + ": skipped, the uncompressed copy is read instead");
                    continue;
                }
                imagesPaths.push_back(root + "/" + name);
            }
            if (imagesPaths.empty()) throw Error(root + ": no IDX images files (*-images-idx3-ubyte[.gz])");
        } else {
            imagesPaths.push_back(root);
        }
        for (const std::string& imagesPath : imagesPaths) {
            m_files.push_back(describe(imagesPath, m_warnings));
            m_total += m_files.back().count;
        }
    }

    Format format() const override { return Format::Idx; }
    std::int64_t sizeHint() const override { return m_total; }

    bool next(Item& item) override {
        try {
            return readRecord(item);
        } catch (const Error&) {
            m_fileIndex = m_files.size();  // the source is finished after a fatal error
            m_images.reset();
            throw;
        }
    }

    std::vector<std::string> warnings() const override { return m_warnings.lines(); }

private:
    bool readRecord(Item& item) {
        while (m_fileIndex < m_files.size()) {
            const IdxFile& file = m_files[m_fileIndex];
            if (!m_images) open(file);
            if (m_record >= file.count) {
                m_images.reset();
                ++m_fileIndex;
                continue;
            }
            resetItem(item);
            const std::size_t size = std::size_t{file.rows} * file.cols;
            item.bytes.resize(size);
            if (m_images->read(item.bytes.data(), size) != size) {
                throw Error(m_images->name() + ": truncated after " + std::to_string(m_record) + " of " +
                            std::to_string(file.count) + " records");
            }
            item.uri = file.imagesPath;
            item.member = std::to_string(m_record);
            item.split = file.split;
            if (!m_labels.empty()) item.label = std::to_string(m_labels[m_record]);
            item.payload = Item::Payload::Raw;
            item.rawWidth = static_cast<int>(file.cols);
            item.rawHeight = static_cast<int>(file.rows);
            item.rawChannels = 1;
            item.index = m_record;
            ++m_record;
            return true;
        }
        return false;
    }

    void open(const IdxFile& file) {
        m_labels.clear();
        if (!file.labelsPath.empty()) {
            GzReader labels(file.labelsPath);
            labels.readBigEndian32("magic number");
            labels.readBigEndian32("label count");
            m_labels.resize(file.count);
            const std::size_t got = labels.read(m_labels.data(), m_labels.size());
            if (got != m_labels.size()) {
                throw Error(labels.name() + ": truncated after " + std::to_string(got) + " of " +
                            std::to_string(file.count) + " labels");
            }
        }
        m_images = std::make_unique<GzReader>(file.imagesPath);
        for (int i = 0; i < 4; ++i) m_images->readBigEndian32("header");  // checked by describe()
        m_record = 0;
    }

    std::vector<IdxFile> m_files;
    std::int64_t m_total = 0;
    std::size_t m_fileIndex = 0;
    std::unique_ptr<GzReader> m_images;
    std::vector<std::uint8_t> m_labels;
    std::uint32_t m_record = 0;
    WarningList m_warnings;
};

}  // namespace

std::unique_ptr<Source> makeIdxSource(const std::string& path, const SourceParams& params) {
    return std::make_unique<IdxSource>(path, params);
}

}  // namespace winnow::sources::detail
