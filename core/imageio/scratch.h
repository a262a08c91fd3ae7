// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to core/imageio: buffers reused from call to call by the same thread.

#include <cstddef>
#include <memory>

namespace winnow::imageio::detail {

/// Scratch buffers larger than this are released after use instead of being kept for the next call.
constexpr std::size_t kScratchKeepBytes = std::size_t{8} << 20;

/// An uninitialised buffer that one thread reuses (instances are thread_local, never shared). Ingest
/// analyses images in long-lived worker threads; without reuse every image would allocate, zero and
/// page-fault the same few hundred kilobytes, which costs more than some of the analysis itself.
template <typename T>
class Scratch {
public:
    /// At least count elements; previous contents are not preserved.
    T* get(std::size_t count) {
        if (count > m_capacity) {
            m_data.reset(new T[count]);
            m_capacity = count;
        }
        return m_data.get();
    }
    /// Frees the buffer if it is too large to keep around.
    void trim() {
        if (m_capacity * sizeof(T) > kScratchKeepBytes) {
            m_data.reset();
            m_capacity = 0;
        }
    }

private:
    std::unique_ptr<T[]> m_data;
    std::size_t m_capacity = 0;
};

}  // namespace winnow::imageio::detail
