// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/embedderfactory.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "torchembed/pluginapi.h"
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
#include "embed/builtin.h"
#endif

namespace winnow::curate {

namespace fs = std::filesystem;

namespace {

/// The TorchScript plugin, loaded once and never unloaded (libtorch does not survive dlclose).
struct TorchPlugin {
    torchembed::TorchCreateEmbedderFn create = nullptr;
    torchembed::TorchDestroyEmbedderFn destroy = nullptr;
    torchembed::TorchCreateScorerFn createScorer = nullptr;
    torchembed::TorchDestroyScorerFn destroyScorer = nullptr;
    torchembed::TorchScorerDescribeFn describeScorer = nullptr;
    torchembed::TorchScorerScoreFn scoreImages = nullptr;
    std::string error;  ///< why it could not be loaded
};

template <typename Fn>
Fn symbol(void* handle, const char* name) {
    return reinterpret_cast<Fn>(::dlsym(handle, name));
}

std::vector<std::string> pluginCandidates() {
    std::vector<std::string> out;
    if (const char* env = std::getenv("WINNOW_PLUGIN_DIR")) out.push_back(std::string(env) + "/libwinnow_torch.so");
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) out.push_back((exe.parent_path() / "../lib/winnow/libwinnow_torch.so").lexically_normal().string());
#ifdef WINNOW_PLUGIN_INSTALL_DIR
    out.push_back(std::string(WINNOW_PLUGIN_INSTALL_DIR) + "/libwinnow_torch.so");
#endif
#ifdef WINNOW_PLUGIN_BUILD_DIR
    out.push_back(std::string(WINNOW_PLUGIN_BUILD_DIR) + "/libwinnow_torch.so");
#endif
    return out;
}

const TorchPlugin& torchPlugin() {
    static TorchPlugin plugin;
    static std::once_flag once;
    std::call_once(once, [] {
        std::string tried;
        for (const auto& path : pluginCandidates()) {
            if (!fs::exists(path)) {
                tried += "\n  " + path + " (missing)";
                continue;
            }
            void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (!handle) {
                tried += "\n  " + path + " (" + ::dlerror() + ")";
                continue;
            }
            auto version = symbol<torchembed::TorchPluginVersionFn>(handle, "winnow_torch_plugin_version");
            TorchPlugin p;
            p.create = symbol<torchembed::TorchCreateEmbedderFn>(handle, "winnow_torch_create_embedder");
            p.destroy = symbol<torchembed::TorchDestroyEmbedderFn>(handle, "winnow_torch_destroy_embedder");
            p.createScorer = symbol<torchembed::TorchCreateScorerFn>(handle, "winnow_torch_create_scorer");
            p.destroyScorer = symbol<torchembed::TorchDestroyScorerFn>(handle, "winnow_torch_destroy_scorer");
            p.describeScorer = symbol<torchembed::TorchScorerDescribeFn>(handle, "winnow_torch_scorer_describe");
            p.scoreImages = symbol<torchembed::TorchScorerScoreFn>(handle, "winnow_torch_scorer_score");
            if (!version || version() != torchembed::kTorchPluginVersion || !p.create || !p.destroy ||
                !p.createScorer || !p.destroyScorer || !p.describeScorer || !p.scoreImages) {
                tried += "\n  " + path + " (not a Winnow TorchScript plugin of version " +
                         std::to_string(torchembed::kTorchPluginVersion) + ")";
                continue;
            }
            plugin = p;
            return;
        }
        plugin.error = "this Winnow cannot run TorchScript models: its libtorch plugin was not found or not loaded" + tried;
    });
    return plugin;
}

/// Forwards to the plugin's embedder and turns whatever it throws into winnow::Error (the plugin has its
/// own copy of the Error type, which catch sites here would not recognise).
class PluginEmbedder final : public embed::Embedder {
public:
    PluginEmbedder(embed::Embedder* inner, torchembed::TorchDestroyEmbedderFn destroy) : m_inner(inner), m_destroy(destroy) {}
    ~PluginEmbedder() override { m_destroy(m_inner); }
    std::string name() const override { return guard([&] { return m_inner->name(); }); }
    int dim() const override { return guard([&] { return m_inner->dim(); }); }
    std::string identityJson() const override { return guard([&] { return m_inner->identityJson(); }); }
    bool normalized() const override { return guard([&] { return m_inner->normalized(); }); }
    int preferredMinSide() const override { return guard([&] { return m_inner->preferredMinSide(); }); }
    int batchSize() const override { return guard([&] { return m_inner->batchSize(); }); }
    void embed(const std::vector<imageio::Image>& images, float* out) override {
        guard([&] {
            m_inner->embed(images, out);
            return 0;
        });
    }

private:
    template <typename F>
    auto guard(F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const Canceled&) {
            throw;
        } catch (const std::exception& e) {
            throw Error(e.what());
        }
    }
    embed::Embedder* m_inner;
    torchembed::TorchDestroyEmbedderFn m_destroy;
};

/// The plugin's TorchScriptScorer behind its C entry points.
class PluginScorer final : public ImageScorer {
public:
    PluginScorer(void* inner, const TorchPlugin& plugin) : m_inner(inner), m_plugin(plugin) {
        try {
            std::vector<char> text(1024);
            long n = m_plugin.describeScorer(m_inner, text.data(), text.size());
            if (n >= static_cast<long>(text.size())) {
                text.resize(static_cast<std::size_t>(n) + 1);
                n = m_plugin.describeScorer(m_inner, text.data(), text.size());
            }
            if (n < 0 || n >= static_cast<long>(text.size())) throw Error("no description");
            const auto j = nlohmann::json::parse(std::string(text.data(), static_cast<std::size_t>(n)));
            m_name = j.at("name").get<std::string>();
            m_identity = j.at("identity").get<std::string>();
            m_batchSize = j.at("batch_size").get<int>();
            m_minSide = j.at("min_side").get<int>();
            m_device = j.at("device").get<std::string>();
        } catch (const std::exception& e) {
            m_plugin.destroyScorer(m_inner);
            throw Error(std::string("the TorchScript plugin could not describe the scorer: ") + e.what());
        }
    }
    ~PluginScorer() override { m_plugin.destroyScorer(m_inner); }
    std::string name() const override { return m_name; }
    std::string identityJson() const override { return m_identity; }
    int batchSize() const override { return m_batchSize; }
    int preferredMinSide() const override { return m_minSide; }
    std::string device() const override { return m_device; }
    void score(const std::vector<imageio::Image>& images, float* out) override {
        char error[2048] = {0};
        if (m_plugin.scoreImages(m_inner, &images, out, error, sizeof error) != 0)
            throw Error(error[0] ? std::string(error) : "the scorer " + m_name + " failed");
    }

private:
    void* m_inner;
    const TorchPlugin& m_plugin;
    std::string m_name, m_identity, m_device;
    int m_batchSize = 1, m_minSide = 0;
};

bool isModelFile(const std::string& spec) {
    const std::string ext = fs::path(spec).extension().string();
    return ext == ".pt" || ext == ".json";
}

/// The loaded plugin, once the model file is known to exist.
const TorchPlugin& pluginFor(const std::string& spec) {
    if (!fs::exists(spec)) throw Error("no such model file: " + spec);
    const TorchPlugin& plugin = torchPlugin();
    if (!plugin.create) throw Error(plugin.error);
    return plugin;
}

}  // namespace

std::unique_ptr<embed::Embedder> createEmbedder(const std::string& spec, const std::string& device) {
    if (spec == "builtin") {
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
        return std::make_unique<embed::BuiltinEmbedder>();
#else
        throw Error("this build of Winnow has no built-in embedder");
#endif
    }
    if (!isModelFile(spec)) {
        throw Error("unknown embedder '" + spec +
                    "': give builtin, the name of an embedder the project has, or a TorchScript model (.pt) or "
                    "its sidecar (.json)");
    }
    const TorchPlugin& plugin = pluginFor(spec);
    char error[2048] = {0};
    embed::Embedder* inner = plugin.create(spec.c_str(), device.c_str(), error, sizeof error);
    if (!inner) throw Error(error[0] ? std::string(error) : "the model could not be loaded: " + spec);
    return std::make_unique<PluginEmbedder>(inner, plugin.destroy);
}

std::unique_ptr<ImageScorer> createScorer(const std::string& spec, const std::string& device, int batchSize) {
    if (!isModelFile(spec))
        throw Error("a scorer model is a TorchScript file (.pt) or its sidecar (.json), not '" + spec + "'");
    const TorchPlugin& plugin = pluginFor(spec);
    char error[2048] = {0};
    void* inner = plugin.createScorer(spec.c_str(), device.c_str(), batchSize, error, sizeof error);
    if (!inner) throw Error(error[0] ? std::string(error) : "the model could not be loaded: " + spec);
    return std::make_unique<PluginScorer>(inner, plugin);
}

}  // namespace winnow::curate
