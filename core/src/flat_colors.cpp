#include "mangacolor/flat_colors.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace mangacolor {

cv::Mat enclosed_areas(const cv::Mat& lines, const cv::Mat& tones) {
    CV_Assert(lines.type() == CV_8U && tones.type() == CV_8U && lines.size() == tones.size());
    // One more pixel of ink on every side closes the small gaps that hand-drawn lines leave.
    cv::Mat walls, tone_edges;
    cv::dilate(lines, walls, cv::Mat());
    // A toned shape may have no outline at all: its edge separates it from the paper around.
    cv::morphologyEx(tones, tone_edges, cv::MORPH_GRADIENT, cv::Mat());
    walls |= tone_edges;
    // Labels the connected areas between walls and gives every wall pixel the nearest label.
    cv::Mat distance, areas;
    cv::distanceTransform(walls, distance, areas, cv::DIST_L2, 3, cv::DIST_LABEL_CCOMP);

    double max_label = 0;
    cv::minMaxLoc(areas, nullptr, &max_label);
    int* label_of = areas.ptr<int>();  // a new, continuous matrix
    const size_t pixels = areas.total();
    std::vector<size_t> size(static_cast<size_t>(max_label) + 1, 0);
    for (size_t i = 0; i < pixels; ++i) ++size[label_of[i]];
    for (size_t i = 0; i < pixels; ++i)
        if (size[label_of[i]] * 2 > pixels) label_of[i] = 0;
    return areas;
}

void fill_areas_flat(cv::Mat& rgb, const cv::Mat& areas) {
    CV_Assert(rgb.type() == CV_32FC3 && areas.type() == CV_32S && rgb.size() == areas.size());
    CV_Assert(areas.isContinuous());
    double max_label = 0;
    cv::minMaxLoc(areas, nullptr, &max_label);
    const int labels = static_cast<int>(max_label) + 1;
    cv::Mat lab;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);

    // Pixel indices grouped by area (a counting sort), so each area's values can be gathered.
    const int pixels = static_cast<int>(areas.total());
    const cv::Mat flat_areas = areas.reshape(1, 1);
    const int* area_of = flat_areas.ptr<int>();
    std::vector<int> first(labels + 1, 0);
    for (int i = 0; i < pixels; ++i) ++first[area_of[i] + 1];
    for (int label = 0; label < labels; ++label) first[label + 1] += first[label];
    std::vector<int> by_area(pixels), next(first.begin(), first.end() - 1);
    for (int i = 0; i < pixels; ++i) by_area[next[area_of[i]]++] = i;

    const cv::Vec3f* lab_pixels = lab.ptr<cv::Vec3f>();
    cv::Mat median(1, labels, CV_32FC3, cv::Scalar::all(0));
    std::vector<float> values;
    for (int label = 1; label < labels; ++label) {
        const int begin = first[label], end = first[label + 1];
        if (begin == end) continue;
        for (int channel = 0; channel < 3; ++channel) {
            values.clear();
            for (int k = begin; k < end; ++k) values.push_back(lab_pixels[by_area[k]][channel]);
            const auto middle = values.begin() + values.size() / 2;
            std::nth_element(values.begin(), middle, values.end());
            median.at<cv::Vec3f>(label)[channel] = *middle;
        }
    }
    // Only the medians go back to RGB: pixels of label 0 stay exactly as they were.
    cv::cvtColor(median, median, cv::COLOR_Lab2RGB);
    cv::min(cv::max(median, 0.0), 1.0, median);  // Lab -> RGB can leave the gamut by a little
    const cv::Vec3f* median_rgb = median.ptr<cv::Vec3f>();
    for (int y = 0; y < rgb.rows; ++y) {
        cv::Vec3f* row = rgb.ptr<cv::Vec3f>(y);
        for (int x = 0; x < rgb.cols; ++x)
            if (const int label = area_of[y * rgb.cols + x]) row[x] = median_rgb[label];
    }
}

}  // namespace mangacolor
