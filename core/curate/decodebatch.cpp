// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/decodebatch.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "ingest/sampleimage.h"

namespace winnow::curate {

DecodedBatch decodeBatch(std::vector<catalog::Sample> samples, const std::string& dataDir, int minSide, int threads) {
    DecodedBatch out;
    out.images.resize(samples.size());
    out.errors.resize(samples.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < samples.size(); i = next++) {
            try {
                imageio::Image image = ingest::loadSampleImage(samples[i], dataDir, minSide);
                if (minSide > 0 && std::min(image.width, image.height) > 4 * minSide) {
                    const double scale = 4.0 * minSide / std::min(image.width, image.height);
                    const int longest = std::max(image.width, image.height);
                    image = imageio::shrinkToFit(image, std::max(1, static_cast<int>(longest * scale + 0.5)));
                }
                out.images[i] = std::move(image);
            } catch (const std::exception& e) {
                out.errors[i] = e.what();
            }
        }
    };
    const int n = std::max(1, std::min<int>(threads, static_cast<int>(samples.size())));
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    out.samples = std::move(samples);
    return out;
}

}  // namespace winnow::curate
