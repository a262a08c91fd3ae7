// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The browser on 100,000 samples: paging, thumbnail decoding off the GUI thread, bounded memory.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QScrollBar>
#include <QThreadPool>

#include "testutil.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/browser/thumbnailview.h"
#include "widgets/thumbnails/thumbnaildecoder.h"
#include "widgets/thumbnails/thumbnailprovider.h"
#include "widgets/thumbnails/thumbnailscheduler.h"

using namespace winnow::widgets;
using namespace winnow::widgets::test;

TEST(LargeCatalog, ScrollsThroughOneHundredThousandSamplesInBoundedMemory) {
    constexpr int kSamples = 100000;
    constexpr int kPage = 512;
    constexpr int kCapacity = 256;
    TempDir dir;
    const std::string path = dir.file("large.winnow");
    QElapsedTimer clock;
    clock.start();
    makeLargeProject(path, kSamples);
    const qint64 buildMs = clock.elapsed();
    EXPECT_LT(buildMs, 5000) << "building the fixture must stay fast";

    resetDecoderStats();
    QThreadPool pool;
    ThumbnailParams params;
    params.capacity = kCapacity;
    ThumbnailProvider provider(QString::fromStdString(path), &pool, params);
    SampleModel model;
    model.setPageSize(kPage);
    model.setProject(QString::fromStdString(path), &provider);
    ASSERT_EQ(model.totalCount(), kSamples);
    EXPECT_EQ(model.rowCount(), 0) << "nothing is read before the view asks";

    int largestInsert = 0;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&](const QModelIndex&, int first, int last) {
        largestInsert = std::max(largestInsert, last - first + 1);
    });
    std::size_t largestRequest = 0;
    ThumbnailView view;
    view.setThumbnailSize(64);
    view.setModel(&model);
    view.setProvider(&provider);
    view.resize(900, 700);
    view.show();
    ASSERT_TRUE(waitFor([&] { return model.rowCount() > 0; }));

    auto settle = [&] {
        // Requests what is visible now (as the debounce would) and lets it load.
        view.scheduler()->updateNow();
        EXPECT_FALSE(view.scheduler()->lastRequest().empty());
        EXPECT_TRUE(waitFor([&] { return provider.isIdle(); }, 10000));
        largestRequest = std::max(largestRequest, view.scheduler()->lastRequest().size());
        EXPECT_LE(provider.cache().size(), provider.cache().capacity());
    };
    settle();
    QScrollBar* bar = view.verticalScrollBar();
    int steps = 0;
    clock.restart();
    while (model.canFetchMore({})) {
        const int rows = model.rowCount();
        const int range = bar->maximum();
        bar->setValue(bar->maximum());  // the view fetches the next page at the bottom
        ASSERT_TRUE(waitFor([&] { return model.rowCount() > rows; }, 5000));
        ASSERT_LE(largestInsert, kPage);  // the view may fetch twice while the end is in sight, a page each
        // Let the batched layout extend the scroll range before scrolling on.
        ASSERT_TRUE(waitFor([&] { return bar->maximum() > range; }, 5000));
        if (++steps % 8 == 0) settle();
        ASSERT_LT(clock.elapsed(), 40000) << "scrolling took too long";
    }
    bar->setValue(bar->maximum());
    settle();
    EXPECT_EQ(model.rowCount(), kSamples);
    EXPECT_LE(largestInsert, kPage);
    EXPECT_LE(model.largestFetch(), kPage);
    EXPECT_GE(model.fetchCount(), kSamples / kPage);
    // Bounded memory: the cache never held more than its capacity, and it did have to evict.
    EXPECT_LE(provider.cache().peakSize(), static_cast<std::size_t>(kCapacity));
    EXPECT_GT(provider.cache().evictions(), 0u);
    EXPECT_LE(largestRequest, static_cast<std::size_t>(kCapacity));
    // Decoding happened, and never on the GUI thread.
    const DecoderStats stats = decoderStats();
    EXPECT_GT(stats.decoded, 0);
    EXPECT_EQ(stats.onGuiThread, 0);
    // What is on screen at the end is what was loaded last.
    const QModelIndex last = model.index(kSamples - 1);
    EXPECT_TRUE(last.data(SampleModel::LoadedRole).toBool());
    std::printf("[          ] fixture %lld ms, %d pages, scrolled in %lld ms, %lld thumbnails decoded\n",
                static_cast<long long>(buildMs), model.fetchCount(), static_cast<long long>(clock.elapsed()),
                static_cast<long long>(stats.decoded));
}
