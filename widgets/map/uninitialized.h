// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to widgets/map: vectors whose resize() leaves new elements of trivial types uninitialised,
// for buffers of millions of values that are written in full right after (zeroing them first would
// double the memory traffic of building a layout).

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace winnow::widgets::detail {

template <class T, class Base = std::allocator<T>>
class DefaultInitAllocator : public Base {
    using Traits = std::allocator_traits<Base>;

public:
    template <class U>
    struct rebind {
        using other = DefaultInitAllocator<U, typename Traits::template rebind_alloc<U>>;
    };

    using Base::Base;
    DefaultInitAllocator() = default;
    template <class U, class B>
    DefaultInitAllocator(const DefaultInitAllocator<U, B>& other) : Base(other) {}

    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        Traits::construct(static_cast<Base&>(*this), p, std::forward<Args>(args)...);
    }
};

/// std::vector whose resize(n) does not zero new trivial elements.
template <class T>
using UninitVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace winnow::widgets::detail
