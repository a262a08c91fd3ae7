// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace winnow::catalog {

/// A prepared statement. Bind indices start at 1, column indices at 0. Move-only.
class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);

    /// Steps once: true while a row is available, false when done. Throws winnow::Error on failure.
    bool step();
    /// Steps to completion (for statements without result rows).
    void run();
    void reset();

    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One SQLite connection (RAII). Thread affinity: the thread that uses it; not shared across threads.
class Database {
public:
    /// Opens (readOnly) or opens/creates the file; sets WAL, foreign keys and a busy timeout.
    Database(const std::string& path, bool readOnly, bool create);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    std::int64_t lastInsertRowid() const;
    int changes() const;
    /// Single integer result of a query such as "PRAGMA user_version".
    std::int64_t scalar(std::string_view sql);
    bool readOnly() const { return m_readOnly; }
    const std::string& path() const { return m_path; }
    /// Calls callback(frames now in the WAL) after each commit on this connection (sqlite3_wal_hook).
    /// This replaces SQLite's automatic checkpoints on this connection: the callback decides when to
    /// checkpoint (catalog::Writer hands them to a thread of their own).
    void onCommit(std::function<void(int walFrames)> callback);

private:
    sqlite3* m_db = nullptr;
    std::function<void(int)> m_onCommit;
    std::string m_path;
    bool m_readOnly = false;
};

/// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace winnow::catalog
