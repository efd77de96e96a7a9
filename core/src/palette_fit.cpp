#include "mangacolor/palette_fit.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>
#include <utility>

#include "mangacolor/bw_styles.h"
#include "mangacolor/color_space.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "mangacolor/metrics.h"
#include "mangacolor/number_text.h"

namespace mangacolor {
namespace {

// A strength must beat the one below it by this share to be chosen: on a handful of pages a
// smaller gain is noise, and no palette is the safer guess.
constexpr double kMinImprovement = 0.01;
// A chroma gain may cost each kind of page this share and still be chosen (chosen_chroma_gain).
constexpr double kMaxCost = 0.01;

// The pages, each printed gray and in screentone, with the palette of the others to colorize
// it with.
struct HeldOutPages {
    std::vector<cv::Mat> truths, grays, screentones;
    std::vector<Palette> palettes;
    double chroma = 0;  // the truths' mean chroma, summed
};

HeldOutPages held_out_pages(const std::vector<cv::Mat>& rgb_pages,
                            const std::vector<cv::Mat>& lab_pages) {
    HeldOutPages pages;
    for (size_t held_out = 0; held_out < rgb_pages.size(); ++held_out) {
        std::vector<cv::Mat> others;
        for (size_t i = 0; i < lab_pages.size(); ++i)
            if (i != held_out) others.push_back(lab_pages[i]);
        const cv::Mat& page = rgb_pages[held_out];
        std::mt19937_64 rng(held_out + 1);  // the same screentone on every run
        pages.truths.push_back(page);
        pages.grays.push_back(gray_of_lightness(page));
        pages.screentones.push_back(print_bw(page, BwKind::Screentone, rng));
        pages.palettes.push_back(palette_of(others));
        pages.chroma += mean_chroma(page);
    }
    return pages;
}

struct Trial {
    double score = 0;         // mean CIEDE2000
    double chroma_ratio = 0;  // the results' chroma over the pages'
};

// `trial` as it is set, on every page's print (`prints`: pages.grays or pages.screentones) with
// the palette of the others.
Trial try_on(Model& trial, const HeldOutPages& pages, const std::vector<cv::Mat>& prints) {
    Trial result;
    double chroma = 0;
    for (size_t i = 0; i < pages.truths.size(); ++i) {
        trial.info.palette = pages.palettes[i];
        const Colorizer colorizer = Colorizer::from_model(trial, Device::CPU);
        const cv::Mat colored = colorizer.colorize(prints[i]);
        result.score += mean_ciede2000(colored, pages.truths[i]);
        chroma += mean_chroma(colored);
    }
    result.score /= double(pages.truths.size());
    result.chroma_ratio = pages.chroma > 0 ? chroma / pages.chroma : 1;
    return result;
}

cv::Mat shrunk(const cv::Mat& page) {
    const double scale = double(kPalettePageSide) / std::max(page.cols, page.rows);
    if (scale >= 1) return page;
    cv::Mat small;
    cv::resize(page, small, cv::Size(), scale, scale, cv::INTER_AREA);
    return small;
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

size_t chosen_chroma_gain(const std::vector<GainTrial>& trials) {
    size_t chosen = 0;
    for (size_t g = 1; g < trials.size(); ++g)
        if (trials[g].gray <= trials[0].gray * (1 + kMaxCost) &&
            trials[g].screentone <= trials[0].screentone * (1 + kMaxCost) &&
            std::abs(trials[g].chroma_ratio - 1) < std::abs(trials[chosen].chroma_ratio - 1))
            chosen = g;
    return chosen;
}

PaletteFit fit_palette(const Model& model, const std::vector<cv::Mat>& rgb_pages) {
    std::vector<cv::Mat> lab_pages;
    for (const cv::Mat& page : rgb_pages) lab_pages.push_back(lab_of(page));
    PaletteFit fit;
    fit.palette = palette_of(lab_pages);
    fit.pages = int(rgb_pages.size());
    fit.chroma_gain = model.info.config.chroma_gain;
    if (rgb_pages.size() < 3) return fit;
    const HeldOutPages pages = held_out_pages(rgb_pages, lab_pages);
    // Shares the generator's weights; on the CPU, because on CUDA the colorizer would turn them
    // to half precision, and the model is saved after this.
    Model trial = model;
    std::vector<Trial> gray_trials;
    for (double strength : kPaletteStrengths) {
        trial.info.config.palette_strength = strength;
        gray_trials.push_back(try_on(trial, pages, pages.grays));
        fit.scores.push_back(gray_trials.back().score);
    }
    size_t chosen = 0;
    for (size_t s = 1; s < fit.scores.size(); ++s)
        if (fit.scores[s] < fit.scores[chosen] * (1 - kMinImprovement)) chosen = s;
    fit.strength = kPaletteStrengths[chosen];

    // The gain changes screentone's colours too, where the network's are stronger already.
    trial.info.config.palette_strength = fit.strength;
    for (double gain : kChromaGains) {
        trial.info.config.chroma_gain = gain;
        // At the model's own gain the gray pages were colorized above.
        const Trial gray = gain == model.info.config.chroma_gain
                               ? gray_trials[chosen]
                               : try_on(trial, pages, pages.grays);
        const Trial toned = try_on(trial, pages, pages.screentones);
        fit.gain_trials.push_back(
            {gray.score, toned.score, (gray.chroma_ratio + toned.chroma_ratio) / 2});
    }
    fit.chosen_gain = chosen_chroma_gain(fit.gain_trials);
    fit.chroma_gain = kChromaGains[fit.chosen_gain];
    return fit;
}

void apply_palette_fit(Model& model, const PaletteFit& fit, const std::string& folder) {
    model.info.palette = fit.palette;
    model.info.config.palette_strength = fit.strength;
    model.info.config.chroma_gain = fit.chroma_gain;
    model.info.metadata["palette_pages"] = std::to_string(fit.pages) +
                                           (fit.pages == 1 ? " page of " : " pages of ") +
                                           folder_name(folder);
    std::string scores;
    for (size_t s = 0; s < fit.scores.size(); ++s)
        scores += (s ? " " : "") + number_text("%g:", kPaletteStrengths[s]) +
                  number_text("%.3f", fit.scores[s]);
    std::string gains;  // gain:gray/screentone/chroma ratio
    for (size_t g = 0; g < fit.gain_trials.size(); ++g) {
        const GainTrial& trial = fit.gain_trials[g];
        gains += (g ? " " : "") + number_text("%g:", kChromaGains[g]) +
                 number_text("%.3f/", trial.gray) + number_text("%.3f/", trial.screentone) +
                 number_text("%.2f", trial.chroma_ratio);
    }
    for (const auto& [key, value] : {std::pair{"palette_scores", scores}, {"chroma_scores", gains}})
        if (value.empty())
            model.info.metadata.erase(key);
        else
            model.info.metadata[key] = value;
}

std::string palette_fit_summary(const PaletteFit& fit) {
    std::string text = std::to_string(fit.palette.colors.size()) + " colors";
    if (fit.scores.empty()) return text + ", not used: 3 pages or more are needed to try it";
    text += fit.strength > 0 ? number_text(", used at strength %g", fit.strength) : ", not used";
    const double with = fit.strength > 0 ? *std::min_element(fit.scores.begin(), fit.scores.end())
                                         : fit.scores.back();
    text += " (color error, CIEDE2000, on " + std::to_string(fit.pages) +
            " of the pages printed gray: " + number_text("%.2f without it, ", fit.scores.front()) +
            number_text("%.2f with it)", with);
    const GainTrial& plain = fit.gain_trials.front();
    if (fit.chosen_gain == 0)
        return text + "; colors as the network gives them (chroma " +
               number_text("%.2f", plain.chroma_ratio) + " of the pages')";
    const GainTrial& chosen = fit.gain_trials[fit.chosen_gain];
    return text + "; colors " + number_text("%g", fit.chroma_gain) + "x as strong (printed gray " +
           number_text("%.2f", plain.gray) + " -> " + number_text("%.2f", chosen.gray) +
           ", in screentone " + number_text("%.2f", plain.screentone) + " -> " +
           number_text("%.2f", chosen.screentone) + "; chroma " +
           number_text("%.2f", plain.chroma_ratio) + " -> " +
           number_text("%.2f", chosen.chroma_ratio) + " of the pages')";
}

}  // namespace mangacolor
