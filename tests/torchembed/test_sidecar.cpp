// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "fixtures.h"
#include "tempdir.h"
#include "torchembed/sidecar.h"

using winnow::torchembed::parseSidecar;
using winnow::torchembed::Sidecar;
using namespace winnow::torchembed::test;

namespace {

const char* kMinimal =
    R"({"name": "m", "kind": "embedder", "input_size": [224, 224], "resize": "shorter_side",
    "interpolation": "bicubic", "value_range": [0, 1], "output_dim": 8})";

/// kMinimal with one field set (value as JSON text) or removed (value empty).
std::string with(const std::string& field, const std::string& value) {
    auto j = nlohmann::json::parse(kMinimal);
    if (value.empty()) {
        j.erase(field);
    } else {
        j[field] = nlohmann::json::parse(value);
    }
    return j.dump();
}

/// The error message of parsing text, or "" when it parses.
std::string errorOf(const std::string& text) {
    try {
        parseSidecar(text, "bad.json");
    } catch (const winnow::Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Sidecar, MinimalGetsDefaults) {
    const Sidecar s = parseSidecar(kMinimal, "m.json");
    EXPECT_EQ(s.name, "m");
    EXPECT_EQ(s.resizeShorter, 224);
    EXPECT_EQ(s.crop, winnow::torchembed::CropMode::Center);
    EXPECT_EQ(s.resizePrecision, winnow::torchembed::ResizePrecision::Uint8);
    EXPECT_EQ(s.mean[1], 0.0);
    EXPECT_EQ(s.std[2], 1.0);
    EXPECT_EQ(s.channelOrder, winnow::torchembed::ChannelOrder::Rgb);
    EXPECT_EQ(s.inputDtype, winnow::torchembed::InputDtype::Float32);
    EXPECT_FALSE(s.l2Normalize);
    EXPECT_TRUE(s.output.empty());
    EXPECT_EQ(s.batchSize, 32);
    EXPECT_EQ(s.decodeMinSide, 0);
    EXPECT_EQ(s.origin, "m.json");
}

TEST(Sidecar, ShippedSidecarsAreValidAndCanonicalJsonRoundTrips) {
    for (const char* model : {"clip-vit-b32", "dinov2-vits14", "dinov2-vitl14", "inception-fid-pytorch",
                              "inception-fid-nvlabs"}) {
        SCOPED_TRACE(model);
        const Sidecar s =
            winnow::torchembed::loadSidecar(sourcePath(std::string("resources/models/") + model + ".json"));
        EXPECT_EQ(s.name, model);
        const std::string canonical = winnow::torchembed::sidecarJson(s);
        EXPECT_EQ(winnow::torchembed::sidecarJson(parseSidecar(canonical, "x")), canonical);
        const auto lean = nlohmann::json::parse(winnow::torchembed::sidecarJson(s, false));
        EXPECT_FALSE(lean.contains("description"));
        EXPECT_FALSE(lean.contains("model_file"));
        EXPECT_TRUE(lean.contains("mean"));
    }
    const Sidecar nv =
        winnow::torchembed::loadSidecar(sourcePath("resources/models/inception-fid-nvlabs.json"));
    EXPECT_EQ(nv.submodule, "layers");
    EXPECT_EQ(nv.resizePrecision, winnow::torchembed::ResizePrecision::Float);
    const Sidecar fid =
        winnow::torchembed::loadSidecar(sourcePath("resources/models/inception-fid-pytorch.json"));
    ASSERT_EQ(fid.output.size(), 1u);
    EXPECT_EQ(fid.output[0].index, 0);
}

TEST(Sidecar, ParsesOptionalFields) {
    auto j = nlohmann::json::parse(kMinimal);
    j["output"] = nlohmann::json::array({1, "feat"});
    j["forward_kwargs"] = {{"return_features", true}, {"scale", 2.5}, {"n", 3}, {"mode", "x"}};
    j["resize"] = "exact";
    j["resize_size"] = 256;
    j["crop"] = "center";
    j["_comment"] = "ignored";
    const Sidecar s = parseSidecar(j.dump(), "o.json");
    ASSERT_EQ(s.output.size(), 2u);
    EXPECT_FALSE(s.output[0].isKey);
    EXPECT_EQ(s.output[0].index, 1);
    EXPECT_TRUE(s.output[1].isKey);
    EXPECT_EQ(s.output[1].key, "feat");
    ASSERT_EQ(s.forwardKwargs.size(), 4u);
    EXPECT_EQ(s.forwardKwargs[0].name, "mode");
    EXPECT_EQ(s.forwardKwargs[1].intValue, 3);
    EXPECT_TRUE(s.forwardKwargs[2].boolValue);
    EXPECT_EQ(s.forwardKwargs[3].doubleValue, 2.5);
    EXPECT_EQ(s.resizeHeight, 256);
    EXPECT_EQ(s.resizeWidth, 256);
}

TEST(Sidecar, ErrorsNameTheFileAndTheField) {
    struct Case {
        std::string text;
        std::string mustContain;
    };
    const std::vector<Case> cases = {
        {"{", "not valid JSON"},
        {"[1, 2]", "must be a JSON object"},
        {with("name", ""), "field 'name': missing"},
        {with("name", R"("has space")"), "field 'name'"},
        {with("name", R"("builtin")"), "field 'name'"},
        {with("kind", R"("classifier")"),
         "field 'kind': \"classifier\" is not one of \"embedder\", \"scorer\""},
        {with("input_size", "[224]"), "field 'input_size': expected [height, width]"},
        {with("input_size", "[224, 0]"), "field 'input_size'"},
        {with("input_size", R"([224, "224"])"), "field 'input_size': expected an integer"},
        {with("resize", R"("shortest")"), "field 'resize'"},
        {with("interpolation", ""), "field 'interpolation': missing"},
        {with("interpolation", R"("area")"), "field 'interpolation'"},
        {with("mean", "[0.5, 0.5]"), "field 'mean': expected 3 numbers"},
        {with("std", "[0.5, 0, 0.5]"), "field 'std': every value must be > 0"},
        {with("value_range", "[0, 2]"), "field 'value_range'"},
        {with("value_range", ""), "field 'value_range': missing"},
        {with("output_dim", "0"), "field 'output_dim'"},
        {with("output_dim", "1.5"), "field 'output_dim': expected an integer"},
        {with("l2_normalize", "1"), "field 'l2_normalize': expected true or false"},
        {with("crop", R"("none")"), "field 'crop'"},
        {with("channel_order", R"("rgb")"), "field 'channel_order'"},
        {with("input_dtype", R"("uint8")"), "field 'input_dtype'"},
        {with("resize_precision", R"("double")"), "field 'resize_precision'"},
        {with("output", "[]"), "field 'output'"},
        {with("output", "-1"), "field 'output'"},
        {with("output", "[0, null]"), "field 'output'"},
        {with("forward_kwargs", R"({"a": [1]})"), "field 'forward_kwargs'"},
        {with("forward_kwargs", "3"), "field 'forward_kwargs'"},
        {with("submodule", R"("a..b")"), "field 'submodule'"},
        {with("sha256", R"("ABC")"), "field 'sha256'"},
        {with("batch_size", "0"), "field 'batch_size'"},
        {with("format_version", "2"), "field 'format_version': version 2 is newer"},
        {with("model_file", R"("")"), "field 'model_file'"},
        {with("outputdim", "3"), "unknown field 'outputdim'"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const std::string message = errorOf(c.text);
        EXPECT_NE(message.find("bad.json"), std::string::npos) << message;
        EXPECT_NE(message.find(c.mustContain), std::string::npos) << message;
    }
    // Cross-field rules.
    auto j = nlohmann::json::parse(kMinimal);
    j["kind"] = "scorer";
    EXPECT_NE(errorOf(j.dump()).find("field 'output_dim': a scorer"), std::string::npos);
    j["output_dim"] = 1;
    EXPECT_EQ(errorOf(j.dump()), "");
    j["l2_normalize"] = true;
    EXPECT_NE(errorOf(j.dump()).find("field 'l2_normalize'"), std::string::npos);
    j = nlohmann::json::parse(kMinimal);
    j["interpolation"] = "torch_bilinear";
    j["resize_precision"] = "uint8";
    EXPECT_NE(errorOf(j.dump()).find("field 'resize_precision'"), std::string::npos);
    j = nlohmann::json::parse(kMinimal);
    j["input_dtype"] = "uint8";
    j["value_range"] = {0, 255};
    EXPECT_EQ(errorOf(j.dump()), "");
    j["mean"] = {1, 1, 1};
    EXPECT_NE(errorOf(j.dump()).find("field 'input_dtype'"), std::string::npos);
    j = nlohmann::json::parse(kMinimal);
    j["resize"] = "exact";
    j["resize_size"] = {256, 256};
    j["crop"] = "none";
    EXPECT_NE(errorOf(j.dump()).find("field 'crop'"), std::string::npos);
    j["resize"] = "none";
    j.erase("crop");
    EXPECT_NE(errorOf(j.dump()).find("field 'resize_size': given although"), std::string::npos);
}

TEST(Sidecar, LocateModelFindsBothFilesOrSaysWhichIsMissing) {
    winnow::test::TempDir dir;
    writeBytes(dir.file("m.json"), kMinimal);
    const auto missingModel = [&](const std::string& path) {
        try {
            winnow::torchembed::locateModel(path);
        } catch (const winnow::Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(missingModel(dir.file("m.json")).find("m.pt not found"), std::string::npos);
    writeBytes(dir.file("m.pt"), "x");
    auto files = winnow::torchembed::locateModel(dir.file("m.json"));
    EXPECT_EQ(files.modelPath, dir.file("m.pt"));
    files = winnow::torchembed::locateModel(dir.file("m.pt"));
    EXPECT_EQ(files.sidecarPath, dir.file("m.json"));
    EXPECT_EQ(files.sidecar.name, "m");
    writeBytes(dir.file("other.pt"), "x");
    EXPECT_NE(missingModel(dir.file("other.pt")).find("has no sidecar"), std::string::npos);
    files = winnow::torchembed::locateModel(dir.file("other.pt"), dir.file("m.json"));
    EXPECT_EQ(files.modelPath, dir.file("other.pt"));
    writeBytes(dir.file("n.json"), with("model_file", R"("weights/n.pt")"));
    EXPECT_NE(missingModel(dir.file("n.json")).find("weights/n.pt not found"), std::string::npos);
    EXPECT_THROW(winnow::torchembed::loadSidecar(dir.file("absent.json")), winnow::Error);
}
