#pragma once

#include <map>
#include <string>
#include <vector>

namespace mangacolor {

// The architecture choices the pix2pix manga write-up compared. All are stored in the model
// file, so a model always loads with the architecture it was trained with.
enum class Activation { ReLU, LeakyReLU, Swish };
enum class InputRange { MinusOneToOne, ZeroTo255 };
// Lab: L*, a*, b*, of which the result keeps the page's lightness but on white paper
// (color_space.h). LabClasses: the same channels, a*, b* chosen among classes
// (chroma_classes.h). Tanh: RGB. Palette: per-pixel softmax over quantized RGB colours.
enum class OutputHead { Lab, LabClasses, Tanh, Palette };
enum class Backbone { Plain, MobileNetV2 };

struct ModelConfig {
    Activation activation = Activation::ReLU;
    InputRange input_range = InputRange::MinusOneToOne;
    OutputHead output_head = OutputHead::Lab;
    Backbone backbone = Backbone::Plain;
    int depth = 4;  // downsampling blocks in the U-Net
    // 2: the first convolution halves the page and the colours are upsampled at the end, so the
    // whole U-Net runs on a quarter of the pixels (pix2pix's own first layer is strided). The
    // line art is kept from the full-resolution page, and colour is low-frequency anyway.
    int stem_stride = 2;
    int base_width = 16;     // channels at full resolution; doubled at each level down
    int latent_width = 256;  // channels in the bridge
    // Residual stages after the bridge whose 3x3 convolutions are dilated 2, 4, 8, 16 (at most
    // 4): each widens what every pixel sees by twice its dilation in bridge pixels (one bridge
    // pixel is stem_stride << depth page pixels), so that a colour can follow from the whole
    // figure. Cheap: the bridge has the fewest pixels, and the stages work on a quarter of its
    // channels.
    int context_stages = 0;
    // The bridge also reads a summary of the whole input (GlobalContext in networks.h): what a
    // drawing shows as a whole (a yellow smiley, a face with hair and clothes) can decide the
    // colour of an area that looks alike in both.
    bool global_context = false;
    int palette_levels = 4;  // per RGB channel, for OutputHead::Palette (4 -> 64 colours)
    // Per a*, b* axis, for OutputHead::LabClasses (13 -> 169 classes). Odd, so that gray is a
    // class of its own: with an even grid, paper was shared among four tinted classes and came
    // out faintly blue or yellow once sharpened.
    int chroma_bins = 13;
    // How the classes' distribution becomes one colour (decode_chroma): 1 is its mean, lower
    // values lean toward its likeliest colour. Changes no weight.
    double chroma_temperature = 0.38;
    // The network's a*, b* are multiplied by this before use: above 1 for stronger colors than
    // the network's cautious ones, at a cost in accuracy (measured in the model card). Changes
    // no weight.
    double chroma_gain = 1.0;
    // How far (0..1) the colours of gray-shaded areas are pulled to the model's palette (the
    // colours of the pages it was fine-tuned on; palette.h), which a fine-tune chooses by
    // trying it on its own pages. 0, or no palette in the file: the network's colours. Changes
    // no weight.
    double palette_strength = 0.0;
    int disc_width = 16;        // first-layer channels of the PatchGAN discriminator
    double init_std = 0.01;     // weights ~ N(0, init_std)
    int page_long_side = 1536;  // the model's page size (long side, pixels): see page_scale
    // Colour hints as extra inputs: their L*, a*, b* (scaled as the Lab head's) and a mask.
    bool color_hints = true;
    // The hints reach the network spread over the page (hint_field in hints.h): each pixel the
    // colour of the nearest hints and how near they are, not only dots the convolutions must
    // carry across the page. Changes no weight's shape.
    bool hint_field = true;
    // The network sees the page with its screentone descreened (line_art.h), as the result's
    // lightness is made, not the dots: areas and edges that dots hide from 3x3 convolutions show
    // as the tones they stand for. Off in models made before it; their weights learned dots.
    bool descreened_input = false;
    // With colour hints the network reads the descreened page even when descreened_input is off.
    // A network trained on the dots can miss its hints on coarse screentone: on dark line tones
    // it coloured a hand red over brown hints, which it follows on the same tone without the
    // stripes; its own colours without hints are better from the dots. Changes no weight.
    bool descreened_when_hinted = false;
    // The Lab head also gives, per pixel, how far to take the hint field's colour instead of its
    // own (a 1x1 convolution and a sigmoid, times the field's nearness): following a hint is then
    // one number the network decides, at the edges it sees, not a colour it must make up to
    // match; without hints the field's nearness is 0 and the output is the head's alone.
    bool hint_gate = false;

    int input_channels() const { return color_hints ? 5 : 1; }
    int output_channels() const { return 3; }
    // The generator gives L*, a*, b* (network_lab's units) rather than RGB.
    bool predicts_lab() const {
        return output_head == OutputHead::Lab || output_head == OutputHead::LabClasses;
    }

    // Tiles must be multiples of this so every level downsamples evenly.
    int size_multiple() const { return stem_stride << depth; }
    // Model pixels per page pixel when colorizing: a page longer than page_long_side is shrunk
    // to it, a smaller one kept at its own size. Enlarging adds no detail and shows the drawings
    // larger than the network learned them. (Training pages are still scaled to
    // page_long_side either way: small drawings enlarged give crops full of drawing, not
    // paper, and fine-tuned better; see the model card.)
    double page_scale(int width, int height) const;
};

using Fields = std::map<std::string, std::string>;

Fields to_fields(const ModelConfig& config);
// Throws Error, naming `settings` (e.g. "setting disc_width=24"), when one of these convolution
// input widths is one Debian 13's LibTorch 2.6 computes wrongly on AVX-512 CPUs (more than 16
// and not a multiple of 16).
void refuse_widths_one_dnn_gets_wrong(const std::string& settings,
                                      const std::vector<int>& input_widths);
// The input channels (per group) of the generator's 3x3 convolutions with these settings, less
// its first (the page and hints, 5 at most), for refuse_widths_one_dnn_gets_wrong before a
// network is built; a test holds it to the networks that networks.h builds.
std::vector<int> generator_input_widths(const ModelConfig& config);
// Throws Error naming the field when a value is missing, unknown or out of range. Settings added
// after the first model files (color_hints, hint_field, context_stages, global_context,
// chroma_gain, descreened_input, descreened_when_hinted, hint_gate, palette_strength; chroma_bins
// and chroma_temperature, which only the lab-classes head uses) default to what those files were: a
// model keeps the architecture it was trained with.
ModelConfig config_from_fields(const Fields& fields);
// The config with one setting changed by name, as the command line spells it ("depth", "4").
ModelConfig with_setting(const ModelConfig& config, const std::string& key,
                         const std::string& value);
// The settings that only change how the network's output is decoded or its input (page or hints)
// fed, so that a trained model may change them without other weights.
const std::vector<std::string>& weightless_settings();

}  // namespace mangacolor
