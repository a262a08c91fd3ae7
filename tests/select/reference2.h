// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>

namespace winnow::test {

/// The numpy reference fixtures of tests/data/select/reference2.json (make_reference2.py).
inline const nlohmann::json& selectReference2() {
    static const nlohmann::json ref = [] {
        std::ifstream in(WINNOW_TEST_DATA_DIR "/select/reference2.json");
        return nlohmann::json::parse(in);
    }();
    return ref;
}

}  // namespace winnow::test
