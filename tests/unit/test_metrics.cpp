#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "mangacolor/errors.h"
#include "mangacolor/metrics.h"

namespace mangacolor {
namespace {

// A smooth colour page with some structure, so that SSIM has something to compare.
cv::Mat test_page(int rows = 64, int cols = 80) {
    cv::Mat page(rows, cols, CV_32FC3);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < cols; ++x) {
            page.at<cv::Vec3f>(y, x) = cv::Vec3f(float(x) / cols, float(y) / rows,
                                                 0.5f + 0.4f * std::sin(0.3f * float(x + y)));
        }
    }
    return page;
}

cv::Mat with_noise(const cv::Mat& page, double sigma) {
    cv::Mat noise(page.size(), page.type());
    cv::RNG rng(7);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    cv::Mat noisy = page + noise;
    return cv::min(cv::max(noisy, 0.0), 1.0);
}

struct SharmaPair {
    cv::Vec3d lab1;
    cv::Vec3d lab2;
    double delta_e;
};

// Table 1 of Sharma, Wu and Dalal (2005): all 34 published test pairs.
const SharmaPair kSharmaPairs[] = {
    {{50.0000, 2.6772, -79.7751}, {50.0000, 0.0000, -82.7485}, 2.0425},
    {{50.0000, 3.1571, -77.2803}, {50.0000, 0.0000, -82.7485}, 2.8615},
    {{50.0000, 2.8361, -74.0200}, {50.0000, 0.0000, -82.7485}, 3.4412},
    {{50.0000, -1.3802, -84.2814}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, -1.1848, -84.8006}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, -0.9009, -85.5211}, {50.0000, 0.0000, -82.7485}, 1.0000},
    {{50.0000, 0.0000, 0.0000}, {50.0000, -1.0000, 2.0000}, 2.3669},
    {{50.0000, -1.0000, 2.0000}, {50.0000, 0.0000, 0.0000}, 2.3669},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0009}, 7.1792},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0010}, 7.1792},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0011}, 7.2195},
    {{50.0000, 2.4900, -0.0010}, {50.0000, -2.4900, 0.0012}, 7.2195},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0009, -2.4900}, 4.8045},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0010, -2.4900}, 4.8045},
    {{50.0000, -0.0010, 2.4900}, {50.0000, 0.0011, -2.4900}, 4.7461},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 0.0000, -2.5000}, 4.3065},
    {{50.0000, 2.5000, 0.0000}, {73.0000, 25.0000, -18.0000}, 27.1492},
    {{50.0000, 2.5000, 0.0000}, {61.0000, -5.0000, 29.0000}, 22.8977},
    {{50.0000, 2.5000, 0.0000}, {56.0000, -27.0000, -3.0000}, 31.9030},
    {{50.0000, 2.5000, 0.0000}, {58.0000, 24.0000, 15.0000}, 19.4535},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.1736, 0.5854}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.2972, 0.0000}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 1.8634, 0.5757}, 1.0000},
    {{50.0000, 2.5000, 0.0000}, {50.0000, 3.2592, 0.3350}, 1.0000},
    {{60.2574, -34.0099, 36.2677}, {60.4626, -34.1751, 39.4387}, 1.2644},
    {{63.0109, -31.0961, -5.8663}, {62.8187, -29.7946, -4.0864}, 1.2630},
    {{61.2901, 3.7196, -5.3901}, {61.4292, 2.2480, -4.9620}, 1.8731},
    {{35.0831, -44.1164, 3.7933}, {35.0232, -40.0716, 1.5901}, 1.8645},
    {{22.7233, 20.0904, -46.6940}, {23.0331, 14.9730, -42.5619}, 2.0373},
    {{36.4612, 47.8580, 18.3852}, {36.2715, 50.5065, 21.2231}, 1.4146},
    {{90.8027, -2.0831, 1.4410}, {91.1528, -1.6435, 0.0447}, 1.4441},
    {{90.9257, -0.5406, -0.9208}, {88.6381, -0.8985, -0.7239}, 1.5381},
    {{6.7747, -0.2908, -2.4247}, {5.8714, -0.0985, -2.2286}, 0.6377},
    {{2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}, 0.9082},
};

TEST(Ciede2000, MatchesThePublishedTestData) {
    for (const SharmaPair& pair : kSharmaPairs) {
        SCOPED_TRACE(::testing::Message() << pair.lab1 << " vs " << pair.lab2);
        EXPECT_NEAR(ciede2000(pair.lab1, pair.lab2), pair.delta_e, 1e-4);
        EXPECT_NEAR(ciede2000(pair.lab2, pair.lab1), pair.delta_e, 1e-4);
    }
}

TEST(Ciede2000, IsZeroForTheSameColour) {
    EXPECT_EQ(ciede2000({53.2, 80.1, 67.2}, {53.2, 80.1, 67.2}), 0.0);
}

TEST(MeanCiede2000, IsZeroForIdenticalImages) {
    EXPECT_EQ(mean_ciede2000(test_page(), test_page()), 0.0);
}

TEST(MeanCiede2000, ConvertsSrgbToLab) {
    // White is L* = 100 and black L* = 0, and at mid-lightness a pure lightness step counts fully.
    const cv::Mat white(4, 4, CV_32FC3, cv::Scalar::all(1.0));
    const cv::Mat black(4, 4, CV_32FC3, cv::Scalar::all(0.0));
    EXPECT_NEAR(mean_ciede2000(white, black), 100.0, 1e-2);

    // sRGB red is L*a*b* (53.24, 80.09, 67.20) under D65.
    const cv::Mat red(4, 4, CV_32FC3, cv::Scalar(1.0, 0.0, 0.0));
    const cv::Mat red_lab(4, 4, CV_32FC3, cv::Scalar(53.24, 80.09, 67.20));
    cv::Mat converted;
    cv::cvtColor(red, converted, cv::COLOR_RGB2Lab);
    EXPECT_LT(cv::norm(converted, red_lab, cv::NORM_INF), 0.05);
    const double red_to_white = ciede2000({53.24, 80.09, 67.20}, {100.0, 0.0, 0.0});
    EXPECT_NEAR(mean_ciede2000(red, white), red_to_white, 0.05);
}

TEST(MeanCiede2000, GrowsWithTheColourError) {
    const cv::Mat truth = test_page();
    EXPECT_LT(mean_ciede2000(with_noise(truth, 0.02), truth),
              mean_ciede2000(with_noise(truth, 0.1), truth));
}

TEST(Psnr, IsInfiniteForIdenticalImages) {
    EXPECT_TRUE(std::isinf(psnr(test_page(), test_page())));
}

TEST(Psnr, IsTwentyDecibelsForATenthOffset) {
    const cv::Mat truth(16, 16, CV_32FC3, cv::Scalar(0.2, 0.4, 0.6));
    const cv::Mat result = truth + cv::Scalar::all(0.1);
    EXPECT_NEAR(psnr(result, truth), 20.0, 1e-4);
}

TEST(Ssim, IsOneForIdenticalImages) {
    EXPECT_NEAR(ssim(test_page(), test_page()), 1.0, 1e-9);
}

TEST(Ssim, DropsAsNoiseGrows) {
    const cv::Mat truth = test_page();
    const double slight = ssim(with_noise(truth, 0.02), truth);
    const double heavy = ssim(with_noise(truth, 0.2), truth);
    EXPECT_LT(slight, 1.0);
    EXPECT_LT(heavy, slight - 0.1);
}

TEST(Ssim, RanksLostContrastAboveHeavyNoise) {
    // Contrast halved around the mean keeps the structure: SSIM stays far above that of noise.
    const cv::Mat truth = test_page();
    const cv::Mat flattened = truth * 0.5 + cv::Scalar::all(0.25);
    EXPECT_GT(ssim(flattened, truth), ssim(with_noise(truth, 0.2), truth));
}

TEST(MeasureQuality, ReportsAllThreeMeasures) {
    const cv::Mat truth = test_page();
    const cv::Mat result = with_noise(truth, 0.05);
    const QualityMetrics quality = measure_quality(result, truth);
    EXPECT_DOUBLE_EQ(quality.psnr, psnr(result, truth));
    EXPECT_DOUBLE_EQ(quality.ssim, ssim(result, truth));
    EXPECT_DOUBLE_EQ(quality.ciede2000, mean_ciede2000(result, truth));
}

TEST(Metrics, RejectMismatchedImages) {
    const cv::Mat page = test_page(16, 16);
    const cv::Mat smaller = test_page(8, 8);
    cv::Mat eight_bit;
    page.convertTo(eight_bit, CV_8U, 255.0);
    EXPECT_THROW(psnr(page, smaller), Error);
    EXPECT_THROW(ssim(page, eight_bit), Error);
    EXPECT_THROW(mean_ciede2000(cv::Mat(), cv::Mat()), Error);
    EXPECT_THROW(measure_quality(page, page.reshape(1)), Error);
}

TEST(ColorMetrics, ColorOnlyIgnoresLightnessAndChromaAndLightnessMeasureWhatTheySay) {
    const cv::Mat red(8, 8, CV_32FC3, cv::Scalar(0.8f, 0.1f, 0.1f));
    cv::Mat gray_of_red;
    cv::cvtColor(red, gray_of_red, cv::COLOR_RGB2GRAY);
    cv::cvtColor(gray_of_red, gray_of_red, cv::COLOR_GRAY2RGB);
    const cv::Mat darker_red = red * 0.7;
    // Another lightness of the same hue: no colour-only error, but an overall one.
    EXPECT_GT(mean_ciede2000(darker_red, red), 5.0);
    EXPECT_LT(color_only_ciede2000(darker_red, red), mean_ciede2000(darker_red, red) / 2);
    EXPECT_GT(color_only_ciede2000(gray_of_red, red), 20.0) << "no colour at all";
    EXPECT_NEAR(mean_chroma(gray_of_red), 0.0, 0.5);
    EXPECT_GT(mean_chroma(red), 50.0);
    EXPECT_NEAR(mean_lightness_difference(red, red), 0.0, 1e-6);
    EXPECT_GT(mean_lightness_difference(darker_red, red), 5.0);
}

}  // namespace
}  // namespace mangacolor
