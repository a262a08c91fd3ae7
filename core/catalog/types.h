// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace winnow::catalog {

/// Ingest outcome of a sample.
enum class SampleStatus : int { Ok = 1, Failed = 2 };

/// A dataset: one named group of samples from one or more sources.
struct Dataset {
    std::int64_t id = 0;
    std::string name;
    std::string source;  ///< the path it was first imported from
    std::string format;  ///< sources::formatName of that import
    std::int64_t created = 0;  ///< Unix seconds
    std::int64_t imported = 0;  ///< samples with status Ok
    std::int64_t failed = 0;    ///< samples with status Failed
};

/// One row of the samples table. Identity is (datasetId, uri, member).
struct Sample {
    std::int64_t id = 0;
    std::int64_t datasetId = 0;
    std::string uri;     ///< absolute path of the image file, tar shard or IDX images file
    std::string member;  ///< tar member name, IDX record index, or ""
    std::string split;
    std::string label;
    std::string caption;
    std::string sha512;  ///< 128 hex characters ("" when the bytes could not be read)
    std::int64_t byteSize = 0;
    int width = 0;
    int height = 0;
    int channels = 0;
    std::string format;
    std::uint64_t phash = 0;
    std::uint64_t dhash = 0;
    double blur = 0;
    double brightness = 0;
    double contrast = 0;
    SampleStatus status = SampleStatus::Ok;
    std::string error;  ///< why it failed ("" when Ok)
    std::string blob;   ///< bulk pixel file relative to PROJECT.winnow.d ("" when none)
    std::int64_t blobOffset = -1;  ///< byte offset in blob; for tar members the header offset in the shard
    std::int64_t blobSize = 0;
};

/// A stored thumbnail: JPEG bytes.
struct Thumbnail {
    std::int64_t sampleId = 0;
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> jpeg;
};

struct Tag {
    std::int64_t id = 0;
    std::string name;
    std::int64_t count = 0;  ///< samples carrying the tag
};

/// A saved subset: the method and parameters that produced it, and its ordered members.
struct Subset {
    std::int64_t id = 0;
    std::string name;
    std::string method;
    std::string paramsJson;  ///< parameters (or the whole recipe) as JSON text
    std::int64_t seed = 0;
    std::int64_t created = 0;
    std::int64_t size = 0;
};

struct SubsetMember {
    std::int64_t sampleId = 0;
    std::int64_t rank = 0;  ///< 0-based selection order
    double score = 0;
};

/// A registered embedder of a project (issue 3): its name is what commands and the GUI use.
struct EmbedderRecord {
    std::int64_t id = 0;
    std::string name;
    std::string identityJson;  ///< Embedder::identityJson() when it was registered
    int dim = 0;
    bool normalized = false;
    std::string model;  ///< absolute path of the model file ("" for the built-in embedder)
    std::string state;  ///< fitted state file relative to PROJECT.winnow.d ("" when none)
    std::int64_t created = 0;
};

/// The stored vectors of one dataset under one embedder.
struct EmbeddingRecord {
    std::int64_t datasetId = 0;
    std::int64_t embedderId = 0;
    std::string file;  ///< relative to PROJECT.winnow.d: FILE.f32 (rows x dim float32) and FILE.ids (int64)
    std::int64_t rows = 0;  ///< committed rows; the files may hold more after a kill (ignored, then truncated)
    std::int64_t created = 0;
    std::int64_t updated = 0;
};

/// A cached derived result (k-NN graph, vector index, k-means, 2-D layout) keyed by its parameters.
struct Artifact {
    std::int64_t id = 0;
    std::string kind;           ///< "knn", "index", "kmeans", "layout", ...
    std::int64_t embedderId = 0;  ///< 0 when not tied to an embedder
    std::string key;            ///< canonical JSON of everything the result depends on
    std::string file;           ///< relative to PROJECT.winnow.d
    std::string infoJson;       ///< what was measured or chosen while building it
    std::int64_t created = 0;
};

/// Sort orders of sample listings.
enum class SampleOrder { Id, Blur, Brightness, Contrast, Label, Size, Score };

/// Filters of sample listings; unset fields do not filter. All conditions are ANDed.
struct SampleFilter {
    std::optional<std::int64_t> datasetId;
    std::optional<std::string> split;
    std::optional<std::string> label;
    std::optional<std::string> tag;        ///< tag name
    std::optional<std::string> subset;     ///< subset name
    std::optional<SampleStatus> status;
    bool exactDuplicatesOnly = false;      ///< only samples whose SHA-512 occurs more than once
    std::optional<std::vector<std::int64_t>> ids;  ///< only these sample ids (any order; bound as one JSON array, so 100,000s are fine)
    std::optional<double> minBlur, maxBlur;
    std::optional<double> minBrightness, maxBrightness;
    std::optional<double> minContrast, maxContrast;
    std::optional<std::string> text;       ///< substring of uri, member, label or caption
    SampleOrder order = SampleOrder::Id;
    std::string orderScore;  ///< the score name when order is Score (see Catalog::putScores)
    bool descending = false;
};

/// A group of samples sharing one SHA-512.
struct ExactGroup {
    std::string sha512;
    std::vector<std::int64_t> sampleIds;  ///< ascending
};

}  // namespace winnow::catalog
