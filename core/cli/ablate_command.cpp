#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "commands.h"
#include "mangacolor/trainer.h"

namespace mangacolor::cli {
namespace {

struct Variant {
    const char* name;
    const char* key;  // the one setting changed from the baseline; nullptr for the baseline
    const char* value;
};

// The choices the pix2pix manga write-up compared, each one change away from the defaults.
const Variant kVariants[] = {
    {"baseline (defaults)", nullptr, nullptr},
    {"activation leaky-relu", "activation", "leaky-relu"},
    {"activation swish", "activation", "swish"},
    {"input 0..255", "input_range", "0..255"},
    {"RGB output (tanh)", "output_head", "tanh"},
    {"palette output (softmax)", "output_head", "palette"},
    {"mobilenetv2 backbone", "backbone", "mobilenetv2"},
    {"base width 8", "base_width", "8"},
    {"base width 32", "base_width", "32"},
    {"latent width 128", "latent_width", "128"},
};

}  // namespace

int run_ablate(Args& args) {
    TrainOptions base;
    base.config = model_settings(args);
    base.steps = args.integer("--steps", 200, 1, 100000000);
    base.batch_size = args.integer("--batch", 4, 1, 1024);
    base.crop_size = args.integer("--crop", 128, 16, 4096);
    base.seed = static_cast<uint64_t>(args.integer("--seed", 1, 0, 1 << 30));
    base.validation_dir = args.value("--validation").value_or("");
    const auto only = args.values("--only");
    const auto data = args.positionals();
    if (data.size() != 1) throw UsageError("name exactly one folder of training pages");
    base.data_dir = data[0];
    base.checkpoint_every = base.steps;  // validate once, at the end
    base.resume = false;

    const auto scratch =
        std::filesystem::temp_directory_path() / ("mangacolor-ablate-" + std::to_string(getpid()));
    std::filesystem::create_directories(scratch);
    std::printf("%d steps, batch %d, crop %d, seed %llu, on %s\n\n", base.steps, base.batch_size,
                base.crop_size, static_cast<unsigned long long>(base.seed), base.data_dir.c_str());
    std::printf("%-28s %10s %10s %9s\n", "variant", "val L1", "val PSNR", "seconds");
    for (const Variant& v : kVariants) {
        if (!only.empty() && std::find(only.begin(), only.end(), v.name) == only.end()) continue;
        TrainOptions o = base;
        if (v.key) o.config = with_setting(o.config, v.key, v.value);
        o.output = (scratch / "variant.mcm").string();
        const auto start = std::chrono::steady_clock::now();
        const TrainResult r = train(o);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%-28s %10.4f %10.2f %9.0f\n", v.name, r.final.l1, r.final.psnr, seconds);
        std::fflush(stdout);
    }
    std::filesystem::remove_all(scratch);
    return 0;
}

}  // namespace mangacolor::cli
