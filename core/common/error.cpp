// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/error.h"

#include <cstring>

namespace winnow {

std::string errnoMessage(const std::string& what, int err) {
    return what + ": " + std::strerror(err);
}

}  // namespace winnow
