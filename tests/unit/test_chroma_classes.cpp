#include <gtest/gtest.h>

#include "mangacolor/chroma_classes.h"

namespace mangacolor {
namespace {

constexpr int kBins = 13;

// A few colours in network units, off the grid's cells and at its edges: N=1, 2 x 1 x 5.
torch::Tensor some_colors() {
    return torch::tensor({0.0f, 0.31f, -0.77f, 1.0f, -1.0f, 0.0f, -0.52f, 0.9f, 1.0f, -1.0f})
        .view({1, 2, 1, 5});
}

TEST(ChromaClasses, GridSpansTheChromaPlaneRowMajorInA) {
    const auto grid = chroma_grid(kBins);
    ASSERT_EQ(grid.sizes(), (std::vector<int64_t>{kBins * kBins, 2}));
    EXPECT_FLOAT_EQ(grid[0][0].item<float>(), -1.0f);
    EXPECT_FLOAT_EQ(grid[0][1].item<float>(), -1.0f);
    EXPECT_FLOAT_EQ(grid[1][0].item<float>(), -1.0f);  // b* varies fastest
    EXPECT_GT(grid[1][1].item<float>(), -1.0f);
    EXPECT_FLOAT_EQ(grid[kBins * kBins - 1][0].item<float>(), 1.0f);
}

TEST(ChromaClasses, TargetsAreDistributionsWhoseMeanIsTheColor) {
    const auto colors = some_colors();
    const auto targets = chroma_targets(colors, kBins);
    ASSERT_EQ(targets.sizes(), (std::vector<int64_t>{1, kBins * kBins, 1, 5}));
    EXPECT_TRUE(torch::allclose(targets.sum(1), torch::ones({1, 1, 5}), 1e-5, 1e-5));
    EXPECT_GE(targets.min().item<float>(), 0.0f);
    // At most the four cells around each colour hold it.
    EXPECT_LE((targets > 0).sum(1).max().item<int64_t>(), 4);
    const auto mean = torch::einsum("nqhw,qc->nchw", {targets, chroma_grid(kBins)});
    EXPECT_TRUE(torch::allclose(mean, colors, 1e-3, 1e-3)) << mean << colors;
}

TEST(ChromaClasses, PlainMeanDecodesTargetsBackAndLowTemperaturePicksTheLikeliest) {
    const auto colors = some_colors();
    const auto logits = chroma_targets(colors, kBins).clamp_min(1e-9).log();
    EXPECT_TRUE(torch::allclose(decode_chroma(logits, kBins, 1.0), colors, 1e-3, 1e-3));

    // Two modes, red-ish (+a*) at 0.6 and green-ish (-a*) at 0.4: the mean is a muted red,
    // a low temperature comes close to the likelier red.
    auto p = torch::zeros({1, kBins * kBins, 1, 1});
    const int neutral_b = kBins / 2;
    p[0][(kBins - 2) * kBins + neutral_b] = 0.6;
    p[0][1 * kBins + neutral_b] = 0.4;
    const auto red = chroma_grid(kBins)[(kBins - 2) * kBins + neutral_b][0].item<float>();
    const auto mean_a = decode_chroma(p.clamp_min(1e-9).log(), kBins, 1.0)[0][0].item<float>();
    const auto sharp_a = decode_chroma(p.clamp_min(1e-9).log(), kBins, 0.1)[0][0].item<float>();
    EXPECT_LT(mean_a, 0.5f * red);
    EXPECT_GT(sharp_a, 0.95f * red);
}

TEST(ChromaClasses, RareClassesWeighMoreAndTheExpectedWeightIsOne) {
    auto counts = torch::zeros({kBins * kBins});
    counts[0] = 1000;  // gray paper, say
    counts[5] = 10;
    counts[7] = 1;
    const auto weights = chroma_class_weights(counts);
    const auto frequency = counts / counts.sum();
    EXPECT_NEAR((frequency * weights).sum().item<double>(), 1.0, 1e-5);
    EXPECT_LT(weights[0].item<float>(), weights[5].item<float>());
    EXPECT_LT(weights[5].item<float>(), weights[7].item<float>());
    EXPECT_LT(weights[7].item<float>(), 2.0f * kBins * kBins);
}

TEST(ChromaClasses, LossIsLowestForTheTargetAndWeighsRareTargetsMore) {
    const auto targets = chroma_targets(some_colors(), kBins);
    const auto uniform = torch::ones({kBins * kBins});
    const auto right = chroma_loss(targets.clamp_min(1e-9).log(), targets, uniform);
    const auto flat = chroma_loss(torch::zeros_like(targets), targets, uniform);
    EXPECT_LT(right.item<float>(), flat.item<float>());
    EXPECT_NEAR(flat.item<float>(), std::log(float(kBins * kBins)), 1e-4);

    const auto heavy = chroma_loss(torch::zeros_like(targets), targets, 3 * uniform);
    EXPECT_NEAR(heavy.item<float>(), 3 * flat.item<float>(), 1e-4);
}

}  // namespace
}  // namespace mangacolor
