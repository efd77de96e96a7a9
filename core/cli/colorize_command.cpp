#include <cstdio>

#include "commands.h"
#include "mangacolor/batch.h"
#include "mangacolor/default_model.h"

namespace mangacolor::cli {
namespace {

Device parse_device(const std::string& name) {
    if (name == "auto") return Device::Auto;
    if (name == "cpu") return Device::CPU;
    if (name == "cuda") return Device::CUDA;
    throw UsageError("--device is auto, cpu or cuda, not '" + name + "'");
}

}  // namespace

int run_colorize(Args& args) {
    const auto output = args.value("-o", "--output");
    const auto model_path = args.value("--model");
    ColorizeOptions options;
    options.keep_line_art = !args.flag("--no-line-art");
    options.flat_colors = !args.flag("--no-flat");
    options.tile_size = args.integer("--tile", options.tile_size, 32, 8192);
    options.tile_overlap = args.integer("--overlap", options.tile_overlap, 0, 4096);
    options.scale = args.number("--scale", 0, 0, 16);
    const Device device = parse_device(args.value("--device").value_or("auto"));
    const auto inputs = args.positionals();
    if (!output) throw UsageError("say where the colored pages go with -o OUTDIR");
    if (inputs.empty()) throw UsageError("name at least one page or folder");

    const auto pages = collect_pages(inputs);
    if (pages.empty()) throw Error("no image files found in the given inputs");
    const Colorizer colorizer =
        Colorizer::load(model_path ? *model_path : default_model_path(), device);
    const auto& meta = colorizer.info().metadata;
    std::fprintf(stderr, "model: %s on %s\n",
                 meta.count("name") ? meta.at("name").c_str() : "(unnamed)",
                 colorizer.device_name().c_str());

    const int failures = colorize_files(
        colorizer, pages, *output, options, [&](size_t i, const PageOutcome& outcome) {
            if (outcome.error.empty())
                std::fprintf(stderr, "[%zu/%zu] %s -> %s (%.2f s)\n", i + 1, pages.size(),
                             outcome.page.c_str(), outcome.output.c_str(), outcome.seconds);
            else
                std::fprintf(stderr, "[%zu/%zu] error: %s\n", i + 1, pages.size(),
                             outcome.error.c_str());
        });
    if (failures) std::fprintf(stderr, "%d of %zu pages failed\n", failures, pages.size());
    return failures ? 1 : 0;
}

}  // namespace mangacolor::cli
