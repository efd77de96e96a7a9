#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"

namespace mangacolor {
namespace {

cv::Mat lightness_of(const cv::Mat& rgb) {
    cv::Mat lab, l;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    cv::extractChannel(lab, l, 0);
    return l;
}

cv::Mat gray_rgb(const cv::Mat& gray) {
    cv::Mat rgb;
    cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
    return rgb;
}

// Every gray level, and colours of every hue and strength, at one size.
struct Ramp {
    cv::Mat gray = cv::Mat(1, 256, CV_32F);
    cv::Mat lab = cv::Mat(1, 256, CV_32FC3);
    Ramp() {
        for (int i = 0; i < 256; ++i) {
            gray.at<float>(i) = i / 255.0f;
            const double hue = i * 0.7, chroma = (i % 7) * 15.0;
            lab.at<cv::Vec3f>(i) = {50.0f, float(chroma * std::cos(hue)),
                                    float(chroma * std::sin(hue))};
        }
    }
};

TEST(ComposePage, KeepsThePagesLightnessAndStaysInGamut) {
    Ramp ramp;
    const cv::Mat rgb = compose_page(ramp.gray, ramp.lab);
    ASSERT_TRUE(cv::checkRange(rgb, true, nullptr, 0.0, 1.0 + 1e-6));
    const cv::Mat wanted = lightness_of(gray_rgb(ramp.gray)), got = lightness_of(rgb);
    // The page's paper (L* 88 and up) may be darkened by the network: compare below it.
    for (int i = 0; i < 256; ++i)
        if (wanted.at<float>(i) < 88) {
            EXPECT_NEAR(got.at<float>(i), wanted.at<float>(i), 0.5) << i;
        }
}

TEST(ComposePage, GivesTheNetworksChromaWhereTheGamutAllows) {
    cv::Mat gray(1, 1, CV_32F, cv::Scalar(0.5f));
    const cv::Mat lab(1, 1, CV_32FC3, cv::Scalar(0, 20, -30));  // at mid gray: in gamut
    cv::Mat got;
    cv::cvtColor(compose_page(gray, lab), got, cv::COLOR_RGB2Lab);
    EXPECT_NEAR(got.at<cv::Vec3f>(0)[1], 20.0f, 0.5f);
    EXPECT_NEAR(got.at<cv::Vec3f>(0)[2], -30.0f, 0.5f);
}

TEST(ComposePage, InkStaysBlackAndPaperTakesTheNetworksLightness) {
    cv::Mat gray = (cv::Mat_<float>(1, 3) << 0.0f, 1.0f, 1.0f);
    cv::Mat lab(1, 3, CV_32FC3);
    lab.at<cv::Vec3f>(0) = {60, 40, 40};  // colour on ink: none
    lab.at<cv::Vec3f>(1) = {100, 0, 0};   // paper the network leaves white
    lab.at<cv::Vec3f>(2) = {70, 10, 60};  // paper the network colours (inside line art)
    cv::Mat got;
    cv::cvtColor(compose_page(gray, lab), got, cv::COLOR_RGB2Lab);
    EXPECT_LT(got.at<cv::Vec3f>(0)[0], 0.5f);
    EXPECT_GT(got.at<cv::Vec3f>(1)[0], 99.5f);
    EXPECT_NEAR(got.at<cv::Vec3f>(2)[0], 70.0f, 0.5f);
    EXPECT_GT(got.at<cv::Vec3f>(2)[2], 40.0f) << "yellow";
}

TEST(ComposePage, UpsamplesSmallColoursLikeResize) {
    cv::Mat gray(40, 60, CV_32F, cv::Scalar(0.6f));
    cv::Mat small(10, 15, CV_32FC3);
    cv::randu(small, cv::Scalar(60, -20, -20), cv::Scalar(60, 20, 20));
    cv::Mat big;
    cv::resize(small, big, gray.size(), 0, 0, cv::INTER_LINEAR);
    EXPECT_LT(cv::norm(compose_page(gray, small), compose_page(gray, big), cv::NORM_INF), 2e-3);
}

TEST(NetworkLab, RoundTripsAndSpansMinusOneToOne) {
    cv::Mat rgb(8, 8, CV_32FC3);
    cv::randu(rgb, 0.0, 1.0);
    const cv::Mat lab = lab_of(rgb), channels = network_lab(lab);
    double low = 0, high = 0;
    cv::minMaxLoc(channels.reshape(1), &low, &high);
    EXPECT_GE(low, -1.0);
    EXPECT_LE(high, 1.0);
    EXPECT_LT(cv::norm(lab_from_network(channels), lab, cv::NORM_INF), 1e-3);
}

TEST(GrayOfLightness, LooksAsLightAsTheColours) {
    cv::Mat rgb(16, 16, CV_32FC3);
    cv::randu(rgb, 0.0, 1.0);
    const cv::Mat gray = gray_of_lightness(rgb);
    EXPECT_LT(cv::norm(lightness_of(gray_rgb(gray)), lightness_of(rgb), cv::NORM_INF), 0.5);
}

}  // namespace
}  // namespace mangacolor
