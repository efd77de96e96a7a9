#include <gtest/gtest.h>

#include <functional>

#include "mangacolor/errors.h"
#include "mangacolor/model_blend.h"
#include "mangacolor/networks.h"
#include "tiny_config.h"

namespace mangacolor {
namespace {

Model tiny_model(const std::string& name, const std::string& steps, uint64_t seed) {
    torch::manual_seed(seed);
    Model model = make_model(tiny_config());
    model.info.metadata = {{"name", name}, {"steps", steps}};
    // Batch-norm statistics as training leaves them, unlike a fresh model's zeros and ones.
    torch::NoGradGuard no_grad;
    for (auto& buffer : model.generator->named_buffers())
        if (buffer.value().is_floating_point()) buffer.value().uniform_(0.5, 2.0);
    return model;
}

TEST(BlendModels, EveryWeightIsTheWeightedMean) {
    const Model start = tiny_model("default", "6000", 1);
    Model continued = tiny_model("default", "10000", 2);
    continued.info.metadata["validation_l1"] = "0.0371";
    const Model blended = blend_models(start, continued, 0.25);

    const auto ours = blended.generator->named_parameters();
    const auto first = start.generator->named_parameters();
    const auto second = continued.generator->named_parameters();
    ASSERT_EQ(ours.size(), first.size());
    for (const auto& item : ours) {
        const torch::Tensor expected = 0.75 * first[item.key()] + 0.25 * second[item.key()];
        EXPECT_TRUE(torch::allclose(item.value(), expected, 1e-6, 1e-7)) << item.key();
    }
    const auto buffers = blended.generator->named_buffers();
    const auto first_buffers = start.generator->named_buffers();
    const auto second_buffers = continued.generator->named_buffers();
    int statistics = 0;
    for (const auto& item : buffers) {
        if (!item.value().is_floating_point()) continue;
        ++statistics;
        const torch::Tensor expected =
            0.75 * first_buffers[item.key()] + 0.25 * second_buffers[item.key()];
        EXPECT_TRUE(torch::allclose(item.value(), expected, 1e-6, 1e-7)) << item.key();
    }
    EXPECT_GT(statistics, 0) << "batch-norm statistics are blended too";
    // The inputs are left as they were.
    EXPECT_FALSE(torch::allclose(first[ours.begin()->key()], second[ours.begin()->key()]));
    EXPECT_EQ(blended.info.metadata.at("steps"), "10000");
    EXPECT_EQ(blended.info.metadata.count("validation_l1"), 0u) << "measured on other weights";
    EXPECT_EQ(blended.info.metadata.at("blended_from"), "default (6000 steps), weight 0.75");
}

TEST(BlendModels, RefusesModelsWithOtherSettings) {
    const Model start = tiny_model("a", "1", 1);
    ModelConfig swish = tiny_config();
    swish.activation = Activation::Swish;
    EXPECT_THROW(blend_models(start, make_model(swish), 0.5), Error);
    EXPECT_THROW(blend_models(start, start, 1.5), Error);
    // Narrower than the start: it was not trained on from it.
    ModelConfig wider = tiny_config();
    wider.base_width *= 2;
    EXPECT_THROW(blend_models(make_model(wider), start, 0.5), Error);
}

// A continued model trained wider than its start blends with the start widened: at weight 0 the
// blend colors as the start.
TEST(BlendModels, AWiderContinuedModelBlendsWithItsStartWidened) {
    Model start = tiny_model("default", "15000", 1);
    ModelConfig wider = tiny_config();
    wider.base_width *= 2;
    wider.latent_width *= 2;
    const Model continued = make_model(wider);
    Model blended = blend_models(start, continued, 0.0);
    EXPECT_EQ(blended.info.config.base_width, wider.base_width);
    // LibTorch's own kernels: oneDNN's results vary by 1e-3 from run to run.
    const bool one_dnn = at::globalContext().userEnabledMkldnn();
    at::globalContext().setUserEnabledMkldnn(false);
    start.generator->eval();
    blended.generator->eval();
    torch::NoGradGuard no_grad;
    const ModelConfig& c = start.info.config;
    const auto page =
        torch::rand({1, c.input_channels(), 2 * c.size_multiple(), 2 * c.size_multiple()});
    EXPECT_TRUE(torch::allclose(start.generator->forward(page), blended.generator->forward(page),
                                1e-5, 1e-6));
    at::globalContext().setUserEnabledMkldnn(one_dnn);
}

// A fine-tune's palette and color strength, chosen on its pages, are the continued model's.
TEST(BlendModels, KeepsTheFineTunesPaletteAndColorStrength) {
    const Model start = tiny_model("default", "6000", 1);
    Model continued = tiny_model("mine", "300", 2);
    continued.info.palette = Palette{{{50, 60, 40}, {80, 0, 80}}};
    continued.info.config.palette_strength = 1;
    continued.info.config.chroma_gain = 1.25;
    const Model blended = blend_models(start, continued, 0.5);
    EXPECT_EQ(blended.info.palette.colors.size(), 2u);
    EXPECT_EQ(blended.info.config.palette_strength, 1.0);
    EXPECT_EQ(blended.info.config.chroma_gain, 1.25);
}

// A fresh model of tiny_config's settings with a part added by `add`: a run continued from a
// tiny_model with that part.
Model continued_with(const std::function<void(ModelConfig&)>& add) {
    ModelConfig config = tiny_config();
    add(config);
    torch::manual_seed(3);
    return make_model(config);
}

// A model trained on with a hint gate blends with the one it started from: the gate, which the
// start has not, is the continued model's; the other way round does not blend.
TEST(BlendModels, AHintGateTheContinuedModelAddedIsTakenAsTrained) {
    const Model start = tiny_model("default", "6000", 1);
    const Model continued = continued_with([](ModelConfig& c) { c.hint_gate = true; });
    const Model blended = blend_models(start, continued, 0.5);
    EXPECT_TRUE(blended.info.config.hint_gate);
    const auto ours = blended.generator->named_parameters();
    const auto first = start.generator->named_parameters();
    const auto second = continued.generator->named_parameters();
    for (const auto& item : ours) {
        const torch::Tensor expected = item.key().rfind("hint_gate.", 0) == 0
                                           ? second[item.key()]
                                           : 0.5 * first[item.key()] + 0.5 * second[item.key()];
        EXPECT_TRUE(torch::allclose(item.value(), expected, 1e-6, 1e-7)) << item.key();
    }
    EXPECT_THROW(blend_models(continued, start, 0.5), Error);
}

// A model trained on with a global context blends with the one it started from: the blend adds
// its share of what the continued model's context adds (the start's adds nothing).
TEST(BlendModels, AGlobalContextTheContinuedModelAddedIsBlendedWithNone) {
    const Model start = tiny_model("default", "6000", 1);
    const Model continued = continued_with([](ModelConfig& c) { c.global_context = true; });
    {
        torch::NoGradGuard no_grad;
        continued.generator->global_context->expand->weight.normal_(0, 1);
    }
    const Model blended = blend_models(start, continued, 0.25);
    EXPECT_TRUE(blended.info.config.global_context);
    const GlobalContext &ours = blended.generator->global_context,
                        &theirs = continued.generator->global_context;
    EXPECT_TRUE(torch::equal(ours->reduce->weight, theirs->reduce->weight));
    EXPECT_TRUE(torch::allclose(ours->expand->weight, 0.25 * theirs->expand->weight, 1e-6, 1e-7));
    const auto stem = [](Model m) {
        return m.generator->stem->body[0]->as<torch::nn::Conv2d>()->weight;
    };
    EXPECT_TRUE(
        torch::allclose(stem(blended), 0.75 * stem(start) + 0.25 * stem(continued), 1e-6, 1e-7));
}

}  // namespace
}  // namespace mangacolor
