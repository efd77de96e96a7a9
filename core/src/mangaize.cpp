#include "mangacolor/mangaize.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor {
namespace {

// Screentone catalogues range from faint to heavy dots; lighter would vanish in print and
// heavier would close up into solid black.
constexpr double kLightestToneCoverage = 0.10;
constexpr double kDarkestToneCoverage = 0.60;

// Dot radii (in units of the dot pitch) that stand for "no dot at all" and "the whole cell is
// ink": outside the range [0, 0.71] of distances to the nearest dot centre.
constexpr float kNoDot = -1.0f;
constexpr float kSolidInk = 1.0f;

// In line-art mode, colour steps with a per-pixel RGB slope above this become outlines: a sharp
// step of about 0.15 between two flat colours, a smooth gradient never.
constexpr double kOutlineSlope = 0.075;

constexpr double kAntiAliasSigma = 0.5;

// Pages are printed in strips of this many rows, each with kStripContext rows of context on
// either side: one for the 3x3 outline filters plus one for the anti-aliasing blur.
constexpr int kStripRows = 64;
constexpr int kStripContext = 2;

void check_options(const MangaizeOptions& options) {
    const auto fail = [](const std::string& problem) { throw Error("mangaize: " + problem); };
    if (!(options.dot_pitch >= 2.0 && options.dot_pitch <= 1000.0)) {
        fail("dot_pitch must be between 2 and 1000 pixels, got " +
             std::to_string(options.dot_pitch));
    }
    if (!(options.ink_threshold >= 0.0 && options.ink_threshold < options.white_threshold &&
          options.white_threshold <= 1.0)) {
        fail("thresholds must satisfy 0 <= ink_threshold < white_threshold <= 1, got " +
             std::to_string(options.ink_threshold) + " and " +
             std::to_string(options.white_threshold));
    }
    if (options.tone_levels < 1 || options.tone_levels > 256) {
        fail("tone_levels must be between 1 and 256, got " + std::to_string(options.tone_levels));
    }
    if (!std::isfinite(options.screen_angle_deg)) fail("screen_angle_deg must be a finite number");
}

// Radius of a round dot covering `coverage` of its pitch x pitch cell, in units of the pitch.
float dot_radius(double coverage) {
    return float(std::sqrt(coverage / CV_PI));
}

// Screentone coverage of a mid-tone luminance: the band between the thresholds is cut into
// tone_levels equal steps, each printed with one tone from the catalogue range.
double tone_coverage(double luminance, const MangaizeOptions& options) {
    const double darkness =
        (options.white_threshold - luminance) / (options.white_threshold - options.ink_threshold);
    const int levels = options.tone_levels;
    const int level = std::min(int(darkness * levels), levels - 1);
    return kLightestToneCoverage +
           (kDarkestToneCoverage - kLightestToneCoverage) * (level + 0.5) / levels;
}

// What is printed for each 8-bit luminance: solid ink, bare paper or a dot of some radius.
cv::Mat dot_radius_table(const MangaizeOptions& options) {
    cv::Mat table(1, 256, CV_32F);
    for (int value = 0; value < 256; ++value) {
        const double luminance = value / 255.0;
        float& radius = table.at<float>(value);
        if (luminance < options.ink_threshold) {
            radius = kSolidInk;
        } else if (luminance > options.white_threshold || !options.screentone) {
            radius = kNoDot;
        } else {
            radius = dot_radius(tone_coverage(luminance, options));
        }
    }
    return table;
}

// Prints a page strip by strip. The working images are members so that every strip reuses
// them: images allocated afresh for each strip are handed back to the system at its end and
// must be faulted in again for the next, which can cost more than the arithmetic.
class StripPrinter {
  public:
    explicit StripPrinter(const MangaizeOptions& options)
        : options_(options), radius_table_(dot_radius_table(options)) {}

    // Prints float RGB rows that start at page row `first_row` into `printed` (CV_32FC1).
    void print(const cv::Mat& rgb, int first_row, cv::Mat& printed) {
        look_up_dot_radius(rgb);
        measure_distance_to_dot_centres(first_row);
        cv::compare(distance_, radius_, paper_, cv::CMP_GT);
        paper_.convertTo(unblurred_, CV_32F, 1.0 / 255.0);
        if (!options_.screentone) unblurred_.setTo(0.0, colour_region_outlines(rgb));
        // Softens the staircase of ink edges the way print spreads ink slightly.
        cv::GaussianBlur(unblurred_, printed, cv::Size(3, 3), kAntiAliasSigma);
    }

  private:
    // The dot radius printed at every pixel, looked up from its luminance at 8-bit precision.
    void look_up_dot_radius(const cv::Mat& rgb) {
        cv::transform(rgb, luminance_, kLumaWeights);
        luminance_.convertTo(luminance_8u_, CV_8U, 255.0);
        cv::LUT(luminance_8u_, radius_table_, radius_);
    }

    // Distance of every pixel centre to the nearest dot centre of a square screen rotated by
    // the screen angle, in units of the dot pitch (0 at a dot centre, 0.71 at a cell corner).
    // The screen is anchored to the page, so consecutive strips continue it seamlessly.
    void measure_distance_to_dot_centres(int first_row) {
        const cv::Size size = radius_.size();
        column_x_.create(1, size.width, CV_32F);
        row_y_.create(size.height, 1, CV_32F);
        for (int x = 0; x < size.width; ++x) column_x_.at<float>(x) = x + 0.5f;
        for (int y = 0; y < size.height; ++y) row_y_.at<float>(y) = first_row + y + 0.5f;
        cv::repeat(column_x_, size.height, 1, x_);
        cv::repeat(row_y_, 1, size.width, y_);

        const double angle = options_.screen_angle_deg * CV_PI / 180.0;
        const double cosine = std::cos(angle) / options_.dot_pitch;
        const double sine = std::sin(angle) / options_.dot_pitch;
        cv::addWeighted(x_, cosine, y_, sine, 0.0, u_);
        cv::addWeighted(y_, cosine, x_, -sine, 0.0, v_);
        subtract_nearest_integer(u_);
        subtract_nearest_integer(v_);
        cv::magnitude(u_, v_, distance_);
    }

    // Leaves the signed offset of every value to its nearest integer, in [-0.5, 0.5].
    void subtract_nearest_integer(cv::Mat& values) {
        values.convertTo(nearest_32s_, CV_32S);  // rounds to nearest
        nearest_32s_.convertTo(nearest_, CV_32F);
        cv::subtract(values, nearest_, values);
    }

    // Where two colour regions meet: thin (about two pixel) outlines, none along existing ink,
    // which already is the outline there.
    const cv::Mat& colour_region_outlines(const cv::Mat& rgb) {
        // Scale 1/8 turns Sobel into a per-pixel slope: a sharp step of h reads h/2.
        cv::Sobel(rgb, dx_, CV_32F, 1, 0, 3, 1.0 / 8.0);
        cv::Sobel(rgb, dy_, CV_32F, 0, 1, 3, 1.0 / 8.0);
        cv::multiply(dx_, dx_, dx_);
        cv::multiply(dy_, dy_, dy_);
        cv::add(dx_, dy_, dx_);
        cv::transform(dx_, squared_slope_, cv::Matx13f(1.0f, 1.0f, 1.0f));
        cv::compare(squared_slope_, kOutlineSlope * kOutlineSlope, outlines_, cv::CMP_GT);

        cv::compare(radius_, kSolidInk, ink_, cv::CMP_EQ);
        cv::dilate(ink_, near_ink_, cv::Mat());
        outlines_.setTo(0, near_ink_);
        return outlines_;
    }

    const MangaizeOptions options_;
    const cv::Mat radius_table_;
    cv::Mat luminance_, luminance_8u_, radius_;
    cv::Mat column_x_, row_y_, x_, y_, u_, v_, nearest_32s_, nearest_, distance_;
    cv::Mat dx_, dy_, squared_slope_, outlines_, ink_, near_ink_;
    cv::Mat paper_, unblurred_;
};

}  // namespace

cv::Mat mangaize(const cv::Mat& rgb, const MangaizeOptions& options) {
    check_options(options);
    if (rgb.empty()) throw Error("mangaize: the page is empty");
    // Float RGB, the documented input, is used in place; anything else is converted once.
    const cv::Mat colour = rgb.type() == CV_32FC3 ? rgb : to_rgb_float(rgb);
    StripPrinter printer(options);
    cv::Mat printed;
    cv::Mat page(colour.size(), CV_32F);
    for (int start = 0; start < colour.rows; start += kStripRows) {
        const cv::Range rows(start, std::min(start + kStripRows, colour.rows));
        const cv::Range context(std::max(rows.start - kStripContext, 0),
                                std::min(rows.end + kStripContext, colour.rows));
        printer.print(colour.rowRange(context), context.start, printed);
        printed.rowRange(rows.start - context.start, rows.end - context.start)
            .copyTo(page.rowRange(rows));
    }
    return page;
}

}  // namespace mangacolor
