// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::sources {

/// Kinds of dataset source that ingest understands.
enum class Format { Auto, Folder, ImageFolder, Csv, Coco, Idx, Tar };

/// "auto", "folder", "imagefolder", "csv", "coco", "idx", "tar" (parseFormat ignores case).
std::string formatName(Format format);
std::optional<Format> parseFormat(std::string_view name);

/// One sample as a source yields it. Identity in the catalog is (dataset, uri, member).
struct Item {
    enum class Payload {
        File,   ///< encoded image in the file at uri; the consumer reads it (in a worker thread)
        Bytes,  ///< encoded image bytes in `bytes` (tar members)
        Raw     ///< raw 8-bit pixels in `bytes`, rawWidth x rawHeight x rawChannels (IDX records)
    };

    std::string uri;     ///< absolute path of the image file, tar shard or IDX images file
    std::string member;  ///< tar: member name of the image; IDX: record index in decimal; otherwise ""
    std::string split;   ///< "" when unknown (ingest then applies --split)
    std::string label;
    std::string caption;
    Payload payload = Payload::File;
    std::vector<std::uint8_t> bytes;
    int rawWidth = 0;
    int rawHeight = 0;
    int rawChannels = 0;
    std::int64_t index = 0;  ///< IDX: record index; tar: header offset in the archive; files: -1
    std::string error;       ///< non-empty when this item cannot be read; it is recorded as failed
};

/// Options common to all sources.
struct SourceParams {
    /// Members or files larger than this are yielded with an error instead of their bytes.
    std::int64_t maxItemBytes = 1LL << 30;
    /// Files (folders, CSV, COCO): stat and open each one in next() to fill Item::error. Ingest turns this
    /// off: its reader finds the same problems, with the same messages, when it reads the file, and the
    /// feeding thread saves three system calls per file (about 5 us each on the project machine).
    bool checkFiles = true;
};

/// A forward-only stream of items in a deterministic order (sorted paths; archive order; record order).
/// Not thread-safe: one thread calls next().
///
/// Per format (see openSource):
/// - Folder / ImageFolder: images by extension, recursively, in byte order of the whole path; hidden
///   entries skipped; each physical folder walked once (symlink loops end); `name.txt` beside
///   `name.jpg` is its caption. ImageFolder: label = first folder level, or the second one below
///   train/test/val/valid/validation split folders (split then "train", "test" or "val").
/// - Csv: rows in manifest order; row errors (field count, unterminated quote) are thrown by next()
///   when the row is reached, after the rows before it were yielded; empty paths are skipped (warning).
/// - Coco: images by id; label = sorted unique category names joined by ';'; caption = first caption.
/// - Idx: records streamed one file at a time, files in name order (t10k before train).
/// - Tar: samples in archive order, shards in name order. Damage (corrupt or truncated shard, a later
///   shard that is not a tar) throws from next() after every sample completed before it was yielded;
///   the sample being assembled at that point is dropped, since members of it may be missing.
/// Files or members that are missing, unreadable or larger than maxItemBytes are yielded with `error`
/// set. After next() has thrown, the source is finished: further calls return false.
class Source {
public:
    virtual ~Source() = default;
    virtual Format format() const = 0;
    /// Number of items when cheap to know (before iterating), otherwise -1.
    virtual std::int64_t sizeHint() const = 0;
    /// Fills `item` (all fields reset) with the next item; false at the end. Throws winnow::Error on a
    /// fatal problem with the source itself (unreadable manifest, not a tar, bad IDX magic).
    virtual bool next(Item& item) = 0;
    /// Non-fatal problems met so far (skipped manifest lines, unknown members, ...), one per line.
    virtual std::vector<std::string> warnings() const { return {}; }
};

/// Guesses the format from a path: a .csv file, a .json file (COCO), a .tar file, an *-idx3-ubyte[.gz]
/// file or a folder holding such files (IDX), a folder whose every entry with images is a subfolder
/// (ImageFolder), otherwise a folder of images. Throws winnow::Error with a clear message.
Format detectFormat(const std::string& path);

/// Opens a source (detecting the format when Auto). Throws winnow::Error.
std::unique_ptr<Source> openSource(const std::string& path, Format format = Format::Auto,
                                   const SourceParams& params = {});

/// File extensions (with the dot; case is ignored) treated as images in folders and tar shards. Manifest
/// (CSV, COCO) entries are yielded whatever their extension; a CSV counts the others in a warning.
bool isImageExtension(std::string_view extension);

}  // namespace winnow::sources
