// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../benchargs.h"  // Options, UsageError, runSubcommand

namespace winnow::bench {

/// Regular files directly in dir whose extension is .jpg/.jpeg/.png, sorted by name, as absolute paths.
std::vector<std::string> listImages(const std::string& dir);

/// Threads to use: `requested` when > 0, else all cores.
int resolveThreads(long long requested);

double secondsSince(std::chrono::steady_clock::time_point start);

/// Runs body(index) for index in [0, n) on `threads` threads (dynamic, one index at a time). Rethrows
/// the first exception a worker raised, after all workers have stopped.
template <typename Body>
void parallelFor(std::size_t n, int threads, Body&& body) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure) failure = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
    for (auto& w : workers) w.join();
    if (failure) std::rethrow_exception(failure);
}

/// Builds the one-line JSON result every subcommand prints on stdout.
class JsonLine {
public:
    explicit JsonLine(const std::string& op) { add("op", op); }
    JsonLine& add(const std::string& key, const std::string& value);
    JsonLine& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
    JsonLine& add(const std::string& key, double value);
    JsonLine& add(const std::string& key, long long value);
    JsonLine& add(const std::string& key, int value) { return add(key, static_cast<long long>(value)); }
    JsonLine& add(const std::string& key, std::size_t value) { return add(key, static_cast<long long>(value)); }
    JsonLine& add(const std::string& key, bool value);
    void print() const;

private:
    std::string m_body;
};

}  // namespace winnow::bench
