// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "curate/embedderfactory.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include "common/error.h"
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
#include "embed/builtin.h"
#endif

namespace winnow::curate {

namespace fs = std::filesystem;

namespace {

using CreateFn = embed::Embedder* (*)(const char*, const char*, char*, std::size_t);
using DestroyFn = void (*)(embed::Embedder*);
using VersionFn = int (*)();

/// The TorchScript plugin, loaded once and never unloaded (libtorch does not survive dlclose).
struct TorchPlugin {
    CreateFn create = nullptr;
    DestroyFn destroy = nullptr;
    std::string error;  ///< why it could not be loaded
};

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
            auto version = reinterpret_cast<VersionFn>(::dlsym(handle, "winnow_torch_plugin_version"));
            plugin.create = reinterpret_cast<CreateFn>(::dlsym(handle, "winnow_torch_create_embedder"));
            plugin.destroy = reinterpret_cast<DestroyFn>(::dlsym(handle, "winnow_torch_destroy_embedder"));
            if (!version || version() != 1 || !plugin.create || !plugin.destroy) {
                plugin.create = nullptr;
                tried += "\n  " + path + " (not a Winnow TorchScript plugin of this version)";
                continue;
            }
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
    PluginEmbedder(embed::Embedder* inner, DestroyFn destroy) : m_inner(inner), m_destroy(destroy) {}
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
    DestroyFn m_destroy;
};

}  // namespace

std::unique_ptr<embed::Embedder> createEmbedder(const std::string& spec, const std::string& device) {
    if (spec == "builtin") {
#ifdef WINNOW_HAVE_BUILTIN_EMBEDDER
        return std::make_unique<embed::BuiltinEmbedder>();
#else
        throw Error("this build of Winnow has no built-in embedder");
#endif
    }
    const fs::path path(spec);
    const std::string ext = path.extension().string();
    if (ext != ".pt" && ext != ".json") {
        throw Error("unknown embedder '" + spec +
                    "': give builtin, the name of an embedder the project has, or a TorchScript model (.pt) or "
                    "its sidecar (.json)");
    }
    if (!fs::exists(path)) throw Error("no such model file: " + spec);
    const TorchPlugin& plugin = torchPlugin();
    if (!plugin.create) throw Error(plugin.error);
    char error[2048] = {0};
    embed::Embedder* inner = plugin.create(spec.c_str(), device.c_str(), error, sizeof error);
    if (!inner) throw Error(error[0] ? std::string(error) : "the model could not be loaded: " + spec);
    return std::make_unique<PluginEmbedder>(inner, plugin.destroy);
}

}  // namespace winnow::curate
