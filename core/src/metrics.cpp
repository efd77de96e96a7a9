#include "mangacolor/metrics.h"

#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <string>

#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor {
namespace {

// SSIM constants of Wang et al. (2004) for a dynamic range of 1.
constexpr double kSsimC1 = 0.01 * 0.01;
constexpr double kSsimC2 = 0.03 * 0.03;
constexpr int kSsimWindow = 11;
constexpr double kSsimSigma = 1.5;

std::string describe(const cv::Mat& image) {
    return std::to_string(image.cols) + "x" + std::to_string(image.rows) + " " +
           cv::typeToString(image.type());
}

void check_comparable(const cv::Mat& result, const cv::Mat& truth) {
    const bool comparable = !result.empty() && result.type() == CV_32FC3 &&
                            truth.type() == CV_32FC3 && result.size() == truth.size();
    if (!comparable) {
        throw Error("quality metrics need two float RGB images of the same size, got " +
                    describe(result) + " and " + describe(truth));
    }
}

double degrees(double radians) {
    return radians * 180.0 / CV_PI;
}
double radians(double degrees) {
    return degrees * CV_PI / 180.0;
}

// Hue angle in degrees in [0, 360); 0 for a neutral colour, as Sharma et al. specify.
double hue_degrees(double b, double a) {
    if (a == 0.0 && b == 0.0) return 0.0;
    const double hue = degrees(std::atan2(b, a));
    return hue < 0.0 ? hue + 360.0 : hue;
}

double pow7(double x) {
    const double x2 = x * x;
    return x2 * x2 * x2 * x;
}

// 1 for very chromatic colours, 0 for neutral ones: sqrt(C^7 / (C^7 + 25^7)).
double chroma_weight(double chroma) {
    const double c7 = pow7(chroma);
    return std::sqrt(c7 / (c7 + pow7(25.0)));
}

cv::Mat to_lab(const cv::Mat& rgb) {
    // On float input OpenCV linearizes sRGB and uses the D65 white point; L is in [0, 100].
    cv::Mat lab;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    return lab;
}

cv::Mat to_luminance_64f(const cv::Mat& rgb) {
    cv::Mat luminance;
    to_gray_float(rgb).convertTo(luminance, CV_64F);
    return luminance;
}

cv::Mat gaussian_mean(const cv::Mat& image) {
    cv::Mat mean;
    cv::GaussianBlur(image, mean, cv::Size(kSsimWindow, kSsimWindow), kSsimSigma, kSsimSigma,
                     cv::BORDER_REFLECT);
    return mean;
}

// Windows that fit entirely inside the image, as in the reference implementation ("valid"
// filtering); images smaller than one window fall back to the whole (border-reflected) map.
cv::Mat valid_region(const cv::Mat& map) {
    const int margin = kSsimWindow / 2;
    if (map.rows <= 2 * margin || map.cols <= 2 * margin) return map;
    return map(cv::Rect(margin, margin, map.cols - 2 * margin, map.rows - 2 * margin));
}

}  // namespace

double psnr(const cv::Mat& result, const cv::Mat& truth) {
    check_comparable(result, truth);
    const double squared_error = cv::norm(result, truth, cv::NORM_L2SQR);
    if (squared_error == 0.0) return std::numeric_limits<double>::infinity();
    const double mean_squared_error = squared_error / (double(result.total()) * 3.0);
    return 10.0 * std::log10(1.0 / mean_squared_error);
}

double ssim(const cv::Mat& result, const cv::Mat& truth) {
    check_comparable(result, truth);
    const cv::Mat x = to_luminance_64f(result);
    const cv::Mat y = to_luminance_64f(truth);
    const cv::Mat mean_x = gaussian_mean(x);
    const cv::Mat mean_y = gaussian_mean(y);
    const cv::Mat mean_x2 = mean_x.mul(mean_x);
    const cv::Mat mean_y2 = mean_y.mul(mean_y);
    const cv::Mat mean_xy = mean_x.mul(mean_y);
    const cv::Mat variance_x = gaussian_mean(x.mul(x)) - mean_x2;
    const cv::Mat variance_y = gaussian_mean(y.mul(y)) - mean_y2;
    const cv::Mat covariance = gaussian_mean(x.mul(y)) - mean_xy;

    cv::Mat numerator = (2.0 * mean_xy + kSsimC1).mul(2.0 * covariance + kSsimC2);
    cv::Mat denominator = (mean_x2 + mean_y2 + kSsimC1).mul(variance_x + variance_y + kSsimC2);
    cv::Mat ssim_map;
    cv::divide(numerator, denominator, ssim_map);
    return cv::mean(valid_region(ssim_map))[0];
}

// Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula: implementation notes,
// supplementary test data, and mathematical observations" (2005), with kL = kC = kH = 1.
double ciede2000(const cv::Vec3d& lab1, const cv::Vec3d& lab2) {
    const double l1 = lab1[0], a1 = lab1[1], b1 = lab1[2];
    const double l2 = lab2[0], a2 = lab2[1], b2 = lab2[2];

    // a* is stretched for low-chroma colours so that neutral greys are not too close.
    const double mean_chroma = (std::hypot(a1, b1) + std::hypot(a2, b2)) / 2.0;
    const double a_stretch = 1.0 + 0.5 * (1.0 - chroma_weight(mean_chroma));
    const double a1p = a1 * a_stretch;
    const double a2p = a2 * a_stretch;
    const double c1p = std::hypot(a1p, b1);
    const double c2p = std::hypot(a2p, b2);
    const double h1p = hue_degrees(b1, a1p);
    const double h2p = hue_degrees(b2, a2p);
    const bool either_neutral = c1p * c2p == 0.0;

    double hue_step = either_neutral ? 0.0 : h2p - h1p;
    if (hue_step > 180.0) hue_step -= 360.0;
    if (hue_step < -180.0) hue_step += 360.0;
    const double delta_l = l2 - l1;
    const double delta_c = c2p - c1p;
    const double delta_h = 2.0 * std::sqrt(c1p * c2p) * std::sin(radians(hue_step / 2.0));

    // The mean hue goes the short way round the circle.
    double mean_hue = h1p + h2p;
    if (!either_neutral) {
        if (std::abs(h1p - h2p) > 180.0) mean_hue += mean_hue < 360.0 ? 360.0 : -360.0;
        mean_hue /= 2.0;
    }
    const double mean_l = (l1 + l2) / 2.0;
    const double mean_cp = (c1p + c2p) / 2.0;

    const double t = 1.0 - 0.17 * std::cos(radians(mean_hue - 30.0)) +
                     0.24 * std::cos(radians(2.0 * mean_hue)) +
                     0.32 * std::cos(radians(3.0 * mean_hue + 6.0)) -
                     0.20 * std::cos(radians(4.0 * mean_hue - 63.0));
    const double l_offset2 = (mean_l - 50.0) * (mean_l - 50.0);
    const double s_l = 1.0 + 0.015 * l_offset2 / std::sqrt(20.0 + l_offset2);
    const double s_c = 1.0 + 0.045 * mean_cp;
    const double s_h = 1.0 + 0.015 * mean_cp * t;
    // Blue-region correction: hue and chroma differences interact around 275 degrees.
    const double rotation_angle = 30.0 * std::exp(-std::pow((mean_hue - 275.0) / 25.0, 2.0));
    const double r_t = -2.0 * chroma_weight(mean_cp) * std::sin(radians(2.0 * rotation_angle));

    const double dl = delta_l / s_l;
    const double dc = delta_c / s_c;
    const double dh = delta_h / s_h;
    return std::sqrt(dl * dl + dc * dc + dh * dh + r_t * dc * dh);
}

namespace {

// Mean ΔE00 between two CIELAB images of the same size.
double mean_lab_difference(const cv::Mat& lab1, const cv::Mat& lab2) {
    double sum = 0.0;
    for (int row = 0; row < lab1.rows; ++row) {
        const cv::Vec3f* p1 = lab1.ptr<cv::Vec3f>(row);
        const cv::Vec3f* p2 = lab2.ptr<cv::Vec3f>(row);
        for (int column = 0; column < lab1.cols; ++column) sum += ciede2000(p1[column], p2[column]);
    }
    return sum / double(lab1.total());
}

}  // namespace

double mean_ciede2000(const cv::Mat& result, const cv::Mat& truth) {
    check_comparable(result, truth);
    return mean_lab_difference(to_lab(result), to_lab(truth));
}

double color_only_ciede2000(const cv::Mat& result, const cv::Mat& truth) {
    check_comparable(result, truth);
    cv::Mat lab1 = to_lab(result);
    const cv::Mat lab2 = to_lab(truth);
    const int from_to[] = {0, 0};  // the truth's L* into the result
    cv::mixChannels(&lab2, 1, &lab1, 1, from_to, 1);
    return mean_lab_difference(lab1, lab2);
}

double mean_chroma(const cv::Mat& rgb) {
    check_comparable(rgb, rgb);
    const cv::Mat lab = to_lab(rgb);
    double sum = 0.0;
    for (int row = 0; row < lab.rows; ++row) {
        const cv::Vec3f* p = lab.ptr<cv::Vec3f>(row);
        for (int column = 0; column < lab.cols; ++column)
            sum += std::hypot(p[column][1], p[column][2]);
    }
    return sum / double(lab.total());
}

double mean_lightness_difference(const cv::Mat& a, const cv::Mat& b) {
    check_comparable(a, b);
    cv::Mat la, lb;
    cv::extractChannel(to_lab(a), la, 0);
    cv::extractChannel(to_lab(b), lb, 0);
    return cv::norm(la, lb, cv::NORM_L1) / double(la.total());
}

QualityMetrics measure_quality(const cv::Mat& result, const cv::Mat& truth) {
    return {psnr(result, truth), ssim(result, truth), mean_ciede2000(result, truth)};
}

}  // namespace mangacolor
