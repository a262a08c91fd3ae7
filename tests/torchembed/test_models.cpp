// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <ATen/ops/ones.h>
#include <ATen/ops/zeros.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "fixtures.h"
#include "tempdir.h"
#include "torchembed/preprocess.h"
#include "torchembed/torchscriptembedder.h"
#include "torchembed/torchscriptscorer.h"

// Tiny TorchScript modules built here with torch::jit::Module::define, saved to a temporary .pt and loaded
// through the real loader (TorchScriptEmbedder / TorchScriptScorer), plus the tiny model that
// tests/data/torchembed/make_models.py traced in Python and wrote with packaging/export_models.py.
// Expected values are computed by hand in double precision from the pixels.

using winnow::imageio::Image;
using winnow::torchembed::RunOptions;
using winnow::torchembed::TorchScriptEmbedder;
using winnow::torchembed::TorchScriptScorer;
using namespace winnow::torchembed::test;

namespace {

const double kW[3][4] = {{0.5, -1.0, 0.25, 2.0}, {1.5, 0.75, -0.5, 0.0}, {-2.0, 0.125, 1.0, 0.5}};
const double kB[4] = {0.1, -0.2, 0.3, 0.0};

/// forward(x) = mean over H, W of x (B x 3) @ W (3 x 4) + b.
torch::jit::Module linearModule(const std::string& forward = {}) {
    torch::jit::Module m("LinearMean");
    at::Tensor w = at::zeros({3, 4});
    at::Tensor b = at::zeros({4});
    for (int j = 0; j < 4; ++j) {
        for (int i = 0; i < 3; ++i) {
            w.data_ptr<float>()[i * 4 + j] = static_cast<float>(kW[i][j]);
        }
        b.data_ptr<float>()[j] = static_cast<float>(kB[j]);
    }
    m.register_parameter("W", w, false);
    m.register_parameter("b", b, false);
    m.define(forward.empty() ? R"(
def forward(self, x):
    return torch.matmul(torch.mean(x, [2, 3]), self.W) + self.b
)"
                             : forward);
    return m;
}

/// A sidecar for 8x8 inputs; extra is spliced into the object.
std::string sidecarText(const std::string& name, const std::string& extra = {}, int outputDim = 4) {
    return R"({"name": ")" + name + R"(", "kind": "embedder", "input_size": [8, 8], "resize": "exact",
        "interpolation": "bilinear", "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25], "value_range": [0, 1],
        "output_dim": )" +
           std::to_string(outputDim) + (extra.empty() ? "" : ", " + extra) + "}";
}

/// Saves module as dir/name.pt with sidecar dir/name.json; returns the .pt path.
std::string save(const winnow::test::TempDir& dir, torch::jit::Module& module, const std::string& name,
                 const std::string& sidecar) {
    const std::string path = dir.file(name + ".pt");
    module.save(path);
    writeBytes(dir.file(name + ".json"), sidecar);
    return path;
}

Image randomImage(int w, int h, int channels, unsigned seed) {
    Image im;
    im.width = w;
    im.height = h;
    im.channels = channels;
    im.pixels.resize(static_cast<std::size_t>(w) * h * channels);
    unsigned state = seed;
    for (auto& p : im.pixels) {
        state = state * 1664525u + 1013904223u;
        p = static_cast<std::uint8_t>(state >> 24);
    }
    return im;
}

/// The linear model by hand on an 8x8 RGB image: channel means of (v / 255 - 0.5) / 0.25, then W, b.
std::vector<double> handLinear(const Image& im) {
    double mean[3] = {0, 0, 0};
    for (int c = 0; c < 3; ++c) {
        for (int i = 0; i < 64; ++i) {
            mean[c] += (im.pixels[i * 3 + c] / 255.0 - 0.5) / 0.25;
        }
        mean[c] /= 64;
    }
    std::vector<double> out(4);
    for (int j = 0; j < 4; ++j) {
        out[j] = kB[j];
        for (int c = 0; c < 3; ++c) {
            out[j] += mean[c] * kW[c][j];
        }
    }
    return out;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const winnow::Error& e) {
        return e.what();
    }
    return "";
}

RunOptions cpu() {
    RunOptions o;
    o.device = "cpu";
    return o;
}

}  // namespace

TEST(TorchScriptEmbedder, OutputEqualsHandComputation) {
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin"));
    TorchScriptEmbedder e(path, cpu());
    EXPECT_EQ(e.name(), "lin");
    EXPECT_EQ(e.dim(), 4);
    EXPECT_FALSE(e.normalized());
    EXPECT_FALSE(e.needsFit());
    EXPECT_EQ(e.device(), "cpu");
    const std::vector<Image> images = {randomImage(8, 8, 3, 1), randomImage(8, 8, 3, 2)};
    std::vector<float> out(8);
    e.embed(images, out.data());
    for (int i = 0; i < 2; ++i) {
        const auto expected = handLinear(images[i]);
        for (int j = 0; j < 4; ++j) {
            EXPECT_NEAR(out[i * 4 + j], expected[j], 1e-5) << i << "," << j;
        }
    }
}

TEST(TorchScriptEmbedder, L2NormalisesWhenAsked) {
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin", R"("l2_normalize": true)"));
    TorchScriptEmbedder e(dir.file("lin.json"), cpu());  // opened through the sidecar this time
    EXPECT_TRUE(e.normalized());
    const Image image = randomImage(8, 8, 3, 3);
    std::vector<float> out(4);
    e.embed({image}, out.data());
    auto expected = handLinear(image);
    double norm = 0;
    for (double v : expected) {
        norm += v * v;
    }
    norm = std::sqrt(norm);
    double got = 0;
    for (int j = 0; j < 4; ++j) {
        EXPECT_NEAR(out[j], expected[j] / norm, 1e-6);
        got += double(out[j]) * out[j];
    }
    EXPECT_NEAR(got, 1.0, 1e-6);
}

TEST(TorchScriptEmbedder, BatchedEqualsOneByOne) {
    // Images of different sizes and channel counts, resized to 8x8; batch size 3 over 7 images.
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin", R"("batch_size": 3)"));
    TorchScriptEmbedder e(path, cpu());
    EXPECT_EQ(e.batchSize(), 3);
    std::vector<Image> images;
    for (int i = 0; i < 7; ++i) {
        images.push_back(randomImage(5 + 3 * i, 17 - i, i % 3 == 1 ? 1 : 3, 100 + i));
    }
    std::vector<float> batched(7 * 4);
    e.embed(images, batched.data());
    const winnow::torchembed::Preprocessor pre(e.sidecar());
    for (int i = 0; i < 7; ++i) {
        std::vector<float> single(4);
        e.embed({images[i]}, single.data());
        // And by hand from the preprocessed tensor.
        std::vector<float> x(pre.imageSize());
        pre.run(images[i], x.data());
        for (int j = 0; j < 4; ++j) {
            EXPECT_NEAR(batched[i * 4 + j], single[j], 1e-6) << i << "," << j;
            double expected = kB[j];
            for (int c = 0; c < 3; ++c) {
                double mean = 0;
                for (int p = 0; p < 64; ++p) {
                    mean += x[c * 64 + p];
                }
                expected += mean / 64 * kW[c][j];
            }
            EXPECT_NEAR(batched[i * 4 + j], expected, 1e-5);
        }
    }
    RunOptions options = cpu();
    options.batchSize = 5;
    EXPECT_EQ(TorchScriptEmbedder(path, options).batchSize(), 5);
}

TEST(TorchScriptEmbedder, WrongOutputDimIsAnErrorForPeople) {
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin", {}, 5));
    TorchScriptEmbedder e(path, cpu());
    std::vector<float> out(10);
    const std::string message = errorOf([&] {
        e.embed({randomImage(8, 8, 3, 1), randomImage(8, 8, 3, 2)}, out.data());
    });
    EXPECT_NE(message.find("shape [2, 4]"), std::string::npos) << message;
    EXPECT_NE(message.find("output_dim 5"), std::string::npos) << message;
    EXPECT_NE(message.find("lin.json"), std::string::npos) << message;
}

TEST(TorchScriptEmbedder, MissingCorruptOrForeignFilesAreErrorsForPeople) {
    winnow::test::TempDir dir;
    writeBytes(dir.file("gone.json"), sidecarText("gone"));
    EXPECT_NE(errorOf([&] { TorchScriptEmbedder e(dir.file("gone.json"), cpu()); }).find("not found"),
              std::string::npos);

    writeBytes(dir.file("junk.pt"), std::string(3000, 'x'));
    writeBytes(dir.file("junk.json"), sidecarText("junk"));
    std::string message = errorOf([&] { TorchScriptEmbedder e(dir.file("junk.pt"), cpu()); });
    EXPECT_NE(message.find("not a TorchScript archive"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "no backtrace: " << message;

    auto module = linearModule();
    const std::string good = save(dir, module, "lin", sidecarText("lin"));
    const auto bytes = readBytes(good);
    writeBytes(dir.file("cut.pt"), std::string(bytes.begin(), bytes.begin() + bytes.size() / 2));
    writeBytes(dir.file("cut.json"), sidecarText("cut"));
    message = errorOf([&] { TorchScriptEmbedder e(dir.file("cut.pt"), cpu()); });
    EXPECT_NE(message.find("cannot load model"), std::string::npos) << message;

    // A torch.save-style archive of a tensor (no code): not a TorchScript module.
    const std::vector<char> pickled = torch::jit::pickle_save(at::ones({2, 2}));
    writeBytes(dir.file("tensor.pt"), std::string(pickled.begin(), pickled.end()));
    writeBytes(dir.file("tensor.json"), sidecarText("tensor"));
    message = errorOf([&] { TorchScriptEmbedder e(dir.file("tensor.pt"), cpu()); });
    EXPECT_NE(message.find("cannot load model"), std::string::npos) << message;

    // The sidecar's sha256 must match the file.
    writeBytes(dir.file("lin.json"), sidecarText("lin", R"("sha256": ")" + std::string(64, 'a') + "\""));
    message = errorOf([&] { TorchScriptEmbedder e(good, cpu()); });
    EXPECT_NE(message.find("does not match"), std::string::npos) << message;
}

TEST(TorchScriptEmbedder, SelectsTupleDictAndSubmoduleOutputsAndPassesKwargs) {
    winnow::test::TempDir dir;
    const Image image = randomImage(8, 8, 3, 9);
    const auto expected = handLinear(image);
    const auto check = [&](TorchScriptEmbedder& e, double scale) {
        std::vector<float> out(4);
        e.embed({image}, out.data());
        for (int j = 0; j < 4; ++j) {
            EXPECT_NEAR(out[j], expected[j] * scale, 1e-5);
        }
    };
    auto tuple = linearModule(R"(
def forward(self, x):
    y = torch.matmul(torch.mean(x, [2, 3]), self.W) + self.b
    return (x, y)
)");
    save(dir, tuple, "tuple", sidecarText("tuple", R"("output": 1)"));
    TorchScriptEmbedder t(dir.file("tuple.pt"), cpu());
    check(t, 1.0);

    auto dict = linearModule(R"(
def forward(self, x):
    y = torch.matmul(torch.mean(x, [2, 3]), self.W) + self.b
    return {"feat": y, "other": x}
)");
    save(dir, dict, "dict", sidecarText("dict", R"("output": "feat")"));
    TorchScriptEmbedder d(dir.file("dict.pt"), cpu());
    check(d, 1.0);

    auto kwargs = linearModule(R"(
def forward(self, x, scale: float = 1.0, flip: bool = False):
    y = torch.matmul(torch.mean(x, [2, 3]), self.W) + self.b
    if flip:
        y = -y
    return y * scale
)");
    save(dir, kwargs, "kw", sidecarText("kw", R"("forward_kwargs": {"scale": 2.5, "flip": true})"));
    TorchScriptEmbedder k(dir.file("kw.pt"), cpu());
    check(k, -2.5);

    torch::jit::Module outer("Outer");
    outer.register_module("inner", linearModule());
    outer.define(R"(
def forward(self, x):
    return torch.zeros([1])
)");
    save(dir, outer, "outer", sidecarText("outer", R"("submodule": "inner")"));
    TorchScriptEmbedder s(dir.file("outer.pt"), cpu());
    check(s, 1.0);

    // Errors: no output chosen for a tuple, index out of range, missing key, missing submodule.
    std::vector<float> out(4);
    writeBytes(dir.file("tuple.json"), sidecarText("tuple"));
    std::string message =
        errorOf([&] { TorchScriptEmbedder(dir.file("tuple.pt"), cpu()).embed({image}, out.data()); });
    EXPECT_NE(message.find("returned a tuple of 2"), std::string::npos) << message;
    EXPECT_NE(message.find("set 'output'"), std::string::npos) << message;
    writeBytes(dir.file("tuple.json"), sidecarText("tuple", R"("output": 2)"));
    message = errorOf([&] { TorchScriptEmbedder(dir.file("tuple.pt"), cpu()).embed({image}, out.data()); });
    EXPECT_NE(message.find("field 'output' asks for index 2"), std::string::npos) << message;
    writeBytes(dir.file("dict.json"), sidecarText("dict", R"("output": "features")"));
    message = errorOf([&] { TorchScriptEmbedder(dir.file("dict.pt"), cpu()).embed({image}, out.data()); });
    EXPECT_NE(message.find("key 'features'"), std::string::npos) << message;
    writeBytes(dir.file("outer.json"), sidecarText("outer", R"("submodule": "inner.deeper")"));
    message = errorOf([&] { TorchScriptEmbedder(dir.file("outer.pt"), cpu()); });
    EXPECT_NE(message.find("no submodule 'inner.deeper'"), std::string::npos) << message;
}

TEST(TorchScriptEmbedder, Uint8InputDtypeHandsRawSamples) {
    winnow::test::TempDir dir;
    auto module = linearModule(R"(
def forward(self, x):
    s = torch.sum(x.float(), [2, 3])
    if x.is_floating_point():
        return -s
    return s
)");
    save(dir, module, "u8", R"({"name": "u8", "kind": "embedder", "input_size": [8, 8], "resize": "exact",
        "interpolation": "bicubic", "value_range": [0, 255], "input_dtype": "uint8", "output_dim": 3})");
    TorchScriptEmbedder e(dir.file("u8.pt"), cpu());
    const Image image = randomImage(8, 8, 3, 4);
    std::vector<float> out(3);
    e.embed({image}, out.data());
    for (int c = 0; c < 3; ++c) {
        double sum = 0;
        for (int i = 0; i < 64; ++i) {
            sum += image.pixels[i * 3 + c];
        }
        EXPECT_EQ(out[c], sum);
    }
}

TEST(TorchScriptEmbedder, IdentityHasSidecarAndFileHash) {
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin", R"("description": "one")"));
    const auto bytes = readBytes(path);
    const std::string sha = sha256Hex(bytes.data(), bytes.size());
    TorchScriptEmbedder a(path, cpu());
    EXPECT_EQ(a.modelSha256(), sha);
    const auto id = nlohmann::json::parse(a.identityJson());
    EXPECT_EQ(id.at("kind"), "torchscript");
    EXPECT_EQ(id.at("name"), "lin");
    EXPECT_EQ(id.at("model_sha256"), sha);
    EXPECT_EQ(id.at("sidecar").at("mean")[0], 0.5);
    EXPECT_EQ(id.at("sidecar").at("output_dim"), 4);
    EXPECT_FALSE(id.at("sidecar").contains("description"));
    // Informative text does not change the identity; anything that changes the vectors does.
    writeBytes(dir.file("lin.json"),
               sidecarText("lin", R"("description": "two", "_note": "x", "batch_size": 7)"));
    EXPECT_EQ(TorchScriptEmbedder(path, cpu()).identityJson(), a.identityJson());
    writeBytes(dir.file("lin.json"), sidecarText("lin", R"("channel_order": "BGR")"));
    EXPECT_NE(TorchScriptEmbedder(path, cpu()).identityJson(), a.identityJson());
}

TEST(TorchScriptEmbedder, DevicesAndThreads) {
    winnow::test::TempDir dir;
    auto module = linearModule();
    const std::string path = save(dir, module, "lin", sidecarText("lin"));
    RunOptions options;
    options.device = "tpu";
    EXPECT_NE(errorOf([&] { TorchScriptEmbedder e(path, options); }).find("unknown device \"tpu\""),
              std::string::npos);
    options.device = "auto";
    options.threads = 1;
    TorchScriptEmbedder a(path, options);
    EXPECT_EQ(a.device(), winnow::torchembed::cudaAvailable() ? "cuda:0" : "cpu");
    EXPECT_EQ(winnow::torchembed::intraOpThreads(), 1);
    options.threads = 0;
    TorchScriptEmbedder b(path, options);
    EXPECT_EQ(winnow::torchembed::intraOpThreads(),
              static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    options.device = "cuda";
    if (winnow::torchembed::cudaAvailable()) {
        TorchScriptEmbedder c(path, options);
        EXPECT_EQ(c.device(), "cuda:0");
        std::vector<float> gpu(4), host(4);
        const Image image = randomImage(8, 8, 3, 5);
        c.embed({image}, gpu.data());
        b.embed({image}, host.data());
        for (int j = 0; j < 4; ++j) {
            EXPECT_NEAR(gpu[j], host[j], 1e-5);
        }
    } else {
        const std::string message = errorOf([&] { TorchScriptEmbedder e(path, options); });
        EXPECT_NE(message.find("no CUDA support"), std::string::npos) << message;
    }
    EXPECT_FALSE(winnow::torchembed::torchVersion().empty());
}

TEST(TorchScriptScorer, OneValuePerImage) {
    winnow::test::TempDir dir;
    auto flat = linearModule(R"(
def forward(self, x):
    return torch.mean(x, [1, 2, 3])
)");
    const std::string scorer = R"({"name": "s", "kind": "scorer", "input_size": [8, 8], "resize": "exact",
        "interpolation": "bilinear", "value_range": [0, 255], "output_dim": 1})";
    save(dir, flat, "flat", scorer);
    auto column = linearModule(R"(
def forward(self, x):
    return torch.mean(x, [1, 2, 3]).unsqueeze(1)
)");
    save(dir, column, "column", scorer);
    auto wide = linearModule(R"(
def forward(self, x):
    return torch.mean(x, [2, 3])
)");
    save(dir, wide, "wide", scorer);
    const std::vector<Image> images = {randomImage(8, 8, 3, 6), randomImage(8, 8, 1, 7),
                                       randomImage(8, 8, 3, 8)};
    for (const char* name : {"flat", "column"}) {
        TorchScriptScorer s(dir.file(std::string(name) + ".pt"), cpu());
        EXPECT_EQ(s.name(), "s");
        std::vector<float> out(3);
        s.score(images, out.data());
        for (int i = 0; i < 3; ++i) {
            double sum = 0;
            for (auto p : images[i].pixels) {
                sum += p;
            }
            EXPECT_NEAR(out[i], sum / images[i].pixels.size(), 1e-4) << name << " " << i;
        }
    }
    std::vector<float> out(3);
    const std::string message =
        errorOf([&] { TorchScriptScorer(dir.file("wide.pt"), cpu()).score(images, out.data()); });
    EXPECT_NE(message.find("shape [3, 3]"), std::string::npos) << message;
    EXPECT_NE(errorOf([&] { TorchScriptEmbedder e(dir.file("flat.pt"), cpu()); }).find("is a scorer"),
              std::string::npos);
    auto module = linearModule();
    save(dir, module, "lin", sidecarText("lin"));
    EXPECT_NE(errorOf([&] { TorchScriptScorer s(dir.file("lin.pt"), cpu()); }).find("is an embedder"),
              std::string::npos);
}

TEST(TorchScriptEmbedder, PythonTracedModelFromExportScript) {
    // tests/data/torchembed/tiny-convnet.{pt,json}: traced by make_models.py with Debian's python3-torch and
    // written by packaging/export_models.py's export and sidecar functions; expected outputs computed there
    // with torchvision's transforms and the eager module.
    const auto expected =
        nlohmann::json::parse(std::ifstream(dataPath("torchembed/tiny-convnet-expected.json")));
    TorchScriptEmbedder e(dataPath("torchembed/tiny-convnet.pt"), cpu());
    EXPECT_EQ(e.name(), "tiny-convnet");
    EXPECT_EQ(e.modelSha256(), expected.at("sha256").get<std::string>());
    EXPECT_EQ(e.sidecar().sha256, e.modelSha256());
    const int dim = e.dim();
    for (const auto& [name, values] : expected.at("outputs").items()) {
        SCOPED_TRACE(name);
        std::vector<float> out(dim);
        e.embed({fixtureImage(name)}, out.data());
        ASSERT_EQ(values.size(), static_cast<std::size_t>(dim));
        for (int j = 0; j < dim; ++j) {
            EXPECT_NEAR(out[j], values[j].get<double>(), 1e-5);
        }
    }
}
