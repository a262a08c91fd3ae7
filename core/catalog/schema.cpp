// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/schema.h"

#include <array>
#include <cstring>
#include <fstream>
#include <vector>

#include "catalog/database.h"
#include "common/error.h"

namespace winnow::catalog {

namespace {

// Forward migrations: entry i takes the schema from version i to i + 1. Never edit a released entry;
// append a new one. Later issues (embeddings, training, metrics, rating) add their tables here.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {
        // 0 -> 1: the catalog of issue 2.
        R"sql(
CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  format TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE samples (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  uri TEXT NOT NULL,
  member TEXT NOT NULL DEFAULT '',
  split TEXT NOT NULL DEFAULT '',
  label TEXT NOT NULL DEFAULT '',
  caption TEXT NOT NULL DEFAULT '',
  sha512 TEXT NOT NULL DEFAULT '',
  byte_size INTEGER NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  channels INTEGER NOT NULL DEFAULT 0,
  format TEXT NOT NULL DEFAULT '',
  phash INTEGER NOT NULL DEFAULT 0,
  dhash INTEGER NOT NULL DEFAULT 0,
  blur REAL NOT NULL DEFAULT 0,
  brightness REAL NOT NULL DEFAULT 0,
  contrast REAL NOT NULL DEFAULT 0,
  status INTEGER NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  blob TEXT NOT NULL DEFAULT '',
  blob_offset INTEGER NOT NULL DEFAULT -1,
  blob_size INTEGER NOT NULL DEFAULT 0,
  UNIQUE (dataset_id, uri, member)
);
CREATE INDEX samples_sha512 ON samples(sha512);
CREATE INDEX samples_label ON samples(label);
CREATE INDEX samples_split ON samples(split);
CREATE INDEX samples_status ON samples(status);
CREATE TABLE thumbnails (
  sample_id INTEGER PRIMARY KEY REFERENCES samples(id) ON DELETE CASCADE,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  jpeg BLOB NOT NULL
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE sample_tags (
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
  PRIMARY KEY (tag_id, sample_id)
) WITHOUT ROWID;
CREATE INDEX sample_tags_sample ON sample_tags(sample_id);
CREATE TABLE subsets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  method TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  seed INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL
);
CREATE TABLE subset_members (
  subset_id INTEGER NOT NULL REFERENCES subsets(id) ON DELETE CASCADE,
  sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  score REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (subset_id, sample_id)
) WITHOUT ROWID;
CREATE INDEX subset_members_sample ON subset_members(sample_id);
)sql",
        // 1 -> 2: embeddings (issue 3). Vectors live in PROJECT.winnow.d/embeddings/<embedder>/ as raw
        // float32 rows (.f32) with the sample id of each row (.ids, int64); `rows` counts the committed rows.
        R"sql(
CREATE TABLE embedders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  identity TEXT NOT NULL,
  dim INTEGER NOT NULL,
  normalized INTEGER NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  created INTEGER NOT NULL
);
CREATE TABLE embeddings (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  embedder_id INTEGER NOT NULL REFERENCES embedders(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  PRIMARY KEY (dataset_id, embedder_id)
) WITHOUT ROWID;
CREATE TABLE artifacts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  embedder_id INTEGER REFERENCES embedders(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  file TEXT NOT NULL,
  info TEXT NOT NULL DEFAULT '{}',
  created INTEGER NOT NULL,
  UNIQUE (kind, embedder_id, key)
);
CREATE TABLE scores (
  name TEXT NOT NULL,
  sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
  value REAL NOT NULL,
  PRIMARY KEY (name, sample_id)
) WITHOUT ROWID;
CREATE INDEX scores_sample ON scores(sample_id);
)sql",
        // 2 -> 3: thumbnails in PROJECT.winnow.d/thumbnails.pack (see ThumbnailPack). A row whose
        // pack_offset is >= 0 has its bytes there and an empty jpeg; older rows keep theirs inline.
        R"sql(
ALTER TABLE thumbnails ADD COLUMN pack_offset INTEGER NOT NULL DEFAULT -1;
ALTER TABLE thumbnails ADD COLUMN pack_size INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO project(key, value) VALUES ('thumbnail_pack_bytes', '0');
)sql",
    };
    return list;
}

}  // namespace

int currentSchemaVersion() { return static_cast<int>(migrations().size()); }

void migrate(Database& db) {
    const int version = static_cast<int>(db.scalar("PRAGMA user_version"));
    const int current = currentSchemaVersion();
    if (version > current) {
        throw Error("this project was written by a newer Winnow (schema version " + std::to_string(version) +
                    ", this build reads up to " + std::to_string(current) + "); please upgrade Winnow");
    }
    if (version == current) return;
    if (db.readOnly()) {
        throw Error("this project uses an older schema (version " + std::to_string(version) +
                    "); it is upgraded in place the first time it is opened for writing: open it in the Winnow app, "
                    "or run a command that writes to it, such as `winnow-cli embed` or `winnow-cli scores --compute`");
    }
    for (int v = version; v < current; ++v) {
        Transaction tx(db);
        db.exec(migrations()[v]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

void checkProjectHeader(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("no such project: " + path);
    std::array<unsigned char, 100> header{};
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const auto got = in.gcount();
    static const char magic[] = "SQLite format 3";
    if (got < 100 || std::memcmp(header.data(), magic, sizeof magic) != 0)
        throw Error(path + " is not a Winnow project (not an SQLite database)");
    const std::uint32_t appId = (std::uint32_t(header[68]) << 24) | (std::uint32_t(header[69]) << 16) |
                                (std::uint32_t(header[70]) << 8) | std::uint32_t(header[71]);
    if (appId != static_cast<std::uint32_t>(kApplicationId))
        throw Error(path + " is not a Winnow project (an SQLite database of another application)");
}

}  // namespace winnow::catalog
