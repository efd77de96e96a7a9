#include "mangacolor/line_art.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace mangacolor {

cv::Mat ink_coverage(const cv::Mat& gray) {
    cv::Mat dark;
    cv::compare(gray, 0.5, dark, cv::CMP_LT);

    // A stroke spans many pixels; a screentone dot is a speck a few pixels wide. The cut-off
    // follows the page size, so it means the same at 150 and at 600 dpi.
    const int min_extent = std::max(3, std::max(gray.cols, gray.rows) / 400);
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
    std::vector<uint8_t> keep(count, 0);
    for (int i = 1; i < count; ++i)
        keep[i] = std::max(stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT)) >= min_extent;
    cv::Mat strokes(gray.size(), CV_8U);
    strokes.forEach<uint8_t>(
        [&](uint8_t& v, const int* pos) { v = keep[labels.at<int>(pos[0], pos[1])] * 255; });
    // Include the anti-aliased rim around each stroke.
    cv::dilate(strokes, strokes, cv::Mat());

    // Darkness ramps from 0 at gray 0.8 to 1 at gray 0.2, inside the kept strokes only.
    cv::Mat ink = (0.8 - gray) / 0.6;
    cv::threshold(ink, ink, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::threshold(ink, ink, 0.0, 0.0, cv::THRESH_TOZERO);
    cv::Mat masked(gray.size(), CV_32F, cv::Scalar(0));
    ink.copyTo(masked, strokes);
    return masked;
}

cv::Mat overlay_ink(const cv::Mat& rgb, const cv::Mat& gray, const cv::Mat& ink) {
    // factor = 1 - ink * (1 - gray): where ink is 1, the page's own gray value shows through.
    cv::Mat factor = 1.0 - ink.mul(1.0 - gray);
    cv::Mat factor3;
    cv::merge(std::vector<cv::Mat>(3, factor), factor3);
    return rgb.mul(factor3);
}

}  // namespace mangacolor
