// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/types.h"

namespace winnow::catalog {

class Database;
class ThumbnailPack;

/// A Winnow project: one SQLite file PROJECT.winnow (WAL, foreign keys on) plus bulk data in the folder
/// PROJECT.winnow.d beside it.
///
/// Each Catalog object owns one SQLite connection. Thread affinity: a Catalog is used by one thread at a
/// time; every thread that reads opens its own (opening is cheap). Readers never block the writer (WAL).
/// Edits made here are small and synchronous (tags, subsets, deletes); bulk writes during ingest go
/// through catalog::Writer, the one long-lived writer thread with batched transactions.
class Catalog {
public:
    enum class Mode { ReadOnly, ReadWrite };

    /// Creates a new, empty project. Throws winnow::Error if the path exists.
    static Catalog create(const std::string& path);
    /// Opens an existing project, migrating its schema forward (ReadWrite only). Refuses without touching
    /// it a file that is not a Winnow project, and a project written by a newer Winnow.
    static Catalog open(const std::string& path, Mode mode = Mode::ReadWrite);

    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;
    ~Catalog();

    const std::string& path() const;
    /// PROJECT.winnow.d, created on demand by writers.
    std::string dataDir() const;
    int schemaVersion() const;

    // --- datasets ---
    std::vector<Dataset> datasets() const;
    std::optional<Dataset> dataset(const std::string& name) const;
    std::optional<Dataset> dataset(std::int64_t id) const;
    /// Returns the dataset's id, creating it when absent.
    std::int64_t ensureDataset(const std::string& name, const std::string& source, const std::string& format);

    // --- samples ---
    std::int64_t countSamples(const SampleFilter& filter = {}) const;
    /// Ids in the filter's order; offset/limit page through them (limit < 0: all).
    std::vector<std::int64_t> sampleIds(const SampleFilter& filter = {}, std::int64_t offset = 0,
                                        std::int64_t limit = -1) const;
    std::vector<Sample> samples(const SampleFilter& filter = {}, std::int64_t offset = 0,
                                std::int64_t limit = -1) const;
    std::optional<Sample> sample(std::int64_t id) const;
    /// Samples for the given ids, in the given order (unknown ids are skipped).
    std::vector<Sample> samplesByIds(const std::vector<std::int64_t>& ids) const;
    /// Distinct non-empty values of a column over Ok samples, sorted.
    std::vector<std::string> splits() const;
    std::vector<std::string> labels() const;
    /// The stored thumbnail (from PROJECT.winnow.d/thumbnails.pack, or inline in older projects); nullopt
    /// when the sample has none or its bytes cannot be read.
    std::optional<Thumbnail> thumbnail(std::int64_t sampleId) const;
    /// The perceptual hashes of all Ok samples (optionally of one dataset), ordered by id.
    void phashes(std::vector<std::int64_t>& ids, std::vector<std::uint64_t>& hashes,
                 std::optional<std::int64_t> datasetId = std::nullopt) const;
    /// Groups of >= 2 Ok samples with identical SHA-512, ordered by their smallest id.
    std::vector<ExactGroup> exactDuplicateGroups(std::optional<std::int64_t> datasetId = std::nullopt) const;
    /// Deletes samples (and their thumbnails, tags, subset memberships). Returns how many were deleted.
    std::int64_t deleteSamples(const std::vector<std::int64_t>& ids);

    // --- tags ---
    std::vector<Tag> tags() const;
    /// Tag names of one sample, sorted.
    std::vector<std::string> tagsOf(std::int64_t sampleId) const;
    /// Adds the tag to the samples (creating the tag); returns the ids that did not carry it before, so
    /// that an undo can remove exactly those.
    std::vector<std::int64_t> addTag(const std::string& tag, const std::vector<std::int64_t>& ids);
    /// Removes the tag from the samples; returns the ids that carried it.
    std::vector<std::int64_t> removeTag(const std::string& tag, const std::vector<std::int64_t>& ids);

    // --- subsets ---
    std::vector<Subset> subsets() const;
    std::optional<Subset> subset(const std::string& name) const;
    std::vector<SubsetMember> subsetMembers(std::int64_t subsetId) const;
    /// Saves a subset; members in selection order. Throws winnow::Error if the name is taken.
    std::int64_t saveSubset(const Subset& subset, const std::vector<SubsetMember>& members);
    void deleteSubset(const std::string& name);

    // --- embedders, embeddings, artifacts, scores (issue 3; core/curate drives them) ---
    std::vector<EmbedderRecord> embedders() const;
    std::optional<EmbedderRecord> embedder(const std::string& name) const;
    std::optional<EmbedderRecord> embedder(std::int64_t id) const;
    /// Registers an embedder (id filled in and returned). Throws winnow::Error if the name is taken.
    std::int64_t addEmbedder(const EmbedderRecord& record);
    /// Deletes an embedder with its embedding records and artifacts (the caller removes the files).
    void deleteEmbedder(std::int64_t id);
    std::vector<EmbeddingRecord> embeddings(std::int64_t embedderId) const;
    std::optional<EmbeddingRecord> embedding(std::int64_t datasetId, std::int64_t embedderId) const;
    /// Inserts or updates the record of (datasetId, embedderId).
    void putEmbedding(const EmbeddingRecord& record);

    std::optional<Artifact> artifact(const std::string& kind, std::int64_t embedderId, const std::string& key) const;
    std::vector<Artifact> artifacts(const std::string& kind = "") const;
    /// Inserts or replaces the artifact of (kind, embedderId, key); returns its id.
    std::int64_t putArtifact(const Artifact& artifact);
    void deleteArtifact(std::int64_t id);

    /// Named per-sample scores (typicality, cluster, scorer value, ...): replaces the values of `name`
    /// for the given samples (ids and values of equal length).
    void putScores(const std::string& name, const std::vector<std::int64_t>& ids, const std::vector<double>& values);
    void deleteScores(const std::string& name);
    /// Names of the stored scores, sorted.
    std::vector<std::string> scoreNames() const;
    /// All scores of one sample, by name.
    std::vector<std::pair<std::string, double>> scoresOf(std::int64_t sampleId) const;
    /// Values of one score for the given samples (NaN where missing), in the given order.
    std::vector<double> scores(const std::string& name, const std::vector<std::int64_t>& ids) const;

    /// Runs SQLite's integrity_check; returns "ok" or the problems found.
    std::string integrityCheck() const;

    /// The underlying connection, for core modules that add their own tables (later issues).
    Database& database() const;

private:
    explicit Catalog(std::unique_ptr<Database> db);
    std::unique_ptr<Database> m_db;
    mutable std::unique_ptr<ThumbnailPack> m_thumbnailPack;  ///< opened by the first thumbnail() read
};

}  // namespace winnow::catalog
