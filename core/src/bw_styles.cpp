#include "mangacolor/bw_styles.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "mangacolor/mangaize.h"

namespace mangacolor {
namespace {

double uniform(std::mt19937_64& rng, double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(rng);
}

bool chance(std::mt19937_64& rng, double p) {
    return std::bernoulli_distribution(p)(rng);
}

// Gray as a converter would make it: by lightness (L*), or by Rec. 601 luma as many tools do.
cv::Mat gray_of(const cv::Mat& rgb, std::mt19937_64& rng) {
    return chance(rng, 0.7) ? gray_of_lightness(rgb) : to_gray_float(rgb);
}

// Where ink goes and how much of the paper a tone covers (0 paper .. 1 solid ink) for each gray.
struct ToneScale {
    double ink = 0.2, white = 0.85;        // below: solid ink; above: bare paper
    double lightest = 0.1, darkest = 0.6;  // coverage of the lightest and darkest tone
    int levels = 0;                        // distinct tones; 0: continuous

    static ToneScale random(std::mt19937_64& rng) {
        ToneScale s;
        s.ink = uniform(rng, 0.08, 0.25);
        s.white = uniform(rng, 0.8, 0.95);
        s.lightest = uniform(rng, 0.05, 0.2);
        s.darkest = uniform(rng, 0.5, 0.8);
        s.levels = chance(rng, 0.5) ? 0 : std::uniform_int_distribution<int>(2, 6)(rng);
        return s;
    }

    float coverage(float gray) const {
        if (gray < ink) return 1.0f;
        if (gray > white) return 0.0f;
        double darkness = (white - gray) / (white - ink);
        if (levels > 0) darkness = (std::min(int(darkness * levels), levels - 1) + 0.5) / levels;
        return float(lightest + (darkest - lightest) * darkness);
    }
};

enum class Pattern { RoundDots, OrderedDither, LineTone, ErrorDiffusion };

// The coverage at which each pixel turns to ink, for a screen of the given pitch and angle.
float threshold_at(Pattern pattern, double u, double v) {
    const double du = u - std::floor(u) - 0.5, dv = v - std::floor(v) - 0.5;
    switch (pattern) {
        case Pattern::RoundDots:  // a dot of coverage c has radius sqrt(c / pi)
            return float(CV_PI * (du * du + dv * dv));
        case Pattern::LineTone:  // stripes as wide as the coverage
            return float(2 * std::abs(du));
        default: {  // Bayer 4 x 4, one matrix per screen cell
            static const int kBayer[4][4] = {
                {0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
            const int i = int(std::floor((du + 0.5) * 4)) & 3,
                      j = int(std::floor((dv + 0.5) * 4)) & 3;
            return (kBayer[j][i] + 0.5f) / 16.0f;
        }
    }
}

// Ink (0) or paper (1) per pixel of a coverage map, by Floyd-Steinberg error diffusion.
cv::Mat diffuse_errors(cv::Mat coverage) {
    cv::Mat out(coverage.size(), CV_32F);
    for (int y = 0; y < coverage.rows; ++y) {
        float* row = coverage.ptr<float>(y);
        float* below = y + 1 < coverage.rows ? coverage.ptr<float>(y + 1) : nullptr;
        for (int x = 0; x < coverage.cols; ++x) {
            const float ink = row[x] > 0.5f ? 1.0f : 0.0f;
            const float error = row[x] - ink;
            out.at<float>(y, x) = 1.0f - ink;
            if (x + 1 < coverage.cols) row[x + 1] += error * 7 / 16;
            if (below) {
                if (x > 0) below[x - 1] += error * 3 / 16;
                below[x] += error * 5 / 16;
                if (x + 1 < coverage.cols) below[x + 1] += error / 16;
            }
        }
    }
    return out;
}

cv::Mat outlines_of(const cv::Mat& rgb, std::mt19937_64& rng) {
    MangaizeOptions options;
    options.screentone = false;
    options.ink_threshold = uniform(rng, 0.1, 0.25);
    return mangaize(rgb, options);
}

cv::Mat screentone(const cv::Mat& rgb, std::mt19937_64& rng) {
    // Printed at up to 3x the page's resolution and scaled down: fine screens blur into gray, as
    // in scans shrunk for reading.
    const double supersample = chance(rng, 0.5) ? 1.0 : uniform(rng, 1.2, 3.0);
    const auto pattern = static_cast<Pattern>(std::uniform_int_distribution<int>(0, 3)(rng));
    const double pitch = uniform(rng, 3.0, 9.0);
    const double angle = uniform(rng, 0.0, CV_PI / 2);
    const ToneScale scale = ToneScale::random(rng);
    const bool outlined = chance(rng, 0.5);

    cv::Mat big;
    cv::resize(rgb, big, cv::Size(), supersample, supersample, cv::INTER_LINEAR);
    const cv::Mat gray = gray_of(big, rng);
    cv::Mat coverage(gray.size(), CV_32F);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            coverage.at<float>(y, x) = scale.coverage(gray.at<float>(y, x));
    cv::Mat printed(gray.size(), CV_32F);
    if (pattern == Pattern::ErrorDiffusion) {
        printed = diffuse_errors(coverage);
    } else {
        const double c = std::cos(angle) / pitch, s = std::sin(angle) / pitch;
        for (int y = 0; y < gray.rows; ++y)
            for (int x = 0; x < gray.cols; ++x) {
                const double u = (x + 0.5) * c + (y + 0.5) * s, v = (y + 0.5) * c - (x + 0.5) * s;
                printed.at<float>(y, x) =
                    coverage.at<float>(y, x) > threshold_at(pattern, u, v) ? 0.0f : 1.0f;
            }
    }
    cv::GaussianBlur(printed, printed, cv::Size(3, 3), 0.5);
    cv::Mat page;
    cv::resize(printed, page, rgb.size(), 0, 0, cv::INTER_AREA);
    if (outlined) page = cv::min(page, outlines_of(rgb, rng));
    return page;
}

cv::Mat flat_tones(const cv::Mat& rgb, std::mt19937_64& rng) {
    const ToneScale scale = ToneScale::random(rng);
    const int levels = std::uniform_int_distribution<int>(2, 5)(rng);
    cv::Mat gray = gray_of(rgb, rng);
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x) {
            float& g = gray.at<float>(y, x);
            if (g < scale.ink) {
                g = 0;
            } else if (g <= scale.white) {
                const int level =
                    std::min(int((g - scale.ink) / (scale.white - scale.ink) * levels), levels - 1);
                g = float(0.3 + 0.6 * (level + 0.5) / levels);
            } else {
                g = 1;
            }
        }
    cv::GaussianBlur(gray, gray, cv::Size(3, 3), 0.5);
    return cv::min(gray, outlines_of(rgb, rng));
}

// Paper tint and levels, blur, noise and JPEG, each for some pages.
void scan_effects(cv::Mat& page, std::mt19937_64& rng) {
    if (chance(rng, 0.6)) {
        const double black = uniform(rng, 0.0, 0.15), white = uniform(rng, 0.8, 1.0);
        const double gamma = uniform(rng, 0.75, 1.33);
        cv::pow(cv::max(page, 0.0), gamma, page);
        page = page * (white - black) + black;
    }
    if (chance(rng, 0.3)) cv::GaussianBlur(page, page, cv::Size(0, 0), uniform(rng, 0.3, 1.0));
    if (chance(rng, 0.3)) {
        cv::Mat noise(page.size(), CV_32F);
        cv::RNG noise_rng(rng());  // not OpenCV's global one: a resumed run must repeat
        noise_rng.fill(noise, cv::RNG::NORMAL, 0.0, uniform(rng, 0.005, 0.03));
        page += noise;
    }
    page = cv::min(cv::max(page, 0.0), 1.0);
    if (chance(rng, 0.3)) {
        std::vector<uchar> jpeg;
        cv::imencode(".jpg", from_float(page, CV_8U), jpeg,
                     {cv::IMWRITE_JPEG_QUALITY, std::uniform_int_distribution<int>(35, 90)(rng)});
        cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE).convertTo(page, CV_32F, 1.0 / 255);
    }
}

}  // namespace

const char* bw_kind_name(BwKind kind) {
    switch (kind) {
        case BwKind::Gray:
            return "gray";
        case BwKind::Screentone:
            return "screentone";
        case BwKind::LineArt:
            return "line-art";
        case BwKind::FlatTones:
            return "flat-tones";
    }
    return "?";
}

BwKind parse_bw_kind(const std::string& name) {
    for (BwKind kind : kAllBwKinds)
        if (name == bw_kind_name(kind)) return kind;
    throw Error("unknown kind of B/W page '" + name +
                "'; expected gray, screentone, line-art or flat-tones");
}

cv::Mat print_bw(const cv::Mat& rgb, BwKind kind, std::mt19937_64& rng, const cv::Mat& line_art) {
    CV_Assert(rgb.type() == CV_32FC3);
    switch (kind) {
        case BwKind::Gray:
            return gray_of(rgb, rng);
        case BwKind::Screentone:
            return screentone(rgb, rng);
        case BwKind::FlatTones:
            return flat_tones(rgb, rng);
        case BwKind::LineArt:
            break;
    }
    if (line_art.empty()) return outlines_of(rgb, rng);
    CV_Assert(line_art.type() == CV_32F && line_art.size() == rgb.size());
    return line_art.clone();
}

cv::Mat random_bw(const cv::Mat& rgb, std::mt19937_64& rng, const cv::Mat& line_art) {
    static const std::discrete_distribution<int> kind_share({0.3, 0.35, 0.2, 0.15});
    auto choose = kind_share;
    cv::Mat page = print_bw(rgb, kAllBwKinds[choose(rng)], rng, line_art);
    if (chance(rng, 0.5)) scan_effects(page, rng);
    return page;
}

}  // namespace mangacolor
