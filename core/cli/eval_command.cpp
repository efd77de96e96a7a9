#include <cstdio>
#include <filesystem>
#include <map>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>

#include "commands.h"
#include "mangacolor/bw_styles.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/dataset.h"
#include "mangacolor/default_model.h"
#include "mangacolor/errors.h"
#include "mangacolor/hints.h"
#include "mangacolor/image.h"
#include "mangacolor/line_art.h"
#include "mangacolor/metrics.h"
#include "mangacolor/model_file.h"

namespace mangacolor::cli {
namespace {

constexpr const char* kGiven = "given";  // the page's own B/W original

// The kinds of B/W input to score, from "--kinds gray,screentone".
std::vector<std::string> parse_kinds(const std::string& list) {
    std::vector<std::string> kinds;
    std::istringstream in(list);
    for (std::string kind; std::getline(in, kind, ',');) {
        try {
            if (kind != kGiven) parse_bw_kind(kind);
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
        kinds.push_back(kind);
    }
    if (kinds.empty()) throw UsageError("--kinds names no kind of B/W page");
    return kinds;
}

// The same B/W page for the same page file and kind on every run and machine.
uint64_t page_seed(const std::string& file, const std::string& kind) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : std::filesystem::path(file).filename().string() + "/" + kind)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

// The B/W page the model sees: the user's own, or one of the kind made from the colored page.
cv::Mat bw_page(const PageFiles& files, const std::string& kind, const cv::Mat& truth) {
    if (kind == kGiven) {
        if (files.bw.empty()) return {};
        cv::Mat gray = to_gray_float(read_image(files.bw));
        cv::resize(gray, gray, truth.size(), 0, 0, cv::INTER_AREA);
        return gray;
    }
    std::mt19937_64 rng(page_seed(files.color, kind));
    return print_bw(truth, parse_bw_kind(kind), rng);
}

cv::Mat gray_rgb(const cv::Mat& gray) {
    cv::Mat rgb;
    cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
    return rgb;
}

// Input, output and truth side by side, small enough to look at: for model cards and reviews.
void write_comparison(const std::string& dir, const std::string& name, const cv::Mat& bw_rgb,
                      const cv::Mat& result, const cv::Mat& truth) {
    constexpr int kHeight = 768;
    cv::Mat row;
    cv::hconcat(std::vector<cv::Mat>{bw_rgb, result, truth}, row);
    const double scale = std::min(1.0, double(kHeight) / row.rows);
    cv::resize(row, row, cv::Size(), scale, scale, cv::INTER_AREA);
    write_image((std::filesystem::path(dir) / (name + ".png")).string(), from_float(row, CV_8U));
}

// Sums over the pages of one kind of input.
struct KindScores {
    int pages = 0;
    double model = 0, uncolored = 0, descreened = 0;  // mean CIEDE2000 against the truth
    double blurred = 0;  // issue 10's baseline for screentone: the page blurred, sigma 2 px
    double model_color_only = 0, none_color_only = 0;  // the same with the truth's L*
    double result_chroma = 0, truth_chroma = 0;
    double lightness_shift = 0;  // mean |L*(result) - L*(page as the colorizer reads it)|
};

void score(KindScores& s, const cv::Mat& bw, const cv::Mat& result, const cv::Mat& truth) {
    const cv::Mat seen = gray_rgb(descreened(bw, find_ink(bw)));
    s.pages += 1;
    s.model += mean_ciede2000(result, truth);
    s.uncolored += mean_ciede2000(gray_rgb(bw), truth);
    s.descreened += mean_ciede2000(seen, truth);
    cv::Mat blurred;
    cv::GaussianBlur(bw, blurred, cv::Size(), 2.0);
    s.blurred += mean_ciede2000(gray_rgb(blurred), truth);
    s.model_color_only += color_only_ciede2000(result, truth);
    s.none_color_only += color_only_ciede2000(seen, truth);
    s.result_chroma += mean_chroma(result);
    s.truth_chroma += mean_chroma(truth);
    s.lightness_shift += mean_lightness_difference(result, seen);
}

void print_table(const std::vector<std::string>& kinds,
                 const std::map<std::string, KindScores>& scores) {
    std::printf(
        "mean CIEDE2000 against the true colors (lower is better); color-only: with the\n"
        "truth's L*; chroma ratio: the result's mean C* over the truth's; |dL*|: result vs\n"
        "the page as read (screentone descreened); blurred: the page blurred, sigma 2 px\n\n");
    std::printf("%-11s %5s %8s %9s %10s %8s %11s %11s %7s %6s\n", "input", "pages", "model",
                "uncolored", "descreened", "blurred", "model c-o", "uncol. c-o", "chroma", "|dL*|");
    for (const auto& kind : kinds) {
        const KindScores& s = scores.at(kind);
        if (s.pages == 0) {
            std::printf("%-11s %5d   (no page has this input)\n", kind.c_str(), 0);
            continue;
        }
        const double n = s.pages;
        std::printf("%-11s %5d %8.2f %9.2f %10.2f %8.2f %11.2f %11.2f %7.2f %6.2f\n", kind.c_str(),
                    s.pages, s.model / n, s.uncolored / n, s.descreened / n, s.blurred / n,
                    s.model_color_only / n, s.none_color_only / n,
                    s.result_chroma / std::max(s.truth_chroma, 1e-9), s.lightness_shift / n);
    }
}

}  // namespace

int run_eval(Args& args) {
    const auto model_path = args.value("--model");
    const int limit = args.integer("--limit", 1000000, 1, 1000000);
    const auto compare_dir = args.value("--compare");
    const auto kinds = parse_kinds(args.value("--kinds").value_or("gray,screentone,line-art"));
    ColorizeOptions options;
    options.flat_colors = !args.flag("--no-flat");
    options.scale = args.number("--scale", 0, 0, 16);
    const bool with_hints = args.flag("--hints");
    const auto settings = args.values("--set");
    const auto folders = args.positionals();
    if (folders.size() != 1) throw UsageError("name exactly one folder of colored pages");
    auto pages = find_pages(folders[0]);
    if (pages.size() > static_cast<size_t>(limit)) pages.resize(limit);
    if (pages.empty()) throw Error("no pages found in '" + folders[0] + "'");
    if (compare_dir) std::filesystem::create_directories(*compare_dir);

    Model model = load_model(model_path ? *model_path : default_model_path());
    set_decoding(model, settings);
    const Colorizer colorizer = Colorizer::from_model(model);
    std::map<std::string, KindScores> scores;
    for (const auto& kind : kinds) scores[kind] = {};
    int failed = 0;
    for (const auto& files : pages) {
        try {
            const cv::Mat truth = to_rgb_float(read_image(files.color));
            if (with_hints) {
                std::mt19937_64 rng(page_seed(files.color, "hints"));
                options.hints = truth_hints(truth, rng);
            }
            for (const auto& kind : kinds) {
                const cv::Mat bw = bw_page(files, kind, truth);
                if (bw.empty()) continue;
                const cv::Mat result = colorizer.colorize(bw, options);
                score(scores[kind], bw, result, truth);
                if (compare_dir)
                    write_comparison(
                        *compare_dir,
                        std::filesystem::path(files.color).stem().string() + "-" + kind,
                        gray_rgb(bw), result, truth);
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            ++failed;
            std::fprintf(stderr, "error: %s: %s\n", files.color.c_str(), user_message(e).c_str());
        }
    }
    int scored = 0;
    for (const auto& [kind, s] : scores) scored += s.pages;
    if (scored == 0) throw Error("no page could be evaluated");
    print_table(kinds, scores);
    return failed ? 1 : 0;
}

}  // namespace mangacolor::cli
