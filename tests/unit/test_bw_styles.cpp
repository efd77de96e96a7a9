#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "mangacolor/bw_styles.h"
#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// A colour page: white paper, a black outline, a mid-tone orange and a light blue area.
cv::Mat colour_page() {
    cv::Mat rgb(128, 128, CV_32FC3, cv::Scalar::all(1.0f));
    rgb(cv::Rect(10, 10, 50, 100)).setTo(cv::Scalar(0.9f, 0.5f, 0.1f));
    rgb(cv::Rect(70, 10, 50, 100)).setTo(cv::Scalar(0.6f, 0.75f, 0.95f));
    cv::rectangle(rgb, cv::Rect(8, 8, 114, 104), cv::Scalar::all(0.0f), 2);
    return rgb;
}

// Share of pixels that are neither near black nor near white.
double mid_share(const cv::Mat& gray) {
    const cv::Mat mid = (gray > 0.1f) & (gray < 0.9f);
    return cv::countNonZero(mid) / double(gray.total());
}

// How much a patch varies: dots and lines do, smooth gray does not.
double texture(const cv::Mat& gray, const cv::Rect& r) {
    cv::Scalar mean, deviation;
    cv::meanStdDev(gray(r), mean, deviation);
    return deviation[0];
}

TEST(PrintBw, EveryKindKeepsInkAndPaperAndStaysInRange) {
    const cv::Mat rgb = colour_page();
    for (BwKind kind : kAllBwKinds) {
        for (uint64_t seed = 1; seed <= 6; ++seed) {
            std::mt19937_64 rng(seed);
            const cv::Mat bw = print_bw(rgb, kind, rng);
            ASSERT_EQ(bw.type(), CV_32F);
            ASSERT_EQ(bw.size(), rgb.size());
            ASSERT_TRUE(cv::checkRange(bw, true, nullptr, 0.0, 1.0 + 1e-6)) << bw_kind_name(kind);
            EXPECT_LT(bw.at<float>(9, 64), 0.35f)
                << bw_kind_name(kind) << " outline, seed " << seed;
            EXPECT_GT(bw.at<float>(122, 64), 0.9f) << bw_kind_name(kind) << " paper, seed " << seed;
        }
    }
}

TEST(PrintBw, KindsLookAsTheyShould) {
    const cv::Mat rgb = colour_page();
    const cv::Rect orange(20, 20, 30, 80);
    std::mt19937_64 rng(3);
    const cv::Mat gray = print_bw(rgb, BwKind::Gray, rng);
    EXPECT_LT(texture(gray, orange), 0.01) << "smooth";
    EXPECT_GT(mid_share(gray), 0.5);
    const cv::Mat line_art = print_bw(rgb, BwKind::LineArt, rng);
    EXPECT_GT(cv::mean(line_art(orange))[0], 0.95) << "areas stay white";
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        std::mt19937_64 tone_rng(seed);
        const cv::Mat tone = print_bw(rgb, BwKind::Screentone, tone_rng);
        const double mean = cv::mean(tone(orange))[0];
        EXPECT_GT(mean, 0.2) << "seed " << seed;
        EXPECT_LT(mean, 0.98) << "the orange gets a tone, seed " << seed;
    }
}

TEST(PrintBw, SameSeedSamePage) {
    const cv::Mat rgb = colour_page();
    for (BwKind kind : kAllBwKinds) {
        std::mt19937_64 a(7), b(7);
        EXPECT_EQ(cv::norm(print_bw(rgb, kind, a), print_bw(rgb, kind, b), cv::NORM_INF), 0.0);
    }
    std::mt19937_64 a(7), b(7);
    EXPECT_EQ(cv::norm(random_bw(rgb, a), random_bw(rgb, b), cv::NORM_INF), 0.0);
}

TEST(PrintBw, LineArtUsesTheGivenStrokes) {
    const cv::Mat rgb = colour_page();
    cv::Mat strokes(rgb.size(), CV_32F, cv::Scalar(1.0f));
    cv::circle(strokes, {64, 64}, 30, cv::Scalar(0.0f), 2);
    std::mt19937_64 rng(1);
    EXPECT_EQ(cv::norm(print_bw(rgb, BwKind::LineArt, rng, strokes), strokes, cv::NORM_INF), 0.0);
}

TEST(BwKindNames, RoundTripAndUnknownIsAnError) {
    for (BwKind kind : kAllBwKinds) EXPECT_EQ(parse_bw_kind(bw_kind_name(kind)), kind);
    EXPECT_THROW(parse_bw_kind("sepia"), Error);
}

}  // namespace
}  // namespace mangacolor
