// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "common/progress.h"

using winnow::SimpleProgress;

TEST(Progress, SimpleProgressRecordsAndCancels) {
    SimpleProgress p;
    EXPECT_FALSE(p.isCanceled());
    p.report(3, 10, "hashing");
    EXPECT_EQ(p.done(), 3);
    EXPECT_EQ(p.total(), 10);
    EXPECT_EQ(p.stage(), "hashing");
    p.cancel();
    EXPECT_TRUE(p.isCanceled());
    EXPECT_FALSE(winnow::nullProgress().isCanceled());
}
