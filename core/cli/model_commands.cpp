#include <algorithm>
#include <cstdio>
#include <random>

#include "commands.h"
#include "mangacolor/model_blend.h"
#include "mangacolor/model_file.h"
#include "mangacolor/palette_fit.h"

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
    if (!info.palette.colors.empty())
        std::printf("\npalette (CIELAB, used at strength %g):\n%s", info.config.palette_strength,
                    palette_text(info.palette).c_str());
    return 0;
}

ModelConfig with_settings(ModelConfig config, const std::vector<std::string>& settings) {
    for (const auto& setting : settings) {
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

void set_decoding(Model& model, const std::vector<std::string>& settings) {
    // Only what decodes or feeds the network: the weights stay the ones it was trained with.
    const auto& allowed = weightless_settings();
    for (const auto& setting : settings) {
        const std::string key = setting.substr(0, setting.find('='));
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string names;
            for (const auto& name : allowed) names += (names.empty() ? "" : ", ") + name;
            throw UsageError("'" + key + "' would need other weights; only " + names +
                             " can change on a trained model");
        }
    }
    model.info.config = with_settings(model.info.config, settings);
    model.generator->config = model.info.config;
}

ModelConfig model_settings(Args& args) {
    return with_settings(ModelConfig{}, args.values("--set"));
}

int run_set(Args& args) {
    const auto output = args.value("-o", "--output");
    const auto settings = args.values("--set");
    const auto files = args.positionals();
    if (files.size() != 1) throw UsageError("name exactly one model file");
    if (!output) throw UsageError("say where the changed model goes with -o MODEL");
    if (settings.empty()) throw UsageError("say what to change with --set KEY=VALUE");
    Model model = load_model(files[0]);
    set_decoding(model, settings);
    save_model(*output, model);
    std::printf("wrote %s\n", output->c_str());
    return 0;
}

int run_palette(Args& args) {
    const auto output = args.value("-o", "--output");
    const auto files = args.positionals();
    if (files.size() != 2) throw UsageError("name the model and the folder of colored pages");
    if (!output) throw UsageError("say where the model with the palette goes with -o MODEL");
    Model model = load_model(files[0]);
    int skipped = 0;
    const auto pages = palette_pages(files[1], [&skipped](const std::string& message) {
        std::fprintf(stderr, "warning: %s\n", message.c_str());
        ++skipped;
    });
    if (pages.empty()) throw Error("no colored pages found in '" + files[1] + "'");
    const PaletteFit fit = fit_palette(model, pages);
    apply_palette_fit(model, fit, files[1]);
    save_model(*output, model);
    std::printf("palette: %s\nwrote %s\n", palette_fit_summary(fit).c_str(), output->c_str());
    return skipped ? 1 : 0;  // as colorize: 1 when some pages failed
}

int run_blend(Args& args) {
    const auto output = args.value("-o", "--output");
    const double weight = args.number("--weight", 0.5, 0, 1);
    const auto files = args.positionals();
    if (files.size() != 2) throw UsageError("name the model trained from and the one trained on");
    if (!output) throw UsageError("say where the blended model goes with -o MODEL");
    save_model(*output, blend_models(load_model(files[0]), load_model(files[1]), weight));
    std::printf("wrote %s\n", output->c_str());
    return 0;
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
