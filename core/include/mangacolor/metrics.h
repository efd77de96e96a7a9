#pragma once

#include <opencv2/core.hpp>

namespace mangacolor {

// Image-quality measures between a result and the ground-truth colored page.
// Both are three-channel float RGB in [0, 1] of the same size; throws Error otherwise.
double psnr(const cv::Mat& result, const cv::Mat& truth);  // dB; +inf for identical images
double ssim(const cv::Mat& result, const cv::Mat& truth);  // on luminance, 11x11 Gaussian window
double mean_ciede2000(const cv::Mat& result, const cv::Mat& truth);  // mean ΔE00 over pixels

// CIEDE2000 colour difference between two CIELAB colours (L in [0,100]).
double ciede2000(const cv::Vec3d& lab1, const cv::Vec3d& lab2);

// Mean ΔE00 with the result's lightness replaced by the truth's: hue and chroma errors only.
double color_only_ciede2000(const cv::Mat& result, const cv::Mat& truth);

// Mean CIELAB chroma C* = hypot(a*, b*) of a float RGB image.
double mean_chroma(const cv::Mat& rgb);

// Mean |L*(a) - L*(b)| of two float RGB images of the same size.
double mean_lightness_difference(const cv::Mat& a, const cv::Mat& b);

struct QualityMetrics {
    double psnr = 0;
    double ssim = 0;
    double ciede2000 = 0;
};

QualityMetrics measure_quality(const cv::Mat& result, const cv::Mat& truth);

}  // namespace mangacolor
