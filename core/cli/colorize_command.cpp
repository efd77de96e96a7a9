#include <cstdio>
#include <filesystem>

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
    BatchOptions batch;
    ColorizeOptions& options = batch.colorize;
    options.keep_line_art = !args.flag("--no-line-art");
    options.flat_colors = !args.flag("--no-flat");
    options.tile_size = args.integer("--tile", options.tile_size, 32, 8192);
    options.tile_overlap = args.integer("--overlap", options.tile_overlap, 0, 4096);
    options.scale = args.number("--scale", 0, 0, 16);
    const auto hints = args.value("--hints");
    const auto hints_dir = args.value("--hints-dir");
    batch.recolor = args.flag("--recolor");
    const Device device = parse_device(args.value("--device").value_or("auto"));
    const auto inputs = args.positionals();
    if (!output) throw UsageError("say where the colored pages go with -o OUTDIR");
    if (inputs.empty()) throw UsageError("name at least one page or folder");
    if (hints && hints_dir)
        throw UsageError("--hints is for one page, --hints-dir for many: not both");

    const auto pages = collect_pages(inputs);
    if (pages.empty()) throw Error("no image files found in the given inputs");
    if (hints && pages.size() != 1)
        throw UsageError("--hints goes with one page; for " + std::to_string(pages.size()) +
                         " pages give --hints-dir with a hints image named like each page");
    if (hints_dir && !std::filesystem::is_directory(*hints_dir))
        throw Error("--hints-dir: no such folder: " + *hints_dir);
    batch.hints = hints ? *hints : hints_dir.value_or("");
    const Colorizer colorizer =
        Colorizer::load(model_path ? *model_path : default_model_path(), device);
    std::fprintf(stderr, "model: %s (%s)\n",
                 model_summary(colorizer.info(), model_path.value_or(default_model_path())).c_str(),
                 colorizer.device_name().c_str());

    const BatchCounts counts =
        colorize_files(colorizer, pages, *output, batch, [&](size_t i, const PageOutcome& outcome) {
            std::fprintf(stderr, "[%zu/%zu] ", i + 1, pages.size());
            if (!outcome.error.empty())
                std::fprintf(stderr, "error: %s\n", outcome.error.c_str());
            else if (outcome.skipped)
                std::fprintf(stderr,
                             "%s is already in color: copied to %s (--recolor colorizes it)\n",
                             outcome.page.c_str(), outcome.output.c_str());
            else
                std::fprintf(stderr, "%s%s%s -> %s (%.2f s)\n", outcome.page.c_str(),
                             outcome.hints.empty() ? "" : " with hints ", outcome.hints.c_str(),
                             outcome.output.c_str(), outcome.seconds);
        });
    if (counts.skipped)
        std::fprintf(stderr, "%d of %zu pages were already in color and were copied\n",
                     counts.skipped, pages.size());
    if (counts.failed)
        std::fprintf(stderr, "%d of %zu pages failed\n", counts.failed, pages.size());
    return counts.failed ? 1 : 0;
}

}  // namespace mangacolor::cli
