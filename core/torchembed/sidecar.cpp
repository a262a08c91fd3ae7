// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/sidecar.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace winnow::torchembed {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// Reads fields of one sidecar object, remembering which were used and naming the file in errors.
class Reader {
public:
    Reader(const json& object, std::string origin) : m_object(object), m_origin(std::move(origin)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& what) const {
        throw Error(m_origin + ": field '" + field + "': " + what);
    }

    bool has(const std::string& field) {
        m_known.insert(field);
        return m_object.contains(field) && !m_object.at(field).is_null();
    }
    const json& at(const std::string& field) {
        m_known.insert(field);
        return m_object.at(field);
    }
    const json& require(const std::string& field) {
        if (!has(field)) {
            fail(field, "missing (required)");
        }
        return at(field);
    }

    std::string string(const std::string& field, const std::string& fallback, bool required = false) {
        if (required) {
            require(field);
        } else if (!has(field)) {
            return fallback;
        }
        const json& v = at(field);
        if (!v.is_string()) {
            fail(field, "expected a string, got " + describe(v));
        }
        return v.get<std::string>();
    }

    /// One of the listed names; returns its position.
    int choice(const std::string& field, const std::vector<std::string>& names, int fallback, bool required) {
        const std::string value = string(field, fallback >= 0 ? names[fallback] : std::string(), required);
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (value == names[i]) {
                return static_cast<int>(i);
            }
        }
        std::string list;
        for (const auto& n : names) {
            list += (list.empty() ? "\"" : ", \"") + n + "\"";
        }
        fail(field, "\"" + value + "\" is not one of " + list);
    }

    int integer(const std::string& field, int fallback, int lo, int hi, bool required = false) {
        if (required) {
            require(field);
        } else if (!has(field)) {
            return fallback;
        }
        return integerValue(field, at(field), lo, hi);
    }

    int integerValue(const std::string& field, const json& v, int lo, int hi) const {
        if (!v.is_number_integer() &&
            !(v.is_number_float() && std::floor(v.get<double>()) == v.get<double>())) {
            fail(field, "expected an integer, got " + describe(v));
        }
        const double d = v.get<double>();
        if (d < lo || d > hi) {
            fail(field, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                            ", got " + v.dump());
        }
        return static_cast<int>(d);
    }

    bool boolean(const std::string& field, bool fallback) {
        if (!has(field)) {
            return fallback;
        }
        const json& v = at(field);
        if (!v.is_boolean()) {
            fail(field, "expected true or false, got " + describe(v));
        }
        return v.get<bool>();
    }

    /// Exactly n numbers.
    std::vector<double> numbers(const std::string& field, std::size_t n) {
        const json& v = at(field);
        if (!v.is_array() || v.size() != n) {
            fail(field, "expected " + std::to_string(n) + " numbers, got " + describe(v));
        }
        std::vector<double> out;
        for (const json& e : v) {
            if (!e.is_number() || !std::isfinite(e.get<double>())) {
                fail(field, "expected " + std::to_string(n) + " finite numbers, got " + v.dump());
            }
            out.push_back(e.get<double>());
        }
        return out;
    }

    /// Every field of the object was read (or is a '_' comment).
    void checkNoUnknownFields() const {
        for (const auto& [key, value] : m_object.items()) {
            if (!key.empty() && key[0] == '_') {
                continue;
            }
            if (m_known.count(key) == 0) {
                std::string list;
                for (const auto& k : m_known) {
                    list += (list.empty() ? "" : ", ") + k;
                }
                throw Error(m_origin + ": unknown field '" + key + "' (known fields: " + list +
                            "; names starting with '_' are comments)");
            }
        }
    }

    static std::string describe(const json& v) {
        switch (v.type()) {
            case json::value_t::null:
                return "null";
            case json::value_t::boolean:
                return "a boolean";
            case json::value_t::string:
                return "a string";
            case json::value_t::array:
                return "an array of " + std::to_string(v.size());
            case json::value_t::object:
                return "an object";
            default:
                return v.dump();
        }
    }

    const std::string& origin() const { return m_origin; }

private:
    const json& m_object;
    std::string m_origin;
    std::set<std::string> m_known;
};

const std::vector<std::string> kKinds = {"embedder", "scorer"};
const std::vector<std::string> kResizeModes = {"shorter_side", "exact", "none"};
const std::vector<std::string> kCropModes = {"center", "none"};
const std::vector<std::string> kInterpolations = {"nearest", "bilinear", "bicubic", "lanczos",
                                                  "torch_bilinear"};
const std::vector<std::string> kPrecisions = {"uint8", "float"};
const std::vector<std::string> kChannelOrders = {"RGB", "BGR"};
const std::vector<std::string> kDtypes = {"float32", "uint8"};

constexpr int kMaxSide = 8192;

bool validName(const std::string& name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool validSha256(const std::string& s) {
    if (s.size() != 64) {
        return false;
    }
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

void readOutput(Reader& r, Sidecar& s) {
    if (!r.has("output")) {
        return;
    }
    const json& v = r.at("output");
    const auto step = [&](const json& e) {
        OutputStep st;
        if (e.is_string()) {
            st.isKey = true;
            st.key = e.get<std::string>();
        } else if (e.is_number_integer()) {
            st.index = r.integerValue("output", e, 0, 1 << 20);
        } else {
            r.fail("output",
                   "expected a tuple index (integer >= 0), a dict key (string) or an array of them, got " +
                       Reader::describe(e));
        }
        s.output.push_back(st);
    };
    if (v.is_array()) {
        if (v.empty()) {
            r.fail("output",
                   "an empty array selects nothing; leave the field out to take the output as it is");
        }
        for (const json& e : v) {
            step(e);
        }
    } else {
        step(v);
    }
}

void readForwardKwargs(Reader& r, Sidecar& s) {
    if (!r.has("forward_kwargs")) {
        return;
    }
    const json& v = r.at("forward_kwargs");
    if (!v.is_object()) {
        r.fail("forward_kwargs", "expected an object of keyword arguments, got " + Reader::describe(v));
    }
    for (const auto& [key, value] : v.items()) {  // nlohmann's object is sorted by key
        ForwardKwarg k;
        k.name = key;
        if (value.is_boolean()) {
            k.type = ForwardKwarg::Type::Bool;
            k.boolValue = value.get<bool>();
        } else if (value.is_number_integer()) {
            k.type = ForwardKwarg::Type::Int;
            k.intValue = value.get<long long>();
        } else if (value.is_number_float()) {
            k.type = ForwardKwarg::Type::Double;
            k.doubleValue = value.get<double>();
        } else if (value.is_string()) {
            k.type = ForwardKwarg::Type::String;
            k.stringValue = value.get<std::string>();
        } else {
            r.fail("forward_kwargs", "argument '" + key + "' must be a boolean, number or string");
        }
        s.forwardKwargs.push_back(k);
    }
}

void readGeometry(Reader& r, Sidecar& s) {
    const json& size = r.require("input_size");
    if (!size.is_array() || size.size() != 2) {
        r.fail("input_size", "expected [height, width], got " + Reader::describe(size));
    }
    s.inputHeight = r.integerValue("input_size", size[0], 1, kMaxSide);
    s.inputWidth = r.integerValue("input_size", size[1], 1, kMaxSide);

    s.resize = static_cast<ResizeMode>(r.choice("resize", kResizeModes, -1, true));
    switch (s.resize) {
        case ResizeMode::ShorterSide:
            s.resizeShorter = r.integer("resize_size", std::min(s.inputHeight, s.inputWidth), 1, kMaxSide);
            break;
        case ResizeMode::Exact:
            s.resizeHeight = s.inputHeight;
            s.resizeWidth = s.inputWidth;
            if (r.has("resize_size")) {
                const json& v = r.at("resize_size");
                if (v.is_array() && v.size() == 2) {
                    s.resizeHeight = r.integerValue("resize_size", v[0], 1, kMaxSide);
                    s.resizeWidth = r.integerValue("resize_size", v[1], 1, kMaxSide);
                } else if (v.is_number()) {
                    s.resizeHeight = s.resizeWidth = r.integerValue("resize_size", v, 1, kMaxSide);
                } else {
                    r.fail("resize_size", "expected [height, width] or one integer for a square, got " +
                                              Reader::describe(v));
                }
            }
            break;
        case ResizeMode::None:
            if (r.has("resize_size")) {
                r.fail("resize_size", "given although resize is \"none\"");
            }
            break;
    }

    const int defaultCrop = s.resize == ResizeMode::ShorterSide ? 0 : 1;
    s.crop = static_cast<CropMode>(r.choice("crop", kCropModes, defaultCrop, false));
    if (s.crop == CropMode::None) {
        if (s.resize == ResizeMode::ShorterSide) {
            r.fail("crop",
                   "\"none\" after a shorter_side resize gives images of different shapes; use \"center\"");
        }
        if (s.resize == ResizeMode::Exact &&
            (s.resizeHeight != s.inputHeight || s.resizeWidth != s.inputWidth)) {
            r.fail("crop", "\"none\" needs resize_size equal to input_size (or crop \"center\")");
        }
    }

    if (s.resize == ResizeMode::None) {
        s.interpolation = Interpolation::Bicubic;  // unused
        if (r.has("interpolation")) {
            s.interpolation =
                static_cast<Interpolation>(r.choice("interpolation", kInterpolations, -1, true));
        }
    } else {
        s.interpolation = static_cast<Interpolation>(r.choice("interpolation", kInterpolations, -1, true));
    }
    const int defaultPrecision = s.interpolation == Interpolation::TorchBilinear ? 1 : 0;
    s.resizePrecision =
        static_cast<ResizePrecision>(r.choice("resize_precision", kPrecisions, defaultPrecision, false));
    if (s.interpolation == Interpolation::TorchBilinear && s.resizePrecision != ResizePrecision::Float) {
        r.fail("resize_precision",
               "torch_bilinear always works on the float tensor; leave the field out or say \"float\"");
    }
    if (s.interpolation == Interpolation::Nearest && s.resizePrecision == ResizePrecision::Float) {
        r.fail("resize_precision", "\"float\" is not available with nearest");
    }
}

void readValues(Reader& r, Sidecar& s) {
    const std::vector<double> mean = r.has("mean") ? r.numbers("mean", 3) : std::vector<double>{0, 0, 0};
    const std::vector<double> stdev = r.has("std") ? r.numbers("std", 3) : std::vector<double>{1, 1, 1};
    for (int c = 0; c < 3; ++c) {
        s.mean[c] = mean[c];
        s.std[c] = stdev[c];
        if (!(stdev[c] > 0)) {
            r.fail("std", "every value must be > 0");
        }
    }
    r.require("value_range");
    const std::vector<double> range = r.numbers("value_range", 2);
    if (range[0] != 0 || (range[1] != 1 && range[1] != 255)) {
        r.fail("value_range", "expected [0, 1] (samples / 255, as torchvision's ToTensor) or [0, 255]");
    }
    s.valueMax = range[1];
    s.channelOrder = static_cast<ChannelOrder>(r.choice("channel_order", kChannelOrders, 0, false));
    s.inputDtype = static_cast<InputDtype>(r.choice("input_dtype", kDtypes, 0, false));
    if (s.inputDtype == InputDtype::Uint8) {
        const bool identity =
            s.mean == std::array<double, 3>{0, 0, 0} && s.std == std::array<double, 3>{1, 1, 1};
        if (s.valueMax != 255 || !identity) {
            r.fail("input_dtype",
                   "\"uint8\" hands the model raw 0..255 samples: it needs value_range [0, 255], "
                   "mean [0, 0, 0] and std [1, 1, 1]");
        }
        if (s.resize != ResizeMode::None && s.resizePrecision != ResizePrecision::Uint8) {
            r.fail("input_dtype",
                   "\"uint8\" needs an 8-bit resize (resize_precision \"uint8\", not torch_bilinear)");
        }
    }
}

}  // namespace

std::string toString(ResizeMode mode) {
    return kResizeModes[static_cast<int>(mode)];
}
std::string toString(Interpolation interpolation) {
    return kInterpolations[static_cast<int>(interpolation)];
}

Sidecar parseSidecar(const std::string& jsonText, const std::string& origin) {
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::parse_error& e) {
        throw Error(origin + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!root.is_object()) {
        throw Error(origin + ": a sidecar must be a JSON object");
    }
    Reader r(root, origin);
    Sidecar s;
    s.origin = origin;
    s.formatVersion = r.integer("format_version", 1, 1, 1000);
    if (s.formatVersion != 1) {
        r.fail("format_version", "version " + std::to_string(s.formatVersion) +
                                     " is newer than this Winnow understands (1); update Winnow");
    }
    s.name = r.string("name", "", true);
    if (!validName(s.name) || s.name == "builtin") {
        r.fail("name", "\"" + s.name + "\" must be 1-64 characters of A-Z a-z 0-9 . _ - and not \"builtin\"");
    }
    s.kind = static_cast<ModelKind>(r.choice("kind", kKinds, -1, true));
    s.modelFile = r.string("model_file", "");
    if (r.has("model_file") && s.modelFile.empty()) {
        r.fail("model_file", "must not be empty (leave it out to use the sidecar's name with .pt)");
    }
    readGeometry(r, s);
    readValues(r, s);
    s.outputDim = r.integer("output_dim", 0, 1, 1 << 20, true);
    s.l2Normalize = r.boolean("l2_normalize", false);
    if (s.kind == ModelKind::Scorer) {
        if (s.outputDim != 1) {
            r.fail("output_dim", "a scorer gives one value per image: output_dim must be 1");
        }
        if (s.l2Normalize) {
            r.fail("l2_normalize", "must be false for a scorer");
        }
    }
    readOutput(r, s);
    s.submodule = r.string("submodule", "");
    if (r.has("submodule")) {
        const std::string& m = s.submodule;
        if (m.empty() || m.front() == '.' || m.back() == '.' || m.find("..") != std::string::npos) {
            r.fail("submodule",
                   "expected a dotted attribute path such as \"layers\" or \"visual.transformer\"");
        }
    }
    readForwardKwargs(r, s);
    s.batchSize = r.integer("batch_size", 32, 1, 4096);
    s.decodeMinSide = r.integer("decode_min_side", 0, 0, kMaxSide);
    s.sha256 = r.string("sha256", "");
    if (!s.sha256.empty() && !validSha256(s.sha256)) {
        r.fail("sha256", "expected 64 lowercase hexadecimal characters");
    }
    s.description = r.string("description", "");
    s.source = r.string("source", "");
    s.license = r.string("license", "");
    s.exportedWith = r.string("exported_with", "");
    r.checkNoUnknownFields();
    return s;
}

Sidecar loadSidecar(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error("cannot read model sidecar " + path + " (missing or unreadable)");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseSidecar(text.str(), path);
}

std::string sidecarJson(const Sidecar& s, bool informative) {
    json j;
    j["format_version"] = s.formatVersion;
    j["name"] = s.name;
    j["kind"] = kKinds[static_cast<int>(s.kind)];
    j["input_size"] = {s.inputHeight, s.inputWidth};
    j["resize"] = toString(s.resize);
    if (s.resize == ResizeMode::ShorterSide) {
        j["resize_size"] = s.resizeShorter;
    } else if (s.resize == ResizeMode::Exact) {
        j["resize_size"] = {s.resizeHeight, s.resizeWidth};
    }
    j["crop"] = kCropModes[static_cast<int>(s.crop)];
    j["interpolation"] = toString(s.interpolation);
    j["resize_precision"] = kPrecisions[static_cast<int>(s.resizePrecision)];
    j["mean"] = {s.mean[0], s.mean[1], s.mean[2]};
    j["std"] = {s.std[0], s.std[1], s.std[2]};
    j["value_range"] = {0, static_cast<int>(s.valueMax)};
    j["channel_order"] = kChannelOrders[static_cast<int>(s.channelOrder)];
    j["input_dtype"] = kDtypes[static_cast<int>(s.inputDtype)];
    j["output_dim"] = s.outputDim;
    j["l2_normalize"] = s.l2Normalize;
    if (!s.output.empty()) {
        json steps = json::array();
        for (const auto& st : s.output) {
            steps.push_back(st.isKey ? json(st.key) : json(st.index));
        }
        j["output"] = steps;
    }
    if (!s.submodule.empty()) {
        j["submodule"] = s.submodule;
    }
    json kwargs = json::object();
    for (const auto& k : s.forwardKwargs) {
        switch (k.type) {
            case ForwardKwarg::Type::Bool:
                kwargs[k.name] = k.boolValue;
                break;
            case ForwardKwarg::Type::Int:
                kwargs[k.name] = k.intValue;
                break;
            case ForwardKwarg::Type::Double:
                kwargs[k.name] = k.doubleValue;
                break;
            case ForwardKwarg::Type::String:
                kwargs[k.name] = k.stringValue;
                break;
        }
    }
    j["forward_kwargs"] = kwargs;
    j["decode_min_side"] = s.decodeMinSide;
    if (informative) {
        j["batch_size"] = s.batchSize;
        if (!s.modelFile.empty()) {
            j["model_file"] = s.modelFile;
        }
        for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"sha256", &s.sha256},
                                         {"description", &s.description},
                                         {"source", &s.source},
                                         {"license", &s.license},
                                         {"exported_with", &s.exportedWith}}) {
            if (!value->empty()) {
                j[key] = *value;
            }
        }
    }
    return j.dump();
}

ModelFiles locateModel(const std::string& path, const std::string& sidecarPath) {
    ModelFiles files;
    const fs::path p(path);
    if (p.extension() == ".json") {
        files.sidecarPath = path;
        files.sidecar = loadSidecar(path);
        const fs::path model = files.sidecar.modelFile.empty() ? fs::path(p).replace_extension(".pt")
                                                               : p.parent_path() / files.sidecar.modelFile;
        files.modelPath = model.string();
    } else {
        files.modelPath = path;
        files.sidecarPath =
            sidecarPath.empty() ? fs::path(p).replace_extension(".json").string() : sidecarPath;
        std::error_code ec;
        if (!fs::exists(files.sidecarPath, ec)) {
            throw Error("model " + path + " has no sidecar: expected " + files.sidecarPath +
                        " (see SIDECAR.md; packaging/export_models.py writes one)");
        }
        files.sidecar = loadSidecar(files.sidecarPath);
    }
    std::error_code ec;
    if (!fs::is_regular_file(files.modelPath, ec)) {
        throw Error("model file " + files.modelPath + " not found (named by " + files.sidecarPath + ")");
    }
    return files;
}

}  // namespace winnow::torchembed
