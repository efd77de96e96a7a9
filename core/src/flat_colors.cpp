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
    std::vector<cv::Vec3f> median(labels);
    std::vector<float> values;
    for (int label = 0; label < labels; ++label) {
        const int begin = first[label], end = first[label + 1];
        if (begin == end) continue;
        for (int channel = 0; channel < 3; ++channel) {
            values.clear();
            for (int k = begin; k < end; ++k) values.push_back(lab_pixels[by_area[k]][channel]);
            const auto middle = values.begin() + values.size() / 2;
            std::nth_element(values.begin(), middle, values.end());
            median[label][channel] = *middle;
        }
    }
    cv::Vec3f* out = lab.ptr<cv::Vec3f>();
    for (int i = 0; i < pixels; ++i) out[i] = median[area_of[i]];
    cv::cvtColor(lab, rgb, cv::COLOR_Lab2RGB);
    // Lab -> RGB can leave the gamut by a little.
    cv::min(cv::max(rgb, 0.0), 1.0, rgb);
}

}  // namespace mangacolor
