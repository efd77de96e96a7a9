#pragma once

#include <libgimp/gimp.h>

#include <string>

#include "mangacolor/trainer.h"

// What "Fine-tune Colorize Manga…" trains: the arguments checked and turned into the core's
// TrainOptions, before any slow work starts.
namespace colorize_manga {

struct Finetune {
    mangacolor::TrainOptions options;
    std::string name;  // the new model's name, as the user typed it
};

// Throws mangacolor::Error, in words for the user, when the pages, the name or the base model
// are not usable (the base model is loaded once to check it).
Finetune finetune_from_config(GimpProcedureConfig* config);

// <user models folder>/<name, reduced to characters safe in file names>.mcm
std::string model_file_for_name(const std::string& name);

// Runs the training; the result's model is options.output.
mangacolor::TrainResult run_finetune(const Finetune& finetune,
                                     const mangacolor::TrainCallback& progress,
                                     const mangacolor::WarningCallback& warn);

}  // namespace colorize_manga
