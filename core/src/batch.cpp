#include "mangacolor/batch.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor {
namespace fs = std::filesystem;
namespace {

// See is_color_page: how far from the paper's tint a coloured pixel is, and how many there are.
constexpr float kColorPageChroma = 12.0f;
constexpr double kColorPageShare = 0.02;

}  // namespace

std::vector<std::string> collect_pages(const std::vector<std::string>& inputs) {
    std::vector<std::string> pages;
    for (const auto& input : inputs) {
        if (!fs::is_directory(input)) {
            pages.push_back(input);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(input))
            if (entry.is_regular_file() && has_image_extension(entry.path().string()))
                found.push_back(entry.path().string());
        std::sort(found.begin(), found.end());
        pages.insert(pages.end(), found.begin(), found.end());
    }
    return pages;
}

std::string output_path_for(const std::string& page, const std::string& output_dir) {
    return (fs::path(output_dir) / fs::path(page).stem()).string() + ".png";
}

cv::Mat output_image(const cv::Mat& source, const cv::Mat& rgb) {
    const int depth = source.depth() == CV_16U ? CV_16U : CV_8U;
    cv::Mat out = from_float(rgb, depth);
    if (source.channels() != 4) return out;
    cv::Mat alpha;
    cv::extractChannel(source, alpha, 3);
    const double full = source.depth() == CV_8U ? 255.0 : source.depth() == CV_16U ? 65535.0 : 1.0;
    alpha.convertTo(alpha, CV_32F, 1.0 / full);
    cv::Mat rgba;
    cv::merge(std::vector<cv::Mat>{out, from_float(alpha, depth)}, rgba);
    return rgba;
}

bool is_color_page(const cv::Mat& page) {
    if (page.channels() < 3) return false;
    cv::Mat rgb = to_rgb_float(page);
    const double shrink = std::min(1.0, 256.0 / std::max(rgb.cols, rgb.rows));
    if (shrink < 1) cv::resize(rgb, rgb, {}, shrink, shrink, cv::INTER_AREA);
    const cv::Mat lab = lab_of(rgb);

    // A tinted paper tints the ink and tones on it in proportion to their lightness: the tint is
    // the median a*, b* per unit of L* over the page's light pixels.
    std::vector<float> a_per_l, b_per_l;
    for (auto it = lab.begin<cv::Vec3f>(); it != lab.end<cv::Vec3f>(); ++it) {
        const cv::Vec3f& p = *it;
        if (p[0] > 50) {
            a_per_l.push_back(p[1] / p[0]);
            b_per_l.push_back(p[2] / p[0]);
        }
    }
    const auto median = [](std::vector<float>& values) {
        if (values.empty()) return 0.0f;
        std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
        return values[values.size() / 2];
    };
    const float tint_a = median(a_per_l), tint_b = median(b_per_l);
    size_t colored = 0;
    for (auto it = lab.begin<cv::Vec3f>(); it != lab.end<cv::Vec3f>(); ++it) {
        const cv::Vec3f& p = *it;
        if (std::hypot(p[1] - tint_a * p[0], p[2] - tint_b * p[0]) > kColorPageChroma) ++colored;
    }
    return colored > kColorPageShare * lab.total();
}

std::string hints_for(const std::string& page, const std::string& hints) {
    if (hints.empty() || !fs::is_directory(hints)) return hints;
    const fs::path stem = fs::path(hints) / fs::path(page).stem();
    for (const char* extension : {".png", ".tif", ".tiff", ".webp", ".bmp"}) {
        fs::path candidate = stem;
        candidate += extension;
        if (fs::is_regular_file(candidate)) return candidate.string();
    }
    return "";
}

BatchCounts colorize_files(const Colorizer& colorizer, const std::vector<std::string>& pages,
                           const std::string& output_dir, const BatchOptions& options,
                           const std::function<void(size_t index, const PageOutcome&)>& on_page,
                           const ProgressCallback& progress) {
    if (!options.hints.empty() && !fs::exists(options.hints))
        throw Error("hints: no such file or folder: " + options.hints);
    fs::create_directories(output_dir);
    BatchCounts counts;
    for (size_t i = 0; i < pages.size(); ++i) {
        PageOutcome outcome;
        outcome.page = pages[i];
        const auto start = std::chrono::steady_clock::now();
        const ProgressCallback page_progress = [&](double f) {
            return !progress || progress((i + f) / pages.size());
        };
        try {
            const cv::Mat page = read_image(pages[i]);
            outcome.output = output_path_for(pages[i], output_dir);
            if (!options.recolor && is_color_page(page)) {
                outcome.skipped = true;
                write_image(outcome.output, page);
            } else {
                ColorizeOptions colorize = options.colorize;
                outcome.hints = hints_for(pages[i], options.hints);
                if (!outcome.hints.empty()) colorize.hints = read_image(outcome.hints);
                write_image(outcome.output,
                            output_image(page, colorizer.colorize(page, colorize, page_progress)));
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            outcome.output.clear();
            outcome.error = user_message(e);
        }
        ++(outcome.error.empty() ? (outcome.skipped ? counts.skipped : counts.colorized)
                                 : counts.failed);
        outcome.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (on_page) on_page(i, outcome);
    }
    return counts;
}

}  // namespace mangacolor
