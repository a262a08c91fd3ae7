// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <string>
#include <vector>

namespace winnow::torchembed {

/// What a model computes: a feature vector per image, or one score per image.
enum class ModelKind { Embedder, Scorer };
/// First geometric step (see SIDECAR.md): shorter side to resize_size (aspect kept), exact size, or none.
enum class ResizeMode { ShorterSide, Exact, None };
/// Second geometric step: centre crop (zero padding where the image is smaller) to input_size, or none.
enum class CropMode { Center, None };
/// PIL filters as torchvision applies them to PIL images, plus torch's F.interpolate(bilinear,
/// align_corners=False, antialias=False) on the float tensor (pytorch-fid).
enum class Interpolation { Nearest, Bilinear, Bicubic, Lanczos, TorchBilinear };
/// Samples a PIL filter works on: 8-bit (torchvision on PIL RGB images, rounded after each pass) or
/// float (PIL mode "F" per channel, unrounded and then clipped to 0..255, as clean-fid's "clean" resize).
enum class ResizePrecision { Uint8, Float };
enum class ChannelOrder { Rgb, Bgr };
/// Element type of the batch handed to the model.
enum class InputDtype { Float32, Uint8 };

/// One step into a model's output: a tuple/list index or a dict key.
struct OutputStep {
    bool isKey = false;
    int index = 0;
    std::string key;
};

/// One keyword argument for the model's forward() (NVlabs' Inception needs return_features=True).
struct ForwardKwarg {
    enum class Type { Bool, Int, Double, String };
    std::string name;
    Type type = Type::Bool;
    bool boolValue = false;
    long long intValue = 0;
    double doubleValue = 0.0;
    std::string stringValue;
};

/// A model's sidecar: how to prepare images for it and how to read its output. The schema, defaults and
/// rules are in core/torchembed/SIDECAR.md. Values are validated when read, so a Sidecar obtained from
/// parseSidecar/loadSidecar is always consistent.
struct Sidecar {
    int formatVersion = 1;
    std::string name;  ///< how commands and the GUI call the model
    ModelKind kind = ModelKind::Embedder;
    std::string modelFile;  ///< as written ("" = the sidecar's stem + ".pt")
    int inputHeight = 0;    ///< input_size[0]
    int inputWidth = 0;     ///< input_size[1]
    ResizeMode resize = ResizeMode::ShorterSide;
    int resizeShorter = 0;  ///< ShorterSide: target of the shorter side
    int resizeHeight = 0;   ///< Exact: target size
    int resizeWidth = 0;
    CropMode crop = CropMode::Center;
    Interpolation interpolation = Interpolation::Bicubic;
    ResizePrecision resizePrecision = ResizePrecision::Uint8;
    std::array<double, 3> mean{0.0, 0.0, 0.0};  ///< per channel, in the order of channel_order
    std::array<double, 3> std{1.0, 1.0, 1.0};
    double valueMax = 1.0;  ///< value_range is [0, valueMax]: 1 or 255
    ChannelOrder channelOrder = ChannelOrder::Rgb;
    InputDtype inputDtype = InputDtype::Float32;
    int outputDim = 0;
    bool l2Normalize = false;
    std::vector<OutputStep> output;  ///< empty: the output itself is the tensor
    std::string submodule;  ///< dotted path of the submodule whose forward() is called ("" = the model)
    std::vector<ForwardKwarg> forwardKwargs;  ///< keyword arguments for forward(), sorted by name
    int batchSize = 32;
    /// Images may be decoded at reduced size down to this shorter side (0 = full size, exact parity with
    /// the Python pipeline on the full image).
    int decodeMinSide = 0;
    std::string sha256;  ///< expected SHA-256 of the model file, lowercase hex ("" = unchecked)
    // Informative only (shown to people, never part of the identity).
    std::string description;
    std::string source;
    std::string license;
    std::string exportedWith;

    std::string origin;  ///< the file it was read from, or the label given to parseSidecar
};

/// Parses and validates sidecar JSON text. origin names the text in messages (usually its path).
/// Throws winnow::Error naming origin and the offending field, e.g. "clip.json: field 'mean': expected 3
/// numbers". Unknown fields are errors (typos must not silently fall back to defaults); fields whose name
/// starts with '_' are comments and ignored.
Sidecar parseSidecar(const std::string& jsonText, const std::string& origin);

/// Reads and validates a sidecar file. Throws winnow::Error (unreadable file, bad JSON, invalid field).
Sidecar loadSidecar(const std::string& path);

/// The sidecar as canonical JSON (keys sorted, every default spelled out). With informative = false
/// model_file, sha256, batch_size and the informative strings are left out: what remains decides the
/// model's inputs and outputs (the model identity's "sidecar").
std::string sidecarJson(const Sidecar& sidecar, bool informative = true);

/// Names as they appear in sidecar files ("shorter_side", "bicubic", "torch_bilinear", ...).
std::string toString(ResizeMode mode);
std::string toString(Interpolation interpolation);

/// Where a model's two files are. Given a .json path: the sidecar, and its model_file (or the same stem
/// with .pt); given any other path: that is the model, and the sidecar is sidecarPath when not empty, else
/// the same stem with .json. Checks that both exist and that the sidecar is valid.
/// Throws winnow::Error naming the missing file.
struct ModelFiles {
    std::string modelPath;
    std::string sidecarPath;
    Sidecar sidecar;
};
ModelFiles locateModel(const std::string& path, const std::string& sidecarPath = {});

}  // namespace winnow::torchembed
