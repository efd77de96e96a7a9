#include "mangacolor/hints.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor {
namespace {

// Pixels whose chroma is below this look gray: hints go mostly elsewhere.
constexpr float kColoredChroma = 8.0f;

cv::Mat alpha_of(const cv::Mat& rgba) {
    cv::Mat alpha, alpha_float;
    cv::extractChannel(rgba, alpha, 3);
    const double unit = rgba.depth() == CV_8U    ? 1.0 / 255
                        : rgba.depth() == CV_16U ? 1.0 / 65535
                                                 : 1.0;
    alpha.convertTo(alpha_float, CV_32F, unit);
    return alpha_float;
}

}  // namespace

cv::Mat hint_channels(const cv::Mat& hints, const cv::Mat& lines, cv::Size work_size) {
    cv::Mat channels(work_size, CV_32FC4, cv::Scalar::all(0));
    if (hints.empty()) return channels;
    if (hints.channels() != 4)
        throw Error("the hints image needs an alpha channel: its opaque pixels are the hints");
    CV_Assert(lines.size() == hints.size());
    cv::Mat mask = alpha_of(hints) > 0.5f;
    mask.setTo(0, lines);
    if (cv::countNonZero(mask) == 0) return channels;

    // Mean colour of the hint pixels over each working pixel: sums of L*, a*, b* and the mask.
    cv::Mat weight, weighted, coverage;
    mask.convertTo(weight, CV_32F, 1.0 / 255);
    cv::Mat weight3;
    cv::merge(std::vector<cv::Mat>(3, weight), weight3);
    cv::multiply(lab_of(to_rgb_float(hints)), weight3, weighted);
    cv::resize(weighted, weighted, work_size, 0, 0, cv::INTER_AREA);
    cv::resize(weight, coverage, work_size, 0, 0, cv::INTER_AREA);
    for (int y = 0; y < work_size.height; ++y)
        for (int x = 0; x < work_size.width; ++x) {
            const float covered = coverage.at<float>(y, x);
            if (covered <= 1e-4f) continue;
            const cv::Vec3f lab = weighted.at<cv::Vec3f>(y, x) / covered;
            channels.at<cv::Vec4f>(y, x) = {lab[0] / kLightnessScale - 1, lab[1] / kChromaScale,
                                            lab[2] / kChromaScale, 1.0f};
        }
    return channels;
}

bool holds_hints(const cv::Mat& hint_channels) {
    if (hint_channels.empty()) return false;
    cv::Mat mask;
    cv::extractChannel(hint_channels, mask, 3);
    return cv::countNonZero(mask) > 0;
}

namespace {

// The area each hint pixel's dot (hint pixels that touch) belongs to: the one most of the dot
// lies in, so that a dot that spills over an edge counts for the area it was meant for, not for
// a sliver of its neighbour too. CV_32S; -1 where there is no hint.
cv::Mat dot_owners(const cv::Mat& areas, const cv::Mat& hints) {
    CV_Assert(areas.type() == CV_32S && hints.type() == CV_32FC4);
    CV_Assert(hints.size() == areas.size());
    cv::Mat mask, dots;
    cv::extractChannel(hints, mask, 3);
    const int dot_count = cv::connectedComponents(mask > 0, dots, 8, CV_32S);
    std::vector<std::map<int, int>> votes(dot_count);
    for (int y = 0; y < areas.rows; ++y)
        for (int x = 0; x < areas.cols; ++x)
            if (const int dot = dots.at<int>(y, x)) ++votes[dot][areas.at<int>(y, x)];
    std::vector<int> owner(dot_count, -1);
    for (int dot = 1; dot < dot_count; ++dot)
        owner[dot] =
            std::max_element(votes[dot].begin(), votes[dot].end(),
                             [](const auto& a, const auto& b) { return a.second < b.second; })
                ->first;
    cv::Mat owners(areas.size(), CV_32S);
    for (int y = 0; y < areas.rows; ++y)
        for (int x = 0; x < areas.cols; ++x) owners.at<int>(y, x) = owner[dots.at<int>(y, x)];
    return owners;
}

}  // namespace

void fill_hinted_areas(cv::Mat& lab, const cv::Mat& areas, const cv::Mat& hints,
                       const cv::Mat& paper) {
    CV_Assert(lab.type() == CV_32FC3 && paper.type() == CV_8U);
    CV_Assert(lab.size() == areas.size() && paper.size() == areas.size());
    const cv::Mat owners = dot_owners(areas, hints);
    double max_label = 0;
    cv::minMaxLoc(areas, nullptr, &max_label);
    std::vector<cv::Vec4d> sums(size_t(max_label) + 1, cv::Vec4d(0, 0, 0, 0));
    std::vector<int> pixels(sums.size(), 0), paper_pixels(sums.size(), 0);
    for (int y = 0; y < areas.rows; ++y)
        for (int x = 0; x < areas.cols; ++x) {
            const int label = areas.at<int>(y, x);
            if (const int owner = owners.at<int>(y, x); owner >= 0) {
                const cv::Vec4f& hint = hints.at<cv::Vec4f>(y, x);
                sums[owner] += cv::Vec4d(hint[0], hint[1], hint[2], 1.0);
            }
            ++pixels[label];
            if (paper.at<uint8_t>(y, x)) ++paper_pixels[label];
        }
    for (int y = 0; y < areas.rows; ++y)
        for (int x = 0; x < areas.cols; ++x) {
            const int label = areas.at<int>(y, x);
            const cv::Vec4d& sum = sums[label];
            if (!label || sum[3] <= 0) continue;
            cv::Vec3f& color = lab.at<cv::Vec3f>(y, x);
            if (2 * paper_pixels[label] > pixels[label])
                color[0] = float((sum[0] / sum[3] + 1) * kLightnessScale);
            color[1] = float(sum[1] / sum[3] * kChromaScale);
            color[2] = float(sum[2] / sum[3] * kChromaScale);
        }
}

std::vector<AreaHints> hints_by_area(const cv::Mat& areas, const cv::Mat& hints) {
    const cv::Mat owners = dot_owners(areas, hints);
    // Each hinted area's bounding box, then its own hints within it.
    std::map<int, cv::Rect> boxes;
    for (int y = 0; y < owners.rows; ++y)
        for (int x = 0; x < owners.cols; ++x)
            if (const int owner = owners.at<int>(y, x); owner > 0) boxes[owner] = {};
    for (int y = 0; y < areas.rows; ++y)
        for (int x = 0; x < areas.cols; ++x)
            if (auto box = boxes.find(areas.at<int>(y, x)); box != boxes.end())
                box->second =
                    box->second.empty() ? cv::Rect(x, y, 1, 1) : box->second | cv::Rect(x, y, 1, 1);
    std::vector<AreaHints> by_area;
    for (const auto& [label, box] : boxes) {
        cv::Mat own(box.size(), CV_32FC4, cv::Scalar::all(0));
        hints(box).copyTo(own, owners(box) == label);
        by_area.push_back({label, box, own});
    }
    return by_area;
}

namespace {

// Where hints go on a colour page: its coloured pixels, most of the time, as an artist puts them
// where colour is wanted; else anywhere. Only where `allowed` is set, when it is given and sets
// any of the places looked at.
class HintPlaces {
  public:
    explicit HintPlaces(const cv::Mat& lab, const cv::Mat& allowed = cv::Mat()) : lab_(lab) {
        collect(allowed);
        if (colored_.empty() && anywhere_.empty()) collect(cv::Mat());
    }

    cv::Point pick(double colored_share, std::mt19937_64& rng) const {
        const bool in_color = !colored_.empty() && std::bernoulli_distribution(colored_share)(rng);
        const auto& places = in_color || anywhere_.empty() ? colored_ : anywhere_;
        return places[std::uniform_int_distribution<size_t>(0, places.size() - 1)(rng)];
    }

    // The hint channels' value for the colour at `at`.
    cv::Scalar value_at(cv::Point at) const {
        const cv::Vec3f c = lab_.at<cv::Vec3f>(at);
        return {c[0] / kLightnessScale - 1, c[1] / kChromaScale, c[2] / kChromaScale, 1.0};
    }

  private:
    void collect(const cv::Mat& allowed) {
        for (int y = 0; y < lab_.rows; y += 2)
            for (int x = 0; x < lab_.cols; x += 2) {
                if (!allowed.empty() && !allowed.at<uint8_t>(y, x)) continue;
                const cv::Vec3f c = lab_.at<cv::Vec3f>(y, x);
                (std::hypot(c[1], c[2]) > kColoredChroma ? colored_ : anywhere_).push_back({x, y});
            }
    }

    const cv::Mat& lab_;
    std::vector<cv::Point> colored_, anywhere_;
};

// Two CIELAB colours are one colour to a hint when their L*, a* and b* each differ by less.
constexpr float kOneColor = 10.0f;

// The largest of a three-channel image's channels, per pixel.
cv::Mat widest_channel(const cv::Mat& three) {
    std::vector<cv::Mat> channels;
    cv::split(three, channels);
    return cv::max(cv::max(channels[0], channels[1]), channels[2]);
}

// Where a dot of `radius` (CIELAB `lab`) covers one colour, as an artist places one: inside a
// shape, not across its edge or on its outline, where the dot's centre would give it a blend.
cv::Mat one_color(const cv::Mat& lab, int radius) {
    const cv::Mat square =
        cv::getStructuringElement(cv::MORPH_RECT, {2 * radius + 1, 2 * radius + 1});
    cv::Mat high, low;
    cv::dilate(lab, high, square);
    cv::erode(lab, low, square);
    return widest_channel(high - low) < kOneColor;
}

// Where the CIELAB image `lab` is one colour with `color`.
cv::Mat same_color(const cv::Mat& lab, const cv::Vec3f& color) {
    cv::Mat distance;
    cv::absdiff(lab, cv::Scalar(color[0], color[1], color[2]), distance);
    return widest_channel(distance) < kOneColor;
}

// About one hint per 100 x 100 pixels, as sparse as an artist's dots.
int hints_per_area(const cv::Mat& page) {
    return std::max(1, int(page.total() / 10000));
}

}  // namespace

cv::Mat sample_hints(const cv::Mat& rgb, double hinted_share, HintPlacement placement,
                     std::mt19937_64& rng) {
    CV_Assert(rgb.type() == CV_32FC3);
    cv::Mat channels(rgb.size(), CV_32FC4, cv::Scalar::all(0));
    // "No hints" is the drawn outcome, so that the default 0.5 draws as it always has.
    if (std::bernoulli_distribution(1.0 - hinted_share)(rng)) return channels;
    const cv::Mat lab = lab_of(rgb);
    constexpr int kMaxRadius = 3;
    const bool one_colored_only = placement == HintPlacement::OnOneColor;
    const HintPlaces places(lab, one_colored_only ? one_color(lab, kMaxRadius) : cv::Mat());
    // Up to twice an artist's density, so that one dot per 100 x 100 pixels lies in the middle
    // of what the network learns from, not at its rare extreme.
    const int count = std::uniform_int_distribution<int>(1, 2 * hints_per_area(rgb))(rng);
    for (int i = 0; i < count; ++i) {
        const cv::Point at = places.pick(0.8, rng);
        const cv::Scalar value = places.value_at(at);
        const int radius = std::uniform_int_distribution<int>(1, kMaxRadius)(rng);
        if (std::bernoulli_distribution(0.7)(rng)) {
            cv::circle(channels, at, radius, value, cv::FILLED);
        } else {
            const double angle = std::uniform_real_distribution<double>(0, CV_PI)(rng);
            const double length = std::uniform_real_distribution<double>(4, 16)(rng);
            const cv::Point step(int(std::cos(angle) * length), int(std::sin(angle) * length));
            cv::Mat stroke(rgb.size(), CV_8U, cv::Scalar(0));
            cv::line(stroke, at - step, at + step, 255, radius);
            if (one_colored_only) stroke &= same_color(lab, lab.at<cv::Vec3f>(at));
            channels.setTo(value, stroke);
        }
    }
    return channels;
}

cv::Mat truth_hints(const cv::Mat& rgb, std::mt19937_64& rng) {
    CV_Assert(rgb.type() == CV_32FC3);
    cv::Mat hints(rgb.size(), CV_32FC4, cv::Scalar::all(0));
    const cv::Mat lab = lab_of(rgb);
    constexpr int kRadius = 3;
    const HintPlaces places(lab, one_color(lab, kRadius));
    for (int i = hints_per_area(rgb); i > 0; --i) {
        const cv::Point at = places.pick(1.0, rng);
        const cv::Vec3f c = rgb.at<cv::Vec3f>(at);
        cv::circle(hints, at, kRadius, cv::Scalar(c[0], c[1], c[2], 1.0), cv::FILLED);
    }
    return hints;
}

}  // namespace mangacolor
