#include <gtest/gtest.h>

#include <algorithm>

#include "mangacolor/chroma_classes.h"
#include "mangacolor/errors.h"
#include "mangacolor/networks.h"

namespace mangacolor {
namespace {

ModelConfig small() {
    ModelConfig c;
    c.depth = 3;
    c.base_width = 4;
    c.latent_width = 16;
    c.disc_width = 4;
    c.init_std = 0.1;
    return c;
}

int64_t parameter_count(torch::nn::Module& m) {
    int64_t n = 0;
    for (const auto& p : m.parameters()) n += p.numel();
    return n;
}

// Every architecture choice the write-up compared builds, runs, and keeps the output contract.
class GeneratorVariant : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(GeneratorVariant, MapsPageAndHintsToColorsInRange) {
    const ModelConfig config = with_setting(small(), GetParam().first, GetParam().second);
    Generator g(config);
    g->eval();
    torch::NoGradGuard no_grad;
    const int64_t h = 2 * config.size_multiple(), w = 3 * config.size_multiple();
    const auto out = g->forward(torch::rand({2, config.input_channels(), h, w}) * 2 - 1);
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{2, config.output_channels(), h, w}));
    EXPECT_LE(out.max().item<float>(), 1.0f + 1e-5f);
    EXPECT_GE(out.min().item<float>(), -1.0f - 1e-5f);
    EXPECT_GT(out.std().item<float>(), 0.0f);
}

// The loader trusts these sizes to refuse a file before building its network.
TEST_P(GeneratorVariant, WeightBytesAreKnownWithoutBuildingTheNetworks) {
    for (bool hints : {false, true}) {
        ModelConfig config = with_setting(small(), GetParam().first, GetParam().second);
        config.color_hints = hints;
        Generator g(config);
        Discriminator d(config);
        EXPECT_EQ(generator_weight_bytes(config), weight_bytes(*g));
        EXPECT_EQ(discriminator_weight_bytes(config), weight_bytes(*d));
    }
}

INSTANTIATE_TEST_SUITE_P(
    Settings, GeneratorVariant,
    ::testing::Values(
        std::make_pair("activation", "relu"), std::make_pair("activation", "leaky-relu"),
        std::make_pair("activation", "swish"), std::make_pair("input_range", "0..255"),
        std::make_pair("output_head", "palette"), std::make_pair("output_head", "lab-classes"),
        std::make_pair("backbone", "mobilenetv2"), std::make_pair("depth", "1"),
        std::make_pair("stem_stride", "1"), std::make_pair("depth", "5"),
        std::make_pair("latent_width", "32"), std::make_pair("disc_width", "8"),
        std::make_pair("context_stages", "2"), std::make_pair("global_context", "yes"),
        std::make_pair("hint_gate", "yes")));

// A model file is refused by the widths its settings give (model_config.cpp), before a network
// is built: every 3x3 convolution the network has reads a width that list holds, or one too
// narrow to be refused.
TEST_P(GeneratorVariant, ItsConvolutionsReadTheWidthsItsSettingsAreCheckedFor) {
    ModelConfig config = with_setting(small(), GetParam().first, GetParam().second);
    config.base_width = 32;  // widths above 16, which the check is about
    config.latent_width = 64;
    const std::vector<int> checked = generator_input_widths(config);
    Generator g(config);
    for (const auto& module : g->modules(/*include_self=*/false)) {
        const auto* conv = module->as<torch::nn::Conv2d>();
        if (!conv || conv->options.kernel_size()->at(0) < 3) continue;
        const int64_t width = conv->options.in_channels() / conv->options.groups();
        if (width <= 16) continue;
        EXPECT_NE(std::find(checked.begin(), checked.end(), width), checked.end()) << width;
    }
}

TEST(Generator, PaletteHeadMixesOnlyPaletteColors) {
    ModelConfig c = with_setting(small(), "output_head", "palette");
    c.palette_levels = 2;  // the 8 corners of the RGB cube
    Generator g(c);
    EXPECT_EQ(g->palette.size(0), 8);
    EXPECT_EQ(g->head->weight.size(0), 8);
}

TEST(Generator, ChromaClassesHeadGivesTheDecodedColorAndItsLogits) {
    ModelConfig c = with_setting(small(), "output_head", "lab-classes");
    c.chroma_bins = 5;
    Generator g(c);
    g->eval();
    torch::NoGradGuard no_grad;
    const int64_t side = 2 * c.size_multiple();
    const auto out = g->forward_outputs(torch::rand({1, c.input_channels(), side, side}) * 2 - 1);
    EXPECT_EQ(out.chroma_logits.sizes(), (std::vector<int64_t>{1, 25, side / (2 * c.stem_stride),
                                                               side / (2 * c.stem_stride)}));
    EXPECT_EQ(out.color.sizes(), (std::vector<int64_t>{1, 3, side, side}));
    EXPECT_EQ(g->head->weight.size(0), 1);  // L* alone; a*, b* come from the classes

    // The colour is the logits' decoded colour upsampled (bilinear upsampling keeps no pixel
    // exactly, so compare the means).
    const auto ab = decode_chroma(out.chroma_logits, c.chroma_bins, c.chroma_temperature);
    EXPECT_NEAR(out.color.narrow(1, 1, 2).mean().item<float>(), ab.mean().item<float>(), 1e-4);
    EXPECT_FALSE(Generator(small())->chroma_classes);
}

TEST(Generator, WarmStartCopiesTheUNetAndTheLightnessOfTheHead) {
    const ModelConfig lab = small();
    const ModelConfig classes = with_setting(lab, "output_head", "lab-classes");
    Generator from(lab), to(classes);
    const int copied = copy_matching_weights(*from, *to);
    EXPECT_EQ(copied, int(from->parameters().size() + from->buffers().size()));
    EXPECT_TRUE(torch::equal(from->stem->body[0]->as<torch::nn::Conv2d>()->weight,
                             to->stem->body[0]->as<torch::nn::Conv2d>()->weight));
    EXPECT_TRUE(torch::equal(from->head->weight.narrow(0, 0, 1), to->head->weight));
    // The other way the head does not fit: 1 output cannot fill 3.
    Generator back(lab);
    EXPECT_EQ(copy_matching_weights(*to, *back), copied - 2);
}

TEST(Generator, WidenedColorsAsTheNarrowerOneAndItsNewChannelsCanLearn) {
    const ModelConfig narrow = small();
    ModelConfig wide = narrow;
    wide.base_width = 6;
    wide.latent_width = 24;
    Generator from(narrow), to(wide);
    // Trained-looking statistics, so that a misplaced channel shows in eval mode.
    for (const auto& buffer : from->named_buffers())
        if (buffer.key().find("running_mean") != std::string::npos) buffer.value().uniform_(-1, 1);
    EXPECT_EQ(widen_weights(from, to), int(from->parameters().size() + from->buffers().size()));
    from->eval();
    to->eval();
    torch::NoGradGuard no_grad;
    // LibTorch's own kernels: oneDNN's 3x3 convolution of 24 input channels is wrong here
    // (model_config.cpp), and its results vary by 1e-3 from run to run anyway.
    const bool one_dnn = at::globalContext().userEnabledMkldnn();
    at::globalContext().setUserEnabledMkldnn(false);
    const int64_t side = 2 * narrow.size_multiple();
    const auto page = torch::rand({2, narrow.input_channels(), side, side}) * 2 - 1;
    EXPECT_TRUE(torch::allclose(from->forward(page), to->forward(page), 1e-5, 1e-6));
    at::globalContext().setUserEnabledMkldnn(one_dnn);
    // A new channel is computed from the old ones (random weights), and its reader starts at 0.
    const auto stem = to->stem->body[0]->as<torch::nn::Conv2d>()->weight;
    EXPECT_GT(stem.narrow(0, narrow.base_width, 2).abs().sum().item<float>(), 0.0f);
    const auto merge =
        to->up_merge[narrow.depth - 1]->as<ConvStage>()->body[0]->as<torch::nn::Conv2d>();
    EXPECT_EQ(merge->weight.narrow(1, narrow.base_width, 2).abs().sum().item<float>(), 0.0f);
    EXPECT_GT(merge->weight.narrow(0, narrow.base_width, 2).abs().sum().item<float>(), 0.0f);
}

// How strongly the colour at a 128-pixel page's top-left corner depends on the pixels about 90
// pixels from it, below and to the right: the largest gradient there (exactly 0 where the
// network does not see that far).
float corner_gradient_from_far_away(Generator& g) {
    g->eval();
    const auto page =
        (torch::rand({1, g->config.input_channels(), 128, 128}) * 2 - 1).requires_grad_(true);
    g->forward(page).narrow(2, 0, 4).narrow(3, 0, 4).sum().backward();
    return page.grad().narrow(2, 88, 16).narrow(3, 88, 16).abs().max().item<float>();
}

// A generator with `plain`'s settings and one with `extended`'s (which only adds to it)
// warm-started from it: every weight of the first is copied. Both in eval mode.
std::pair<Generator, Generator> warm_started(const ModelConfig& plain,
                                             const ModelConfig& extended) {
    Generator without(plain), with(extended);
    EXPECT_EQ(copy_matching_weights(*without, *with),
              int(without->parameters().size() + without->buffers().size()));
    without->eval();
    with->eval();
    return {without, with};
}

TEST(Generator, ContextStagesStartAsTheModelWithoutThemAndSeeFarther) {
    ModelConfig plain = small();
    plain.depth = 2;  // bridge pixels of 8 page pixels: each pixel sees about 30 pixels around
    ModelConfig wide = plain;
    wide.context_stages = 3;  // dilations 2, 4, 8: (2 + 4 + 8) * 8 = 112 pixels farther
    auto [without, with] = warm_started(plain, wide);
    // Warm-started, the new stages change nothing yet.
    {
        torch::NoGradGuard no_grad;
        const auto page = torch::rand({1, wide.input_channels(), 64, 64}) * 2 - 1;
        EXPECT_TRUE(torch::allclose(without->forward(page), with->forward(page), 1e-5, 1e-6));
        // Once trained, their last scales are no longer 0.
        for (const auto& stage : *with->context) {
            auto& body = stage->as<ContextStage>()->body;
            body[body->size() - 1]->as<torch::nn::BatchNorm2d>()->weight.fill_(1);
        }
    }
    // Then the corner sees what is drawn far from it.
    EXPECT_EQ(corner_gradient_from_far_away(without), 0.0f);
    EXPECT_GT(corner_gradient_from_far_away(with), 0.0f);
}

TEST(Generator, GlobalContextStartsAsTheModelWithoutItAndSeesTheWholePage) {
    ModelConfig plain = small();
    plain.depth = 2;  // each pixel sees about 30 pixels around without it
    ModelConfig global = plain;
    global.global_context = true;
    auto [without, with] = warm_started(plain, global);
    {
        torch::NoGradGuard no_grad;
        const auto page = torch::rand({1, global.input_channels(), 64, 64}) * 2 - 1;
        EXPECT_TRUE(torch::allclose(without->forward(page), with->forward(page), 1e-5, 1e-6));
        with->global_context->expand->weight.normal_(0, 1);  // as if trained
    }
    EXPECT_EQ(corner_gradient_from_far_away(without), 0.0f);
    EXPECT_GT(corner_gradient_from_far_away(with), 0.0f);
}

// A tile given the whole page's summary colours its middle as the whole page does there; with
// its own summary it would not.
TEST(Generator, TileWithThePagesSummaryColoursAsThePage) {
    ModelConfig config = small();
    config.depth = 2;
    config.global_context = true;
    Generator g(config);
    g->eval();
    torch::NoGradGuard no_grad;
    g->global_context->reduce->bias.fill_(1);  // keeps the narrow layer open
    g->global_context->expand->weight.normal_(0, 1);
    const auto page = torch::rand({1, config.input_channels(), 128, 128}) * 2 - 1;
    page.narrow(2, 0, 16).fill_(1);  // a white band above the tile: the page's summary differs
    const auto tile = page.narrow(2, 16, 96).narrow(3, 16, 96);  // on the 8-pixel grid
    // 40 pixels from the tile's edges: farther than the convolutions see.
    auto middle = [](const torch::Tensor& colors, int64_t at) {
        return colors.narrow(2, at, 16).narrow(3, at, 16);
    };
    const auto whole = middle(g->forward(page), 56);
    EXPECT_TRUE(
        torch::allclose(middle(g->forward(tile, g->global_summary(page)), 40), whole, 1e-4, 1e-5));
    EXPECT_GT((middle(g->forward(tile), 40) - whole).abs().max().item<float>(), 0.0f);
}

// Without hints (nearness 0) the gate changes nothing; wide open, a hinted pixel takes the
// field's colour; warm-started from a model without it, it is nearly shut.
TEST(Generator, HintGateTakesTheFieldsColourWhereHintsAreAndOnlyThere) {
    ModelConfig plain = small(), gated = small();
    gated.hint_gate = true;
    auto [without, with] = warm_started(plain, gated);
    torch::NoGradGuard no_grad;
    torch::Tensor input = torch::rand({1, gated.input_channels(), 32, 32}) * 2 - 1;
    input.narrow(1, 4, 1).zero_();
    const torch::Tensor plain_out = without->forward(input);
    with->hint_gate->bias.fill_(20);
    EXPECT_TRUE(torch::allclose(with->forward(input), plain_out, 1e-5, 1e-6)) << "no hints";

    input.narrow(1, 4, 1).fill_(1);
    const torch::Tensor open = with->forward(input);
    EXPECT_TRUE(torch::allclose(open, input.narrow(1, 1, 3), 1e-5, 1e-6)) << "hints everywhere";

    with->hint_gate->bias.fill_(-3);  // as a new gate starts
    const double moved =
        (with->forward(input) - without->forward(input)).abs().max().item<double>();
    EXPECT_LT(moved, 0.1 * (input.narrow(1, 1, 3) - plain_out).abs().max().item<double>());
}

TEST(Generator, WidthAndBackboneChangeTheNetwork) {
    ModelConfig wide = small();
    wide.base_width = 8;
    Generator narrow_g(small()), wide_g(wide),
        mobile_g(with_setting(small(), "backbone", "mobilenetv2"));
    EXPECT_GT(parameter_count(*wide_g), 2 * parameter_count(*narrow_g));
    EXPECT_NE(parameter_count(*mobile_g), parameter_count(*narrow_g));
}

TEST(Generator, InitialisationFollowsTheSetting) {
    ModelConfig c = small();
    c.init_std = 0.01;
    Generator g(c);
    const auto w = g->down[1]->as<ConvStage>()->body[0]->as<torch::nn::Conv2d>()->weight;
    EXPECT_NEAR(w.std().item<double>(), 0.01, 0.002);
    EXPECT_NEAR(w.mean().item<double>(), 0.0, 0.002);
}

TEST(Generator, MultiplyAddsScaleWithArea) {
    Generator g(small());
    const int64_t one = generator_multiply_adds(g, 64, 64);
    EXPECT_GT(one, 0);
    EXPECT_EQ(generator_multiply_adds(g, 128, 128), 4 * one);
}

TEST(Discriminator, JudgesPatches) {
    Discriminator d(small());
    d->eval();
    torch::NoGradGuard no_grad;
    const auto logits = d->forward(torch::zeros({2, 1, 64, 64}),
                                   torch::zeros({2, small().output_channels(), 64, 64}));
    ASSERT_EQ(logits.dim(), 4);
    EXPECT_EQ(logits.size(0), 2);
    EXPECT_EQ(logits.size(1), 1);
    EXPECT_GT(logits.size(2), 1);  // many patches, not one verdict per page
}

// Its 4x4 convolutions at 20 or 24 input channels are wrong in LibTorch 2.6 (model_config.cpp);
// the model file's setting itself stays readable, as colorizing does not use the discriminator.
TEST(Discriminator, RefusesWidthsTheConvolutionsGetWrong) {
    for (const char* width : {"20", "24"}) {
        const ModelConfig c = with_setting(small(), "disc_width", width);
        try {
            Discriminator d(c);
            FAIL() << "disc_width=" << width;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("multiple of 16"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(Discriminator(with_setting(small(), "disc_width", "8")));
    EXPECT_NO_THROW(Discriminator(with_setting(small(), "disc_width", "32")));
}

}  // namespace
}  // namespace mangacolor
