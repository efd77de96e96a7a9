#include <cstdio>
#include <filesystem>
#include <random>

#include "commands.h"
#include "mangacolor/batch.h"
#include "mangacolor/bw_styles.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor::cli {

// Colored pages -> B/W pages of one kind, as the trainer makes them: to try the colorizer on
// every kind of input, or to make B/W originals for pages that have none.
int run_print_bw(Args& args) {
    const auto output = args.value("-o", "--output");
    BwKind kind;
    try {
        kind = parse_bw_kind(args.value("--kind").value_or("gray"));
    } catch (const Error& e) {
        throw UsageError(e.what());
    }
    const auto seed = static_cast<uint64_t>(args.integer("--seed", 1, 0, 1000000000));
    const auto inputs = args.positionals();
    if (!output) throw UsageError("say where the B/W pages go with -o OUTDIR");
    if (inputs.empty()) throw UsageError("name at least one colored page or folder");
    const auto pages = collect_pages(inputs);
    if (pages.empty()) throw Error("no image files found in the given inputs");
    std::filesystem::create_directories(*output);
    int failures = 0;
    for (const auto& page : pages) {
        try {
            std::mt19937_64 rng(seed);
            const cv::Mat bw = print_bw(to_rgb_float(read_image(page)), kind, rng);
            const auto out = std::filesystem::path(*output) /
                             (std::filesystem::path(page).stem().string() + ".png");
            write_image(out.string(), from_float(bw, CV_8U));
            std::fprintf(stderr, "%s -> %s\n", page.c_str(), out.c_str());
        } catch (const std::exception& e) {
            ++failures;
            std::fprintf(stderr, "error: %s: %s\n", page.c_str(), user_message(e).c_str());
        }
    }
    return failures ? 1 : 0;
}

}  // namespace mangacolor::cli
