#pragma once

#include <functional>
#include <optional>
#include <string>

#include "mangacolor/trainer.h"

namespace colorize_manga {

struct TrainingOutcome {
    std::optional<mangacolor::TrainResult> result;  // empty when training failed
    std::string error;                              // why it failed
};

using TrainingJob = std::function<mangacolor::TrainResult(const mangacolor::TrainCallback&,
                                                          const mangacolor::WarningCallback&)>;

// Runs `job` on a worker thread while a dialog shows a progress bar, the loss, the time left
// and a Cancel button, which stops the job after its current step (the core saves the model
// trained so far). When the job ends the dialog shows `describe(result)` until the user closes
// it; when it fails the dialog closes at once and the caller reports the error.
TrainingOutcome training_dialog(
    const std::string& title, const TrainingJob& job,
    const std::function<std::string(const mangacolor::TrainResult&)>& describe);

}  // namespace colorize_manga
