// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/threads.h"

#include <dlfcn.h>
#include <omp.h>

#include <algorithm>
#include <thread>

namespace winnow::index::detail {
namespace {

using SetThreads = void (*)(int);
using GetThreads = int (*)();

struct OpenBlas {
    SetThreads set = nullptr;
    GetThreads get = nullptr;
};

const OpenBlas& openBlas() {
    static const OpenBlas api = [] {
        OpenBlas a;
        a.set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
        a.get = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
        if (!a.set || !a.get) a = OpenBlas{};
        return a;
    }();
    return api;
}

}  // namespace

int resolveThreads(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

ThreadScope::ThreadScope(int ompThreads, int blasThreads)
    : m_savedOmp(omp_get_max_threads()), m_savedBlas(openBlas().get ? openBlas().get() : 0) {
    set(ompThreads, blasThreads);
}

ThreadScope::~ThreadScope() {
    omp_set_num_threads(m_savedOmp);
    if (openBlas().set && m_savedBlas > 0) openBlas().set(m_savedBlas);
}

void ThreadScope::set(int ompThreads, int blasThreads) {
    omp_set_num_threads(std::max(1, ompThreads));
    if (openBlas().set) openBlas().set(std::max(1, blasThreads));
}

}  // namespace winnow::index::detail
