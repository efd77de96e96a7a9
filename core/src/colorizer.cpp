#include "mangacolor/colorizer.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "heap_reuse.h"
#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/flat_colors.h"
#include "mangacolor/hint_spread.h"
#include "mangacolor/hints.h"
#include "mangacolor/image.h"
#include "mangacolor/line_art.h"
#include "mangacolor/model_file.h"
#include "mangacolor/palette.h"
#include "mangacolor/tiling.h"

namespace mangacolor {
namespace {

// Over how many working pixels the network's colours are evened out within a shape. Chosen on 90
// validation drawings with flat colours off (CIEDE2000, gray / screentone): 0 px 7.86 / 10.99,
// 8 px 7.81 / 10.83, 16 px 7.79 / 10.75, 32 px 7.80 / 10.67 (wider mutes the colours more).
constexpr int kSmoothingRadius = 16;

torch::Device choose_device(Device wanted) {
    const bool cuda = torch::cuda::is_available();
    if (wanted == Device::CUDA && !cuda)
        throw Error("CUDA was asked for but no CUDA device is available");
    return (wanted == Device::CPU || !cuda) ? torch::Device(torch::kCPU)
                                            : torch::Device(torch::kCUDA);
}

void use_all_cores() {
    // LibTorch may start with one thread (seen in Debian 13); colorizing wants every core.
    static const bool once = [] {
        at::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        return true;
    }();
    (void)once;
}

cv::Rect grown(const cv::Rect& r, int margin) {
    return {r.x - margin, r.y - margin, r.width + 2 * margin, r.height + 2 * margin};
}

// A gray image at the network's working size: averaged down, or interpolated up.
cv::Mat at_work_size(const cv::Mat& gray, cv::Size work_size) {
    cv::Mat work;
    cv::resize(gray, work, work_size, 0, 0,
               work_size.area() < gray.size().area() ? cv::INTER_AREA : cv::INTER_LINEAR);
    return work;
}

// Where the page as read (its L* at working size) is shaded gray, CV_8U 255 there: its lightness
// is the colour's, the key to a palette. Not paper, whose lightness the network gives (line art's
// areas), nor screentone (`tones`, at the page's size), whose printed tones squeeze the colours'
// lightness together.
cv::Mat shaded_gray(const cv::Mat& lightness, const cv::Mat& tones) {
    cv::Mat toned;
    cv::resize(tones, toned, lightness.size(), 0, 0, cv::INTER_AREA);
    return ~paper_of_lightness(lightness) & (toned == 0);
}

int round_up(int value, int multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

}  // namespace

struct Colorizer::State {
    ModelInfo info;
    Generator generator{nullptr};
    torch::Device device{torch::kCPU};
    torch::ScalarType dtype = torch::kFloat;

    // The hints as the network takes them, for the whole page at once so that its tiles agree:
    // spread (hint_field, within their enclosed areas) or as dots. Empty for no hints.
    cv::Mat network_hints(const cv::Mat& hints, const cv::Mat& areas) const {
        if (hints.empty() || !info.config.hint_field) return hints;
        return spread_hints(hints, areas);
    }

    // One tile of gray in [0, 1] and its hint channels (empty: no hints) as the network takes
    // them, padded at the bottom and right to the network's size multiple.
    torch::Tensor network_input(const cv::Mat& gray, const cv::Mat& hints) const {
        const ModelConfig& config = info.config;
        const int multiple = config.size_multiple();
        const int bottom = round_up(gray.rows, multiple) - gray.rows;
        const int right = round_up(gray.cols, multiple) - gray.cols;
        cv::Mat padded;
        cv::copyMakeBorder(gray, padded, 0, bottom, 0, right, cv::BORDER_REFLECT_101);
        torch::Tensor input =
            torch::from_blob(padded.data, {1, 1, padded.rows, padded.cols}, torch::kFloat) * 2 - 1;
        if (config.color_hints) {
            // Spread hints come spread over the whole page already (see network_hints).
            torch::Tensor hint_input = torch::zeros({1, 4, padded.rows, padded.cols});
            if (!hints.empty()) {
                cv::Mat padded_hints;
                cv::copyMakeBorder(hints, padded_hints, 0, bottom, 0, right,
                                   config.hint_field ? cv::BORDER_REPLICATE : cv::BORDER_CONSTANT);
                hint_input = hint_tensor(padded_hints);
            }
            input = torch::cat({input, hint_input}, 1);
        }
        return input.to(device, dtype);
    }

    // For a model with global_context colouring a page in several tiles: the summary of the
    // whole page, so that its tiles colour alike (each tile's own, weighted by its size, as one
    // pass over the page would give up to the tiles' edges). Undefined otherwise.
    torch::Tensor page_summary(const cv::Mat& work, const cv::Mat& hints,
                               const std::vector<cv::Rect>& tiles, int overlap) {
        if (!generator->global_context || tiles.size() < 2) return {};
        torch::Tensor sum;
        double area = 0;
        for (const cv::Rect& tile : tiles) {
            const cv::Rect context = grown(tile, overlap) & cv::Rect({0, 0}, work.size());
            const torch::Tensor own = generator->global_summary(
                network_input(work(context), hints.empty() ? hints : hints(context).clone()));
            sum = sum.defined() ? sum + own * tile.area() : own * tile.area();
            area += tile.area();
        }
        return sum / area;
    }

    // One tile of gray in [0, 1] and its hint channels (empty: no hints) -> CIELAB (CV_32FC3) of
    // the same size. `page_summary`: as page_summary gives it.
    cv::Mat run_tile(const cv::Mat& gray, const cv::Mat& hints, const torch::Tensor& page_summary) {
        const ModelConfig& config = info.config;
        const torch::Tensor input = network_input(gray, hints);
        torch::Tensor output = generator->forward(input, page_summary);
        output = output.squeeze(0).permute({1, 2, 0}).to(torch::kCPU, torch::kFloat).contiguous();
        // Weights damaged past the file's checks give NaN, which no colour table may index.
        if (!torch::isfinite(output).all().item<bool>())
            throw Error("the model's colors came out as no numbers (NaN): its weights are damaged");
        const cv::Rect tile(0, 0, gray.cols, gray.rows);
        const int rows = static_cast<int>(output.size(0)), cols = static_cast<int>(output.size(1));
        cv::Mat lab;
        if (config.predicts_lab()) {
            cv::Mat channels(rows, cols, CV_32FC3, output.data_ptr<float>());
            lab = lab_from_network(channels(tile));
        } else {
            output = ((output + 1) * 0.5).clamp(0, 1);
            cv::Mat rgb(rows, cols, CV_32FC3, output.data_ptr<float>());
            lab = lab_of(rgb(tile).clone());
        }
        if (config.chroma_gain != 1.0)
            cv::multiply(lab, cv::Scalar(1, config.chroma_gain, config.chroma_gain), lab);
        return lab;
    }
};

Colorizer::Colorizer(std::unique_ptr<State> state) : state_(std::move(state)) {}
Colorizer::Colorizer(Colorizer&&) noexcept = default;
Colorizer& Colorizer::operator=(Colorizer&&) noexcept = default;
Colorizer::~Colorizer() = default;

Colorizer Colorizer::load(const std::string& model_path, Device device) {
    return from_model(load_model(model_path), device);
}

Colorizer Colorizer::from_model(const Model& model, Device device) {
    use_all_cores();
    auto state = std::make_unique<State>();
    state->info = model.info;
    state->generator = model.generator;
    state->device = choose_device(device);
    // Half precision halves memory and doubles throughput on GPUs; CPUs stay in float.
    if (state->device.is_cuda()) state->dtype = torch::kHalf;
    state->generator->to(state->device, state->dtype);
    state->generator->eval();
    return Colorizer(std::move(state));
}

const ModelInfo& Colorizer::info() const {
    return state_->info;
}

std::string Colorizer::device_name() const {
    return state_->device.is_cuda() ? "cuda (half precision)" : "cpu";
}

double Colorizer::page_scale(cv::Size page, const ColorizeOptions& options) const {
    if (options.scale > 0) return options.scale;
    return info().config.page_scale(page.width, page.height);
}

cv::Mat Colorizer::colorize(const cv::Mat& page, const ColorizeOptions& options,
                            const ProgressCallback& progress) const {
    try {
        const HeapReuse heap_reuse;
        return colorize_page(page, options, progress);
    } catch (const c10::Error& e) {
        throw Error("colorizing failed: " + user_message(e));
    }
}

cv::Mat Colorizer::colorize_page(const cv::Mat& page, const ColorizeOptions& options,
                                 const ProgressCallback& progress) const {
    const cv::Mat gray = to_gray_float(page);
    if (!options.hints.empty() && options.hints.size() != gray.size())
        throw Error("the hints image is " + std::to_string(options.hints.cols) + " x " +
                    std::to_string(options.hints.rows) + " pixels but the page is " +
                    std::to_string(gray.cols) + " x " + std::to_string(gray.rows));
    const double scale = page_scale(gray.size(), options);
    const cv::Size work_size(std::max(1, int(std::lround(gray.cols * scale))),
                             std::max(1, int(std::lround(gray.rows * scale))));
    // Ink is told from screentone on the page itself: shrunk, thin lines fade and dots blur.
    const InkParts ink = find_ink(gray);
    // The lightness is the page's: its screentone as the tone it stands for, its lines as drawn
    // (or lifted out, for colours to paint under the ink), its white paper as the network says.
    cv::Mat tone = descreened(gray, ink);
    const cv::Mat work_tone = at_work_size(tone, work_size);
    // What walls areas in and what a hint on the ink is, when either is asked for.
    const cv::Mat lines =
        options.flat_colors || !options.hints.empty() ? drawn_lines(ink.lines) : cv::Mat();
    cv::Mat hints =
        options.hints.empty() ? cv::Mat() : hint_channels(options.hints, lines, work_size);
    if (!holds_hints(hints)) hints.release();  // no opaque pixel off the ink: no hints
    const ModelConfig& config = info().config;
    const bool read_descreened =
        config.descreened_input || (config.descreened_when_hinted && !hints.empty());
    const cv::Mat work = read_descreened ? work_tone : at_work_size(gray, work_size);
    // The areas that flat colours fill and hints spread within (as a field, not as dots), at the
    // network's resolution.
    const cv::Mat areas = options.flat_colors || (!hints.empty() && config.hint_field)
                              ? working_areas(tone, ink.tones, lines, work_tone)
                              : cv::Mat();
    const cv::Mat to_network = state_->network_hints(hints, areas);

    // Tiles and their context start on the network's downsampling grid (see tile_grid).
    const int align = config.size_multiple();
    const int overlap = round_up(options.tile_overlap, align);
    const auto tiles = tile_grid(work_size, options.tile_size, overlap, align);
    cv::Mat sum(work_size, CV_32FC3, cv::Scalar::all(0));
    cv::Mat weight_sum(work_size, CV_32F, cv::Scalar(0));
    {
        c10::InferenceMode inference;
        const torch::Tensor page_summary = state_->page_summary(work, to_network, tiles, overlap);
        for (size_t i = 0; i < tiles.size(); ++i) {
            if (progress && !progress(double(i) / tiles.size())) throw Cancelled();
            const cv::Rect& tile = tiles[i];
            // The network sees `overlap` pixels of context around the tile, which are
            // then dropped: pixels near a tile's edge get the same view as in a whole page.
            const cv::Rect context = grown(tile, overlap) & cv::Rect({0, 0}, work_size);
            const cv::Mat lab = state_->run_tile(
                work(context), to_network.empty() ? to_network : to_network(context).clone(),
                page_summary)(tile - context.tl());
            const cv::Mat weights = feather_weights(tile, work_size, overlap);
            cv::Mat weights3;
            cv::merge(std::vector<cv::Mat>(3, weights), weights3);
            sum(tile) += lab.mul(weights3);
            weight_sum(tile) += weights;
        }
    }
    cv::Mat weight_sum3, lab;
    cv::merge(std::vector<cv::Mat>(3, weight_sum), weight_sum3);
    cv::divide(sum, weight_sum3, lab);
    if (config.palette_strength > 0 && !info().palette.colors.empty()) {
        const cv::Mat lightness = lightness_of(work_tone);
        pull_toward_palette(lab, lightness, shaded_gray(lightness, ink.tones), info().palette,
                            config.palette_strength);
    }
    // A page shown smaller than the network's size (scale > 1) gets colours shrunk to it.
    // Evens out the network's blotches first: what flat colours do not fill (no enclosed area,
    // or flat colours off) keeps them otherwise.
    smooth_colors_along_tone(lab, work_tone, kSmoothingRadius);
    if (options.flat_colors) {
        fill_areas_flat(lab, areas);
        if (!hints.empty()) fill_hinted_areas(lab, areas, hints, paper_of(work_tone));
    }
    if (!options.keep_line_art) tone = without_lines(tone, ink.lines);
    if (work_size.width > gray.cols || work_size.height > gray.rows)
        cv::resize(lab, lab, gray.size(), 0, 0, cv::INTER_AREA);
    cv::Mat color = compose_page(tone, lab);
    if (progress && !progress(1.0)) throw Cancelled();
    return color;
}

}  // namespace mangacolor
