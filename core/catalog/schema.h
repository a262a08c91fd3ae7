// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace winnow::catalog {

class Database;

/// SQLite application_id of Winnow projects ("WNNW").
constexpr std::int32_t kApplicationId = 0x574E4E57;

/// The schema version this build writes (PRAGMA user_version).
int currentSchemaVersion();

/// Applies every migration after the database's version, each in its own transaction.
/// Throws winnow::Error when the database is newer than this build.
void migrate(Database& db);

/// Checks the first 100 bytes of an existing file without opening it through SQLite:
/// throws winnow::Error unless it is an SQLite database whose application_id is Winnow's.
void checkProjectHeader(const std::string& path);

}  // namespace winnow::catalog
