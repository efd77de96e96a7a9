#pragma once

#include <string>
#include <vector>

#include "mangacolor/model_info.h"

// The user's own fine-tuned models (the default model is mangacolor::default_model_path()).
namespace colorize_manga {

// <GIMP config folder>/colorize-manga/models, honouring GIMP3_DIRECTORY.
std::string user_models_dir();

// The user's *.mcm files, sorted by name; empty when the folder does not exist.
std::vector<std::string> user_model_paths();

// A short name for menus and layer names: the model's "name" metadata, else its file name.
std::string model_display_name(const mangacolor::ModelInfo& info, const std::string& path);

}  // namespace colorize_manga
