#include "mangacolor/color_space.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace mangacolor {
namespace {

// CIE constants and the D65 white point OpenCV uses.
constexpr float kEpsilon = 216.0f / 24389.0f;  // (6/29)^3
constexpr float kKappa = 24389.0f / 27.0f;
constexpr float kWhiteX = 0.950456f, kWhiteZ = 1.088754f;

// XYZ -> linear sRGB (IEC 61966-2-1).
constexpr float kXyzToRgb[3][3] = {{3.240479f, -1.53715f, -0.498535f},
                                   {-0.969256f, 1.875991f, 0.041556f},
                                   {0.055648f, -0.204043f, 1.057311f}};

float srgb_to_linear(float v) {
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

float linear_to_srgb(float v) {
    return v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
}

// Tables over [0, 1] with linear interpolation: per-pixel pow() is most of the cost on an A4
// page (8.7 M pixels, three channels).
class Table {
  public:
    template <typename Fn>
    explicit Table(Fn fn) {
        for (int i = 0; i <= kSize; ++i) values_[i] = fn(float(i) / kSize);
    }
    float operator()(float v) const {
        const float x = std::clamp(v, 0.0f, 1.0f) * kSize;
        const int i = std::min(int(x), kSize - 1);
        return values_[i] + (values_[i + 1] - values_[i]) * (x - i);
    }

  private:
    static constexpr int kSize = 4096;
    std::array<float, kSize + 1> values_;
};

const Table& lightness_table() {
    static const Table table([](float gray) {
        const float y = srgb_to_linear(gray);
        return y > kEpsilon ? 116.0f * std::cbrt(y) - 16.0f : kKappa * y;
    });
    return table;
}

// sRGB encoding of linear values; below 1/4096 the curve is steep and computed exactly.
float encode(float linear) {
    static const Table table(linear_to_srgb);
    const float v = std::clamp(linear, 0.0f, 1.0f);
    return v < 1.0f / 4096 ? 12.92f * v : table(v);
}

float f_inverse(float f) {
    const float cube = f * f * f;
    return cube > kEpsilon ? cube : (116.0f * f - 16.0f) / kKappa;
}

// Linear RGB of (L*, a*, b*).
cv::Vec3f linear_rgb(float l, float a, float b) {
    const float fy = (l + 16.0f) / 116.0f;
    const float y = l > kKappa * kEpsilon ? fy * fy * fy : l / kKappa;
    const float x = kWhiteX * f_inverse(fy + a / 500.0f);
    const float z = kWhiteZ * f_inverse(fy - b / 200.0f);
    cv::Vec3f rgb;
    for (int c = 0; c < 3; ++c)
        rgb[c] = kXyzToRgb[c][0] * x + kXyzToRgb[c][1] * y + kXyzToRgb[c][2] * z;
    return rgb;
}

bool in_gamut(const cv::Vec3f& rgb) {
    constexpr float kSlack = 1e-4f;
    return rgb[0] >= -kSlack && rgb[1] >= -kSlack && rgb[2] >= -kSlack && rgb[0] <= 1 + kSlack &&
           rgb[1] <= 1 + kSlack && rgb[2] <= 1 + kSlack;
}

// The colour of lightness l with chroma (a, b) scaled down until it fits the gamut (bisection:
// gray, scale 0, always fits).
cv::Vec3f linear_rgb_in_gamut(float l, float a, float b) {
    cv::Vec3f rgb = linear_rgb(l, a, b);
    if (in_gamut(rgb)) return rgb;
    float fits = 0.0f, fails = 1.0f;
    for (int i = 0; i < 10; ++i) {  // to 1/1024 of the chroma: no visible step between tiles
        const float scale = 0.5f * (fits + fails);
        (in_gamut(linear_rgb(l, a * scale, b * scale)) ? fits : fails) = scale;
    }
    return linear_rgb(l, a * fits, b * fits);
}

}  // namespace

cv::Mat lab_of(const cv::Mat& rgb) {
    CV_Assert(rgb.type() == CV_32FC3);
    cv::Mat lab;
    cv::cvtColor(rgb, lab, cv::COLOR_RGB2Lab);
    return lab;
}

cv::Mat network_lab(const cv::Mat& lab) {
    cv::Mat channels;
    cv::multiply(lab, cv::Scalar(1 / kLightnessScale, 1 / kChromaScale, 1 / kChromaScale),
                 channels);
    return channels - cv::Scalar(1, 0, 0);
}

cv::Mat lab_from_network(const cv::Mat& channels) {
    cv::Mat lab;
    cv::multiply(channels + cv::Scalar(1, 0, 0),
                 cv::Scalar(kLightnessScale, kChromaScale, kChromaScale), lab);
    return lab;
}

namespace {

// Bilinear sampling positions of one axis, `to` pixels over `from` (pixel centres aligned, as
// cv::resize does it).
struct Taps {
    std::vector<int> low, high;
    std::vector<float> weight;  // of `high`

    Taps(int from, int to) : low(to), high(to), weight(to) {
        const float scale = float(from) / to;
        for (int i = 0; i < to; ++i) {
            const float at = std::clamp((i + 0.5f) * scale - 0.5f, 0.0f, float(from - 1));
            low[i] = int(at);
            high[i] = std::min(low[i] + 1, from - 1);
            weight[i] = at - low[i];
        }
    }
};

// From this L* up the page counts as paper, whose lightness the network may lower; fully so
// from kPaper.
constexpr float kPaperFrom = 88.0f, kPaper = 98.0f;

}  // namespace

cv::Mat lightness_of(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_32F);
    const Table& table = lightness_table();
    cv::Mat lightness(gray.size(), CV_32F);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x) lightness.at<float>(y, x) = table(gray.at<float>(y, x));
    return lightness;
}

cv::Mat paper_of(const cv::Mat& gray) {
    return paper_of_lightness(lightness_of(gray));
}

cv::Mat paper_of_lightness(const cv::Mat& lightness) {
    return lightness >= kPaperFrom;
}

cv::Mat compose_page(const cv::Mat& gray, const cv::Mat& lab) {
    CV_Assert(gray.type() == CV_32F && lab.type() == CV_32FC3);
    CV_Assert(lab.cols <= gray.cols && lab.rows <= gray.rows);
    constexpr float kNeutral = 0.25f;  // a*^2 + b*^2 below this: gray
    const Table& l_star = lightness_table();
    const Taps columns(lab.cols, gray.cols), rows(lab.rows, gray.rows);
    cv::Mat rgb(gray.size(), CV_32FC3);
    cv::parallel_for_(cv::Range(0, rgb.rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            const float* g = gray.ptr<float>(y);
            const cv::Vec3f* upper = lab.ptr<cv::Vec3f>(rows.low[y]);
            const cv::Vec3f* lower = lab.ptr<cv::Vec3f>(rows.high[y]);
            const float wy = rows.weight[y];
            cv::Vec3f* out = rgb.ptr<cv::Vec3f>(y);
            for (int x = 0; x < rgb.cols; ++x) {
                const int x0 = columns.low[x], x1 = columns.high[x];
                const float wx = columns.weight[x];
                const cv::Vec3f top = upper[x0] + (upper[x1] - upper[x0]) * wx;
                const cv::Vec3f net = top + (lower[x0] + (lower[x1] - lower[x0]) * wx - top) * wy;
                const float page_l = l_star(g[x]);
                const float paper =
                    std::clamp((page_l - kPaperFrom) / (kPaper - kPaperFrom), 0.0f, 1.0f);
                const float l = page_l - paper * std::max(0.0f, page_l - net[0]);
                if (net[1] * net[1] + net[2] * net[2] < kNeutral || l <= 0.0f || l >= 100.0f) {
                    // Neutral: the gray of that lightness (the page's own gray where unchanged).
                    const float v = l == page_l ? g[x] : encode(linear_rgb(l, 0, 0)[1]);
                    out[x] = {v, v, v};
                    continue;
                }
                const cv::Vec3f linear = linear_rgb_in_gamut(l, net[1], net[2]);
                out[x] = {encode(linear[0]), encode(linear[1]), encode(linear[2])};
            }
        }
    });
    return rgb;
}

cv::Mat gray_of_lightness(const cv::Mat& rgb) {
    CV_Assert(rgb.type() == CV_32FC3);
    const cv::Mat lab = lab_of(rgb);
    cv::Mat gray(rgb.size(), CV_32F);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            gray.at<float>(y, x) = encode(linear_rgb(lab.at<cv::Vec3f>(y, x)[0], 0, 0)[1]);
    return gray;
}

}  // namespace mangacolor
