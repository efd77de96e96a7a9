#pragma once

#include <libgimp/gimp.h>

#include <string>

#include "mangacolor/colorizer.h"

// The procedure's arguments as the core wants them. The same reading serves the real run and
// the dialog's preview, so what the preview shows is what OK produces.
namespace colorize_manga {

enum class OutputMode { NewLayer, Replace };

struct ColorizeSettings {
    std::string chosen_model;  // "" for the default model
    mangacolor::Device device = mangacolor::Device::Auto;
    mangacolor::ColorizeOptions options;
    OutputMode output = OutputMode::NewLayer;
};

ColorizeSettings settings_from_config(GimpProcedureConfig* config);

// The path of a file or folder argument; "" when none is set.
std::string file_argument_path(GimpProcedureConfig* config, const char* name);

// The model file chosen in `property`, or "" for the default model.
std::string chosen_model_path(GimpProcedureConfig* config, const char* property = "model");

// The model file to load. Throws mangacolor::Error when the default is wanted but missing.
std::string model_path(const ColorizeSettings& settings);

// The layer whose opaque pixels are colour hints for `drawable` ("hints-layer"), or nullptr.
// Throws std::runtime_error when it cannot serve: another image's layer, the page itself, or a
// layer without alpha (every pixel of it would be a hint).
GimpDrawable* hints_layer(GimpProcedureConfig* config, GimpDrawable* drawable);

// The layer GIMP users name for hints: "Color hints" in `image`, or nullptr.
GimpLayer* named_hints_layer(GimpImage* image);

// Options for colorizing any region of a drawable of the given size at the scale the whole
// drawable would get, so a selection or a preview region looks like that part of the full run.
mangacolor::ColorizeOptions options_for_drawable(const ColorizeSettings& settings,
                                                 const mangacolor::Colorizer& colorizer,
                                                 int drawable_width, int drawable_height);

}  // namespace colorize_manga
