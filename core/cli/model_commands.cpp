#include <cstdio>
#include <random>

#include "commands.h"
#include "mangacolor/model_file.h"

namespace mangacolor::cli {

int run_info(Args& args) {
    const auto files = args.positionals();
    if (files.size() != 1) throw UsageError("name exactly one model file");
    // The header only: listing a model, even a crafted one, builds no network.
    const ModelInfo info = read_model_info(files[0]);
    std::printf("model: %s\nsummary: %s\ngenerator weights: %.1f MB\n\nsettings:\n",
                files[0].c_str(), model_summary(info, files[0]).c_str(),
                double(generator_weight_bytes(info.config)) / 1e6);
    for (const auto& [key, value] : to_fields(info.config))
        std::printf("  %s=%s\n", key.c_str(), value.c_str());
    std::printf("\nmetadata:\n");
    for (const auto& [key, value] : info.metadata)
        std::printf("  %s=%s\n", key.c_str(), value.c_str());
    return 0;
}

ModelConfig model_settings(Args& args) {
    ModelConfig config;
    for (const auto& setting : args.values("--set")) {
        const size_t eq = setting.find('=');
        if (eq == std::string::npos)
            throw UsageError("--set takes KEY=VALUE, not '" + setting + "'");
        try {
            config = with_setting(config, setting.substr(0, eq), setting.substr(eq + 1));
        } catch (const UsageError&) {
            throw;
        } catch (const Error& e) {
            throw UsageError(e.what());  // a bad --set is a mistake in the command line
        }
    }
    return config;
}

int run_init_model(Args& args) {
    const ModelConfig config = model_settings(args);
    torch::manual_seed(args.integer("--seed", 1, 0, 1 << 30));
    const auto files = args.positionals();
    if (files.size() != 1) throw UsageError("name exactly one output file");
    Model model = make_model(config);
    model.info.metadata["name"] = "untrained";
    model.info.metadata["steps"] = "0";
    save_model(files[0], model);
    std::printf("wrote untrained model %s\n", files[0].c_str());
    return 0;
}

}  // namespace mangacolor::cli
