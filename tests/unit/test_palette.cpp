#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "mangacolor/palette.h"
#include "mangacolor/palette_fit.h"
#include "temp_dir.h"
#include "tiny_config.h"

namespace mangacolor {
namespace {

cv::Vec3f rgb_of(const cv::Vec3f& lab) {
    cv::Mat pixel(1, 1, CV_32FC3, cv::Scalar(lab[0], lab[1], lab[2])), rgb;
    cv::cvtColor(pixel, rgb, cv::COLOR_Lab2RGB);
    return rgb.at<cv::Vec3f>(0, 0);
}

// White paper with a block of each colour (CIELAB), side by side; `shift` moves them, so that
// pages of the same colours are not the same page.
cv::Mat page_of(const std::vector<cv::Vec3f>& colors, int shift = 0) {
    cv::Mat page(128, 96, CV_32FC3, cv::Scalar::all(1));
    for (size_t i = 0; i < colors.size(); ++i) {
        const cv::Vec3f rgb = rgb_of(colors[i]);
        cv::rectangle(page, cv::Rect(8 + shift + 40 * int(i), 16 + shift, 32, 48),
                      cv::Scalar(rgb[0], rgb[1], rgb[2]), cv::FILLED);
    }
    return page;
}

float distance(const cv::Vec3f& a, const cv::Vec3f& b) {
    return float(cv::norm(a - b));
}

cv::Vec3f lab_of_rgb(float r, float g, float b) {
    return lab_of(cv::Mat(1, 1, CV_32FC3, cv::Scalar(r, g, b))).at<cv::Vec3f>(0, 0);
}

const cv::Vec3f kOrange = lab_of_rgb(0.9f, 0.55f, 0.25f), kBlue = lab_of_rgb(0.2f, 0.3f, 0.7f);

TEST(PaletteOf, HoldsThePagesColoursTheSameOnEveryRun) {
    const std::vector<cv::Mat> pages{lab_of(page_of({kOrange, kBlue})),
                                     lab_of(page_of({kOrange, kBlue}, 7))};
    const Palette palette = palette_of(pages);
    ASSERT_FALSE(palette.colors.empty());
    EXPECT_LE(palette.colors.size(), size_t(kPaletteSize));
    for (const cv::Vec3f& wanted : {kOrange, kBlue, cv::Vec3f(100, 0, 0)}) {
        float nearest = 1e9f;
        for (const cv::Vec3f& c : palette.colors) nearest = std::min(nearest, distance(c, wanted));
        EXPECT_LT(nearest, 1.0f) << wanted;
    }
    EXPECT_EQ(palette_text(palette_of(pages)), palette_text(palette));
}

TEST(PullTowardPalette, TakesTheColourOfThatLightnessNearestTheGuess) {
    const Palette palette{{{50, 60, 40}, {50, -50, 40}, {80, 0, 80}}};
    cv::Mat lab(1, 4, CV_32FC3);
    lab.at<cv::Vec3f>(0, 0) = {0, 10, 10};   // at L* 50, nearer the red
    lab.at<cv::Vec3f>(0, 1) = {0, -10, 10};  // at L* 50, nearer the green
    lab.at<cv::Vec3f>(0, 2) = {0, 0, 0};     // at L* 80: the yellow, however far its chroma
    lab.at<cv::Vec3f>(0, 3) = {0, 5, 5};     // outside the mask
    const cv::Mat lightness = (cv::Mat_<float>(1, 4) << 50, 50, 80, 50);
    const cv::Mat where = (cv::Mat_<uint8_t>(1, 4) << 255, 255, 255, 0);
    cv::Mat full = lab.clone(), half = lab.clone();
    pull_toward_palette(full, lightness, where, palette, 1.0);
    pull_toward_palette(half, lightness, where, palette, 0.5);
    EXPECT_EQ(full.at<cv::Vec3f>(0, 0), cv::Vec3f(0, 60, 40));
    EXPECT_EQ(full.at<cv::Vec3f>(0, 1), cv::Vec3f(0, -50, 40));
    EXPECT_EQ(full.at<cv::Vec3f>(0, 2), cv::Vec3f(0, 0, 80));
    EXPECT_EQ(full.at<cv::Vec3f>(0, 3), cv::Vec3f(0, 5, 5));
    EXPECT_EQ(half.at<cv::Vec3f>(0, 0), cv::Vec3f(0, 35, 25)) << "half way";
}

TEST(PaletteText, RoundTripsAndNamesABadLine) {
    const Palette palette{{{50.25f, -12.5f, 3}, {99, 0, 0}}};
    EXPECT_EQ(palette_text(parse_palette(palette_text(palette))), palette_text(palette));
    EXPECT_TRUE(parse_palette("").colors.empty());
    for (const char* bad : {"50 1 2\n50 1\n", "50 1 2\n120 0 0\n", "50 1 2\nL a b\n",
                            "50 1 2\n50 1 2 3\n", "50 1 2\n50 500 0\n"}) {
        try {
            parse_palette(bad);
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
        }
    }
    std::string many;
    for (int i = 0; i < 4 * kPaletteSize + 1; ++i) many += "50 0 0\n";
    EXPECT_THROW(parse_palette(many), Error);
}

TEST(PaletteInModelFile, IsSavedAndReadBackAndOptional) {
    TempDir dir;
    Model model = make_model(tiny_config());
    const std::string plain = dir.file("plain.mcm"), with = dir.file("with.mcm");
    save_model(plain, model);
    EXPECT_TRUE(load_model(plain).info.palette.colors.empty());
    model.info.palette = Palette{{{50, 60, 40}, {80, 0, 80}}};
    model.info.config.palette_strength = 0.5;
    save_model(with, model);
    const Model loaded = load_model(with);
    EXPECT_EQ(palette_text(loaded.info.palette), palette_text(model.info.palette));
    EXPECT_EQ(loaded.info.config.palette_strength, 0.5);
    EXPECT_EQ(palette_text(read_model_info(with).palette), palette_text(model.info.palette));
}

TEST(PaletteInModelFile, ABadPaletteIsAnErrorNamingTheFile) {
    TempDir dir;
    const Model model = make_model(tiny_config());
    const std::string path = dir.file("bad-palette.mcm");
    {
        std::ofstream out(path, std::ios::binary);
        std::string settings;
        for (const auto& [key, value] : to_fields(model.info.config))
            settings += key + "=" + value + "\n";
        out << pack_sections({{"settings", settings},
                              {"metadata", ""},
                              {"palette", "50 0 0\nno colour\n"},
                              {"generator", to_bytes(*model.generator)}});
    }
    try {
        load_model(path);
        FAIL() << "a bad palette loaded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad-palette.mcm"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("palette line 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_model_info(path), Error) << "listing it says so too";
}

// An untrained model gives colours near gray; its palette, where the page is shaded gray,
// gives that lightness's colour, and leaves paper as the network made it.
TEST(ColorizerPalette, ColoursGrayShadedAreasOnly) {
    const cv::Mat truth = page_of({kOrange, kBlue});
    const cv::Mat gray = gray_of_lightness(truth);
    torch::manual_seed(1);
    Model model = make_model(tiny_config());
    model.info.palette = Palette{{kOrange, kBlue, {100, 0, 0}}};
    auto colorize = [&](double strength) {
        model.info.config.palette_strength = strength;
        return lab_of(Colorizer::from_model(model, Device::CPU).colorize(gray));
    };
    const cv::Mat with = colorize(1.0), without = colorize(0.0);
    // The colours are evened out over 16 pixels, across the blocks' edges: their middles, and
    // paper well away from them.
    const cv::Rect orange(20, 32, 8, 16), blue(60, 32, 8, 16), paper(0, 100, 96, 28);
    ASSERT_LT(cv::norm(cv::mean(without(orange))), kOrange[0] + 5) << "the network: near gray";
    const cv::Scalar mean = cv::mean(with(orange));
    EXPECT_NEAR(mean[1], kOrange[1], 4) << "orange: a*";
    EXPECT_NEAR(mean[2], kOrange[2], 10) << "orange: b*, a little muted where paper is near";
    EXPECT_LT(cv::mean(with(blue)).val[2], kBlue[2] / 2) << "blue: b* low";
    EXPECT_GT(cv::norm(with(orange), without(orange), cv::NORM_INF), 20.0) << "not by chance";
    EXPECT_EQ(cv::norm(with(paper), without(paper), cv::NORM_INF), 0.0) << "paper as it was";
}

// Screentone's printed tones squeeze the colours' lightness together: no key to a palette.
TEST(ColorizerPalette, LeavesScreentoneAlone) {
    cv::Mat page(96, 160, CV_32F, cv::Scalar(1.0f));
    for (int y = 12; y < 84; y += 6)
        for (int x = 12; x < 148; x += 6)
            cv::rectangle(page, cv::Rect(x, y, 3, 3), cv::Scalar(0.0f), cv::FILLED);
    torch::manual_seed(1);
    Model model = make_model(tiny_config());
    // One colour of every lightness, so that every pixel has one near.
    for (float l = 5; l < 100; l += 5) model.info.palette.colors.push_back({l, 40, 40});
    auto colorize = [&](double strength) {
        model.info.config.palette_strength = strength;
        return Colorizer::from_model(model, Device::CPU).colorize(page);
    };
    EXPECT_EQ(cv::norm(colorize(1.0), colorize(0.0), cv::NORM_INF), 0.0);
}

TEST(FitPalette, UsesAPaletteThePagesShare) {
    std::vector<cv::Mat> pages;
    for (int i = 0; i < 4; ++i) pages.push_back(page_of({kOrange, kBlue}, 3 * i));
    torch::manual_seed(1);
    const PaletteFit fit = fit_palette(make_model(tiny_config()), pages);
    EXPECT_EQ(fit.pages, 4);
    ASSERT_EQ(fit.scores.size(), std::size(kPaletteStrengths));
    EXPECT_LT(fit.scores.back(), fit.scores.front() * 0.9) << fit.scores.front();
    EXPECT_EQ(fit.strength, 1.0);
    Model model = make_model(tiny_config());
    apply_palette_fit(model, fit, "pages/chapter-1/");
    EXPECT_EQ(model.info.config.palette_strength, 1.0);
    EXPECT_EQ(model.info.metadata.at("palette_pages"), "4 pages of chapter-1");
    EXPECT_EQ(model.info.palette.colors.size(), fit.palette.colors.size());
    EXPECT_EQ(model.info.metadata.count("palette_scores"), 1u);
    EXPECT_EQ(model.info.config.chroma_gain, fit.chroma_gain);
    EXPECT_EQ(model.info.metadata.count("chroma_scores"), 1u);
}

// Each page's block has another hue at the same lightness: the palette of the others can only
// mislead, and gray is the better guess.
TEST(FitPalette, RefusesAPaletteThatMisleads) {
    std::vector<cv::Mat> pages;
    for (const cv::Vec3f& color :
         {cv::Vec3f(60, 45, 0), cv::Vec3f(60, -45, 0), cv::Vec3f(60, 0, 45), cv::Vec3f(60, 0, -45)})
        pages.push_back(page_of({color}));
    torch::manual_seed(1);
    const PaletteFit fit = fit_palette(make_model(tiny_config()), pages);
    EXPECT_GT(fit.scores.back(), fit.scores.front());
    EXPECT_EQ(fit.strength, 0.0);
    EXPECT_NE(palette_fit_summary(fit).find("not used"), std::string::npos);
    EXPECT_EQ(fit.gain_trials.size(), std::size(kChromaGains));
    EXPECT_EQ(kChromaGains[fit.chosen_gain], fit.chroma_gain);
}

TEST(FitPalette, NeedsThreePagesToTry) {
    const std::vector<cv::Mat> pages{page_of({kOrange}), page_of({kBlue})};
    Model model = make_model(tiny_config());
    model.info.config.chroma_gain = 1.6;
    const PaletteFit fit = fit_palette(model, pages);
    EXPECT_FALSE(fit.palette.colors.empty());
    EXPECT_TRUE(fit.scores.empty());
    EXPECT_TRUE(fit.gain_trials.empty());
    EXPECT_EQ(fit.strength, 0.0);
    EXPECT_EQ(fit.chroma_gain, 1.6) << "the model's own";
}

TEST(ChosenChromaGain, TakesStrongerColorsThatCostNothing) {
    // A fine-tuned model on its own pages: muted, and its hues right.
    EXPECT_EQ(chosen_chroma_gain(
                  {{1.72, 3.70, 0.59}, {1.67, 3.69, 0.66}, {1.63, 3.71, 0.81}, {1.70, 3.90, 0.95}}),
              2u);
    EXPECT_EQ(chosen_chroma_gain(
                  {{7.92, 9.0, 0.46}, {7.95, 9.0, 0.57}, {8.07, 9.1, 0.68}, {8.58, 9.5, 0.91}}),
              1u)
        << "1.25 costs under 1 %, 1.5 more";
}

TEST(ChosenChromaGain, KeepsTheNetworksColorsWhenStrongerOnesCost) {
    EXPECT_EQ(chosen_chroma_gain(
                  {{5.93, 9.4, 0.88}, {6.05, 9.5, 0.95}, {6.20, 9.7, 1.0}, {6.50, 10.0, 1.1}}),
              0u);
}

TEST(ChosenChromaGain, OneKindOfPageMayNotPayForTheOther) {
    // Gray pages gain 8 %, screentone loses 2.4 %: their mean would gain.
    EXPECT_EQ(chosen_chroma_gain(
                  {{4.95, 9.33, 0.74}, {4.70, 9.50, 0.85}, {4.57, 9.55, 0.94}, {4.9, 10.2, 1.1}}),
              0u);
}

TEST(ChosenChromaGain, DoesNotOvershootThePagesChroma) {
    EXPECT_EQ(chosen_chroma_gain({{3, 4, 0.9}, {3, 4, 1.05}, {3, 4, 1.3}, {3, 4, 1.6}}), 1u);
}

}  // namespace
}  // namespace mangacolor
