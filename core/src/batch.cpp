#include "mangacolor/batch.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "mangacolor/errors.h"
#include "mangacolor/image.h"

namespace mangacolor {
namespace fs = std::filesystem;
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

int colorize_files(const Colorizer& colorizer, const std::vector<std::string>& pages,
                   const std::string& output_dir, const ColorizeOptions& options,
                   const std::function<void(size_t index, const PageOutcome&)>& on_page,
                   const ProgressCallback& progress) {
    fs::create_directories(output_dir);
    int failures = 0;
    for (size_t i = 0; i < pages.size(); ++i) {
        PageOutcome outcome;
        outcome.page = pages[i];
        const auto start = std::chrono::steady_clock::now();
        const ProgressCallback page_progress = [&](double f) {
            return !progress || progress((i + f) / pages.size());
        };
        try {
            const cv::Mat page = read_image(pages[i]);
            const cv::Mat rgb = colorizer.colorize(page, options, page_progress);
            outcome.output = output_path_for(pages[i], output_dir);
            write_image(outcome.output, output_image(page, rgb));
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            ++failures;
            outcome.output.clear();
            outcome.error = e.what();
        }
        outcome.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (on_page) on_page(i, outcome);
    }
    return failures;
}

}  // namespace mangacolor
