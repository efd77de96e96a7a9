#pragma once

#include <functional>
#include <sstream>
#include <string>

#include "mangacolor/model_container.h"
#include "mangacolor/model_info.h"
#include "mangacolor/networks.h"

// The model file: one container (model_container.h) holding the architecture settings, free-form
// metadata and the generator's weights. Sections: "settings" and "metadata" (key=value lines),
// "generator" (LibTorch archive) and, in a fine-tuned model, "palette" (palette.h); training
// checkpoints add "discriminator",
// "generator-optimizer", "discriminator-optimizer" and the sampler's and RNG's states.
//
// Model files are shared, so they are untrusted input: the settings are checked against the
// size of the weights, and against a cap, before any network is built; a LibTorch archive must
// unpack to no more than its size. A crafted file costs a few reads, not the machine's memory.
namespace mangacolor {

// 64 M float parameters (256 MB): some 30 times the default model's 2.2 M, and within any
// machine's memory.
constexpr int64_t kMaxWeightBytes = int64_t{256} << 20;

struct Model {
    ModelInfo info;
    Generator generator{nullptr};
};

// A fresh, untrained model with the given settings.
Model make_model(const ModelConfig& config);

// Throws Error naming the file and the problem: missing, not a model file, newer format,
// truncated, corrupt (checksum), settings that do not match the weights or declare a network
// over kMaxWeightBytes.
Model load_model(const std::string& path);

// Written to a temporary file in the same folder and renamed into place, so a crash or a full
// disk never leaves a half-written model under the final name.
void save_model(const std::string& path, const Model& model);

// Extra sections beside the model's own, e.g. a training checkpoint's optimizer states.
void save_model_with(const std::string& path, const Model& model, const Sections& extra);
Model load_model_with(const std::string& path, Sections* extra);

// load_model_with on a whole file already in memory; `name` stands for the file in errors.
Model model_from_bytes(const std::string& bytes, const std::string& name, Sections* extra);

// A module's or optimizer's state as bytes (a LibTorch archive) and back. `what` names the
// section in the error thrown when the bytes do not fit the object.
template <typename Savable>
std::string to_bytes(const Savable& object) {
    torch::serialize::OutputArchive archive;
    object.save(archive);
    std::ostringstream out;
    archive.save_to(out);
    return out.str();
}

void load_archive(const std::string& bytes, const std::string& what,
                  const std::function<void(torch::serialize::InputArchive&)>& load);

// Like from_bytes; first checks the bytes' size fits the module's weights, then that every
// parameter and buffer keeps its shape.
void load_weights(torch::nn::Module& module, const std::string& bytes, const std::string& what);

template <typename Loadable>
void from_bytes(Loadable& object, const std::string& bytes, const std::string& what) {
    load_archive(bytes, what,
                 [&](torch::serialize::InputArchive& archive) { object.load(archive); });
}

}  // namespace mangacolor
