#include "mangacolor/line_art.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>

namespace mangacolor {
namespace {

// Runs fn(y) for every row on OpenCV's thread pool: at 300 dpi a page has 8.7 M pixels, and
// whole-image OpenCV expressions would allocate a temporary of that size for each operation.
template <typename RowFunction>
void for_each_row(int rows, const RowFunction& fn) {
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) fn(y);
    });
}

}  // namespace

cv::Mat ink_coverage(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_32F);
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
                           stats.at<int>(i, cv::CC_STAT_HEIGHT)) >= min_extent
                      ? 255
                      : 0;
    cv::Mat strokes(gray.size(), CV_8U);
    for_each_row(gray.rows, [&](int y) {
        const int* label = labels.ptr<int>(y);
        uint8_t* out = strokes.ptr<uint8_t>(y);
        for (int x = 0; x < gray.cols; ++x) out[x] = keep[label[x]];
    });
    // Include the anti-aliased rim around each stroke.
    cv::dilate(strokes, strokes, cv::Mat());

    // Darkness ramps from 0 at gray 0.8 to 1 at gray 0.2, inside the kept strokes only.
    cv::Mat ink(gray.size(), CV_32F);
    for_each_row(gray.rows, [&](int y) {
        const float* g = gray.ptr<float>(y);
        const uint8_t* stroke = strokes.ptr<uint8_t>(y);
        float* out = ink.ptr<float>(y);
        for (int x = 0; x < gray.cols; ++x)
            out[x] = stroke[x] ? std::clamp((0.8f - g[x]) / 0.6f, 0.0f, 1.0f) : 0.0f;
    });
    return ink;
}

void overlay_ink(cv::Mat& rgb, const cv::Mat& gray, const cv::Mat& ink) {
    CV_Assert(rgb.type() == CV_32FC3 && gray.type() == CV_32F && ink.type() == CV_32F);
    CV_Assert(rgb.size() == gray.size() && ink.size() == gray.size());
    for_each_row(rgb.rows, [&](int y) {
        const float* g = gray.ptr<float>(y);
        const float* k = ink.ptr<float>(y);
        float* px = rgb.ptr<float>(y);
        for (int x = 0; x < rgb.cols; ++x) {
            // Where the ink is 1, the page's own gray value shows through.
            const float factor = 1.0f - k[x] * (1.0f - g[x]);
            px[3 * x] *= factor;
            px[3 * x + 1] *= factor;
            px[3 * x + 2] *= factor;
        }
    });
}

}  // namespace mangacolor
