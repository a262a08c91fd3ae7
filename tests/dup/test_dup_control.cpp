// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Cancellation and progress of nearPairs, components(), and the internals the search rests on: the
// popcount kernels and the pigeonhole layout of the substrings.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "codes_util.h"
#include "common/error.h"
#include "dup/hamming.h"
#include "dup/neardup.h"
#include "dup/plan.h"

using namespace winnow::dup;
using winnow::dup::test::clusteredCodes;
using winnow::dup::test::naivePairs;
using winnow::dup::test::randomCodes;
using winnow::dup::test::samePairs;

namespace {

/// Records what nearPairs tells it, checks it is told from the test's thread only, and cancels itself
/// after a number of reports (never, by default).
class RecordingProgress : public winnow::Progress {
public:
    explicit RecordingProgress(int cancelAfterReports = -1) : m_cancelAfter(cancelAfterReports) {}

    bool isCanceled() const override {
        m_foreignThread |= std::this_thread::get_id() != m_owner;
        return m_canceled;
    }
    void report(std::int64_t done, std::int64_t total, std::string_view stage) override {
        m_foreignThread |= std::this_thread::get_id() != m_owner;
        m_monotonic &= done >= m_lastDone && done <= total;
        m_lastDone = done;
        m_total = total;
        m_stage.assign(stage);
        if (++m_reports == m_cancelAfter) m_canceled = true;
    }

    bool m_canceled = false;
    mutable bool m_foreignThread = false;
    bool m_monotonic = true;
    int m_reports = 0;
    std::int64_t m_lastDone = 0;
    std::int64_t m_total = -1;
    std::string m_stage;

private:
    int m_cancelAfter;
    std::thread::id m_owner = std::this_thread::get_id();
};

}  // namespace

TEST(NearDupControl, CanceledBeforeStartThrows) {
    winnow::SimpleProgress progress;
    progress.cancel();
    EXPECT_THROW(nearPairs(randomCodes(1000, 1), {}, progress), winnow::Canceled);
    EXPECT_THROW(nearPairs({}, {}, progress), winnow::Canceled);
}

TEST(NearDupControl, CanceledWhileRunningThrows) {
    const auto codes = clusteredCodes(20000, 500, 6, 3);
    for (int m : {0, 1, 4}) {
        NearParams params;
        params.substrings = m;
        RecordingProgress progress(1);  // cancels at the first report, once the workers are started
        EXPECT_THROW(nearPairs(codes, params, progress), winnow::Canceled) << "substrings=" << m;
        EXPECT_FALSE(progress.m_foreignThread);
    }
}

TEST(NearDupControl, CancelFromAnotherThreadStopsPromptly) {
    // All pairs of 400,000 codes take seconds (8e10 comparisons); the cancel must land well before.
    const auto codes = randomCodes(400000, 4);
    NearParams params;
    params.substrings = 1;
    winnow::SimpleProgress progress;
    std::chrono::steady_clock::time_point canceledAt;
    std::thread canceler([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        canceledAt = std::chrono::steady_clock::now();
        progress.cancel();
    });
    EXPECT_THROW(nearPairs(codes, params, progress), winnow::Canceled);
    const auto thrownAt = std::chrono::steady_clock::now();
    canceler.join();
    EXPECT_LT(std::chrono::duration<double>(thrownAt - canceledAt).count(), 1.0);
}

TEST(NearDupControl, ReportsFromCallingThreadUpToTotal) {
    const auto codes = clusteredCodes(30000, 800, 8, 5);
    RecordingProgress progress;
    const auto pairs = nearPairs(codes, {}, progress);
    EXPECT_FALSE(pairs.empty());
    EXPECT_FALSE(progress.m_foreignThread);
    EXPECT_TRUE(progress.m_monotonic);
    EXPECT_GT(progress.m_reports, 0);
    EXPECT_EQ(progress.m_lastDone, progress.m_total);
    EXPECT_EQ(progress.m_stage, "near-duplicate search");
}

TEST(DupComponents, NumberedBySmallestMember) {
    // 0-3-5 and 1-4 and 2 alone, 6-7 joined through a chain listed out of order.
    const std::vector<NearPair> pairs{{3, 5, 1}, {1, 4, 2}, {0, 3, 0}, {6, 8, 1}, {7, 8, 4}};
    const std::vector<std::uint32_t> expected{0, 1, 2, 0, 1, 0, 3, 3, 3};
    EXPECT_EQ(components(9, pairs), expected);
    EXPECT_TRUE(components(0, {}).empty());
    EXPECT_EQ(components(3, {}), (std::vector<std::uint32_t>{0, 1, 2}));
    EXPECT_THROW(components(3, {{1, 3, 0}}), std::invalid_argument);
}

TEST(DupComponents, OfNearPairs) {
    const auto codes = clusteredCodes(3000, 40, 4, 8);
    const auto ids = components(codes.size(), nearPairs(codes));
    // Ids appear in increasing order of first appearance, without gaps.
    std::uint32_t next = 0;
    for (std::uint32_t id : ids) {
        ASSERT_LE(id, next);
        if (id == next) ++next;
    }
    EXPECT_LT(next, 3000u);  // the clusters did merge
}

TEST(NearDupInternals, KernelsAgree) {
    const auto codes = clusteredCodes(3001, 10, 20, 6);
    const auto scan = detail::scanFunction();
    const auto scanBlock = detail::scanBlockFunction();
    std::vector<std::uint32_t> best(codes.size());
    std::vector<std::uint32_t> portable(codes.size());
    std::vector<detail::BlockHit> blockBest(13 * codes.size());
    std::vector<detail::BlockHit> blockPortable(13 * codes.size());
    for (int r : {0, 5, 17, 40, 64})
        for (std::size_t q = 0; q < 40; ++q)
            for (std::size_t len :
                 {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{9}, codes.size()}) {
                const std::size_t a = scan(codes[q], codes.data() + 1, len - (len > 0), r, best.data());
                const std::size_t b =
                    detail::scanPortable(codes[q], codes.data() + 1, len - (len > 0), r, portable.data());
                ASSERT_EQ(a, b);
                ASSERT_TRUE(std::equal(best.begin(), best.begin() + a, portable.begin()));
                const std::size_t c =
                    scanBlock(codes.data() + q, 13, codes.data() + 1, len - (len > 0), r, blockBest.data());
                const std::size_t d = detail::scanBlockPortable(codes.data() + q, 13, codes.data() + 1,
                                                                len - (len > 0), r, blockPortable.data());
                ASSERT_EQ(c, d);
                for (std::size_t k = 0; k < c; ++k) {
                    ASSERT_EQ(blockBest[k].query, blockPortable[k].query);
                    ASSERT_EQ(blockBest[k].code, blockPortable[k].code);
                }
            }
    // The whole search on the portable kernels.
    detail::forcePortableKernels(true);
    NearParams params;
    params.substrings = 4;
    const auto pairs = nearPairs(codes, params);
    EXPECT_STREQ(detail::scanKernelName(), "portable");
    detail::forcePortableKernels(false);
    EXPECT_TRUE(samePairs(pairs, naivePairs(codes, params.maxDistance)));
    std::cout << "[ kernel   ] " << detail::scanKernelName() << "\n";
}

TEST(NearDupInternals, LayoutCoversEveryPairWithinRadius) {
    // Pigeonhole: any pair within r agrees within the radius on at least one kept substring.
    std::mt19937_64 rng(77);
    for (int r = 0; r <= 64; ++r)
        for (int m : {3, 4, 5, 7, 16, 64}) {
            const auto tables = detail::substringLayout(m, r);
            for (int trial = 0; trial < 200; ++trial) {
                std::uint64_t x = 0;  // the XOR of a pair at distance exactly r
                while (__builtin_popcountll(x) < r) x |= std::uint64_t{1} << (rng() % 64);
                bool covered = false;
                for (const auto& t : tables) {
                    const std::uint64_t mask = t.bits == 64 ? ~0ULL : (std::uint64_t{1} << t.bits) - 1;
                    covered |= __builtin_popcountll((x >> t.shift) & mask) <= t.radius;
                }
                ASSERT_TRUE(covered) << "r=" << r << " m=" << m;
            }
        }
    for (int bits : {1, 5, 16, 21})
        for (int radius : {0, 1, 2, 3})
            EXPECT_EQ(static_cast<double>(detail::ballMasks(bits, radius).size()),
                      detail::ballSize(bits, radius));
}

TEST(NearDupInternals, PlanFallsBackToAllPairsWhenTheIndexWouldNotPay) {
    using detail::SearchMethod;
    const auto many = randomCodes(200000, 10);
    const auto plan = detail::planSearch(many, 10, 0);
    EXPECT_EQ(plan.method, SearchMethod::MultiIndex) << detail::describePlan(plan);
    EXPECT_LT(plan.estimatedSeconds, plan.allPairsSeconds / 10);

    EXPECT_EQ(detail::planSearch(randomCodes(100, 11), 10, 0).method, SearchMethod::AllPairs);
    EXPECT_EQ(detail::planSearch(many, 0, 0).method, SearchMethod::Nothing);
    // A third of all pairs are within 30: no index beats reading them all.
    EXPECT_EQ(detail::planSearch(randomCodes(20000, 12), 30, 0).method, SearchMethod::AllPairs);
    EXPECT_EQ(detail::planSearch(many, 10, 1).method, SearchMethod::AllPairs);
    EXPECT_EQ(detail::planSearch(many, 10, 5).substrings, 5);
}
