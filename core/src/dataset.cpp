#include "mangacolor/dataset.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "mangacolor/mangaize.h"

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
    cv::Mat gray;
    if (files.bw.empty()) {
        // Every fourth page becomes pure line art, the rest get screentones: both kinds of
        // B/W page occur in real chapters.
        MangaizeOptions options;
        options.screentone = stable_hash(files.color) % 4 != 0;
        gray = mangaize(color, options);
    } else {
        gray = to_gray_float(read_image(files.bw));
        cv::resize(gray, gray, color.size(), 0, 0, cv::INTER_AREA);
    }
    PagePair pair;
    gray.convertTo(pair.gray, CV_8U, 255.0);
    color.convertTo(pair.color, CV_8UC3, 255.0);
    return pair;
}

torch::Tensor to_tensor(const cv::Mat& image8) {
    auto t =
        torch::from_blob(image8.data, {image8.rows, image8.cols, image8.channels()}, torch::kUInt8);
    // Contiguous NCHW: a permuted one-channel tensor has ambiguous strides that LibTorch 2.6
    // convolution backward mishandles (NaN weight gradients in the first layer).
    return t.permute({2, 0, 1}).to(torch::kFloat).div(127.5).sub(1).contiguous();
}

PagePair pad_white(const PagePair& pair, int size) {
    const int bottom = std::max(0, size - pair.gray.rows),
              right = std::max(0, size - pair.gray.cols);
    PagePair out;
    cv::copyMakeBorder(pair.gray, out.gray, 0, bottom, 0, right, cv::BORDER_CONSTANT,
                       cv::Scalar(255));
    cv::copyMakeBorder(pair.color, out.color, 0, bottom, 0, right, cv::BORDER_CONSTANT,
                       cv::Scalar::all(255));
    return out;
}

}  // namespace

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
            warn(std::string("skipping ") + f.color + ": " + e.what());
        }
    }
    return pages;
}

Batch to_batch(const std::vector<PagePair>& crops) {
    std::vector<torch::Tensor> grays, colors;
    for (const auto& c : crops) {
        grays.push_back(to_tensor(c.gray));
        colors.push_back(to_tensor(c.color));
    }
    return {torch::stack(grays), torch::stack(colors)};
}

std::vector<PagePair> center_crops(const std::vector<PagePair>& pages, int size) {
    std::vector<PagePair> crops;
    for (const auto& page : pages) {
        const int w = std::min(size, page.gray.cols), h = std::min(size, page.gray.rows);
        const cv::Rect r((page.gray.cols - w) / 2, (page.gray.rows - h) / 2, w, h);
        crops.push_back(pad_white({page.gray(r).clone(), page.color(r).clone()}, size));
    }
    return crops;
}

CropSampler::CropSampler(const std::vector<PagePair>& pages, int crop_size, uint64_t seed)
    : pages_(pages), crop_size_(crop_size), rng_(seed) {
    if (pages_.empty()) throw Error("no usable training pages");
}

PagePair CropSampler::random_crop() {
    const PagePair& page =
        pages_[std::uniform_int_distribution<size_t>(0, pages_.size() - 1)(rng_)];
    // Scale jitter: cut a window 0.8x to 1.25x the crop and resize it to the crop.
    const double jitter = std::uniform_real_distribution<double>(0.8, 1.25)(rng_);
    const int window = std::max(8, static_cast<int>(crop_size_ * jitter));
    const int w = std::min(window, page.gray.cols), h = std::min(window, page.gray.rows);
    const int x = std::uniform_int_distribution<int>(0, page.gray.cols - w)(rng_);
    const int y = std::uniform_int_distribution<int>(0, page.gray.rows - h)(rng_);
    const double fit = double(crop_size_) / window;
    PagePair crop;
    cv::resize(page.gray(cv::Rect(x, y, w, h)), crop.gray, cv::Size(), fit, fit, cv::INTER_AREA);
    cv::resize(page.color(cv::Rect(x, y, w, h)), crop.color, cv::Size(), fit, fit, cv::INTER_AREA);
    crop = pad_white(crop, crop_size_);
    const cv::Rect exact(0, 0, crop_size_, crop_size_);
    crop.gray = crop.gray(exact).clone();
    crop.color = crop.color(exact).clone();
    if (std::bernoulli_distribution(0.5)(rng_)) {
        cv::flip(crop.gray, crop.gray, 1);
        cv::flip(crop.color, crop.color, 1);
    }
    return crop;
}

Batch CropSampler::next(int batch_size) {
    std::vector<PagePair> crops;
    for (int i = 0; i < batch_size; ++i) crops.push_back(random_crop());
    return to_batch(crops);
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
