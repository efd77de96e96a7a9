// Colorize benchmark: time, peak memory and achieved FLOP/s of colorizing an A4 page at 300 dpi
// (2480 x 3508) on this machine, for the default architecture and a few alternatives.
//
//   build/bench/bench-colorize [--runs N] [--model FILE] [--all]
//
// --all adds the MobileNetV2 backbone, whose depthwise convolutions run at a small fraction of
// the CPU's speed in LibTorch 2.6 (minutes per page here).
//
// Weights hardly change the speed (only neutral colours take a shorter path when the page and
// the colours are composed), so untrained models of each architecture are used unless --model
// names a file. The reference throughput is a large float32 matrix product
// (LibTorch's own best case on this CPU), so "of GEMM peak" says how well the convolutions
// use the hardware.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mangacolor/colorizer.h"
#include "mangacolor/model_file.h"

using namespace mangacolor;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A B/W page with panels, strokes and a screentone-like area.
cv::Mat synthetic_page() {
    cv::Mat page(3508, 2480, CV_8U, cv::Scalar(255));
    cv::RNG rng(1);
    for (int i = 0; i < 6; ++i)
        cv::rectangle(page, cv::Rect(100 + (i % 2) * 1160, 100 + (i / 2) * 1100, 1120, 1060),
                      cv::Scalar(0), 8);
    for (int i = 0; i < 400; ++i)
        cv::line(page, {rng.uniform(0, 2480), rng.uniform(0, 3508)},
                 {rng.uniform(0, 2480), rng.uniform(0, 3508)}, cv::Scalar(0), 3, cv::LINE_AA);
    for (int y = 1300; y < 2000; y += 6)
        for (int x = 300; x < 1100; x += 6) cv::circle(page, {x, y}, 1, cv::Scalar(0), cv::FILLED);
    return page;
}

double gemm_gflops() {
    c10::InferenceMode guard;
    const auto a = torch::rand({2048, 2048}), b = torch::rand({2048, 2048});
    torch::mm(a, b);  // warm-up
    const auto start = Clock::now();
    const int reps = 10;
    for (int i = 0; i < reps; ++i) torch::mm(a, b);
    return 2.0 * 2048 * 2048 * 2048 * reps / seconds_since(start) / 1e9;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

struct Variant {
    std::string name;
    ModelConfig config;
    ColorizeOptions options;
};

// Runs `job` in a child process, so each row's peak memory is its own.
template <typename Job>
void in_child(Job job) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        at::set_num_threads(static_cast<int>(std::thread::hardware_concurrency()));
        job();
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 3;
    std::string model_file;
    bool all = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--all") all = true;
        if (arg == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
        if (arg == "--model" && i + 1 < argc) model_file = argv[++i];
    }

    std::vector<Variant> variants;
    const ModelConfig plain;  // the defaults
    ModelConfig mobile = plain;
    mobile.backbone = Backbone::MobileNetV2;
    ModelConfig classes = plain;
    classes.output_head = OutputHead::LabClasses;
    ModelConfig full_res_unet = plain;
    full_res_unet.stem_stride = 1;
    ModelConfig wide = plain;
    wide.base_width = 32;
    wide.latent_width = 512;
    ModelConfig context = plain;
    context.context_stages = 3;
    ModelConfig global = plain;
    global.global_context = true;
    ColorizeOptions one_tile;  // a whole page at the model's size in one tile: no seams to blend
    one_tile.tile_size = plain.page_long_side;
    ColorizeOptions full_res;
    full_res.scale = 1.0;
    ColorizeOptions raw_colors;
    raw_colors.flat_colors = false;
    if (model_file.empty()) {
        variants = {{"default (plain, width 16)", plain, {}},
                    {"default, no flat colors", plain, raw_colors},
                    {"default, one tile", plain, one_tile},
                    {"3 context stages", context, {}},
                    {"3 context stages, one tile", context, one_tile},
                    {"global context", global, {}},
                    {"lab-classes head", classes, {}},
                    {"stem stride 1 (no halving)", full_res_unet, {}},
                    {"plain, width 32", wide, {}},
                    {"default at full 300 dpi", plain, full_res}};
        if (all) variants.push_back({"mobilenetv2, width 16", mobile, {}});
    } else {
        variants = {{model_file, {}, {}}};
    }

    const cv::Mat page = synthetic_page();
    in_child([&] {
        std::printf(
            "page %dx%d, %d threads, float32 GEMM reference %.1f GFLOP/s, best of %d runs\n\n",
            page.cols, page.rows, at::get_num_threads(), gemm_gflops(), runs);
    });
    std::printf("%-28s %9s %9s %10s %9s\n", "variant", "model px", "seconds", "GFLOP/s", "peak MB");
    for (const auto& v : variants) {
        in_child([&] {
            Model model = model_file.empty() ? make_model(v.config) : load_model(model_file);
            const Colorizer colorizer = Colorizer::from_model(model, Device::CPU);
            const double scale = v.options.scale > 0
                                     ? v.options.scale
                                     : double(model.info.config.page_long_side) / page.rows;
            const int64_t h = std::lround(page.rows * scale), w = std::lround(page.cols * scale);
            double best = 1e9;
            for (int r = 0; r < runs; ++r) {
                const auto start = Clock::now();
                colorizer.colorize(page, v.options);
                best = std::min(best, seconds_since(start));
            }
            const double gflop = 2.0 * generator_multiply_adds(model.generator, h, w) / 1e9;
            std::printf("%-28s %4lldx%-4lld %9.2f %10.1f %9.0f\n", v.name.c_str(),
                        static_cast<long long>(w), static_cast<long long>(h), best, gflop / best,
                        peak_rss_mb());
        });
    }
    return 0;
}
