#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "mangacolor/colorizer.h"
#include "mangacolor/default_model.h"
#include "mangacolor/image.h"

// The model shipped in models/ loads and colors a B/W page (the gray sample: smooth shading,
// the kind most scans and digital manga are).
namespace mangacolor {
namespace {

// The share of pixels with a clear color: CIELAB chroma above 10 (0 for any gray pixel; a
// visibly colored one has tens).
double colored_share(const cv::Mat& rgb) {
    cv::Mat lab;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    std::vector<cv::Mat> l_a_b;
    cv::split(lab, l_a_b);
    cv::Mat chroma;
    cv::magnitude(l_a_b[1], l_a_b[2], chroma);
    return cv::countNonZero(chroma > 10) / double(chroma.total());
}

TEST(DefaultModel, IsShippedSmallAndFound) {
    unsetenv("COLORIZE_MANGA_MODEL");
    const std::string path = default_model_path();
    EXPECT_LT(std::filesystem::file_size(path), 50u << 20);
    const Colorizer colorizer = Colorizer::load(path);
    EXPECT_EQ(colorizer.info().metadata.at("name"), "Colorize Manga default");
}

TEST(DefaultModel, ColorsTheSamplePageAndKeepsItsInk) {
    unsetenv("COLORIZE_MANGA_MODEL");
    const Colorizer colorizer = Colorizer::load(default_model_path());
    const cv::Mat page = read_image(MANGACOLOR_SAMPLE_PAGE);
    // A quarter of the page, at the whole page's scale: a small page, quick to colorize.
    const cv::Mat quarter = page(cv::Rect(0, 0, page.cols / 2, page.rows / 2));
    ColorizeOptions options;
    options.scale = colorizer.page_scale(page.size());
    const cv::Mat colored = colorizer.colorize(quarter, options);

    ASSERT_EQ(colored.size(), quarter.size());
    ASSERT_TRUE(cv::checkRange(colored, true, nullptr, 0.0, 1.0 + 1e-6));  // max is exclusive
    const cv::Mat gray = to_gray_float(quarter);
    cv::Mat gray_rgb;
    cv::cvtColor(gray, gray_rgb, cv::COLOR_GRAY2RGB);
    EXPECT_EQ(colored_share(gray_rgb), 0.0);
    // Most of a page is white paper, which must stay white; the drawings get colored.
    EXPECT_GT(colored_share(colored), 0.03) << "the output is nearly gray";

    // Solid ink stays dark (the line art is kept on top of the colors).
    const cv::Mat ink = gray < 0.1;
    ASSERT_GT(cv::countNonZero(ink), 100);
    cv::Mat colored_luma;
    cv::cvtColor(colored, colored_luma, cv::COLOR_RGB2GRAY);
    EXPECT_LT(cv::mean(colored_luma, ink)[0], 0.15);
    // White areas of the B/W page (paper, and light colors the model must guess) stay light.
    EXPECT_GT(cv::mean(colored_luma, gray > 0.97)[0], 0.85);
}

}  // namespace
}  // namespace mangacolor
