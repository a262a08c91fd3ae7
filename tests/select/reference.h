// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>

#include "select/matrix.h"

namespace winnow::test {

/// The numpy reference fixtures of tests/data/select (make_reference.py).
inline const nlohmann::json& selectReference() {
    static const nlohmann::json ref = [] {
        std::ifstream in(WINNOW_TEST_DATA_DIR "/select/reference.json");
        return nlohmann::json::parse(in);
    }();
    return ref;
}

inline const select::Matrix& selectMixture() {
    static const select::Matrix m = select::loadNpy(WINNOW_TEST_DATA_DIR "/select/mixture.npy");
    return m;
}

}  // namespace winnow::test
