#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <vector>

#include "mangacolor/errors.h"
#include "mangacolor/mangaize.h"

namespace mangacolor {
namespace {

cv::Mat flat_page(float luminance, int size = 120) {
    return cv::Mat(size, size, CV_32FC3, cv::Scalar::all(luminance));
}

double mean_darkness(const cv::Mat& page) {
    return 1.0 - cv::mean(page)[0];
}

double fraction_where(const cv::Mat& mask) {
    return double(cv::countNonZero(mask)) / double(mask.total());
}

// Two mid-tone colours of similar luminance, the second from column `boundary` on.
cv::Mat two_colour_page(cv::Size size, int boundary) {
    cv::Mat rgb(size, CV_32FC3, cv::Scalar(0.9, 0.3, 0.3));
    rgb.colRange(boundary, size.width).setTo(cv::Scalar(0.3, 0.55, 0.6));
    return rgb;
}

// White paper, a colour band, an ink line, another colour band, white paper: every kind of
// edge, running along the rows.
cv::Mat banded_page(cv::Size size, int top) {
    cv::Mat rgb(size, CV_32FC3, cv::Scalar::all(1.0));
    rgb.rowRange(top, top + 6).setTo(cv::Scalar(0.9, 0.3, 0.3));
    rgb.rowRange(top + 6, top + 9).setTo(cv::Scalar::all(0.0));
    rgb.rowRange(top + 9, top + 15).setTo(cv::Scalar(0.3, 0.55, 0.6));
    return rgb;
}

MangaizeOptions line_art() {
    MangaizeOptions options;
    options.screentone = false;
    return options;
}

TEST(Mangaize, GivesOneChannelFloatPageOfTheSameSize) {
    const cv::Mat page = mangaize(flat_page(0.5f, 37));
    EXPECT_EQ(page.type(), CV_32FC1);
    EXPECT_EQ(page.size(), cv::Size(37, 37));
}

TEST(Mangaize, TreatsEightBitAndGrayPagesLikeFloatRgb) {
    const cv::Mat float_rgb = flat_page(128.0f / 255.0f);
    const cv::Mat expected = mangaize(float_rgb);
    EXPECT_EQ(cv::norm(mangaize(cv::Mat(120, 120, CV_8UC3, cv::Scalar::all(128))), expected,
                       cv::NORM_INF),
              0.0);
    EXPECT_EQ(
        cv::norm(mangaize(cv::Mat(120, 120, CV_8UC1, cv::Scalar(128))), expected, cv::NORM_INF),
        0.0);
}

TEST(Mangaize, KeepsInkBlackAndPaperWhite) {
    for (bool screentone : {true, false}) {
        MangaizeOptions options;
        options.screentone = screentone;
        EXPECT_EQ(cv::norm(mangaize(flat_page(0.05f), options), cv::NORM_INF), 0.0);
        const cv::Mat paper = mangaize(flat_page(0.95f), options);
        EXPECT_EQ(cv::norm(paper, cv::Mat::ones(paper.size(), CV_32F), cv::NORM_INF), 0.0);
    }
}

TEST(Mangaize, MidToneBecomesBlackDotsOnWhite) {
    const cv::Mat page = mangaize(flat_page(0.5f));
    EXPECT_GT(fraction_where(page < 0.4), 0.2);
    EXPECT_GT(fraction_where(page > 0.8), 0.3);
    // Nothing in between but the slightly blurred rims of the dots: no flat grey.
    EXPECT_LT(fraction_where((page >= 0.4) & (page <= 0.8)), 0.02);
}

TEST(Mangaize, DotsAreSpacedByTheDotPitch) {
    MangaizeOptions options;
    options.dot_pitch = 8.0;
    const cv::Mat page = mangaize(flat_page(0.5f, 160), options);
    cv::Mat labels;
    const int dots = cv::connectedComponents(page < 0.5, labels) - 1;  // minus the background
    const double expected = 160.0 * 160.0 / (8.0 * 8.0);
    EXPECT_NEAR(dots, expected, 0.15 * expected);
}

TEST(Mangaize, DarkerInputGivesDarkerTones) {
    std::vector<double> darkness;
    for (float luminance : {0.8f, 0.6f, 0.45f, 0.3f}) {
        darkness.push_back(mean_darkness(mangaize(flat_page(luminance))));
    }
    for (size_t i = 1; i < darkness.size(); ++i) EXPECT_GT(darkness[i], darkness[i - 1] + 0.05);
    // Screentones stay within the catalogue's range of coverages.
    EXPECT_GT(darkness.front(), 0.08);
    EXPECT_LT(darkness.back(), 0.62);
}

TEST(Mangaize, ToneLevelsQuantizeNearbyGreysToTheSameTone) {
    MangaizeOptions options;
    options.tone_levels = 2;
    const double lighter = mean_darkness(mangaize(flat_page(0.70f), options));
    const double darker = mean_darkness(mangaize(flat_page(0.60f), options));
    EXPECT_NEAR(lighter, darker, 1e-3);
}

TEST(Mangaize, LineArtModeLeavesFlatMidTonesWhite) {
    const cv::Mat page = mangaize(flat_page(0.5f), line_art());
    EXPECT_EQ(cv::countNonZero(page < 1.0f), 0);
}

TEST(Mangaize, LineArtModeOutlinesWhereColourRegionsMeet) {
    const cv::Mat page = mangaize(two_colour_page({60, 60}, 30), line_art());
    for (int row = 0; row < page.rows; ++row) {
        const cv::Mat line = page.row(row);
        EXPECT_LT(line.at<float>(29), 0.5f);
        const int dark = cv::countNonZero(line < 0.5f);
        EXPECT_GE(dark, 1);
        EXPECT_LE(dark, 2);
    }
    EXPECT_EQ(cv::countNonZero(page.colRange(0, 26) < 1.0f), 0);
    EXPECT_EQ(cv::countNonZero(page.colRange(34, 60) < 1.0f), 0);
}

TEST(Mangaize, LinesAreTheSameWhereverTheyAreOnThePage) {
    // Pages are printed in strips of rows; a line must not change where one strip ends.
    const cv::Size size(20, 300);
    const cv::Mat reference = mangaize(banded_page(size, 10), line_art());
    for (int top = 11; top < 270; ++top) {
        SCOPED_TRACE(top);
        const cv::Mat page = mangaize(banded_page(size, top), line_art());
        const cv::Mat moved = page.rowRange(top - 5, top + 20);
        ASSERT_EQ(cv::norm(moved, reference.rowRange(5, 30), cv::NORM_INF), 0.0);
    }
}

TEST(Mangaize, LineArtModeDoesNotThickenInkLines) {
    cv::Mat rgb(40, 40, CV_32FC3, cv::Scalar::all(1.0));
    rgb.colRange(18, 21).setTo(cv::Scalar::all(0.0));  // a three-pixel black line
    const cv::Mat page = mangaize(rgb, line_art());
    EXPECT_EQ(cv::countNonZero(page.row(20) < 0.5f), 3);
}

TEST(Mangaize, IsDeterministic) {
    cv::Mat rgb(64, 64, CV_32FC3);
    cv::randu(rgb, 0.0, 1.0);
    EXPECT_EQ(cv::norm(mangaize(rgb), mangaize(rgb), cv::NORM_INF), 0.0);
}

TEST(Mangaize, RejectsNonsenseOptionsAndEmptyPages) {
    const cv::Mat page = flat_page(0.5f, 8);
    MangaizeOptions tiny_pitch;
    tiny_pitch.dot_pitch = 0.5;
    EXPECT_THROW(mangaize(page, tiny_pitch), Error);
    MangaizeOptions crossed_thresholds;
    crossed_thresholds.ink_threshold = 0.9;
    crossed_thresholds.white_threshold = 0.1;
    EXPECT_THROW(mangaize(page, crossed_thresholds), Error);
    MangaizeOptions no_levels;
    no_levels.tone_levels = 0;
    EXPECT_THROW(mangaize(page, no_levels), Error);
    EXPECT_THROW(mangaize(cv::Mat()), Error);
}

}  // namespace
}  // namespace mangacolor
