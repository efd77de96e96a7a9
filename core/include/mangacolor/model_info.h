#pragma once

#include <string>

#include "mangacolor/model_config.h"
#include "mangacolor/palette.h"

namespace mangacolor {

// What a model file says about itself, besides its weights.
struct ModelInfo {
    ModelConfig config;
    Fields metadata;  // free-form: name, training data, steps, validation metrics, ...
    Palette palette;  // of the pages it was fine-tuned on; empty in models trained from scratch
};

// The settings and metadata of a model file, read from its header alone (model_file.cpp): for
// listing models. Checks the container and the settings, and the settings against the size of
// the weights, as load_model does; the weights themselves are neither read nor checksummed.
// Throws Error naming the file.
ModelInfo read_model_info(const std::string& path);

// The model in one line for people: its name (else the file's), training steps, and what it
// was trained or fine-tuned on, e.g. "Sepia palette: fine-tuned from Colorize Manga default on
// 12 pages of chapter-1, 300 steps".
std::string model_summary(const ModelInfo& info, const std::string& path);

}  // namespace mangacolor
