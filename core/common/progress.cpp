// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/progress.h"

namespace winnow {

void SimpleProgress::report(std::int64_t done, std::int64_t total, std::string_view stage) {
    m_done = done;
    m_total = total;
    m_stage.assign(stage);
}

namespace {
class NullProgress final : public Progress {
public:
    bool isCanceled() const override { return false; }
    void report(std::int64_t, std::int64_t, std::string_view) override {}
};
}  // namespace

Progress& nullProgress() {
    static NullProgress instance;
    return instance;
}

}  // namespace winnow
