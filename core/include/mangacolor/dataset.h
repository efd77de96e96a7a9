#pragma once

#include <torch/torch.h>

#include <functional>
#include <opencv2/core.hpp>
#include <random>
#include <string>
#include <vector>

#include "mangacolor/hints.h"

// Training pages: finding them, loading them at the model's scale, cutting random batches.
namespace mangacolor {

// A colored page and, when the user has it, its B/W original (else it is made by mangaize).
struct PageFiles {
    std::string color;
    std::string bw;  // empty: made from `color`
};

// Colored pages in a folder, with their B/W originals matched by file name (any extension)
// in `bw_dir` when given, else in DIR/bw when DIR/color holds the colored pages; otherwise
// every image directly in DIR is a colored page. Sorted by name.
std::vector<PageFiles> find_pages(const std::string& dir, const std::string& bw_dir = "");

// "chapter-1" for "pages/chapter-1/" as well as for "pages/chapter-1": a folder of pages as
// model metadata names it.
std::string folder_name(const std::string& folder);

// Deterministic train/validation split by file name, never by crop: the same page never ends
// up on both sides, whatever the order the files were found in.
void split_pages(const std::vector<PageFiles>& pages, double validation_fraction,
                 std::vector<PageFiles>& train, std::vector<PageFiles>& validation);

// A training page in memory at the model's working scale (8-bit to keep big sets in RAM).
struct PagePair {
    cv::Mat color;  // CV_8UC3, RGB
    cv::Mat bw;     // CV_8U, the page's own B/W original; empty: none
};

// Loads and scales pages so their long side is `long_side` pixels. A file that cannot be read
// is reported through `warn` and skipped; it never stops the run.
std::vector<PagePair> load_pages(const std::vector<PageFiles>& files, int long_side,
                                 const std::function<void(const std::string&)>& warn);

// What the generator sees and what it should give, for one crop.
struct Sample {
    cv::Mat gray;   // CV_8U, the B/W input
    cv::Mat hints;  // CV_32FC4, the hint channels as the network takes them (see HintInput)
    cv::Mat color;  // CV_8UC3, RGB, the truth
};

// Tensors of a set of samples: gray N x 1, hints N x 4, color N x 3 (RGB in [-1, 1]) and lab
// N x 3 (as network_lab gives it), all S x S.
struct Batch {
    torch::Tensor gray;
    torch::Tensor hints;
    torch::Tensor color;
    torch::Tensor lab;
};

Batch to_batch(const std::vector<Sample>& samples);

// The centre crop of each page (at most `size` x `size`, padded white to exactly that), its B/W
// input made once with a fixed seed and no hints: a fixed validation set, so numbers from
// different steps and runs compare. `descreen`: each B/W input descreened (descreened_input in
// model_config.h), as the network will see it.
std::vector<Sample> center_crops(const std::vector<PagePair>& pages, int size, bool descreen);

// How a crop's hints reach the network (Sample::hints).
enum class HintInput {
    Dots,   // as hint_channels gives them: a model without hint_field
    Field,  // spread over the whole crop with hint_field
    // Spread as the colorizer spreads them (spread_hints): within each enclosed area of the
    // crop's B/W page that holds hints, from that area's own hints alone.
    FieldByArea,
};

// The colour hints a training crop gets, sampled from its colours (sample_hints).
struct CropHints {
    double share = 0.5;  // the share of crops with hints
    HintPlacement placement = HintPlacement::Anywhere;
    HintInput input = HintInput::Dots;
};

// Random crops with flips and scale jitter, each with a B/W input made at random (bw_styles.h;
// a page's own B/W original is used as it is for some of them), hints as `hints` says, and
// descreened when `descreen` is set. Its state can be saved and restored, so a resumed run sees
// the same batches as an uninterrupted one.
class CropSampler {
  public:
    CropSampler(const std::vector<PagePair>& pages, int crop_size, CropHints hints, bool descreen,
                uint64_t seed);
    Batch next(int batch_size);
    std::string state() const;
    void restore(const std::string& state);

  private:
    Sample random_sample(std::mt19937_64& rng) const;

    const std::vector<PagePair>& pages_;
    int crop_size_;
    CropHints hints_;
    bool descreen_;
    std::mt19937_64 rng_;
};

}  // namespace mangacolor
