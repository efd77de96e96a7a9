#pragma once

#include <functional>
#include <memory>
#include <opencv2/core.hpp>
#include <string>

#include "mangacolor/model_info.h"

namespace mangacolor {

struct Model;  // model_file.h; kept out of this header so callers need no LibTorch headers

enum class Device { Auto, CPU, CUDA };

struct ColorizeOptions {
    bool keep_line_art = true;  // the page's ink stays in the result; false: lifted out
    bool flat_colors = true;    // one colour per area enclosed by ink (see flat_colors.h)
    // Colour hints: an RGBA image of the page's size (any depth) whose pixels with alpha over half
    // are hints; empty: none. Hints on ink lines are ignored (see hints.h).
    cv::Mat hints;
    int tile_size = 1024;   // in model pixels; bounds memory independently of page size
    int tile_overlap = 32;  // context seen around each tile, and the feathered blend
                            // between neighbours: together they leave no seams
    double scale = 0;       // model pixels per page pixel; 0: from the model's page size
};

// Called with the fraction done in [0, 1]; return false to cancel (colorize throws Cancelled).
using ProgressCallback = std::function<bool(double fraction)>;

// A loaded generator ready to colorize pages. Cheap to move; not copyable.
class Colorizer {
  public:
    // Throws Error naming the file when it is missing, truncated, corrupt, foreign or newer.
    static Colorizer load(const std::string& model_path, Device device = Device::Auto);
    static Colorizer from_model(const Model& model, Device device = Device::Auto);

    // Any page (gray/RGB/RGBA; 8U, 16U or 32F) -> float RGB in [0, 1] of the same size, with
    // the page's lightness (screentone descreened) and the model's colours.
    cv::Mat colorize(const cv::Mat& page, const ColorizeOptions& options = {},
                     const ProgressCallback& progress = {}) const;

    // Model pixels per page pixel for a page of this size: callers that colorize part of a
    // page (a selection, a preview) pass the whole page's scale in ColorizeOptions::scale.
    double page_scale(cv::Size page, const ColorizeOptions& options = {}) const;

    const ModelInfo& info() const;
    std::string device_name() const;

    Colorizer(Colorizer&&) noexcept;
    Colorizer& operator=(Colorizer&&) noexcept;
    ~Colorizer();

  private:
    struct State;
    cv::Mat colorize_page(const cv::Mat& page, const ColorizeOptions& options,
                          const ProgressCallback& progress) const;
    explicit Colorizer(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace mangacolor
