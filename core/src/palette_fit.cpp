#include "mangacolor/palette_fit.h"

#include <algorithm>
#include <cstdio>
#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "mangacolor/metrics.h"

namespace mangacolor {
namespace {

// A strength must beat the one below it by this share to be chosen: on a handful of pages a
// smaller gain is noise, and no palette is the safer guess.
constexpr double kMinGain = 0.01;

cv::Mat shrunk(const cv::Mat& page) {
    const double scale = double(kPalettePageSide) / std::max(page.cols, page.rows);
    if (scale >= 1) return page;
    cv::Mat small;
    cv::resize(page, small, cv::Size(), scale, scale, cv::INTER_AREA);
    return small;
}

std::string format(const char* pattern, double value) {
    char text[32];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

}  // namespace

std::vector<cv::Mat> palette_pages(const std::string& folder,
                                   const std::function<void(const std::string&)>& skipped) {
    const auto files = find_pages(folder);
    const size_t count = std::min<size_t>(files.size(), kPalettePages);
    std::vector<cv::Mat> pages;
    for (size_t i = 0; i < count; ++i) {
        const std::string& file = files[i * files.size() / count].color;
        try {
            pages.push_back(shrunk(to_rgb_float(read_image(file))));
        } catch (const Error& e) {
            if (skipped) skipped("skipping " + file + ": " + user_message(e));
        }
    }
    return pages;
}

PaletteFit fit_palette(const Model& model, const std::vector<cv::Mat>& rgb_pages) {
    std::vector<cv::Mat> lab_pages;
    for (const cv::Mat& page : rgb_pages) lab_pages.push_back(lab_of(page));
    PaletteFit fit;
    fit.palette = palette_of(lab_pages);
    fit.pages = int(rgb_pages.size());
    if (rgb_pages.size() < 3) return fit;
    fit.scores.assign(std::size(kPaletteStrengths), 0.0);
    // Shares the generator's weights; on the CPU, because on CUDA the colorizer would turn them
    // to half precision, and the model is saved after this.
    Model trial = model;
    for (size_t held_out = 0; held_out < rgb_pages.size(); ++held_out) {
        std::vector<cv::Mat> others;
        for (size_t i = 0; i < lab_pages.size(); ++i)
            if (i != held_out) others.push_back(lab_pages[i]);
        trial.info.palette = palette_of(others);
        const cv::Mat& truth = rgb_pages[held_out];
        const cv::Mat gray = gray_of_lightness(truth);
        for (size_t s = 0; s < std::size(kPaletteStrengths); ++s) {
            trial.info.config.palette_strength = kPaletteStrengths[s];
            const Colorizer colorizer = Colorizer::from_model(trial, Device::CPU);
            fit.scores[s] += mean_ciede2000(colorizer.colorize(gray), truth);
        }
    }
    for (double& score : fit.scores) score /= fit.pages;
    size_t chosen = 0;
    for (size_t s = 1; s < fit.scores.size(); ++s)
        if (fit.scores[s] < fit.scores[chosen] * (1 - kMinGain)) chosen = s;
    fit.strength = kPaletteStrengths[chosen];
    return fit;
}

void apply_palette_fit(Model& model, const PaletteFit& fit, const std::string& folder) {
    model.info.palette = fit.palette;
    model.info.config.palette_strength = fit.strength;
    model.info.metadata["palette_pages"] = std::to_string(fit.pages) +
                                           (fit.pages == 1 ? " page of " : " pages of ") +
                                           folder_name(folder);
    std::string scores;
    for (size_t s = 0; s < fit.scores.size(); ++s)
        scores +=
            (s ? " " : "") + format("%g:", kPaletteStrengths[s]) + format("%.3f", fit.scores[s]);
    if (scores.empty())
        model.info.metadata.erase("palette_scores");
    else
        model.info.metadata["palette_scores"] = scores;
}

std::string palette_fit_summary(const PaletteFit& fit) {
    std::string text = std::to_string(fit.palette.colors.size()) + " colors";
    if (fit.scores.empty()) return text + ", not used: 3 pages or more are needed to try it";
    text += fit.strength > 0 ? format(", used at strength %g", fit.strength) : ", not used";
    const double with = fit.strength > 0 ? *std::min_element(fit.scores.begin(), fit.scores.end())
                                         : fit.scores.back();
    return text + " (color error, CIEDE2000, on " + std::to_string(fit.pages) +
           " of the pages printed gray: " + format("%.2f without it, ", fit.scores.front()) +
           format("%.2f with it)", with);
}

}  // namespace mangacolor
