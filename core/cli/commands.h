#pragma once

#include "args.h"
#include "mangacolor/model_config.h"
#include "mangacolor/model_file.h"

// One function per subcommand; each returns the process exit code (see main.cpp).
namespace mangacolor::cli {

int run_ablate(Args& args);
int run_blend(Args& args);
int run_colorize(Args& args);
int run_eval(Args& args);
int run_finetune(Args& args);
int run_train(Args& args);
int run_info(Args& args);
int run_init_model(Args& args);
int run_palette(Args& args);
int run_print_bw(Args& args);
int run_set(Args& args);

// The model settings given as repeated --set KEY=VALUE, on top of the defaults.
ModelConfig model_settings(Args& args);
// The settings (KEY=VALUE) changed on a trained model; UsageError for one that would need
// other weights (see weightless_settings).
void set_decoding(Model& model, const std::vector<std::string>& settings);

}  // namespace mangacolor::cli
