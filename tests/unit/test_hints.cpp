#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/hints.h"

namespace mangacolor {
namespace {

const cv::Scalar kRed(255, 0, 0, 255), kBlue(0, 0, 255, 255);

cv::Vec3f lab_of_rgb8(const cv::Scalar& rgb) {
    const cv::Mat one(1, 1, CV_32FC3, cv::Scalar(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255));
    return lab_of(one).at<cv::Vec3f>(0);
}

TEST(HintChannels, OpaquePixelsBecomeTheirColourAndAMask) {
    cv::Mat hints(100, 100, CV_8UC4, cv::Scalar::all(0));
    cv::circle(hints, {20, 20}, 4, kRed, cv::FILLED);
    cv::circle(hints, {80, 80}, 4, cv::Scalar(0, 0, 255, 100), cv::FILLED);  // alpha under half
    const cv::Mat lines(hints.size(), CV_8U, cv::Scalar(0));
    const cv::Mat channels = hint_channels(hints, lines, {50, 50});
    ASSERT_EQ(channels.type(), CV_32FC4);
    const cv::Vec4f red = channels.at<cv::Vec4f>(10, 10);
    const cv::Vec3f lab = lab_of_rgb8(kRed);
    EXPECT_EQ(red[3], 1.0f);
    EXPECT_NEAR((red[0] + 1) * kLightnessScale, lab[0], 0.5);
    EXPECT_NEAR(red[1] * kChromaScale, lab[1], 0.5);
    EXPECT_NEAR(red[2] * kChromaScale, lab[2], 0.5);
    EXPECT_EQ(channels.at<cv::Vec4f>(40, 40)[3], 0.0f) << "half transparent is no hint";
    EXPECT_EQ(channels.at<cv::Vec4f>(0, 49), cv::Vec4f(0, 0, 0, 0));
}

TEST(HintChannels, HintsOnInkAreIgnoredAndNoHintsGiveZeros) {
    cv::Mat hints(40, 40, CV_16UC4, cv::Scalar::all(0));
    hints(cv::Rect(10, 10, 6, 6)).setTo(cv::Scalar(65535, 0, 0, 65535));
    cv::Mat lines(hints.size(), CV_8U, cv::Scalar(0));
    lines(cv::Rect(8, 8, 10, 10)).setTo(255);
    EXPECT_EQ(cv::countNonZero(hint_channels(hints, lines, {40, 40}).reshape(1)), 0);
    EXPECT_EQ(cv::countNonZero(hint_channels(cv::Mat(), lines, {20, 20}).reshape(1)), 0);
    EXPECT_THROW(hint_channels(cv::Mat(40, 40, CV_8UC3), lines, {40, 40}), Error);
}

TEST(FillHintedAreas, AnAreaTakesItsHintsMeanOthersKeepTheirs) {
    cv::Mat areas(20, 40, CV_32S, cv::Scalar(1));
    areas(cv::Rect(20, 0, 20, 20)).setTo(2);
    cv::Mat lab(areas.size(), CV_32FC3, cv::Scalar(50, 5, 5));
    cv::Mat hints(areas.size(), CV_32FC4, cv::Scalar::all(0));
    hints.at<cv::Vec4f>(5, 5) = {0.2f, 0.5f, 0.1f, 1.0f};
    hints.at<cv::Vec4f>(6, 6) = {0.4f, 0.3f, 0.3f, 1.0f};
    fill_hinted_areas(lab, areas, hints);
    const cv::Vec3f hinted = lab.at<cv::Vec3f>(15, 15);
    EXPECT_NEAR(hinted[0], 1.3f * kLightnessScale, 1e-3);
    EXPECT_NEAR(hinted[1], 0.4f * kChromaScale, 1e-3);
    EXPECT_NEAR(hinted[2], 0.2f * kChromaScale, 1e-3);
    EXPECT_EQ(lab.at<cv::Vec3f>(10, 30), cv::Vec3f(50, 5, 5));
}

TEST(SampleHints, NoneForSomePagesAndTheTruthsColoursForOthers) {
    cv::Mat rgb(200, 200, CV_32FC3, cv::Scalar(0.9f, 0.2f, 0.1f));
    const cv::Vec3f truth = lab_of(rgb).at<cv::Vec3f>(0);
    std::mt19937_64 rng(5);
    int empty = 0;
    for (int i = 0; i < 40; ++i) {
        const cv::Mat hints = sample_hints(rgb, rng);
        std::vector<cv::Mat> planes;
        cv::split(hints, planes);
        const int hinted = cv::countNonZero(planes[3]);
        if (hinted == 0) {
            ++empty;
            continue;
        }
        EXPECT_LT(hinted, int(rgb.total() / 20)) << "sparse dots and strokes";
        const cv::Scalar mean = cv::mean(hints, planes[3] > 0);
        EXPECT_NEAR(mean[1] * kChromaScale, truth[1], 0.5);
        EXPECT_NEAR(mean[2] * kChromaScale, truth[2], 0.5);
    }
    EXPECT_GT(empty, 8);
    EXPECT_LT(empty, 32);
}

}  // namespace
}  // namespace mangacolor
