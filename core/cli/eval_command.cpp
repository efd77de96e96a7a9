#include <cstdio>
#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "commands.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/dataset.h"
#include "mangacolor/default_model.h"
#include "mangacolor/image.h"
#include "mangacolor/mangaize.h"
#include "mangacolor/metrics.h"

namespace mangacolor::cli {
namespace {

// The B/W page the model sees: the user's own, or one made from the colored page.
cv::Mat bw_page(const PageFiles& files, const cv::Mat& truth) {
    if (files.bw.empty()) return mangaize(truth);
    cv::Mat gray = to_gray_float(read_image(files.bw));
    cv::resize(gray, gray, truth.size(), 0, 0, cv::INTER_AREA);
    return gray;
}

// Input, output and truth side by side, small enough to look at: for model cards and reviews.
void write_comparison(const std::string& dir, const std::string& page_file, const cv::Mat& bw_rgb,
                      const cv::Mat& result, const cv::Mat& truth) {
    constexpr int kHeight = 768;
    cv::Mat row;
    cv::hconcat(std::vector<cv::Mat>{bw_rgb, result, truth}, row);
    const double scale = std::min(1.0, double(kHeight) / row.rows);
    cv::resize(row, row, cv::Size(), scale, scale, cv::INTER_AREA);
    const std::string name = std::filesystem::path(page_file).stem().string() + "-compare.png";
    write_image((std::filesystem::path(dir) / name).string(), from_float(row, CV_8U));
}

void add(QualityMetrics& sum, const QualityMetrics& m) {
    sum.psnr += m.psnr;
    sum.ssim += m.ssim;
    sum.ciede2000 += m.ciede2000;
}

void print_row(const char* what, const QualityMetrics& sum, int n) {
    std::printf("%-22s %9.2f %9.4f %12.2f\n", what, sum.psnr / n, sum.ssim / n, sum.ciede2000 / n);
}

}  // namespace

int run_eval(Args& args) {
    const auto model_path = args.value("--model");
    const int limit = args.integer("--limit", 1000000, 1, 1000000);
    const auto compare_dir = args.value("--compare");
    ColorizeOptions options;
    options.flat_colors = !args.flag("--no-flat");
    const auto folders = args.positionals();
    if (folders.size() != 1) throw UsageError("name exactly one folder of colored pages");
    auto pages = find_pages(folders[0]);
    if (pages.size() > static_cast<size_t>(limit)) pages.resize(limit);
    if (pages.empty()) throw Error("no pages found in '" + folders[0] + "'");
    if (compare_dir) std::filesystem::create_directories(*compare_dir);

    const Colorizer colorizer = Colorizer::load(model_path ? *model_path : default_model_path());
    QualityMetrics model_sum, baseline_sum;
    int done = 0, failed = 0;
    for (const auto& files : pages) {
        try {
            const cv::Mat truth = to_rgb_float(read_image(files.color));
            const cv::Mat bw = bw_page(files, truth);
            cv::Mat bw_rgb;
            cv::cvtColor(bw, bw_rgb, cv::COLOR_GRAY2RGB);
            const cv::Mat result = colorizer.colorize(bw, options);
            add(model_sum, measure_quality(result, truth));
            if (compare_dir) write_comparison(*compare_dir, files.color, bw_rgb, result, truth);
            add(baseline_sum, measure_quality(bw_rgb, truth));
            ++done;
        } catch (const Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            ++failed;
            std::fprintf(stderr, "error: %s: %s\n", files.color.c_str(), e.what());
        }
    }
    if (done == 0) throw Error("no page could be evaluated");
    std::printf("%d pages\n%-22s %9s %9s %12s\n", done, "", "PSNR dB", "SSIM", "CIEDE2000");
    print_row("model", model_sum, done);
    print_row("uncolored (baseline)", baseline_sum, done);
    return failed ? 1 : 0;
}

}  // namespace mangacolor::cli
