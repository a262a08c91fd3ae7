// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/select: a small task runner for the embarrassingly parallel parts of the selectors.

#include <cstdint>
#include <functional>
#include <string_view>

#include "common/progress.h"

namespace winnow::select::detail {

/// Runs task(t) for every t in [0, count) on up to std::thread::hardware_concurrency() threads (the calling
/// thread is one of them) and returns when all are done. Tasks are taken in increasing t; each must write
/// only its own outputs, so results do not depend on the thread count. Only the calling thread touches
/// progress: after each task it ran it polls isCanceled() and reports (tasks done, count, stage).
/// Throws winnow::Canceled once canceled (after the running tasks end, no new ones start), or rethrows the
/// first exception a task threw.
void runTasks(std::int64_t count, Progress& progress, std::string_view stage,
              const std::function<void(std::int64_t)>& task);

}  // namespace winnow::select::detail
