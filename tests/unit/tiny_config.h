#pragma once

#include "mangacolor/model_config.h"

namespace mangacolor {

// The smallest network of every kind of layer: tests of model files build and save it quickly.
inline ModelConfig tiny_config() {
    ModelConfig config;
    config.depth = 2;
    config.base_width = 4;
    config.latent_width = 8;
    config.disc_width = 4;
    return config;
}

}  // namespace mangacolor
