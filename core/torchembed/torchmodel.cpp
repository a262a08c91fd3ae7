// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchembed/torchmodel.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <thread>

// The one translation unit of Winnow that includes libtorch headers. Narrow headers instead of
// <torch/script.h> (which pulls in all of ATen): about a third less compile time.
#include <ATen/Parallel.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/from_blob.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include "common/error.h"

namespace winnow::torchembed {
namespace {

/// The first line of a c10::Error, without libtorch's C++ backtrace.
std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

std::string loadFailure(const std::string& path, const std::string& what) {
    const std::string detail = firstLine(what);
    if (what.find("maximum supported") != std::string::npos ||
        what.find("file format version") != std::string::npos) {
        return "cannot load model " + path +
               ": it was written by a newer PyTorch than this libtorch (" TORCH_VERSION
               "); export it again with torch <= " TORCH_VERSION " (e.g. Debian's python3-torch) [" +
               detail + "]";
    }
    if (what.find("constants.pkl") != std::string::npos || what.find("code/") != std::string::npos ||
        what.find("Legacy model format") != std::string::npos) {
        return "cannot load model " + path +
               ": it is a PyTorch checkpoint (torch.save), not TorchScript; export it "
               "with torch.jit.trace/script and save() (packaging/export_models.py) [" +
               detail + "]";
    }
    if (what.find("zip archive") != std::string::npos ||
        what.find("central directory") != std::string::npos ||
        what.find("PytorchStreamReader") != std::string::npos) {
        return "cannot load model " + path +
               ": not a TorchScript archive, or the file is damaged or truncated [" + detail + "]";
    }
    return "cannot load model " + path + ": " + detail;
}

bool loadCudaBackend() {
    if (torch::cuda::is_available()) {
        return true;
    }
    // A CUDA libtorch registers its CUDA backend from libtorch_cuda.so, which the linker drops (--as-needed)
    // when the program references none of its symbols: load it by name. A CPU-only libtorch has no such file.
    if (dlopen("libtorch_cuda.so", RTLD_NOW | RTLD_GLOBAL) == nullptr) {
        return false;
    }
    return torch::cuda::is_available();
}

c10::Device chooseDevice(const std::string& name) {
    if (name == "cpu") {
        return c10::Device(c10::kCPU);
    }
    if (name == "auto") {
        return loadCudaBackend() ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
    }
    if (name == "cuda" || name.rfind("cuda:", 0) == 0) {
        if (!loadCudaBackend()) {
            throw Error(
                "device \"" + name +
                "\" was asked for, but this libtorch (" TORCH_VERSION
                ") has no CUDA support or sees no GPU; use \"cpu\" or \"auto\", or build Winnow against a "
                "CUDA libtorch (-DTorch_DIR=...)");
        }
        int index = 0;
        if (name.size() > 5) {
            const std::string digits = name.substr(5);
            if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
                digits.size() > 3) {
                throw Error("device \"" + name + "\": expected cuda:N with N a GPU number");
            }
            index = std::stoi(digits);
        }
        if (index >= static_cast<int>(torch::cuda::device_count())) {
            throw Error("device \"" + name + "\": only " + std::to_string(torch::cuda::device_count()) +
                        " GPU(s) visible");
        }
        return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw Error("unknown device \"" + name + "\" (expected \"cpu\", \"cuda\", \"cuda:N\" or \"auto\")");
}

std::string describe(const c10::IValue& v) {
    if (v.isTensor()) {
        std::string shape;
        for (auto s : v.toTensor().sizes()) {
            shape += (shape.empty() ? "" : ", ") + std::to_string(s);
        }
        return "a tensor of shape [" + shape + "]";
    }
    if (v.isTuple()) {
        return "a tuple of " + std::to_string(v.toTupleRef().elements().size());
    }
    if (v.isList()) {
        return "a list of " + std::to_string(v.toListRef().size());
    }
    if (v.isGenericDict()) {
        return "a dict of " + std::to_string(v.toGenericDict().size());
    }
    return std::string("a ") + v.tagKind();
}

}  // namespace

struct TorchModel::Impl {
    Sidecar sidecar;
    std::string path;
    c10::Device device{c10::kCPU};
    torch::jit::Module module;
    torch::jit::Kwargs kwargs;

    /// Follows the sidecar's output steps to the tensor.
    at::Tensor select(c10::IValue value) const {
        std::string where = "the output";
        for (const OutputStep& step : sidecar.output) {
            const std::string label =
                step.isKey ? "key '" + step.key + "'" : "index " + std::to_string(step.index);
            if (step.isKey) {
                if (!value.isGenericDict()) {
                    throw Error(sidecar.origin + ": field 'output' asks for " + label + ", but " + where +
                                " of model " + sidecar.name + " is " + describe(value));
                }
                const auto dict = value.toGenericDict();
                const auto it = dict.find(c10::IValue(step.key));
                if (it == dict.end()) {
                    throw Error(sidecar.origin + ": field 'output' asks for " + label + ", which " + where +
                                " of model " + sidecar.name + " does not have");
                }
                value = it->value();
            } else if (value.isTuple() || value.isList()) {
                const std::size_t n =
                    value.isTuple() ? value.toTupleRef().elements().size() : value.toListRef().size();
                if (static_cast<std::size_t>(step.index) >= n) {
                    throw Error(sidecar.origin + ": field 'output' asks for " + label + ", but " + where +
                                " of model " + sidecar.name + " is " + describe(value));
                }
                value = value.isTuple() ? value.toTupleRef().elements()[step.index]
                                        : value.toListRef()[step.index];
            } else {
                throw Error(sidecar.origin + ": field 'output' asks for " + label + ", but " + where +
                            " of model " + sidecar.name + " is " + describe(value));
            }
            where = "that element";
        }
        if (!value.isTensor()) {
            throw Error("model " + sidecar.name + " returned " + describe(value) +
                        " where a tensor was expected; "
                        "set 'output' in " +
                        sidecar.origin + " to pick one (e.g. 0 or \"name\")");
        }
        return value.toTensor();
    }
};

TorchModel::TorchModel(const std::string& modelPath, const Sidecar& sidecar, const RunOptions& options)
    : d(std::make_unique<Impl>()) {
    d->sidecar = sidecar;
    d->path = modelPath;
    const int threads = options.threads > 0
                            ? options.threads
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    d->device = chooseDevice(options.device);
    try {
        d->module = torch::jit::load(modelPath, d->device);
    } catch (const c10::Error& e) {
        throw Error(loadFailure(modelPath, e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw Error(loadFailure(modelPath, e.what()));
    }
    d->module.eval();
    if (!sidecar.submodule.empty()) {
        std::string walked;
        std::size_t start = 0;
        while (start <= sidecar.submodule.size()) {
            const std::size_t dot = std::min(sidecar.submodule.find('.', start), sidecar.submodule.size());
            const std::string part = sidecar.submodule.substr(start, dot - start);
            walked += (walked.empty() ? "" : ".") + part;
            const auto child = d->module.hasattr(part) ? d->module.attr(part) : c10::IValue();
            if (!child.isModule()) {
                throw Error(sidecar.origin + ": field 'submodule': model " + modelPath +
                            " has no submodule '" + walked + "'");
            }
            d->module = child.toModule();
            start = dot + 1;
        }
    }
    if (!d->module.find_method("forward")) {
        throw Error("cannot use model " + modelPath + ": the TorchScript module has no forward method");
    }
    for (const ForwardKwarg& k : sidecar.forwardKwargs) {
        switch (k.type) {
            case ForwardKwarg::Type::Bool:
                d->kwargs.emplace(k.name, k.boolValue);
                break;
            case ForwardKwarg::Type::Int:
                d->kwargs.emplace(k.name, static_cast<int64_t>(k.intValue));
                break;
            case ForwardKwarg::Type::Double:
                d->kwargs.emplace(k.name, k.doubleValue);
                break;
            case ForwardKwarg::Type::String:
                d->kwargs.emplace(k.name, k.stringValue);
                break;
        }
    }
}

TorchModel::~TorchModel() = default;

std::string TorchModel::device() const {
    return d->device.str();
}

void TorchModel::forward(const float* input, int batch, float* out) {
    const Sidecar& s = d->sidecar;
    if (batch <= 0) {
        return;
    }
    at::Tensor result;
    try {
        c10::InferenceMode guard;  // thread-local: set on the calling thread, per call
        // from_blob does not copy: the caller's buffer stays alive for the call.
        at::Tensor x = at::from_blob(const_cast<float*>(input), {batch, 3, s.inputHeight, s.inputWidth},
                                     at::TensorOptions().dtype(at::kFloat));
        if (s.inputDtype == InputDtype::Uint8) {
            x = x.to(at::kByte);
        }
        x = x.to(d->device);
        auto method = d->module.get_method("forward");
        c10::IValue value = method(std::vector<c10::IValue>{x}, d->kwargs);
        result = d->select(std::move(value)).to(at::kCPU, at::kFloat).contiguous();
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error("model " + s.name + " failed on a batch of " + std::to_string(batch) + " images of " +
                    std::to_string(s.inputWidth) + "x" + std::to_string(s.inputHeight) + ": " +
                    firstLine(e.what_without_backtrace()));
    } catch (const std::exception& e) {  // TorchScript's own exceptions (raise in the model, ...)
        throw Error("model " + s.name + " failed on a batch of " + std::to_string(batch) +
                    " images: " + firstLine(e.what()));
    }
    std::string shape;
    for (auto v : result.sizes()) {
        shape += (shape.empty() ? "" : ", ") + std::to_string(v);
    }
    const bool scorer = s.kind == ModelKind::Scorer;
    const bool batchFirst = result.dim() >= 1 && result.size(0) == batch;
    if (!batchFirst || result.numel() != static_cast<int64_t>(batch) * s.outputDim ||
        (scorer && result.dim() > 2)) {
        throw Error("model " + s.name + " returned a tensor of shape [" + shape + "] for " +
                    std::to_string(batch) + " images, but " + s.origin + " says output_dim " +
                    std::to_string(s.outputDim) + " (expected [" + std::to_string(batch) + ", " +
                    std::to_string(s.outputDim) + "]" +
                    (scorer ? " or [" + std::to_string(batch) + "]"
                            : std::string(", or more dimensions of that total")) +
                    ")");
    }
    std::memcpy(out, result.data_ptr<float>(), sizeof(float) * static_cast<std::size_t>(result.numel()));
}

std::string torchVersion() {
    return TORCH_VERSION;
}

bool cudaAvailable() {
    return loadCudaBackend();
}

int intraOpThreads() {
    return at::get_num_threads();
}

}  // namespace winnow::torchembed
