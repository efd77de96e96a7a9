#include "mangacolor/model_config.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

const std::array<std::pair<Activation, const char*>, 3> kActivations{
    {{Activation::ReLU, "relu"},
     {Activation::LeakyReLU, "leaky-relu"},
     {Activation::Swish, "swish"}}};
const std::array<std::pair<InputRange, const char*>, 2> kInputRanges{
    {{InputRange::MinusOneToOne, "-1..1"}, {InputRange::ZeroTo255, "0..255"}}};
const std::array<std::pair<OutputHead, const char*>, 4> kOutputHeads{
    {{OutputHead::Lab, "lab"},
     {OutputHead::LabClasses, "lab-classes"},
     {OutputHead::Tanh, "tanh"},
     {OutputHead::Palette, "palette"}}};
const std::array<std::pair<bool, const char*>, 2> kSwitches{{{false, "no"}, {true, "yes"}}};
const std::array<std::pair<Backbone, const char*>, 2> kBackbones{
    {{Backbone::Plain, "plain"}, {Backbone::MobileNetV2, "mobilenetv2"}}};

template <typename Enum, size_t N>
std::string name_of(const std::array<std::pair<Enum, const char*>, N>& names, Enum value) {
    for (const auto& [candidate, name] : names)
        if (candidate == value) return name;
    throw Error("internal: unnamed setting value");
}

template <typename Enum, size_t N>
Enum parse(const std::array<std::pair<Enum, const char*>, N>& names, const std::string& key,
           const std::string& text) {
    std::string choices;
    for (const auto& [value, name] : names) {
        if (text == name) return value;
        choices += std::string(choices.empty() ? "" : ", ") + name;
    }
    throw Error("setting '" + key + "' is '" + text + "'; expected one of: " + choices);
}

const std::string& field(const Fields& fields, const std::string& key) {
    auto it = fields.find(key);
    if (it == fields.end()) throw Error("setting '" + key + "' is missing");
    return it->second;
}

// A number within [min, max] via `convert` (std::stoi or std::stod), or an Error naming the
// setting and what it should be.
template <typename T, typename Convert>
T parse_number(const Fields& fields, const std::string& key, T min, T max, Convert convert,
               const char* kind) {
    const std::string& text = field(fields, key);
    size_t used = 0;
    T value{};
    try {
        value = convert(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !(value >= min && value <= max))
        throw Error("setting '" + key + "' is '" + text + "'; expected " + kind + " from " +
                    std::to_string(min) + " to " + std::to_string(max));
    return value;
}

int parse_int(const Fields& fields, const std::string& key, int min, int max) {
    return parse_number<int>(
        fields, key, min, max,
        [](const std::string& t, size_t* used) { return std::stoi(t, used); }, "a whole number");
}

double parse_double(const Fields& fields, const std::string& key, double min, double max) {
    return parse_number<double>(
        fields, key, min, max,
        [](const std::string& t, size_t* used) { return std::stod(t, used); }, "a number");
}

}  // namespace

// oneDNN's 3x3 and 4x4 convolutions in Debian 13's LibTorch 2.6 are wrong on this project's
// AVX-512 CPUs (off by 1.5 to 4 on outputs of about 1; measured at 20 (4x4 only), 24, 28, 36,
// 40, 56, 72 and 136 input channels) when the input has more than 16 channels and not a
// multiple of 16.
void refuse_widths_one_dnn_gets_wrong(const std::string& settings,
                                      const std::vector<int>& input_widths) {
    for (int channels : input_widths)
        if (channels > 16 && channels % 16 != 0)
            throw Error(settings + " give convolutions of " + std::to_string(channels) +
                        " input channels, which LibTorch 2.6 computes wrongly on this CPU: use "
                        "widths that make every count 16 or less, or a multiple of 16 (e.g. 16 "
                        "or 32)");
}

std::vector<int> generator_input_widths(const ModelConfig& c) {
    // base_width << level channels, twice that where the U-Net merges, latent_width (a quarter
    // of it inside context stages). (A MobileNetV2 stage's 3x3 convolution is depthwise: one
    // channel per group.)
    std::vector<int> inputs{c.latent_width};
    if (c.context_stages > 0) inputs.push_back(std::max(1, c.latent_width / 4));
    for (int level = 0; level <= c.depth; ++level) {
        inputs.push_back(c.base_width << level);
        inputs.push_back(2 * (c.base_width << level));
    }
    return inputs;
}

Fields to_fields(const ModelConfig& c) {
    return {
        {"activation", name_of(kActivations, c.activation)},
        {"input_range", name_of(kInputRanges, c.input_range)},
        {"output_head", name_of(kOutputHeads, c.output_head)},
        {"backbone", name_of(kBackbones, c.backbone)},
        {"depth", std::to_string(c.depth)},
        {"stem_stride", std::to_string(c.stem_stride)},
        {"base_width", std::to_string(c.base_width)},
        {"latent_width", std::to_string(c.latent_width)},
        {"context_stages", std::to_string(c.context_stages)},
        {"global_context", name_of(kSwitches, c.global_context)},
        {"palette_levels", std::to_string(c.palette_levels)},
        {"chroma_bins", std::to_string(c.chroma_bins)},
        {"chroma_temperature", std::to_string(c.chroma_temperature)},
        {"chroma_gain", std::to_string(c.chroma_gain)},
        {"palette_strength", std::to_string(c.palette_strength)},
        {"disc_width", std::to_string(c.disc_width)},
        {"init_std", std::to_string(c.init_std)},
        {"page_long_side", std::to_string(c.page_long_side)},
        {"color_hints", name_of(kSwitches, c.color_hints)},
        {"hint_field", name_of(kSwitches, c.hint_field)},
        {"descreened_input", name_of(kSwitches, c.descreened_input)},
        {"descreened_when_hinted", name_of(kSwitches, c.descreened_when_hinted)},
        {"hint_gate", name_of(kSwitches, c.hint_gate)},
    };
}

ModelConfig config_from_fields(const Fields& given) {
    // Model files written before a setting existed were made without it.
    Fields fields{
        {"color_hints", "no"},          {"hint_field", "no"},    {"chroma_bins", "13"},
        {"chroma_temperature", "0.38"}, {"chroma_gain", "1"},    {"context_stages", "0"},
        {"descreened_input", "no"},     {"hint_gate", "no"},     {"descreened_when_hinted", "no"},
        {"palette_strength", "0"},      {"global_context", "no"}};
    for (const auto& [key, value] : given) fields[key] = value;
    ModelConfig c;
    c.activation = parse(kActivations, "activation", field(fields, "activation"));
    c.input_range = parse(kInputRanges, "input_range", field(fields, "input_range"));
    c.output_head = parse(kOutputHeads, "output_head", field(fields, "output_head"));
    c.backbone = parse(kBackbones, "backbone", field(fields, "backbone"));
    c.depth = parse_int(fields, "depth", 1, 7);
    c.stem_stride = parse_int(fields, "stem_stride", 1, 2);
    c.base_width = parse_int(fields, "base_width", 1, 512);
    c.latent_width = parse_int(fields, "latent_width", 1, 4096);
    c.context_stages = parse_int(fields, "context_stages", 0, 4);
    c.global_context = parse(kSwitches, "global_context", field(fields, "global_context"));
    refuse_widths_one_dnn_gets_wrong("settings base_width=" + std::to_string(c.base_width) +
                                         " and latent_width=" + std::to_string(c.latent_width),
                                     generator_input_widths(c));
    c.palette_levels = parse_int(fields, "palette_levels", 2, 16);
    c.chroma_bins = parse_int(fields, "chroma_bins", 3, 31);
    if (c.chroma_bins % 2 == 0)
        throw Error("setting 'chroma_bins' is " + std::to_string(c.chroma_bins) +
                    "; it must be odd, so that gray is one of the classes");
    c.chroma_temperature = parse_double(fields, "chroma_temperature", 0.05, 1.0);
    c.chroma_gain = parse_double(fields, "chroma_gain", 0.1, 4.0);
    c.palette_strength = parse_double(fields, "palette_strength", 0.0, 1.0);
    c.disc_width = parse_int(fields, "disc_width", 1, 512);
    c.init_std = parse_double(fields, "init_std", 0.0, 1.0);
    c.page_long_side = parse_int(fields, "page_long_side", 64, 16384);
    c.color_hints = parse(kSwitches, "color_hints", field(fields, "color_hints"));
    c.hint_field = parse(kSwitches, "hint_field", field(fields, "hint_field"));
    c.descreened_input = parse(kSwitches, "descreened_input", field(fields, "descreened_input"));
    c.descreened_when_hinted =
        parse(kSwitches, "descreened_when_hinted", field(fields, "descreened_when_hinted"));
    c.hint_gate = parse(kSwitches, "hint_gate", field(fields, "hint_gate"));
    if (c.hint_gate && (!c.color_hints || c.output_head != OutputHead::Lab))
        throw Error("setting 'hint_gate' needs color_hints and the lab output head");
    return c;
}

}  // namespace mangacolor

namespace mangacolor {

ModelConfig with_setting(const ModelConfig& config, const std::string& key,
                         const std::string& value) {
    Fields fields = to_fields(config);
    auto it = fields.find(key);
    if (it == fields.end()) throw Error("unknown model setting '" + key + "'");
    it->second = value;
    return config_from_fields(fields);
}

const std::vector<std::string>& weightless_settings() {
    static const std::vector<std::string> keys{
        "chroma_gain",      "chroma_temperature",     "hint_field",
        "descreened_input", "descreened_when_hinted", "palette_strength"};
    return keys;
}

double ModelConfig::page_scale(int width, int height) const {
    return std::min(1.0, double(page_long_side) / std::max({width, height, 1}));
}

}  // namespace mangacolor
