#include "host/training_text.h"

#include "mangacolor/number_text.h"

namespace colorize_manga {
std::string step_text(const mangacolor::TrainProgress& progress) {
    return "Step " + std::to_string(progress.step) + " of " + std::to_string(progress.total_steps);
}

std::string loss_text(const mangacolor::TrainProgress& progress) {
    // L1 is the mean color error in [0, 1]: the one number here that reads without GAN lore.
    return "Color error " + mangacolor::number_text("%.4f", progress.l1) + " (generator loss " +
           mangacolor::number_text("%.3f", progress.generator_loss) + ", discriminator loss " +
           mangacolor::number_text("%.3f", progress.discriminator_loss) + ")";
}

std::string time_left_text(double seconds) {
    if (seconds < 60) return "Less than a minute left";
    const int minutes = int(seconds / 60 + 0.5);
    if (minutes < 60) return "About " + std::to_string(minutes) + " min left";
    return "About " + std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) +
           " min left";
}

std::string progress_text(const mangacolor::TrainProgress& progress) {
    if (progress.checking_palette) return "Trying the palette and color strength of your pages…";
    return step_text(progress) + " · " + loss_text(progress) + " · " +
           time_left_text(progress.remaining_seconds);
}

std::string result_text(const std::string& name, const std::string& model_file,
                        const mangacolor::TrainResult& result) {
    return std::string(result.cancelled ? "Stopped. " : "") + "Saved \"" + name + "\" after " +
           std::to_string(result.steps_done) + " steps; color error on held-back pages " +
           mangacolor::number_text("%.4f", result.initial.l1) + " → " +
           mangacolor::number_text("%.4f", result.final.l1) + "." +
           (result.palette.empty() ? "" : "\nPalette of your pages: " + result.palette + ".") +
           "\nChoose it in Filters > Artistic > Colorize Manga… (" + model_file + ").";
}

}  // namespace colorize_manga
