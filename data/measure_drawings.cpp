// measure-drawings: prints simple measures of rendered clip-art drawings (PNG with alpha), one
// tab-separated line per file, so that data/build-dataset.sh can decide which drawings to keep.
//
// Usage: measure-drawings FILE...   (or file names on standard input, one per line, with "-")
//
// The drawing is first cropped to its visible part (alpha > 8), as compose-pages does.
// Columns: file, width, height (of that part), then fractions in [0, 1]:
//   opaque   pixels with alpha >= 128, of the whole image
//   ink      opaque pixels that are not near-white, of the whole image
//   colored  ink pixels with chroma (max - min of R, G, B) >= 48, of the ink pixels
//   flat     ink pixels covered by the 16 most frequent colours (4 bits per channel), of the ink
//   smooth   ink pixels differing only slightly (1..8 levels) from the next pixel right or below,
//            of the ink: high for gradients and photographs, low for flat clip art
//   dark     opaque pixels whose luma is below 96, of the opaque pixels (ink of line art)
// A file that cannot be read gets the single column "file\tunreadable".
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "drawing_io.h"

namespace {

constexpr int kOpaqueAlpha = 128;
constexpr int kNearWhite = 235;
constexpr int kColoredChroma = 48;
constexpr int kFlatColors = 16;
constexpr int kSmoothMin = 1;
constexpr int kSmoothMax = 8;
constexpr int kDarkLuma = 96;

struct Measures {
    int width = 0;
    int height = 0;
    double opaque = 0, ink = 0, colored = 0, flat = 0, smooth = 0, dark = 0;
};

bool is_ink(const cv::Vec4b& p) {
    return p[3] >= kOpaqueAlpha && std::min({p[0], p[1], p[2]}) < kNearWhite;
}

int chroma(const cv::Vec4b& p) {
    return std::max({p[0], p[1], p[2]}) - std::min({p[0], p[1], p[2]});
}

int luma(const cv::Vec4b& p) {
    return (29 * p[0] + 150 * p[1] + 77 * p[2]) >> 8;
}

int color_bin(const cv::Vec4b& p) {
    return (p[0] >> 4) << 8 | (p[1] >> 4) << 4 | (p[2] >> 4);
}

// Largest per-channel difference between two pixels.
int difference(const cv::Vec4b& a, const cv::Vec4b& b) {
    return std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
}

bool is_smooth_step(const cv::Vec4b& a, const cv::Vec4b& b) {
    const int d = difference(a, b);
    return b[3] >= kOpaqueAlpha && d >= kSmoothMin && d <= kSmoothMax;
}

// Share of the ink held by its most frequent colours.
double flat_share(const std::vector<long>& histogram, long ink) {
    std::vector<long> counts(histogram);
    std::sort(counts.rbegin(), counts.rend());
    long top = 0;
    for (int i = 0; i < kFlatColors; ++i) top += counts[i];
    return ink > 0 ? static_cast<double>(top) / ink : 0.0;
}

Measures measure(const cv::Mat& image) {
    long opaque = 0, ink = 0, colored = 0, smooth = 0, dark = 0;
    std::vector<long> histogram(4096, 0);
    for (int y = 0; y < image.rows; ++y) {
        for (int x = 0; x < image.cols; ++x) {
            const auto& p = image.at<cv::Vec4b>(y, x);
            if (p[3] < kOpaqueAlpha) continue;
            ++opaque;
            if (luma(p) < kDarkLuma) ++dark;
            if (!is_ink(p)) continue;
            ++ink;
            if (chroma(p) >= kColoredChroma) ++colored;
            ++histogram[color_bin(p)];
            const bool right =
                x + 1 < image.cols && is_smooth_step(p, image.at<cv::Vec4b>(y, x + 1));
            const bool below =
                y + 1 < image.rows && is_smooth_step(p, image.at<cv::Vec4b>(y + 1, x));
            if (right || below) ++smooth;
        }
    }
    const double area = static_cast<double>(image.total());
    Measures m;
    m.width = image.cols;
    m.height = image.rows;
    m.opaque = opaque / area;
    m.ink = ink / area;
    m.colored = ink > 0 ? static_cast<double>(colored) / ink : 0.0;
    m.flat = flat_share(histogram, ink);
    m.smooth = ink > 0 ? static_cast<double>(smooth) / ink : 0.0;
    m.dark = opaque > 0 ? static_cast<double>(dark) / opaque : 0.0;
    return m;
}

std::string describe(const std::string& path) {
    const cv::Mat image = read_bgra(path);
    if (image.empty()) return path + "\tunreadable";
    const cv::Rect box = visible_box(image);
    if (box.area() == 0) return path + "\t0\t0\t0\t0\t0\t0\t0\t0";  // fully transparent
    const Measures m = measure(image(box));
    char line[256];
    std::snprintf(line, sizeof line, "\t%d\t%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f", m.width,
                  m.height, m.opaque, m.ink, m.colored, m.flat, m.smooth, m.dark);
    return path + line;
}

std::vector<std::string> input_files(int argc, char** argv) {
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) != "-") {
            files.push_back(argv[i]);
            continue;
        }
        for (std::string line; std::getline(std::cin, line);) {
            if (!line.empty()) files.push_back(line);
        }
    }
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE... | -   (see the comment at the top of the source)\n",
                     argv[0]);
        return 2;
    }
    const std::vector<std::string> files = input_files(argc, argv);
    std::vector<std::string> lines(files.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(files.size())), [&](const cv::Range& range) {
        for (int i = range.start; i < range.end; ++i) lines[i] = describe(files[i]);
    });
    for (const std::string& line : lines) std::printf("%s\n", line.c_str());
    return 0;
}
