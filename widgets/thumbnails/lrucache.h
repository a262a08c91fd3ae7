// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace winnow::widgets {

/// A least-recently-used map with a fixed number of entries: inserting into a full cache evicts the entry
/// used longest ago, so size() never exceeds capacity(). find() counts as a use; peek() does not.
///
/// Thread affinity: not thread-safe; owned by one thread.
template <typename Key, typename Value>
class LruCache {
public:
    explicit LruCache(std::size_t capacity) : m_capacity(capacity ? capacity : 1) {}

    std::size_t size() const { return m_map.size(); }
    std::size_t capacity() const { return m_capacity; }
    /// Largest size() ever reached (for tests that check the bound).
    std::size_t peakSize() const { return m_peak; }
    std::size_t evictions() const { return m_evictions; }

    bool contains(const Key& key) const { return m_map.count(key) > 0; }

    /// The value, marked as just used; nullptr when absent. Valid until the next insert/remove/clear.
    Value* find(const Key& key) {
        auto it = m_map.find(key);
        if (it == m_map.end()) return nullptr;
        m_order.splice(m_order.begin(), m_order, it->second);
        return &it->second->second;
    }

    /// The value without marking it used; nullptr when absent.
    const Value* peek(const Key& key) const {
        auto it = m_map.find(key);
        return it == m_map.end() ? nullptr : &it->second->second;
    }

    /// Inserts or replaces, evicting the least recently used entry when full.
    void insert(const Key& key, Value value) {
        auto it = m_map.find(key);
        if (it != m_map.end()) {
            it->second->second = std::move(value);
            m_order.splice(m_order.begin(), m_order, it->second);
            return;
        }
        if (m_map.size() >= m_capacity) {
            m_map.erase(m_order.back().first);
            m_order.pop_back();
            ++m_evictions;
        }
        m_order.emplace_front(key, std::move(value));
        m_map.emplace(key, m_order.begin());
        if (m_map.size() > m_peak) m_peak = m_map.size();
    }

    void remove(const Key& key) {
        auto it = m_map.find(key);
        if (it == m_map.end()) return;
        m_order.erase(it->second);
        m_map.erase(it);
    }

    void clear() {
        m_map.clear();
        m_order.clear();
    }

    void setCapacity(std::size_t capacity) {
        m_capacity = capacity ? capacity : 1;
        while (m_map.size() > m_capacity) {
            m_map.erase(m_order.back().first);
            m_order.pop_back();
            ++m_evictions;
        }
    }

private:
    using Entry = std::pair<Key, Value>;
    std::size_t m_capacity;
    std::size_t m_peak = 0;
    std::size_t m_evictions = 0;
    std::list<Entry> m_order;  // most recently used first
    std::unordered_map<Key, typename std::list<Entry>::iterator> m_map;
};

}  // namespace winnow::widgets
