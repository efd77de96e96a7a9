#pragma once

#include <string>

#include "mangacolor/trainer.h"

// How fine-tuning reports itself, in GIMP's progress bar and in the training dialog alike.
namespace colorize_manga {

std::string step_text(const mangacolor::TrainProgress& progress);  // "Step 40 of 300"
std::string loss_text(const mangacolor::TrainProgress& progress);
std::string time_left_text(double seconds);  // "About 3 min left"

// All of the above on one line.
std::string progress_text(const mangacolor::TrainProgress& progress);

// What the user got: steps, the validation error before and after, where the model is.
std::string result_text(const std::string& name, const std::string& model_file,
                        const mangacolor::TrainResult& result);

}  // namespace colorize_manga
