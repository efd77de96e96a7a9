#include "mangacolor/palette.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <opencv2/core.hpp>
#include <sstream>
#include <tuple>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// A unit of L* counts as much as ~5.5 units of a*, b* in choosing the colour: the page's
// lightness is the truth's, the network's chroma a guess. Of 3, 10, 30 and 100, tried with 10
// drawings as the palette and 30 others scored (model card, "The palette of your pages"), 30
// was the one weight that gained on validation portraits, Avataaars and Twemoji alike.
constexpr float kLightnessWeight = 30.0f;

// Pixels sampled for the clusters: plenty for 24 colours, and k-means stays well under a second.
constexpr int kMaxSamples = 60000;

}  // namespace

Palette palette_of(const std::vector<cv::Mat>& lab_pages) {
    int64_t total = 0;
    for (const cv::Mat& page : lab_pages) total += int64_t(page.total());
    if (total == 0) return {};
    const int64_t stride = std::max<int64_t>(1, (total + kMaxSamples - 1) / kMaxSamples);
    std::vector<cv::Vec3f> picked;
    int64_t index = 0;
    for (const cv::Mat& lab : lab_pages) {
        CV_Assert(lab.type() == CV_32FC3);
        for (int y = 0; y < lab.rows; ++y)
            for (int x = 0; x < lab.cols; ++x, ++index)
                if (index % stride == 0) picked.push_back(lab.at<cv::Vec3f>(y, x));
    }
    const cv::Mat samples(int(picked.size()), 3, CV_32F, picked.data());
    const int clusters = std::min(kPaletteSize, samples.rows);
    cv::Mat labels, centers;
    const cv::RNG saved = cv::theRNG();
    cv::theRNG() = cv::RNG(1);  // k-means++ seeds from OpenCV's RNG: the same palette every run
    cv::kmeans(samples, clusters, labels,
               cv::TermCriteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, 30, 0.05), 2,
               cv::KMEANS_PP_CENTERS, centers);
    cv::theRNG() = saved;
    Palette palette;
    for (int i = 0; i < centers.rows; ++i) palette.colors.push_back(centers.at<cv::Vec3f>(i));
    // Duplicates (pages of fewer colours than clusters) add nothing.
    std::sort(palette.colors.begin(), palette.colors.end(),
              [](const cv::Vec3f& a, const cv::Vec3f& b) {
                  return std::tie(a[0], a[1], a[2]) < std::tie(b[0], b[1], b[2]);
              });
    palette.colors.erase(std::unique(palette.colors.begin(), palette.colors.end()),
                         palette.colors.end());
    return palette;
}

void pull_toward_palette(cv::Mat& lab, const cv::Mat& lightness, const cv::Mat& where,
                         const Palette& palette, double strength) {
    CV_Assert(lab.type() == CV_32FC3 && lightness.type() == CV_32F && where.type() == CV_8U);
    CV_Assert(lightness.size() == lab.size() && where.size() == lab.size());
    if (palette.colors.empty() || strength <= 0) return;
    const float share = float(std::min(strength, 1.0));
    cv::parallel_for_(cv::Range(0, lab.rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) {
            cv::Vec3f* out = lab.ptr<cv::Vec3f>(y);
            const float* l = lightness.ptr<float>(y);
            const uint8_t* inside = where.ptr<uint8_t>(y);
            for (int x = 0; x < lab.cols; ++x) {
                if (!inside[x]) continue;
                const cv::Vec3f* best = nullptr;
                float best_cost = 0;
                for (const cv::Vec3f& color : palette.colors) {
                    const float dl = color[0] - l[x], da = color[1] - out[x][1],
                                db = color[2] - out[x][2];
                    const float cost = kLightnessWeight * dl * dl + da * da + db * db;
                    if (!best || cost < best_cost) best = &color, best_cost = cost;
                }
                out[x][1] += share * ((*best)[1] - out[x][1]);
                out[x][2] += share * ((*best)[2] - out[x][2]);
            }
        }
    });
}

std::string palette_text(const Palette& palette) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2);
    for (const cv::Vec3f& c : palette.colors) out << c[0] << ' ' << c[1] << ' ' << c[2] << '\n';
    return out.str();
}

Palette parse_palette(const std::string& text) {
    Palette palette;
    std::istringstream lines(text);
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        std::istringstream in(line);
        float l, a, b;
        std::string rest;
        if (!(in >> l >> a >> b) || (in >> rest) || !(l >= 0 && l <= 100) ||
            !(std::abs(a) <= 128 && std::abs(b) <= 128))
            throw Error("palette line " + std::to_string(number) + " is not a CIELAB colour: '" +
                        line + "'");
        palette.colors.push_back({l, a, b});
    }
    if (int(palette.colors.size()) > 4 * kPaletteSize)
        throw Error("the palette holds " + std::to_string(palette.colors.size()) +
                    " colours; at most " + std::to_string(4 * kPaletteSize) + " are read");
    return palette;
}

}  // namespace mangacolor
