// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/index: FAISS reports failures as faiss::FaissException, whose message holds a source
// location; callers of core/index get winnow::Error with a sentence instead.

#include <faiss/impl/FaissException.h>

#include <string>

#include "common/error.h"

namespace winnow::index::detail {

/// Runs fn(); a faiss::FaissException becomes winnow::Error("<what>: FAISS failed: <message>").
template <class Fn>
void guardFaiss(const std::string& what, Fn&& fn) {
    try {
        fn();
    } catch (const faiss::FaissException& e) {
        throw Error(what + ": FAISS failed: " + e.msg);
    }
}

}  // namespace winnow::index::detail
