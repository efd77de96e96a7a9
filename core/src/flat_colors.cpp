#include "mangacolor/flat_colors.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "mangacolor/line_art.h"

namespace mangacolor {

namespace {

// The gray's range over 3 x 3 pixels, after a blur that evens out a scan's grain: a step
// between flat tones keeps most of its height, grain of a few levels does not reach it.
cv::Mat local_range(const cv::Mat& tone) {
    CV_Assert(tone.type() == CV_32F);
    cv::Mat smooth, range;
    cv::GaussianBlur(tone, smooth, cv::Size(3, 3), 0.8);
    cv::morphologyEx(smooth, range, cv::MORPH_GRADIENT, cv::Mat());
    return range;
}

cv::Mat gray_steps_in(const cv::Mat& range) {
    constexpr double kStep = 0.06;
    return range > kStep;
}

cv::Mat tone_steps_in(const cv::Mat& range, const cv::Mat& toned, int ramp) {
    CV_Assert(toned.type() == CV_8U && toned.size() == range.size() && ramp > 0);
    // A step spread over at most `ramp` pixels has a 3 x 3 range of at least 2 * step / ramp.
    // Descreened screentone still mottles, so kStep is four times gray_steps' step (three to
    // four times scored alike on the validation drawings; twice walled mottle in, and scored
    // worse).
    constexpr double kStep = 0.24;
    cv::Mat near_tone;
    cv::dilate(toned, near_tone, cv::getStructuringElement(cv::MORPH_RECT, {ramp, ramp}));
    return (range > 2 * kStep / ramp) & near_tone;
}

// A 0/255 mask at another size: 255 where more than `above` of 255 was covered.
cv::Mat shrunk(const cv::Mat& mask, cv::Size size, int above) {
    if (mask.size() == size) return mask;
    cv::Mat small;
    cv::resize(mask, small, size, 0, 0, cv::INTER_AREA);
    return small > above;
}

}  // namespace

cv::Mat gray_steps(const cv::Mat& tone) {
    return gray_steps_in(local_range(tone));
}

cv::Mat tone_steps(const cv::Mat& tone, const cv::Mat& toned, int ramp) {
    if (cv::countNonZero(toned) == 0) return cv::Mat(tone.size(), CV_8U, cv::Scalar(0));
    return tone_steps_in(local_range(tone), toned, ramp);
}

cv::Mat steps_between_areas(const cv::Mat& tone, const cv::Mat& toned, int ramp) {
    const cv::Mat range = local_range(tone);
    if (cv::countNonZero(toned) == 0) return gray_steps_in(range);
    return gray_steps_in(range) | tone_steps_in(range, toned, ramp);
}

cv::Mat enclosed_areas(const cv::Mat& lines, const cv::Mat& tones, const cv::Mat& steps) {
    CV_Assert(lines.type() == CV_8U && tones.type() == CV_8U && steps.type() == CV_8U);
    CV_Assert(lines.size() == tones.size() && steps.size() == tones.size());
    // One more pixel of ink on every side closes the small gaps that hand-drawn lines leave.
    cv::Mat walls, tone_edges;
    cv::dilate(lines, walls, cv::Mat());
    // A toned shape may have no outline at all: its edge separates it from the paper around.
    cv::morphologyEx(tones, tone_edges, cv::MORPH_GRADIENT, cv::Mat());
    walls |= tone_edges | steps;
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

cv::Mat working_areas(const cv::Mat& tone, const cv::Mat& toned, const cv::Mat& lines,
                      const cv::Mat& work_tone) {
    const cv::Size work_size = work_tone.size();
    const int ramp = descreening_width(tone.size());
    const cv::Mat steps =
        work_size.area() < tone.size().area()
            ? gray_steps(work_tone) | shrunk(tone_steps(tone, toned, ramp), work_size, 0)
            : shrunk(steps_between_areas(tone, toned, ramp), work_size, 0);
    return enclosed_areas(shrunk(lines, work_size, 0), shrunk(toned, work_size, 127), steps);
}

void fill_areas_flat(cv::Mat& colors, const cv::Mat& areas) {
    CV_Assert(colors.depth() == CV_32F && areas.type() == CV_32S && colors.size() == areas.size());
    CV_Assert(areas.isContinuous() && colors.isContinuous());
    double max_label = 0;
    cv::minMaxLoc(areas, nullptr, &max_label);
    const int labels = static_cast<int>(max_label) + 1;
    const int channels = colors.channels();

    // Pixel indices grouped by area (a counting sort), so each area's values can be gathered.
    const int pixels = static_cast<int>(areas.total());
    const int* area_of = areas.ptr<int>();
    std::vector<int> first(labels + 1, 0);
    for (int i = 0; i < pixels; ++i) ++first[area_of[i] + 1];
    for (int label = 0; label < labels; ++label) first[label + 1] += first[label];
    std::vector<int> by_area(pixels), next(first.begin(), first.end() - 1);
    for (int i = 0; i < pixels; ++i) by_area[next[area_of[i]]++] = i;

    float* values_of = colors.ptr<float>();
    std::vector<float> median(size_t(labels) * channels, 0.0f), values;
    for (int label = 1; label < labels; ++label) {
        const int begin = first[label], end = first[label + 1];
        for (int channel = 0; channel < channels && begin < end; ++channel) {
            values.clear();
            for (int k = begin; k < end; ++k)
                values.push_back(values_of[size_t(by_area[k]) * channels + channel]);
            const auto middle = values.begin() + values.size() / 2;
            std::nth_element(values.begin(), middle, values.end());
            median[size_t(label) * channels + channel] = *middle;
        }
    }
    for (int i = 0; i < pixels; ++i)
        if (const int label = area_of[i])
            std::copy_n(&median[size_t(label) * channels], channels,
                        &values_of[size_t(i) * channels]);
}

void smooth_colors_along_tone(cv::Mat& lab, const cv::Mat& tone, int radius) {
    CV_Assert(lab.type() == CV_32FC3 && tone.type() == CV_32F && lab.size() == tone.size());
    // A step of the gray of about 0.05 or more keeps the colours on its two sides apart.
    constexpr double kEdgeVariance = 1e-3;
    const cv::Size window(2 * radius + 1, 2 * radius + 1);
    const auto mean = [&](const cv::Mat& m) {
        cv::Mat out;
        cv::boxFilter(m, out, CV_32F, window, cv::Point(-1, -1), true, cv::BORDER_REFLECT);
        return out;
    };
    const cv::Mat mean_tone = mean(tone);
    const cv::Mat tone_variance = mean(tone.mul(tone)) - mean_tone.mul(mean_tone);
    std::vector<cv::Mat> channels;
    cv::split(lab, channels);
    for (int c = 1; c <= 2; ++c) {
        // Within each window the colour is fitted as a linear function of the gray.
        const cv::Mat mean_color = mean(channels[c]);
        const cv::Mat covariance = mean(tone.mul(channels[c])) - mean_tone.mul(mean_color);
        cv::Mat slope;
        cv::divide(covariance, tone_variance + kEdgeVariance, slope);
        const cv::Mat offset = mean_color - slope.mul(mean_tone);
        channels[c] = mean(slope).mul(tone) + mean(offset);
    }
    cv::merge(channels, lab);
}

}  // namespace mangacolor
