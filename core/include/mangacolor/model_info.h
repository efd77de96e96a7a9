#pragma once

#include <string>

#include "mangacolor/model_config.h"

namespace mangacolor {

// What a model file says about itself, besides its weights.
struct ModelInfo {
    ModelConfig config;
    Fields metadata;  // free-form: name, training data, steps, validation metrics, ...
};

}  // namespace mangacolor
