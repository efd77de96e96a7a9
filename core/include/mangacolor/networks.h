#pragma once

#include <torch/torch.h>

#include "mangacolor/model_config.h"

// The pix2pix pair: a U-Net generator (B/W page and colour hints -> colour) and a conditional
// PatchGAN discriminator that judges (B/W page, colour) pairs patch by patch.
namespace mangacolor {

// One convolution stage: a plain 3x3 convolution, or a MobileNetV2 inverted-residual bottleneck,
// followed by batch norm and the configured activation.
struct ConvStageImpl : torch::nn::Module {
    ConvStageImpl(const ModelConfig& config, int in_channels, int out_channels, int stride);
    torch::Tensor forward(torch::Tensor x);

    torch::nn::Sequential body{nullptr};
    bool residual = false;
};
TORCH_MODULE(ConvStage);

// A context stage (ModelConfig::context_stages): x + 1x1 down to a quarter of the channels, a 3x3
// convolution dilated by `dilation`, 1x1 back. Its last batch norm starts at 0, so a new stage
// passes its input through and a model warm-started from one without such stages starts out
// giving that model's colours.
struct ContextStageImpl : torch::nn::Module {
    ContextStageImpl(const ModelConfig& config, int channels, int dilation);
    torch::Tensor forward(torch::Tensor x);
    // The last batch norm's scale to 0: init_weights sets every scale to 1.
    void start_as_identity();

    torch::nn::Sequential body{nullptr};
};
TORCH_MODULE(ContextStage);

// The whole input in view (ModelConfig::global_context): the bridge's channels averaged over the
// input, through two linear layers, added at every bridge pixel, so that a colour can follow
// from what the whole drawing shows and not only from the few hundred pixels a convolution
// reaches (the global features of Iizuka, Simo-Serra and Ishikawa, 2016). Its last layer
// starts at 0, so a model warm-started from one without it starts out giving that model's
// colours.
struct GlobalContextImpl : torch::nn::Module {
    explicit GlobalContextImpl(int channels);
    // The channels' means over the page (N x channels): what forward reads.
    static torch::Tensor summary(const torch::Tensor& x);
    // x plus what `summary` says, at every pixel; without a summary, x's own. (The tiles of one
    // page share the whole page's.)
    torch::Tensor forward(torch::Tensor x, const torch::Tensor& summary = {});
    // The last layer to 0: init_weights leaves linear layers as LibTorch made them.
    void start_as_identity();

    torch::nn::Linear reduce{nullptr}, expand{nullptr};
};
TORCH_MODULE(GlobalContext);

// Input: N x config.input_channels() x H x W, H and W multiples of config.size_multiple(): the
// gray page in [-1, 1], then with color_hints the hints' colours as network_lab gives them and
// their mask (1 where a hint is, else all four 0).
// Output: N x 3 x H x W in [-1, 1]: L*, a*, b* as network_lab gives them for the Lab heads, RGB
// for the others.
struct GeneratorImpl : torch::nn::Module {
    explicit GeneratorImpl(const ModelConfig& config);
    // `page_summary`: with global_context, what the whole page's global_summary gave, for the
    // tiles of one page to colour alike; undefined: the input's own.
    torch::Tensor forward(torch::Tensor input, const torch::Tensor& page_summary = {});
    // With global_context, the summary of the whole input that the bridge reads (N x
    // latent_width); undefined without.
    torch::Tensor global_summary(const torch::Tensor& input);

    struct Outputs {
        torch::Tensor color;  // what forward gives
        // lab-classes head: the a*b* classes' logits, N x chroma_bins^2 x H/2s x W/2s, on 2x2
        // blocks of the U-Net's resolution (s = stem_stride); undefined for the other heads.
        torch::Tensor chroma_logits;
    };
    // forward, with what training needs besides the colours.
    Outputs forward_outputs(torch::Tensor input, const torch::Tensor& page_summary = {});

    ModelConfig config;
    ConvStage stem{nullptr};
    torch::nn::ModuleList down{nullptr};  // each halves the resolution
    torch::nn::Sequential bridge{nullptr};
    torch::nn::ModuleList context{nullptr};     // ContextStages after the bridge; null without
    GlobalContext global_context{nullptr};      // after them; null without
    torch::nn::ModuleList up_reduce{nullptr};   // channel reduction before upsampling
    torch::nn::ModuleList up_merge{nullptr};    // merges the upsampled path with its skip
    torch::nn::Conv2d head{nullptr};            // the output channels (L* alone for lab-classes)
    torch::nn::Conv2d chroma_classes{nullptr};  // lab-classes head only: the classes' logits
    torch::nn::Conv2d hint_gate{nullptr};       // ModelConfig::hint_gate only: the gate's logit
    torch::Tensor palette;                      // K x 3 colours in [-1, 1], for OutputHead::Palette

  private:
    // The input down to the bridge and through the context stages; `skips` gets each level's
    // features for the way up.
    torch::Tensor encoded(const torch::Tensor& input, std::vector<torch::Tensor>& skips);
};
TORCH_MODULE(Generator);

// Input: the B/W page (N x 1 x H x W) and the colours (N x config.output_channels() x H x W),
// as the generator gives them.
// Output: N x 1 x H/8 x W/8 logits, one per overlapping patch (real vs generated).
struct DiscriminatorImpl : torch::nn::Module {
    explicit DiscriminatorImpl(const ModelConfig& config);
    torch::Tensor forward(torch::Tensor gray, torch::Tensor color);

    torch::nn::Sequential layers{nullptr};
};
TORCH_MODULE(Discriminator);

// Colour hints spread over the page, for a generator with hint_field: hints (N x 4 x H x W, as
// hint_channels gives them: L*, a*, b*, mask) -> the same channels at every pixel: the colour of
// the nearest hints, and how near they are (1 on a hint, halving with each doubling of the
// distance). Pull-push: hints are averaged down a pyramid, then each level's gaps are filled from
// the level below it. No hints give all zeros, as without the field.
torch::Tensor hint_field(const torch::Tensor& hints);

// Per-pixel weights for the training loss (TrainOptions::hint_loss_weight), from the nearness
// channel of hint_field (N x 1 x H x W): 1 + `extra` on a hint, falling with the log of the
// distance to 1 at 64 pixels and beyond.
torch::Tensor hint_loss_weights(const torch::Tensor& nearness, double extra);

// The generator's input: the B/W page (N x 1 x H x W, in [-1, 1]) and, for a model with colour
// hints, its hint channels as the model takes them (spread as hint_field or spread_hints does,
// or as dots; see HintInput).
torch::Tensor generator_input(const ModelConfig& config, const torch::Tensor& gray,
                              const torch::Tensor& hints);

// The nearness channel of the hint field (N x 1 x H x W) for hint_loss_weights: read from the
// generator's input when the model takes the field, else built from the hints.
torch::Tensor hint_nearness(const ModelConfig& config, const torch::Tensor& input,
                            const torch::Tensor& hints);

// Multiply-adds of one generator forward pass on an h x w page (convolutions only; they are
// nearly all of the work). For benchmarks: achieved FLOP/s = 2 * this / seconds.
int64_t generator_multiply_adds(Generator& generator, int64_t h, int64_t w);

// The bytes of the weights (parameters and buffers) a Generator or Discriminator with these
// settings holds, computed without building it: a model file's settings are checked against its
// weights' size before anything is allocated (model_file.cpp).
int64_t generator_weight_bytes(const ModelConfig& config);
int64_t discriminator_weight_bytes(const ModelConfig& config);
// The same for a module that exists: the bytes of all its parameters and buffers.
int64_t weight_bytes(torch::nn::Module& module);

// Warm start: copies into `to` each parameter and buffer of `from` with the same name and shape,
// or the leading rows of one with more rows (a head with fewer outputs takes the first ones: the
// lab-classes head's L* from the Lab head). Returns how many tensors were copied.
int copy_matching_weights(torch::nn::Module& from, torch::nn::Module& to);

// Warm start of a wider generator (a larger base_width or latent_width, the same settings
// otherwise) from a narrower one, so that it colours exactly as the narrower did: each of
// `from`'s channels keeps its place, the new channels start at `to`'s own random weights and are
// read by nothing (zero weights) until training gives them a part. Returns how many tensors were
// copied or embedded.
int widen_weights(Generator& from, Generator& to);
// Whether `wide` has more channels than `narrow` (base_width or latent_width): a warm start or a
// blend then widens `narrow`'s weights.
bool wider_than(const ModelConfig& wide, const ModelConfig& narrow);

// Weights ~ N(0, std), biases 0, batch-norm scale 1: the write-up's initialisation.
void init_weights(torch::nn::Module& module, double std);

}  // namespace mangacolor
