#include "mangacolor/networks.h"

#include <algorithm>

#include "mangacolor/chroma_classes.h"

namespace mangacolor {
namespace nn = torch::nn;

namespace {

void append_activation(nn::Sequential& seq, Activation activation) {
    switch (activation) {
        case Activation::ReLU:
            seq->push_back(nn::ReLU());
            break;
        case Activation::LeakyReLU:
            seq->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
            break;
        case Activation::Swish:
            seq->push_back(nn::SiLU());
            break;
    }
}

nn::Conv2d conv(int in, int out, int kernel, int stride = 1, int groups = 1, bool bias = false,
                int dilation = 1) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, kernel)
                          .stride(stride)
                          .padding(kernel / 2 * dilation)
                          .dilation(dilation)
                          .groups(groups)
                          .bias(bias));
}

int context_width(int channels) {
    return std::max(1, channels / 4);
}

// Channels at U-Net level `level` (level 0 is full resolution).
int level_width(const ModelConfig& config, int level) {
    return config.base_width << level;
}

torch::Tensor upsampled(const torch::Tensor& x, int factor) {
    return torch::nn::functional::interpolate(x, torch::nn::functional::InterpolateFuncOptions()
                                                     .scale_factor(std::vector<double>(2, factor))
                                                     .mode(torch::kBilinear)
                                                     .align_corners(false));
}

// Evenly spaced colours of an RGB grid, in [-1, 1]: the classes of the palette head.
torch::Tensor palette_grid(int levels) {
    auto steps = torch::linspace(-1.0, 1.0, levels);
    auto grid = torch::meshgrid({steps, steps, steps}, "ij");
    return torch::stack({grid[0].flatten(), grid[1].flatten(), grid[2].flatten()}, 1);
}

}  // namespace

ConvStageImpl::ConvStageImpl(const ModelConfig& config, int in_channels, int out_channels,
                             int stride) {
    body = nn::Sequential();
    if (config.backbone == Backbone::Plain) {
        body->push_back(conv(in_channels, out_channels, 3, stride));
        body->push_back(nn::BatchNorm2d(out_channels));
        append_activation(body, config.activation);
    } else {
        // Inverted residual: expand, depthwise, then a linear projection (MobileNetV2).
        const int expanded = in_channels * 4;
        body->push_back(conv(in_channels, expanded, 1));
        body->push_back(nn::BatchNorm2d(expanded));
        append_activation(body, config.activation);
        body->push_back(conv(expanded, expanded, 3, stride, expanded));
        body->push_back(nn::BatchNorm2d(expanded));
        append_activation(body, config.activation);
        body->push_back(conv(expanded, out_channels, 1));
        body->push_back(nn::BatchNorm2d(out_channels));
        residual = stride == 1 && in_channels == out_channels;
    }
    register_module("body", body);
}

torch::Tensor ConvStageImpl::forward(torch::Tensor x) {
    return residual ? x + body->forward(x) : body->forward(x);
}

ContextStageImpl::ContextStageImpl(const ModelConfig& config, int channels, int dilation) {
    const int narrow = context_width(channels);
    body = nn::Sequential(conv(channels, narrow, 1), nn::BatchNorm2d(narrow));
    append_activation(body, config.activation);
    body->push_back(conv(narrow, narrow, 3, 1, 1, false, dilation));
    body->push_back(nn::BatchNorm2d(narrow));
    append_activation(body, config.activation);
    body->push_back(conv(narrow, channels, 1));
    body->push_back(nn::BatchNorm2d(channels));
    register_module("body", body);
}

torch::Tensor ContextStageImpl::forward(torch::Tensor x) {
    return x + body->forward(x);
}

void ContextStageImpl::start_as_identity() {
    torch::NoGradGuard no_grad;
    body[body->size() - 1]->as<nn::BatchNorm2d>()->weight.zero_();
}

GlobalContextImpl::GlobalContextImpl(int channels) {
    reduce = register_module("reduce", nn::Linear(channels, context_width(channels)));
    expand = register_module("expand", nn::Linear(context_width(channels), channels));
}

torch::Tensor GlobalContextImpl::summary(const torch::Tensor& x) {
    return x.mean({2, 3});
}

torch::Tensor GlobalContextImpl::forward(torch::Tensor x, const torch::Tensor& given) {
    const torch::Tensor page = given.defined() ? given : summary(x);
    const torch::Tensor added = expand->forward(torch::relu(reduce->forward(page)));
    return x + added.unsqueeze(2).unsqueeze(3);
}

void GlobalContextImpl::start_as_identity() {
    torch::NoGradGuard no_grad;
    expand->weight.zero_();
    expand->bias.zero_();
}

GeneratorImpl::GeneratorImpl(const ModelConfig& cfg) : config(cfg) {
    stem = register_module("stem", ConvStage(config, config.input_channels(),
                                             level_width(config, 0), config.stem_stride));

    down = register_module("down", nn::ModuleList());
    for (int level = 0; level < config.depth; ++level)
        down->push_back(
            ConvStage(config, level_width(config, level), level_width(config, level + 1), 2));

    bridge = register_module(
        "bridge",
        nn::Sequential(ConvStage(config, level_width(config, config.depth), config.latent_width, 1),
                       ConvStage(config, config.latent_width, config.latent_width, 1)));
    // Registered only when there are stages: the files of models without them have no such part.
    if (config.context_stages > 0) {
        context = register_module("context", nn::ModuleList());
        for (int stage = 0; stage < config.context_stages; ++stage)
            context->push_back(ContextStage(config, config.latent_width, 2 << stage));
    }
    if (config.global_context)
        global_context = register_module("global_context", GlobalContext(config.latent_width));

    up_reduce = register_module("up_reduce", nn::ModuleList());
    up_merge = register_module("up_merge", nn::ModuleList());
    int channels = config.latent_width;
    for (int level = config.depth - 1; level >= 0; --level) {
        const int width = level_width(config, level);
        nn::Sequential upsample(
            nn::ConvTranspose2d(
                nn::ConvTranspose2dOptions(channels, width, 2).stride(2).bias(false)),
            nn::BatchNorm2d(width));
        append_activation(upsample, config.activation);
        up_reduce->push_back(upsample);
        up_merge->push_back(ConvStage(config, 2 * width, width, 1));
        channels = width;
    }

    const bool palette_head = config.output_head == OutputHead::Palette;
    palette = register_buffer(
        "palette", palette_head ? palette_grid(config.palette_levels) : torch::zeros({0, 3}));
    const bool chroma_head = config.output_head == OutputHead::LabClasses;
    const int head_channels = palette_head  ? static_cast<int>(palette.size(0))
                              : chroma_head ? 1
                                            : config.output_channels();
    head = register_module("head", conv(channels, head_channels, 3, 1, 1, true));
    // 1x1: a 3x3 convolution would do 9x the work for colour, which varies slowly.
    if (chroma_head)
        chroma_classes =
            register_module("chroma_classes",
                            conv(channels, config.chroma_bins * config.chroma_bins, 1, 1, 1, true));
    if (config.hint_gate)
        hint_gate = register_module("hint_gate", conv(channels, 1, 1, 1, 1, true));
    init_weights(*this, config.init_std);
    // A new gate starts nearly shut, so that a model warm-started with it colours as before.
    constexpr double kGateStart = -3;
    if (hint_gate) {
        torch::NoGradGuard no_grad;
        hint_gate->bias.fill_(kGateStart);
    }
    if (context)
        for (const auto& stage : *context) stage->as<ContextStage>()->start_as_identity();
    if (global_context) global_context->start_as_identity();
}

torch::Tensor GeneratorImpl::forward(torch::Tensor input, const torch::Tensor& page_summary) {
    return forward_outputs(std::move(input), page_summary).color;
}

torch::Tensor GeneratorImpl::encoded(const torch::Tensor& input,
                                     std::vector<torch::Tensor>& skips) {
    // The 0..255 variant feeds the network raw pixel values, as the write-up compared.
    torch::Tensor x = input;
    if (config.input_range == InputRange::ZeroTo255) {
        x = input.clone();
        x.narrow(1, 0, 1).add_(1).mul_(127.5);
    }
    x = stem->forward(x);
    for (const auto& block : *down) {
        skips.push_back(x);
        x = block->as<ConvStage>()->forward(x);
    }
    x = bridge->forward(x);
    if (context)
        for (const auto& stage : *context) x = stage->as<ContextStage>()->forward(x);
    return x;
}

torch::Tensor GeneratorImpl::global_summary(const torch::Tensor& input) {
    if (!global_context) return {};
    std::vector<torch::Tensor> skips;
    return GlobalContextImpl::summary(encoded(input, skips));
}

GeneratorImpl::Outputs GeneratorImpl::forward_outputs(torch::Tensor input,
                                                      const torch::Tensor& page_summary) {
    std::vector<torch::Tensor> skips;
    torch::Tensor x = encoded(input, skips);
    if (global_context) x = global_context->forward(x, page_summary);
    for (size_t i = 0; i < up_merge->size(); ++i) {
        x = up_reduce[i]->as<nn::Sequential>()->forward(x);
        x = up_merge[i]->as<ConvStage>()->forward(torch::cat({x, skips[skips.size() - 1 - i]}, 1));
    }
    Outputs out;
    if (chroma_classes) {
        // The classes are scored on 2x2 blocks: 169 channels at every pixel took 0.4 s more an
        // A4 page, and colour varies slowly (the flat fill takes one per area anyway).
        out.chroma_logits = chroma_classes->forward(
            torch::nn::functional::avg_pool2d(x, torch::nn::functional::AvgPool2dFuncOptions(2)));
        x = torch::cat({torch::tanh(head->forward(x)),
                        upsampled(decode_chroma(out.chroma_logits, config.chroma_bins,
                                                config.chroma_temperature),
                                  2)},
                       1);
    } else {
        x = hint_gate
                ? torch::cat({head->forward(x), hint_gate->forward(x)}, 1)  // upsampled as one
                : head->forward(x);
    }
    if (config.stem_stride > 1) x = upsampled(x, config.stem_stride);
    if (chroma_classes) {
        out.color = x;
    } else if (hint_gate) {
        // generator_input: the page's channel, then the hint field's L*, a*, b* and nearness.
        const torch::Tensor field = input.narrow(1, 1, 3), nearness = input.narrow(1, 4, 1);
        const torch::Tensor own = torch::tanh(x.narrow(1, 0, 3));
        const torch::Tensor gate = torch::sigmoid(x.narrow(1, 3, 1)) * nearness;
        out.color = own + gate * (field - own);
    } else if (config.output_head != OutputHead::Palette) {
        out.color = torch::tanh(x);
    } else {
        out.color = torch::einsum("nkhw,kc->nchw", {torch::softmax(x, 1), palette.to(x.dtype())});
    }
    return out;
}

namespace {

// The input channels of every 2-D convolution inside `module`, in order.
std::vector<int> convolution_input_widths(nn::Module& module) {
    std::vector<int> widths;
    for (const auto& child : module.modules(/*include_self=*/false))
        if (const auto* conv = child->as<nn::Conv2d>())
            widths.push_back(static_cast<int>(conv->options.in_channels()));
    return widths;
}

}  // namespace

DiscriminatorImpl::DiscriminatorImpl(const ModelConfig& config) {
    const int in_channels = 1 + config.output_channels();
    const int w = config.disc_width;
    layers = nn::Sequential();
    // 4x4 convolutions: three halve the resolution, two look at neighbourhoods of patches.
    auto add_block = [&](int in, int out, int stride, bool norm, double dropout) {
        layers->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(stride).padding(1)));
        if (norm) layers->push_back(nn::BatchNorm2d(out));
        layers->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
        if (dropout > 0) layers->push_back(nn::Dropout(dropout));
    };
    add_block(in_channels, w, 2, false, 0);
    add_block(w, 2 * w, 2, true, 0.3);
    add_block(2 * w, 4 * w, 2, true, 0.3);
    add_block(4 * w, 8 * w, 1, true, 0);
    layers->push_back(nn::Conv2d(nn::Conv2dOptions(8 * w, 1, 4).stride(1).padding(1)));
    register_module("layers", layers);
    // Checked here, not when a model file is read: colorizing never runs the discriminator.
    refuse_widths_one_dnn_gets_wrong("setting disc_width=" + std::to_string(w),
                                     convolution_input_widths(*layers));
    init_weights(*this, config.init_std);
}

torch::Tensor DiscriminatorImpl::forward(torch::Tensor gray, torch::Tensor color) {
    return layers->forward(torch::cat({gray, color}, 1));
}

namespace {

// Multiply-adds of every convolution inside `module`, all counted at its output size `pixels`.
// Exact for plain stages; for a downsampling MobileNetV2 stage the expansion runs at 4x that
// size, so its count is low by that part.
int64_t stage_multiply_adds(nn::Module& module, int64_t pixels) {
    int64_t macs = 0;
    for (const auto& child : module.modules(/*include_self=*/true)) {
        if (auto* conv = child->as<nn::Conv2d>()) {
            const auto& w = conv->weight;  // out x in/groups x kh x kw
            macs += w.size(0) * w.size(1) * w.size(2) * w.size(3) * pixels;
        } else if (auto* up = child->as<nn::ConvTranspose2d>()) {
            const auto& w = up->weight;  // in x out x k x k, stride k: one tap per output pixel
            macs += w.size(0) * w.size(1) * pixels;
        }
    }
    return macs;
}

}  // namespace

int64_t generator_multiply_adds(Generator& g, int64_t h, int64_t w) {
    const int depth = g->config.depth;
    const int stem_shift = g->config.stem_stride == 2 ? 1 : 0;
    auto pixels_at = [&](int level) {
        return (h >> (level + stem_shift)) * (w >> (level + stem_shift));
    };
    int64_t macs = stage_multiply_adds(*g->stem, pixels_at(0)) +
                   stage_multiply_adds(*g->head, pixels_at(0)) +
                   (g->chroma_classes ? stage_multiply_adds(*g->chroma_classes, pixels_at(1)) : 0) +
                   (g->hint_gate ? stage_multiply_adds(*g->hint_gate, pixels_at(0)) : 0) +
                   stage_multiply_adds(*g->bridge, pixels_at(depth)) +
                   (g->context ? stage_multiply_adds(*g->context, pixels_at(depth)) : 0);
    for (int i = 0; i < depth; ++i) {
        macs += stage_multiply_adds(*g->down[i], pixels_at(i + 1));
        macs += stage_multiply_adds(*g->up_reduce[i], pixels_at(depth - 1 - i));
        macs += stage_multiply_adds(*g->up_merge[i], pixels_at(depth - 1 - i));
    }
    return macs;
}

namespace {

// Counts what the constructors above allocate; a unit test holds the two together.
struct WeightTally {
    int64_t floats = 0;
    int64_t counters = 0;  // batch norms' num_batches_tracked, one int64 each

    void conv(int64_t in, int64_t out, int64_t kernel, int64_t groups = 1, bool bias = false) {
        floats += out * (in / groups) * kernel * kernel + (bias ? out : 0);
    }
    void batch_norm(int64_t channels) {
        floats += 4 * channels;  // weight, bias, running mean and variance
        counters += 1;
    }
    void conv_stage(const ModelConfig& config, int64_t in, int64_t out) {
        if (config.backbone == Backbone::Plain) {
            conv(in, out, 3);
            batch_norm(out);
            return;
        }
        const int64_t expanded = in * 4;
        conv(in, expanded, 1);
        batch_norm(expanded);
        conv(expanded, expanded, 3, expanded);
        batch_norm(expanded);
        conv(expanded, out, 1);
        batch_norm(out);
    }
    void context_stage(int64_t channels) {
        const int64_t narrow = context_width(static_cast<int>(channels));
        conv(channels, narrow, 1);
        batch_norm(narrow);
        conv(narrow, narrow, 3);
        batch_norm(narrow);
        conv(narrow, channels, 1);
        batch_norm(channels);
    }
    void global_context(int64_t channels) {
        const int64_t narrow = context_width(static_cast<int>(channels));
        floats += 2 * channels * narrow + narrow + channels;  // two linear layers with biases
    }
    int64_t bytes() const { return 4 * floats + 8 * counters; }
};

}  // namespace

int64_t generator_weight_bytes(const ModelConfig& config) {
    WeightTally t;
    auto width = [&](int level) { return int64_t{config.base_width} << level; };
    t.conv_stage(config, config.input_channels(), width(0));
    for (int level = 0; level < config.depth; ++level)
        t.conv_stage(config, width(level), width(level + 1));
    t.conv_stage(config, width(config.depth), config.latent_width);
    t.conv_stage(config, config.latent_width, config.latent_width);
    for (int stage = 0; stage < config.context_stages; ++stage)
        t.context_stage(config.latent_width);
    if (config.global_context) t.global_context(config.latent_width);
    int64_t channels = config.latent_width;
    for (int level = config.depth - 1; level >= 0; --level) {
        t.floats += channels * width(level) * 2 * 2;  // the 2x2 transposed convolution
        t.batch_norm(width(level));
        t.conv_stage(config, 2 * width(level), width(level));
        channels = width(level);
    }
    int64_t head_channels = config.output_channels();
    if (config.output_head == OutputHead::Palette) {
        head_channels =
            int64_t{config.palette_levels} * config.palette_levels * config.palette_levels;
        t.floats += head_channels * 3;  // the palette buffer
    }
    if (config.output_head == OutputHead::LabClasses) {
        head_channels = 1;
        t.conv(channels, int64_t{config.chroma_bins} * config.chroma_bins, 1, 1, true);
    }
    t.conv(channels, head_channels, 3, 1, true);
    if (config.hint_gate) t.conv(channels, 1, 1, 1, true);
    return t.bytes();
}

int64_t weight_bytes(nn::Module& module) {
    int64_t bytes = 0;
    for (const auto& t : module.parameters()) bytes += t.numel() * t.element_size();
    for (const auto& t : module.buffers()) bytes += t.numel() * t.element_size();
    return bytes;
}

int64_t discriminator_weight_bytes(const ModelConfig& config) {
    WeightTally t;
    const int64_t w = config.disc_width;
    t.conv(1 + config.output_channels(), w, 4, 1, true);
    for (int64_t in : {w, 2 * w, 4 * w}) {
        t.conv(in, 2 * in, 4, 1, true);
        t.batch_norm(2 * in);
    }
    t.conv(8 * w, 1, 4, 1, true);
    return t.bytes();
}

namespace {

// `to` has `from`'s shape, or fewer rows of it: a head with fewer outputs takes the first ones
// (the lab-classes head's L* is the Lab head's first channel).
bool leading_part_fits(const torch::Tensor& from, const torch::Tensor& to) {
    if (from.sizes().equals(to.sizes())) return true;
    if (from.dim() != to.dim() || from.dim() == 0 || to.size(0) > from.size(0)) return false;
    for (int64_t d = 1; d < from.dim(); ++d)
        if (from.size(d) != to.size(d)) return false;
    return true;
}

}  // namespace

int copy_matching_weights(nn::Module& from, nn::Module& to) {
    torch::NoGradGuard no_grad;
    int copied = 0;
    auto copy = [&](const torch::OrderedDict<std::string, torch::Tensor>& source,
                    torch::OrderedDict<std::string, torch::Tensor> target) {
        for (const auto& item : source) {
            torch::Tensor* into = target.find(item.key());
            if (!into || !leading_part_fits(item.value(), *into)) continue;
            into->copy_(into->dim() ? item.value().narrow(0, 0, into->size(0)) : item.value());
            ++copied;
        }
    };
    copy(from.named_parameters(), to.named_parameters());
    copy(from.named_buffers(), to.named_buffers());
    return copied;
}

namespace {

// A run of channels carried from a narrower dimension into a wider one.
struct ChannelRun {
    int64_t from_start, to_start, length;
};

// The same indices; for the concatenation of two equal parts (a U-Net merge's input: the
// upsampled path, then the skip), each half at the start of the wider half.
std::vector<ChannelRun> channel_runs(int64_t from, int64_t to, bool halves) {
    if (!halves) return {{0, 0, from}};
    return {{0, 0, from / 2}, {from / 2, to / 2, from / 2}};
}

// Copies `from` into `to` along the runs of its first two dimensions (the others must match) and
// zeroes `to` at the new channels of `input_dim`, so the wider layer reads nothing from them.
void embed(const torch::Tensor& from, torch::Tensor& to, int input_dim, bool input_halves) {
    const int mapped = std::min<int>(2, static_cast<int>(from.dim()));
    auto runs = [&](int d) {
        return channel_runs(from.size(d), to.size(d), d == input_dim && input_halves);
    };
    if (input_dim >= 0 && input_dim < mapped) {
        int64_t start = 0;
        for (const ChannelRun& run : runs(input_dim)) {
            to.narrow(input_dim, start, run.to_start - start).zero_();
            start = run.to_start + run.length;
        }
        to.narrow(input_dim, start, to.size(input_dim) - start).zero_();
    }
    for (const ChannelRun& r : runs(0)) {
        const torch::Tensor source = from.narrow(0, r.from_start, r.length);
        torch::Tensor target = to.narrow(0, r.to_start, r.length);
        if (mapped == 1) {  // a one-dimensional tensor (batch-norm's): its rows are all
            target.copy_(source);
            continue;
        }
        for (const ChannelRun& c : runs(1))
            target.narrow(1, c.to_start, c.length).copy_(source.narrow(1, c.from_start, c.length));
    }
}

bool embeddable(const torch::Tensor& from, const torch::Tensor& to, bool halves) {
    if (from.dim() != to.dim() || from.dim() == 0) return false;
    for (int64_t d = 0; d < from.dim(); ++d)
        if (from.size(d) > to.size(d) || (d >= 2 && from.size(d) != to.size(d))) return false;
    return !halves || (from.size(1) % 2 == 0 && to.size(1) % 2 == 0);
}

}  // namespace

int widen_weights(Generator& from, Generator& to) {
    torch::NoGradGuard no_grad;
    const auto from_modules = from->named_modules();
    int copied = 0;
    for (const auto& item : to->named_modules()) {
        const std::shared_ptr<nn::Module>* source_module = from_modules.find(item.key());
        if (!source_module) continue;
        // Which dimension of the weight reads the layer's input channels.
        int input_dim = -1;
        if (item.value()->as<nn::Conv2d>()) input_dim = 1;
        if (item.value()->as<nn::ConvTranspose2d>()) input_dim = 0;
        // A merge's first convolution reads the upsampled path and the skip, concatenated.
        const bool merge = item.key().starts_with("up_merge.") && item.key().ends_with(".body.0");
        auto copy = [&](const torch::OrderedDict<std::string, torch::Tensor>& source,
                        torch::OrderedDict<std::string, torch::Tensor> target, bool weights) {
            for (const auto& tensor : source) {
                torch::Tensor* into = target.find(tensor.key());
                if (!into) continue;
                const bool is_weight = weights && tensor.key() == "weight";
                const bool halves = is_weight && merge && input_dim == 1;
                if (into->sizes().equals(tensor.value().sizes())) {
                    into->copy_(tensor.value());
                } else if (into->dim() > 0 && embeddable(tensor.value(), *into, halves)) {
                    embed(tensor.value(), *into, is_weight ? input_dim : -1, halves);
                } else {
                    continue;
                }
                ++copied;
            }
        };
        copy((*source_module)->named_parameters(/*recurse=*/false),
             item.value()->named_parameters(/*recurse=*/false), true);
        copy((*source_module)->named_buffers(/*recurse=*/false),
             item.value()->named_buffers(/*recurse=*/false), false);
    }
    return copied;
}

bool wider_than(const ModelConfig& wide, const ModelConfig& narrow) {
    return wide.base_width > narrow.base_width || wide.latent_width > narrow.latent_width;
}

void init_weights(nn::Module& module, double std) {
    torch::NoGradGuard no_grad;
    for (auto& child : module.modules(/*include_self=*/false)) {
        const std::string name = child->name();
        if (name == "torch::nn::Conv2dImpl" || name == "torch::nn::ConvTranspose2dImpl") {
            for (auto& p : child->named_parameters(false)) {
                if (p.key() == "weight") p.value().normal_(0.0, std);
                if (p.key() == "bias") p.value().zero_();
            }
        } else if (name == "torch::nn::BatchNorm2dImpl") {
            for (auto& p : child->named_parameters(false))
                p.value().fill_(p.key() == "weight" ? 1.0 : 0.0);
        }
    }
}

torch::Tensor hint_field(const torch::Tensor& hints) {
    namespace F = torch::nn::functional;
    const auto halve = F::AvgPool2dFuncOptions(2).ceil_mode(true).count_include_pad(false);
    // Pull: per level, the weighted mean colour of the hints below each pixel and their weight
    // (capped at 1: a pixel fully covered by hints trusts them fully).
    std::vector<torch::Tensor> colors{hints.slice(1, 0, 3)}, weights{hints.slice(1, 3, 4)};
    while (weights.back().size(2) > 1 || weights.back().size(3) > 1) {
        const torch::Tensor w = weights.back();
        const torch::Tensor sum = F::avg_pool2d(w, halve) * 4;
        colors.push_back(F::avg_pool2d(colors.back() * w, halve) * 4 / sum.clamp_min(1e-6));
        weights.push_back(sum.clamp_max(1));
    }
    // Push: each level keeps its own colour as far as its weight goes, the rest from below; the
    // nearness halves with each level it is carried up.
    torch::Tensor color = colors.back(), nearness = weights.back();
    for (int level = int(colors.size()) - 2; level >= 0; --level) {
        const auto size =
            F::InterpolateFuncOptions()
                .size(std::vector<int64_t>{colors[level].size(2), colors[level].size(3)})
                .mode(torch::kBilinear)
                .align_corners(false);
        const torch::Tensor w = weights[level];
        color = w * colors[level] + (1 - w) * F::interpolate(color, size);
        nearness = w + (1 - w) * 0.5 * F::interpolate(nearness, size);
    }
    return torch::cat({color, nearness}, 1);
}

torch::Tensor hint_loss_weights(const torch::Tensor& nearness, double extra) {
    torch::NoGradGuard no_grad;
    // The nearness is 1 on a hint and about 2^-5.4 at 16 pixels, 2^-8 at 64, where the extra
    // weight has faded out.
    constexpr double kLevels = 8;
    return 1 + extra * (1 + torch::log2(nearness.clamp_min(1e-6)) / kLevels).clamp_min(0);
}

torch::Tensor generator_input(const ModelConfig& config, const torch::Tensor& gray,
                              const torch::Tensor& hints) {
    if (!config.color_hints) return gray;
    return torch::cat({gray, hints}, 1);
}

torch::Tensor hint_nearness(const ModelConfig& config, const torch::Tensor& input,
                            const torch::Tensor& hints) {
    // generator_input puts the field after the page's one channel: L*, a*, b*, nearness.
    constexpr int64_t kNearness = 1 + 3;
    return config.color_hints && config.hint_field ? input.narrow(1, kNearness, 1)
                                                   : hint_field(hints).narrow(1, 3, 1);
}

}  // namespace mangacolor
