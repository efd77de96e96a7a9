#include "mangacolor/dataset.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "mangacolor/bw_styles.h"
#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/flat_colors.h"
#include "mangacolor/hint_spread.h"
#include "mangacolor/hints.h"
#include "mangacolor/image.h"
#include "mangacolor/line_art.h"

namespace mangacolor {
namespace fs = std::filesystem;
namespace {

// Image files directly in `dir`, by stem.
std::map<std::string, std::string> images_by_stem(const fs::path& dir) {
    std::map<std::string, std::string> found;
    if (!fs::is_directory(dir)) return found;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && has_image_extension(entry.path().string()))
            found[entry.path().stem().string()] = entry.path().string();
    return found;
}

// FNV-1a: a stable hash, unlike std::hash, so splits agree across machines and versions.
uint64_t stable_hash(const std::string& text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
}

cv::Mat scaled(const cv::Mat& image, int long_side, int interpolation_up) {
    const double scale = double(long_side) / std::max(image.cols, image.rows);
    cv::Mat out;
    cv::resize(image, out, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : interpolation_up);
    return out;
}

PagePair load_pair(const PageFiles& files, int long_side) {
    const cv::Mat color = scaled(to_rgb_float(read_image(files.color)), long_side, cv::INTER_CUBIC);
    PagePair pair;
    color.convertTo(pair.color, CV_8UC3, 255.0);
    if (!files.bw.empty()) {
        cv::Mat gray = to_gray_float(read_image(files.bw));
        cv::resize(gray, gray, color.size(), 0, 0, cv::INTER_AREA);
        gray.convertTo(pair.bw, CV_8U, 255.0);
    }
    return pair;
}

torch::Tensor to_tensor(const cv::Mat& image, double scale, double offset) {
    const auto type = image.depth() == CV_8U ? torch::kUInt8 : torch::kFloat;
    auto t = torch::from_blob(image.data, {image.rows, image.cols, image.channels()}, type);
    // Contiguous NCHW: a permuted one-channel tensor has ambiguous strides that LibTorch 2.6
    // convolution backward mishandles (NaN weight gradients in the first layer).
    return t.permute({2, 0, 1}).to(torch::kFloat).mul(scale).add(offset).contiguous();
}

cv::Mat float_of(const cv::Mat& image8) {
    cv::Mat out;
    image8.convertTo(out, image8.channels() == 1 ? CV_32F : CV_32FC3, 1.0 / 255);
    return out;
}

// The B/W page of a crop: the page's own original for some, else one made at random.
cv::Mat printed_bw(const PagePair& crop, std::mt19937_64& rng) {
    constexpr double kOwnOriginalShare = 0.4;
    return !crop.bw.empty() && std::bernoulli_distribution(kOwnOriginalShare)(rng)
               ? float_of(crop.bw)
               : random_bw(float_of(crop.color), rng,
                           crop.bw.empty() ? cv::Mat() : float_of(crop.bw));
}

// A B/W page as the network sees it.
cv::Mat network_bw(const cv::Mat& bw, bool descreen) {
    return from_float(descreen ? descreened(bw, find_ink(bw)) : bw, CV_8U);
}

// A crop's hint channels as the network takes them, given its B/W page as printed (`bw`).
cv::Mat network_hints(const cv::Mat& hints, const cv::Mat& bw, HintInput input) {
    if (input == HintInput::Dots) return hints;
    cv::Mat mask, areas;
    cv::extractChannel(hints, mask, 3);
    if (input == HintInput::FieldByArea && cv::countNonZero(mask) > 0) {
        const InkParts ink = find_ink(bw);
        const cv::Mat tone = descreened(bw, ink);
        areas = working_areas(tone, ink.tones, drawn_lines(ink.lines), tone);
    }
    return spread_hints(hints, areas);
}

// White paper (and no B/W original where there was none) around a crop up to size x size.
PagePair pad_white(const PagePair& pair, int size) {
    const int bottom = std::max(0, size - pair.color.rows),
              right = std::max(0, size - pair.color.cols);
    PagePair out;
    cv::copyMakeBorder(pair.color, out.color, 0, bottom, 0, right, cv::BORDER_CONSTANT,
                       cv::Scalar::all(255));
    if (!pair.bw.empty())
        cv::copyMakeBorder(pair.bw, out.bw, 0, bottom, 0, right, cv::BORDER_CONSTANT,
                           cv::Scalar(255));
    return out;
}

PagePair cropped(const PagePair& page, const cv::Rect& r) {
    return {page.color(r).clone(), page.bw.empty() ? cv::Mat() : page.bw(r).clone()};
}

}  // namespace

std::string folder_name(const std::string& folder) {
    std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
    if (path.filename().empty()) path = path.parent_path();
    return path.filename().string();
}

std::vector<PageFiles> find_pages(const std::string& dir, const std::string& bw_dir) {
    if (!fs::is_directory(dir)) throw Error("training folder '" + dir + "' does not exist");
    if (!bw_dir.empty() && !fs::is_directory(bw_dir))
        throw Error("B/W folder '" + bw_dir + "' does not exist");
    const bool paired_layout = bw_dir.empty() && fs::is_directory(fs::path(dir) / "color");
    const fs::path color_dir = paired_layout ? fs::path(dir) / "color" : fs::path(dir);
    const auto bw = images_by_stem(paired_layout ? fs::path(dir) / "bw" : fs::path(bw_dir));
    std::vector<PageFiles> pages;
    for (const auto& [stem, color] : images_by_stem(color_dir)) {
        auto match = bw.find(stem);
        pages.push_back({color, match == bw.end() ? "" : match->second});
    }
    return pages;
}

void split_pages(const std::vector<PageFiles>& pages, double validation_fraction,
                 std::vector<PageFiles>& train, std::vector<PageFiles>& validation) {
    train.clear();
    validation.clear();
    for (const auto& page : pages) {
        const std::string name = fs::path(page.color).filename().string();
        const double position = (stable_hash(name) % 10000) / 10000.0;
        (position < validation_fraction ? validation : train).push_back(page);
    }
    // Tiny sets: keep at least one page on each side when there are two or more.
    if (validation.empty() && train.size() >= 2 && validation_fraction > 0) {
        validation.push_back(train.back());
        train.pop_back();
    }
}

std::vector<PagePair> load_pages(const std::vector<PageFiles>& files, int long_side,
                                 const std::function<void(const std::string&)>& warn) {
    std::vector<PagePair> pages;
    for (const auto& f : files) {
        try {
            pages.push_back(load_pair(f, long_side));
        } catch (const std::exception& e) {
            warn("skipping " + f.color + ": " + user_message(e));
        }
    }
    return pages;
}

Batch to_batch(const std::vector<Sample>& samples) {
    std::vector<torch::Tensor> grays, hints, colors, labs;
    for (const auto& sample : samples) {
        grays.push_back(to_tensor(sample.gray, 1 / 127.5, -1));
        hints.push_back(to_tensor(sample.hints, 1, 0));
        colors.push_back(to_tensor(sample.color, 1 / 127.5, -1));
        labs.push_back(to_tensor(network_lab(lab_of(float_of(sample.color))), 1, 0));
    }
    return {torch::stack(grays), torch::stack(hints), torch::stack(colors), torch::stack(labs)};
}

std::vector<Sample> center_crops(const std::vector<PagePair>& pages, int size, bool descreen) {
    std::vector<Sample> samples;
    std::mt19937_64 rng(1);
    for (const auto& page : pages) {
        const int w = std::min(size, page.color.cols), h = std::min(size, page.color.rows);
        const cv::Rect r((page.color.cols - w) / 2, (page.color.rows - h) / 2, w, h);
        const PagePair crop = pad_white(cropped(page, r), size);
        samples.push_back({network_bw(printed_bw(crop, rng), descreen),
                           cv::Mat(crop.color.size(), CV_32FC4, cv::Scalar::all(0)), crop.color});
    }
    return samples;
}

CropSampler::CropSampler(const std::vector<PagePair>& pages, int crop_size, CropHints hints,
                         bool descreen, uint64_t seed)
    : pages_(pages), crop_size_(crop_size), hints_(hints), descreen_(descreen), rng_(seed) {
    if (pages_.empty()) throw Error("no usable training pages");
}

Sample CropSampler::random_sample(std::mt19937_64& rng) const {
    const PagePair& page = pages_[std::uniform_int_distribution<size_t>(0, pages_.size() - 1)(rng)];
    // Scale jitter: cut a window 0.5x to 2x the crop and resize it to the crop, so drawings
    // come at many sizes, close-ups included.
    const double jitter =
        std::exp(std::uniform_real_distribution<double>(std::log(0.5), std::log(2.0))(rng));
    const int window = std::max(8, static_cast<int>(crop_size_ * jitter));
    const int w = std::min(window, page.color.cols), h = std::min(window, page.color.rows);
    const int x = std::uniform_int_distribution<int>(0, page.color.cols - w)(rng);
    const int y = std::uniform_int_distribution<int>(0, page.color.rows - h)(rng);
    const double fit = double(crop_size_) / window;
    PagePair crop = cropped(page, cv::Rect(x, y, w, h));
    const int shrink_or_grow = fit < 1 ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(crop.color, crop.color, cv::Size(), fit, fit, shrink_or_grow);
    if (!crop.bw.empty()) cv::resize(crop.bw, crop.bw, crop.color.size(), 0, 0, shrink_or_grow);
    crop = pad_white(crop, crop_size_);
    crop = cropped(crop, cv::Rect(0, 0, crop_size_, crop_size_));
    if (std::bernoulli_distribution(0.5)(rng)) {
        cv::flip(crop.color, crop.color, 1);
        if (!crop.bw.empty()) cv::flip(crop.bw, crop.bw, 1);
    }
    const cv::Mat bw = printed_bw(crop, rng);
    const cv::Mat hints = sample_hints(float_of(crop.color), hints_.share, hints_.placement, rng);
    return {network_bw(bw, descreen_), network_hints(hints, bw, hints_.input), crop.color};
}

Batch CropSampler::next(int batch_size) {
    // Printing a crop's B/W page is most of a step's work on the CPU: the crops are made in
    // parallel, each from a seed drawn in order, so the batches do not depend on the threads.
    std::vector<uint64_t> seeds(batch_size);
    for (auto& seed : seeds) seed = rng_();
    std::vector<Sample> samples(batch_size);
    cv::parallel_for_(cv::Range(0, batch_size), [&](const cv::Range& range) {
        for (int i = range.start; i < range.end; ++i) {
            std::mt19937_64 rng(seeds[i]);
            samples[i] = random_sample(rng);
        }
    });
    return to_batch(samples);
}

std::string CropSampler::state() const {
    std::ostringstream out;
    out << rng_;
    return out.str();
}

void CropSampler::restore(const std::string& state) {
    std::istringstream in(state);
    in >> rng_;
    if (!in) throw Error("the checkpoint's sampler state is damaged");
}

}  // namespace mangacolor
