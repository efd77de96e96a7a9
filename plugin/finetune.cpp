#include "plugin/finetune.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "host/models.h"
#include "host/settings.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/default_model.h"
#include "mangacolor/errors.h"
#include "plugin/arguments.h"

namespace fs = std::filesystem;

namespace colorize_manga {
namespace {

std::string string_argument(GimpProcedureConfig* config, const char* name) {
    gchar* value = nullptr;
    g_object_get(config, name, &value, nullptr);
    std::string result = value ? value : "";
    g_free(value);
    return result;
}

// Loading is the only full check of a model file; a broken one is better found now than
// after the pages are loaded.
mangacolor::ModelInfo check_model(const std::string& path) {
    return mangacolor::Colorizer::load(path, mangacolor::Device::CPU).info();
}

// A model of this name exists and is not an interrupted run of the same training.
bool would_overwrite(const mangacolor::TrainOptions& options) {
    return fs::exists(options.output) && !fs::exists(mangacolor::checkpoint_path(options));
}

}  // namespace

std::string model_file_for_name(const std::string& name) {
    std::string file;
    for (const unsigned char c : name) {
        file += (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80) ? char(c) : '-';
    }
    if (file.empty() || file.front() == '.') file = "model" + file;
    return (fs::path(user_models_dir()) / (file + ".mcm")).string();
}

Finetune finetune_from_config(GimpProcedureConfig* config) {
    Finetune finetune;
    finetune.name = string_argument(config, "model-name");
    if (finetune.name.empty()) throw mangacolor::Error("Give the new model a name.");
    const std::string colored = file_argument_path(config, "colored-pages");
    if (colored.empty()) throw mangacolor::Error("Choose the folder of your colored pages.");

    const std::string base = chosen_model_path(config, "base-model");
    int steps = mangacolor::kFinetuneSteps;
    g_object_get(config, "steps", &steps, nullptr);
    finetune.options =
        mangacolor::finetune_options(base.empty() ? mangacolor::default_model_path() : base, steps);
    mangacolor::TrainOptions& options = finetune.options;
    options.data_dir = colored;
    options.bw_dir = file_argument_path(config, "bw-pages");
    options.output = model_file_for_name(finetune.name);
    options.name = finetune.name;
    if (would_overwrite(options)) {
        throw mangacolor::Error("A model named \"" + finetune.name + "\" already exists (" +
                                options.output + "). Choose another name.");
    }
    check_model(options.from_model);
    return finetune;
}

mangacolor::TrainResult run_finetune(const Finetune& finetune,
                                     const mangacolor::TrainCallback& progress,
                                     const mangacolor::WarningCallback& warn) {
    fs::create_directories(fs::path(finetune.options.output).parent_path());
    return mangacolor::train(finetune.options, progress, warn);
}

}  // namespace colorize_manga
