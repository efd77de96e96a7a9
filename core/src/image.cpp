#include "mangacolor/image.h"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <system_error>
#include <vector>

#include "mangacolor/atomic_file.h"
#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

namespace fs = std::filesystem;

// A 2^28-pixel page is 3 GiB as float RGB; anything larger is a mistake, not a manga page.
constexpr long long kMaxPixels = 1LL << 28;

std::string describe(const cv::Mat& image) {
    return std::to_string(image.cols) + "x" + std::to_string(image.rows) + " " +
           cv::typeToString(image.type());
}

void check_not_too_large(const cv::Mat& image, const std::string& context) {
    if (static_cast<long long>(image.cols) * image.rows > kMaxPixels) {
        throw Error(context + ": image too large (" + describe(image) + ", limit is " +
                    std::to_string(kMaxPixels) + " pixels)");
    }
}

bool is_supported_channel_count(int channels) {
    return channels == 1 || channels == 3 || channels == 4;
}

// The pixel value that stands for full intensity at each depth the library works in.
double full_intensity(int depth) {
    return depth == CV_8U ? 255.0 : depth == CV_16U ? 65535.0 : 1.0;
}

// OpenCV stores colour as BGR(A); the library uses RGB(A). The swap is its own inverse.
cv::Mat swap_red_and_blue(const cv::Mat& image) {
    cv::Mat swapped;
    if (image.channels() == 3) {
        cv::cvtColor(image, swapped, cv::COLOR_BGR2RGB);
    } else if (image.channels() == 4) {
        cv::cvtColor(image, swapped, cv::COLOR_BGRA2RGBA);
    } else {
        swapped = image;
    }
    return swapped;
}

// Decoders may hand back depths the library does not work in: half and double floats become
// 32F; signed integers have no meaning as pixel values here and are refused.
cv::Mat to_supported_depth(const cv::Mat& image, const std::string& context) {
    switch (image.depth()) {
        case CV_8U:
        case CV_16U:
        case CV_32F:
            return image;
        case CV_16F:
        case CV_64F: {
            cv::Mat converted;
            image.convertTo(converted, CV_32F);
            return converted;
        }
        default:
            throw Error(context + ": unsupported pixel format " + describe(image));
    }
}

cv::Mat decode(const std::string& path, const std::string& context) {
    try {
        return cv::imread(path, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        // OpenCV throws for headers it refuses (e.g. dimensions beyond its own limit).
        throw Error(context + ": OpenCV refused the file (" + e.err + ")");
    }
}

bool encode(const std::string& path, const cv::Mat& image, std::string& failure) {
    try {
        if (cv::imwrite(path, swap_red_and_blue(image))) return true;
        failure = "the encoder failed (is the folder writable?)";
    } catch (const cv::Exception& e) {
        failure = e.err;
    }
    return false;
}

// Pixel values as float in [0, 1], with the same channels as the input.
cv::Mat to_unit_float(const cv::Mat& page, const std::string& context) {
    if (page.empty()) throw Error(context + ": the image is empty");
    check_not_too_large(page, context);
    if (!is_supported_channel_count(page.channels())) {
        throw Error(context + ": expected a gray, RGB or RGBA image, got " + describe(page));
    }
    if (page.depth() != CV_8U && page.depth() != CV_16U && page.depth() != CV_32F) {
        throw Error(context + ": expected 8-bit, 16-bit or float pixels, got " + describe(page));
    }
    cv::Mat unit;
    page.convertTo(unit, CV_32F, 1.0 / full_intensity(page.depth()));
    // In place: large pages should not pay for extra full-size temporaries.
    cv::max(unit, 0.0, unit);
    cv::min(unit, 1.0, unit);
    return unit;
}

// RGBA -> RGB as if printed on white paper: colour * alpha + white * (1 - alpha).
cv::Mat composite_over_white(const cv::Mat& rgba) {
    std::vector<cv::Mat> planes;
    cv::split(rgba, planes);
    const cv::Mat alpha = planes[3];
    const cv::Mat paper_showing = 1.0 - alpha;
    planes.pop_back();
    for (cv::Mat& plane : planes) plane = plane.mul(alpha) + paper_showing;
    cv::Mat rgb;
    cv::merge(planes, rgb);
    return rgb;
}

// Float gray or RGB in [0, 1]; alpha, if any, is composited away.
cv::Mat to_opaque_float(const cv::Mat& page, const std::string& context) {
    cv::Mat unit = to_unit_float(page, context);
    return unit.channels() == 4 ? composite_over_white(unit) : unit;
}

}  // namespace

bool has_image_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    for (const char* known :
         {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pgm", ".ppm"})
        if (ext == known) return true;
    return false;
}

cv::Mat read_image(const std::string& path) {
    const std::string context = "cannot read '" + path + "'";
    std::error_code ignored;
    if (!fs::exists(path, ignored)) throw Error(context + ": no such file");
    const cv::Mat decoded = decode(path, context);
    if (decoded.empty()) throw Error(context + ": not an image OpenCV can decode");
    check_not_too_large(decoded, context);
    if (!is_supported_channel_count(decoded.channels())) {
        throw Error(context + ": unsupported channel count " + describe(decoded));
    }
    return swap_red_and_blue(to_supported_depth(decoded, context));
}

void write_image(const std::string& path, const cv::Mat& image) {
    const std::string context = "cannot write '" + path + "'";
    if (image.empty()) throw Error(context + ": the image is empty");
    if (!is_supported_channel_count(image.channels()) ||
        (image.depth() != CV_8U && image.depth() != CV_16U)) {
        throw Error(context + ": expected an 8- or 16-bit gray, RGB or RGBA image, got " +
                    describe(image));
    }
    if (!cv::haveImageWriter(path)) {
        throw Error(context + ": unknown image format (use e.g. .png or .tif)");
    }
    // Same folder and extension as the target, so imwrite picks the codec and rename is atomic.
    const std::string temporary = temporary_sibling(path);
    std::string failure;
    std::error_code rename_error;
    if (encode(temporary, image, failure)) {
        fs::rename(temporary, path, rename_error);
        if (!rename_error) return;
        failure = rename_error.message();
    }
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw Error(context + ": " + failure);
}

cv::Mat to_gray_float(const cv::Mat& page) {
    const cv::Mat opaque = to_opaque_float(page, "to_gray_float");
    if (opaque.channels() == 1) return opaque;
    cv::Mat gray;
    cv::transform(opaque, gray, kLumaWeights);
    return gray;
}

cv::Mat to_rgb_float(const cv::Mat& page) {
    const cv::Mat opaque = to_opaque_float(page, "to_rgb_float");
    if (opaque.channels() == 3) return opaque;
    cv::Mat rgb;
    cv::cvtColor(opaque, rgb, cv::COLOR_GRAY2RGB);
    return rgb;
}

cv::Mat from_float(const cv::Mat& image, int depth) {
    if (image.empty()) throw Error("from_float: the image is empty");
    if (image.depth() != CV_32F && image.depth() != CV_64F) {
        throw Error("from_float: expected a float image, got " + describe(image));
    }
    if (depth != CV_8U && depth != CV_16U) {
        throw Error("from_float: the target depth must be CV_8U or CV_16U, got depth " +
                    std::to_string(depth));
    }
    // convertTo rounds to nearest and saturates, which clamps values outside [0, 1].
    cv::Mat converted;
    image.convertTo(converted, depth, full_intensity(depth));
    return converted;
}

}  // namespace mangacolor
