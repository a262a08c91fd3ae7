// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// BuiltinEmbedder's life cycle: fit, determinism, threads, state files and their errors.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "embed/builtin.h"
#include "embed/state.h"
#include "tempdir.h"
#include "testimages.h"

using namespace winnow;
using embed::BuiltinEmbedder;
using embed::BuiltinParams;

namespace {

BuiltinParams withThreads(int threads, int dim = 32) {
    BuiltinParams p;
    p.threads = threads;
    p.outputDim = dim;
    return p;
}

const std::vector<imageio::Image>& fitSet() {
    static const std::vector<imageio::Image> images = embedtest::syntheticSet(120, 1);
    return images;
}

const std::vector<imageio::Image>& querySet() {
    static const std::vector<imageio::Image> images = [] {
        auto v = embedtest::syntheticSet(40, 2);
        v.push_back(embedtest::syntheticImage(5, 1, 1, 3));
        v.push_back(embedtest::syntheticImage(6, 3000, 2, 1));
        v.push_back(embedtest::syntheticImage(7, 1, 2500, 3));
        return v;
    }();
    return images;
}

void fit(BuiltinEmbedder& e, const std::vector<imageio::Image>& images, std::size_t batch) {
    e.beginFit();
    for (std::size_t i = 0; i < images.size(); i += batch) {
        e.addFitImages({images.begin() + i, images.begin() + std::min(images.size(), i + batch)});
    }
    e.endFit();
}

/// Loads into e the state fitted once (32 dims, 1 thread) on fitSet() in one batch.
void loadFitted(BuiltinEmbedder& e) {
    static test::TempDir dir;
    static const std::string path = [] {
        BuiltinEmbedder e(withThreads(1));
        fit(e, fitSet(), 1000);
        e.saveState(dir.file("fitted.state"));
        return dir.file("fitted.state");
    }();
    e.loadState(path);
}

std::vector<float> embedAll(BuiltinEmbedder& e, const std::vector<imageio::Image>& images) {
    std::vector<float> out(images.size() * e.dim());
    e.embed(images, out.data());
    return out;
}

std::vector<std::uint8_t> readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string errorOf(BuiltinEmbedder& e, const std::string& path) {
    try {
        e.loadState(path);
    } catch (const Error& err) {
        return err.what();
    }
    return "";
}

}  // namespace

TEST(EmbedBuiltin, NeedsFitUntilFitted) {
    BuiltinEmbedder e;
    EXPECT_EQ(e.name(), "builtin");
    EXPECT_TRUE(e.needsFit());
    EXPECT_EQ(e.fitSampleSize(), 10000);
    EXPECT_EQ(e.dim(), 128);
    EXPECT_TRUE(e.normalized());
    EXPECT_EQ(e.preferredMinSide(), 64);
    EXPECT_EQ(e.batchSize(), 256);
    EXPECT_EQ(BuiltinEmbedder::rawDim(), 832);
    const auto identity = nlohmann::json::parse(e.identityJson());
    EXPECT_EQ(identity["kind"], "builtin");
    EXPECT_TRUE(identity["state_sha256"].is_null());

    std::vector<float> out(128);
    EXPECT_THROW(e.embed({embedtest::syntheticImage(1, 8, 8, 3)}, out.data()), Error);
    EXPECT_THROW(e.endFit(), Error);  // no images at all
    e.beginFit();
    e.addFitImages({embedtest::syntheticImage(1, 8, 8, 3)});
    EXPECT_THROW(e.endFit(), Error);  // one image: no covariance
    EXPECT_TRUE(e.needsFit());
    EXPECT_THROW(e.saveState(testing::TempDir() + "/never.bin"), Error);

    BuiltinEmbedder f(withThreads(0));
    fit(f, fitSet(), 50);
    EXPECT_FALSE(f.needsFit());
    EXPECT_EQ(f.fitSampleSize(), 0);
    EXPECT_EQ(f.dim(), 32);
    const auto fitted = nlohmann::json::parse(f.identityJson());
    EXPECT_EQ(fitted["dim"], 32);
    EXPECT_EQ(fitted["version"], BuiltinEmbedder::featureVersion());
    EXPECT_EQ(fitted["state_sha256"].get<std::string>().size(), 64u);
}

TEST(EmbedBuiltin, UnitNormAndDeterministic) {
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    const std::vector<float> a = embedAll(e, querySet());
    for (std::size_t i = 0; i < querySet().size(); ++i) {
        double norm = 0.0;
        for (int k = 0; k < e.dim(); ++k) {
            ASSERT_TRUE(std::isfinite(a[i * e.dim() + k]));
            norm += static_cast<double>(a[i * e.dim() + k]) * a[i * e.dim() + k];
        }
        EXPECT_NEAR(norm, 1.0, 1e-5) << i;
    }
    EXPECT_EQ(a, embedAll(e, querySet()));
    // One image at a time gives the same rows as the batch.
    for (std::size_t i = 0; i < querySet().size(); i += 7) {
        const std::vector<float> one = embedAll(e, {querySet()[i]});
        EXPECT_TRUE(std::equal(one.begin(), one.end(), a.begin() + i * e.dim())) << i;
    }
}

TEST(EmbedBuiltin, ThreadCountAndBatchingDoNotMatter) {
    // fitted() was fitted on 1 thread in one batch.
    BuiltinEmbedder one(withThreads(1));
    loadFitted(one);
    const std::vector<float> reference = embedAll(one, querySet());
    for (const auto& [threads, batch] :
         {std::pair{2, std::size_t{1}}, {3, std::size_t{17}}, {8, std::size_t{256}}}) {
        BuiltinEmbedder e(withThreads(threads));
        fit(e, fitSet(), batch);
        EXPECT_EQ(e.identityJson(), one.identityJson()) << threads << " threads, batches of " << batch;
        EXPECT_EQ(embedAll(e, querySet()), reference) << threads << " threads, batches of " << batch;
        BuiltinEmbedder loaded(withThreads(threads));
        loadFitted(loaded);
        EXPECT_EQ(embedAll(loaded, querySet()), reference) << threads << " threads";
    }
}

TEST(EmbedBuiltin, GreyAndRgbShareOneSpace) {
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    const imageio::Image grey = embedtest::syntheticImage(31, 40, 30, 1);
    const std::vector<float> a = embedAll(e, {grey});
    const std::vector<float> b = embedAll(e, {embedtest::greyAsRgb(grey)});
    EXPECT_EQ(a, b);
}

TEST(EmbedBuiltin, SimilarImagesAreNearer) {
    // A JPEG-free sanity check of the geometry: an image is nearer to its slightly noisier copy and to its
    // resized copy than to other images.
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    const auto base = embedAll(e, querySet());
    const int d = e.dim();
    int hits = 0, total = 0;
    for (std::size_t i = 0; i + 3 < querySet().size(); ++i) {  // the last three are degenerate sizes
        imageio::Image noisy = querySet()[i];
        for (std::size_t k = 0; k < noisy.pixels.size(); ++k) {
            noisy.pixels[k] =
                static_cast<std::uint8_t>(std::clamp(noisy.pixels[k] + static_cast<int>(k % 5) - 2, 0, 255));
        }
        const auto q = embedAll(e, {noisy});
        std::size_t best = 0;
        double bestDistance = 1e300;
        for (std::size_t j = 0; j < querySet().size(); ++j) {
            double s = 0.0;
            for (int k = 0; k < d; ++k) s += (q[k] - base[j * d + k]) * (q[k] - base[j * d + k]);
            if (s < bestDistance) {
                bestDistance = s;
                best = j;
            }
        }
        hits += best == i;
        ++total;
    }
    EXPECT_EQ(hits, total);
}

TEST(EmbedBuiltin, DegenerateFitStillGivesUnitVectors) {
    // Identical images: zero covariance; the whitening must stay finite and the outputs unit vectors.
    BuiltinEmbedder e(withThreads(2, 16));
    const imageio::Image im = embedtest::syntheticImage(3, 20, 20, 3);
    fit(e, {im, im, im, im}, 2);
    const auto same = embedAll(e, {im});
    EXPECT_EQ(same[0], 1.0f);  // exactly the mean: the first unit vector
    const auto other = embedAll(e, {embedtest::syntheticImage(4, 20, 20, 3)});
    double norm = 0.0;
    for (float v : other) {
        ASSERT_TRUE(std::isfinite(v));
        norm += v * v;
    }
    EXPECT_NEAR(norm, 1.0, 1e-5);
}

TEST(EmbedBuiltin, BadImagesAreRefused) {
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    std::vector<float> out(3 * e.dim());
    imageio::Image empty;
    imageio::Image fourChannels = embedtest::syntheticImage(1, 4, 4, 1);
    fourChannels.channels = 4;
    fourChannels.pixels.resize(64);
    imageio::Image shortPixels = embedtest::syntheticImage(1, 4, 4, 3);
    shortPixels.pixels.pop_back();
    for (const auto& bad : {empty, fourChannels, shortPixels}) {
        try {
            e.embed({querySet()[0], bad}, out.data());
            ADD_FAILURE() << "no error";
        } catch (const Error& err) {
            EXPECT_NE(std::string(err.what()).find("image 1"), std::string::npos) << err.what();
        }
        EXPECT_THROW(e.addFitImages({bad}), Error);
    }
}

TEST(EmbedBuiltin, CancelBeforeSolve) {
    BuiltinEmbedder e(withThreads(2));
    e.beginFit();
    e.addFitImages(fitSet());
    SimpleProgress progress;
    progress.cancel();
    EXPECT_THROW(e.endFit(progress), Canceled);
    EXPECT_TRUE(e.needsFit());
}

TEST(EmbedBuiltin, SaveLoadRoundTrip) {
    test::TempDir dir;
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    const std::string path = dir.file("builtin.state");
    e.saveState(path);
    BuiltinEmbedder loaded(withThreads(3, 64));  // the file's dimension wins over the params
    EXPECT_TRUE(loaded.needsFit());
    loaded.loadState(path);
    EXPECT_FALSE(loaded.needsFit());
    EXPECT_EQ(loaded.dim(), 32);
    EXPECT_EQ(loaded.identityJson(), e.identityJson());
    EXPECT_EQ(embedAll(loaded, querySet()), embedAll(e, querySet()));
    // The identity names the file's SHA-256.
    const std::vector<std::uint8_t> bytes = readFile(path);
    EXPECT_EQ(nlohmann::json::parse(e.identityJson())["state_sha256"],
              embed::detail::sha256Hex(bytes.data(), bytes.size()));
    // Saving the loaded state writes the same bytes.
    loaded.saveState(dir.file("again.state"));
    EXPECT_EQ(readFile(dir.file("again.state")), readFile(path));
    // Another fit has another identity.
    BuiltinEmbedder other(withThreads(2));
    fit(other, embedtest::syntheticSet(40, 9), 1000);
    EXPECT_NE(other.identityJson(), e.identityJson());
}

TEST(EmbedBuiltin, CorruptStateFilesAreRefused) {
    test::TempDir dir;
    BuiltinEmbedder e(withThreads(2));
    loadFitted(e);
    const std::string good = dir.file("good.state");
    e.saveState(good);
    const std::vector<std::uint8_t> bytes = readFile(good);

    BuiltinEmbedder target(withThreads(2, 8));
    fit(target, embedtest::syntheticSet(30, 9), 1000);
    const std::string before = target.identityJson();

    auto flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x10;
    writeFile(dir.file("flipped"), flipped);
    EXPECT_NE(errorOf(target, dir.file("flipped")).find("corrupt"), std::string::npos);

    writeFile(dir.file("truncated"), {bytes.begin(), bytes.begin() + static_cast<long>(bytes.size()) - 100});
    EXPECT_NE(errorOf(target, dir.file("truncated")).find("truncated"), std::string::npos);

    writeFile(dir.file("short"), {bytes.begin(), bytes.begin() + 30});
    EXPECT_NE(errorOf(target, dir.file("short")).find("truncated"), std::string::npos);

    const std::string text = "{\"kind\":\"torchscript\"}\n";
    writeFile(dir.file("foreign.json"), {text.begin(), text.end()});
    EXPECT_NE(errorOf(target, dir.file("foreign.json")).find("not a state file"), std::string::npos);

    writeFile(dir.file("empty"), {});
    EXPECT_NE(errorOf(target, dir.file("empty")).find("not a state file"), std::string::npos);

    auto otherVersion = bytes;
    otherVersion[24 + 4] += 1;  // the feature version, after the magic and the format
    writeFile(dir.file("version"), otherVersion);
    EXPECT_NE(errorOf(target, dir.file("version")).find("fit the embedder again"), std::string::npos);

    auto otherFormat = bytes;
    otherFormat[24] += 1;
    writeFile(dir.file("format"), otherFormat);
    EXPECT_NE(errorOf(target, dir.file("format")).find("format"), std::string::npos);

    EXPECT_NE(errorOf(target, dir.file("missing")).find("cannot open"), std::string::npos);
    // Every message names the file; the state in use is unchanged.
    EXPECT_NE(errorOf(target, dir.file("flipped")).find(dir.file("flipped")), std::string::npos);
    EXPECT_EQ(target.identityJson(), before);
}

TEST(EmbedBuiltin, BadParams) {
    BuiltinParams p;
    p.outputDim = 0;
    EXPECT_THROW(BuiltinEmbedder{p}, std::invalid_argument);
    p.outputDim = BuiltinEmbedder::rawDim() + 1;
    EXPECT_THROW(BuiltinEmbedder{p}, std::invalid_argument);
    p = {};
    p.shrink = -1;
    EXPECT_THROW(BuiltinEmbedder{p}, std::invalid_argument);
    p = {};
    p.threads = -2;
    EXPECT_THROW(BuiltinEmbedder{p}, std::invalid_argument);
}
