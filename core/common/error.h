// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace winnow {

/// Failure of a core call that the user must see (a message meant for people, no stack details).
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by core calls that stopped because Progress::isCanceled() became true.
class Canceled : public Error {
public:
    Canceled() : Error("canceled") {}
};

/// Formats an errno value as "<what>: <strerror>".
std::string errnoMessage(const std::string& what, int err);

}  // namespace winnow
