#pragma once

#include <functional>
#include <map>
#include <sstream>
#include <string>

#include "mangacolor/model_info.h"
#include "mangacolor/networks.h"

// The model file: one file holding a format version, the architecture settings, free-form
// metadata and the generator's weights. Layout (all integers little-endian):
//   magic "MANGACOLOR-MODEL\n" (17 bytes), u32 format version,
//   u32 section count, then per section: u16 name length, name, u64 size, u32 CRC-32, bytes.
// Sections: "settings" and "metadata" (key=value lines) and "generator" (LibTorch archive);
// training checkpoints add "discriminator", "generator-optimizer", "discriminator-optimizer".
namespace mangacolor {

constexpr uint32_t kModelFormatVersion = 1;

struct Model {
    ModelInfo info;
    Generator generator{nullptr};
};

// A fresh, untrained model with the given settings.
Model make_model(const ModelConfig& config);

// Throws Error naming the file and the problem: missing, not a model file, newer format,
// truncated, corrupt (checksum), or settings that do not match the weights.
Model load_model(const std::string& path);

// Written to a temporary file in the same folder and renamed into place, so a crash or a full
// disk never leaves a half-written model under the final name.
void save_model(const std::string& path, const Model& model);

// Extra sections beside the model's own, e.g. a training checkpoint's optimizer states.
using Sections = std::map<std::string, std::string>;
void save_model_with(const std::string& path, const Model& model, const Sections& extra);
Model load_model_with(const std::string& path, Sections* extra);

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

// Like from_bytes, and also checks every parameter and buffer keeps its shape.
void load_weights(torch::nn::Module& module, const std::string& bytes, const std::string& what);

template <typename Loadable>
void from_bytes(Loadable& object, const std::string& bytes, const std::string& what) {
    load_archive(bytes, what,
                 [&](torch::serialize::InputArchive& archive) { object.load(archive); });
}

}  // namespace mangacolor
