// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include "torchembed/sidecar.h"

// The only part of Winnow that sees libtorch (torchmodel.cpp is the one translation unit including
// <torch/script.h>); this header is torch-free.

namespace winnow::torchembed {

/// How to run TorchScript models.
struct RunOptions {
    /// "cpu", "cuda", "cuda:N" or "auto" (CUDA when the linked libtorch has it and a GPU is visible, else
    /// CPU).
    std::string device = "auto";
    /// Intra-op threads of libtorch; 0 = every core (std::thread::hardware_concurrency()). libtorch's
    /// setting is process-wide: the last model constructed decides it. All cores is the default because
    /// a forward pass is the heaviest work while it runs and libtorch on Debian otherwise starts with one
    /// thread (BUILD-NOTES.md); a caller that decodes in parallel with embedding may give fewer.
    int threads = 0;
    /// Images per forward pass; 0 = the sidecar's batch_size.
    int batchSize = 0;
};

/// A loaded TorchScript module plus the sidecar rules for calling it and reading its output.
/// Thread affinity: one thread at a time (libtorch's grad mode guards are thread-local and set per call).
class TorchModel {
public:
    /// Loads modelPath with torch::jit::load onto the chosen device, in eval mode. Throws winnow::Error
    /// with a message for people: unknown device, CUDA asked for but unavailable, not a TorchScript archive
    /// (damaged, or a torch.save checkpoint), written by a newer PyTorch than this libtorch.
    TorchModel(const std::string& modelPath, const Sidecar& sidecar, const RunOptions& options);
    ~TorchModel();
    TorchModel(const TorchModel&) = delete;
    TorchModel& operator=(const TorchModel&) = delete;

    /// "cpu" or "cuda:N".
    std::string device() const;

    /// Runs forward on a batch of preprocessed images (batch x 3 x input_height x input_width floats, CHW;
    /// for input_dtype uint8 the floats are whole numbers 0..255 and are converted), with the sidecar's
    /// forward_kwargs, inference mode on; selects the sidecar's output and writes batch x output_dim floats.
    /// Throws winnow::Error when the model fails or its output has another type or shape than the sidecar
    /// says (the message names the sidecar and the shapes). Cost: one forward pass.
    void forward(const float* input, int batch, float* out);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// libtorch's version string, e.g. "1.13.1".
std::string torchVersion();
/// Whether the linked libtorch has CUDA and sees a GPU (loads libtorch_cuda.so when the linker dropped it).
bool cudaAvailable();
/// libtorch's current intra-op thread count (process-wide).
int intraOpThreads();

}  // namespace winnow::torchembed
