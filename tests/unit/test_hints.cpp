#include <gtest/gtest.h>

#include <array>
#include <opencv2/imgproc.hpp>

#include "mangacolor/color_space.h"
#include "mangacolor/errors.h"
#include "mangacolor/hint_spread.h"
#include "mangacolor/hints.h"
#include "mangacolor/networks.h"

namespace mangacolor {
namespace {

const cv::Scalar kRed(255, 0, 0, 255), kBlue(0, 0, 255, 255);

cv::Vec3f lab_of_rgb8(const cv::Scalar& rgb) {
    const cv::Mat one(1, 1, CV_32FC3, cv::Scalar(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255));
    return lab_of(one).at<cv::Vec3f>(0);
}

TEST(HintChannels, OpaquePixelsBecomeTheirColourAndAMask) {
    cv::Mat hints(100, 100, CV_8UC4, cv::Scalar::all(0));
    cv::circle(hints, {20, 20}, 4, kRed, cv::FILLED);
    cv::circle(hints, {80, 80}, 4, cv::Scalar(0, 0, 255, 100), cv::FILLED);  // alpha under half
    const cv::Mat lines(hints.size(), CV_8U, cv::Scalar(0));
    const cv::Mat channels = hint_channels(hints, lines, {50, 50});
    ASSERT_EQ(channels.type(), CV_32FC4);
    const cv::Vec4f red = channels.at<cv::Vec4f>(10, 10);
    const cv::Vec3f lab = lab_of_rgb8(kRed);
    EXPECT_EQ(red[3], 1.0f);
    EXPECT_NEAR((red[0] + 1) * kLightnessScale, lab[0], 0.5);
    EXPECT_NEAR(red[1] * kChromaScale, lab[1], 0.5);
    EXPECT_NEAR(red[2] * kChromaScale, lab[2], 0.5);
    EXPECT_EQ(channels.at<cv::Vec4f>(40, 40)[3], 0.0f) << "half transparent is no hint";
    EXPECT_EQ(channels.at<cv::Vec4f>(0, 49), cv::Vec4f(0, 0, 0, 0));
}

TEST(HintChannels, HintsOnInkAreIgnoredAndNoHintsGiveZeros) {
    cv::Mat hints(40, 40, CV_16UC4, cv::Scalar::all(0));
    hints(cv::Rect(10, 10, 6, 6)).setTo(cv::Scalar(65535, 0, 0, 65535));
    cv::Mat lines(hints.size(), CV_8U, cv::Scalar(0));
    lines(cv::Rect(8, 8, 10, 10)).setTo(255);
    EXPECT_EQ(cv::countNonZero(hint_channels(hints, lines, {40, 40}).reshape(1)), 0);
    EXPECT_EQ(cv::countNonZero(hint_channels(cv::Mat(), lines, {20, 20}).reshape(1)), 0);
    EXPECT_THROW(hint_channels(cv::Mat(40, 40, CV_8UC3), lines, {40, 40}), Error);
}

TEST(FillHintedAreas, AnAreaTakesItsHintsMeanOthersKeepTheirs) {
    cv::Mat areas(20, 40, CV_32S, cv::Scalar(1));
    areas(cv::Rect(20, 0, 20, 20)).setTo(2);
    cv::Mat lab(areas.size(), CV_32FC3, cv::Scalar(50, 5, 5));
    cv::Mat hints(areas.size(), CV_32FC4, cv::Scalar::all(0));
    hints.at<cv::Vec4f>(5, 5) = {0.2f, 0.5f, 0.1f, 1.0f};
    hints.at<cv::Vec4f>(6, 6) = {0.4f, 0.3f, 0.3f, 1.0f};
    cv::Mat paper(areas.size(), CV_8U, cv::Scalar(255));  // line art: white inside
    cv::Mat on_gray = lab.clone();
    fill_hinted_areas(lab, areas, hints, paper);
    const cv::Vec3f hinted = lab.at<cv::Vec3f>(15, 15);
    EXPECT_NEAR(hinted[0], 1.3f * kLightnessScale, 1e-3);
    EXPECT_NEAR(hinted[1], 0.4f * kChromaScale, 1e-3);
    EXPECT_NEAR(hinted[2], 0.2f * kChromaScale, 1e-3);
    EXPECT_EQ(lab.at<cv::Vec3f>(10, 30), cv::Vec3f(50, 5, 5));

    // On a gray page the lightness is the page's: the hint gives the colour only.
    paper.setTo(0);
    fill_hinted_areas(on_gray, areas, hints, paper);
    const cv::Vec3f colored = on_gray.at<cv::Vec3f>(15, 15);
    EXPECT_EQ(colored[0], 50.0f);
    EXPECT_NEAR(colored[1], 0.4f * kChromaScale, 1e-3);
    EXPECT_NEAR(colored[2], 0.2f * kChromaScale, 1e-3);
}

TEST(FillHintedAreas, ADotSpillingOverAnEdgeColoursTheAreaItMostlyLiesIn) {
    cv::Mat areas(20, 40, CV_32S, cv::Scalar(1));
    areas(cv::Rect(20, 0, 20, 20)).setTo(2);
    cv::Mat lab(areas.size(), CV_32FC3, cv::Scalar(90, 0, 0));
    cv::Mat hints(areas.size(), CV_32FC4, cv::Scalar::all(0));
    cv::circle(hints, {23, 10}, 4, cv::Scalar(-0.2, 0.5, 0.1, 1.0), cv::FILLED);  // 1 px over
    fill_hinted_areas(lab, areas, hints, cv::Mat(areas.size(), CV_8U, cv::Scalar(255)));
    EXPECT_NEAR(lab.at<cv::Vec3f>(10, 35)[1], 0.5f * kChromaScale, 1e-3);
    EXPECT_EQ(lab.at<cv::Vec3f>(10, 5), cv::Vec3f(90, 0, 0)) << "the neighbour keeps its colour";
}

TEST(HintsByArea, EachHintedAreaGetsItsOwnDotsInItsBox) {
    cv::Mat areas(30, 60, CV_32S, cv::Scalar(0));  // label 0: in no enclosed area
    areas(cv::Rect(0, 0, 30, 20)).setTo(1);
    areas(cv::Rect(30, 5, 25, 20)).setTo(2);
    areas(cv::Rect(0, 20, 30, 10)).setTo(3);  // no hint of its own
    cv::Mat hints(areas.size(), CV_32FC4, cv::Scalar::all(0));
    cv::circle(hints, {10, 10}, 2, cv::Scalar(0.1, 0.5, 0.0, 1.0), cv::FILLED);
    cv::circle(hints, {32, 12}, 3, cv::Scalar(0.2, -0.5, 0.0, 1.0), cv::FILLED);  // 1 px in 1
    hints.at<cv::Vec4f>(28, 58) = {0.3f, 0.0f, 0.5f, 1.0f};                       // in no area

    const std::vector<AreaHints> by_area = hints_by_area(areas, hints);
    ASSERT_EQ(by_area.size(), 2u);
    EXPECT_EQ(by_area[0].label, 1);
    EXPECT_EQ(by_area[0].box, cv::Rect(0, 0, 30, 20));
    EXPECT_EQ(by_area[1].label, 2);
    EXPECT_EQ(by_area[1].box, cv::Rect(30, 5, 25, 20));
    cv::Mat first_mask, second_mask;
    cv::extractChannel(by_area[0].hint_channels, first_mask, 3);
    cv::extractChannel(by_area[1].hint_channels, second_mask, 3);
    EXPECT_EQ(cv::countNonZero(first_mask), 13) << "the first dot alone";
    EXPECT_EQ(cv::countNonZero(second_mask), 28) << "the second dot but its pixel over the edge";
    EXPECT_EQ(by_area[1].hint_channels.at<cv::Vec4f>(7, 2), cv::Vec4f(0.2f, -0.5f, 0.0f, 1.0f))
        << "the dot's centre, at (32, 12) of the page";
}

TEST(SpreadHints, AHintedAreaTakesItsOwnHintsAloneUpToItsWall) {
    cv::Mat areas(40, 60, CV_32S, cv::Scalar(1));
    areas(cv::Rect(30, 0, 30, 40)).setTo(2);
    cv::Mat hints(areas.size(), CV_32FC4, cv::Scalar::all(0));
    hints.at<cv::Vec4f>(20, 5) = {0.0f, 0.6f, 0.0f, 1.0f};
    hints.at<cv::Vec4f>(20, 31) = {0.0f, -0.6f, 0.0f, 1.0f};  // by the wall, across from x = 29

    const cv::Mat by_area = spread_hints(hints, areas), over_page = spread_hints(hints, cv::Mat());
    ASSERT_EQ(by_area.type(), CV_32FC4);
    ASSERT_EQ(by_area.size(), areas.size());
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 60; ++x)
            ASSERT_NEAR(by_area.at<cv::Vec4f>(y, x)[1], x < 30 ? 0.6f : -0.6f, 1e-4)
                << "(" << x << ", " << y << ")";
    EXPECT_NEAR(by_area.at<cv::Vec4f>(20, 5)[3], 1.0f, 1e-5) << "on the hint, full nearness";
    EXPECT_LT(over_page.at<cv::Vec4f>(20, 29)[1], 0.0f)
        << "over the whole page the right hint reaches across the wall";
}

TEST(SampleHints, NoneForSomePagesAndTheTruthsColoursForOthers) {
    cv::Mat rgb(200, 200, CV_32FC3, cv::Scalar(0.9f, 0.2f, 0.1f));
    const cv::Vec3f truth = lab_of(rgb).at<cv::Vec3f>(0);
    std::mt19937_64 rng(5);
    int empty = 0;
    for (int i = 0; i < 40; ++i) {
        const cv::Mat hints = sample_hints(rgb, 0.5, HintPlacement::Anywhere, rng);
        std::vector<cv::Mat> planes;
        cv::split(hints, planes);
        const int hinted = cv::countNonZero(planes[3]);
        if (hinted == 0) {
            ++empty;
            continue;
        }
        EXPECT_LT(hinted, int(rgb.total() / 20)) << "sparse dots and strokes";
        const cv::Scalar mean = cv::mean(hints, planes[3] > 0);
        EXPECT_NEAR(mean[1] * kChromaScale, truth[1], 0.5);
        EXPECT_NEAR(mean[2] * kChromaScale, truth[2], 0.5);
    }
    EXPECT_GT(empty, 8);
    EXPECT_LT(empty, 32);
}

// Two colours meeting at a vertical edge, and a black outline along it: hints placed across the
// edge or on the outline would carry a colour unlike what lies under them.
TEST(SampleHints, OnOneColorEveryHintPixelLiesOnItsOwnColour) {
    cv::Mat rgb(120, 120, CV_32FC3, cv::Scalar(0.9f, 0.2f, 0.1f));
    rgb.colRange(60, 120).setTo(cv::Scalar(0.1f, 0.3f, 0.9f));
    rgb.colRange(58, 62).setTo(cv::Scalar::all(0));
    const cv::Mat truth = lab_of(rgb);
    auto worst_mismatch = [&](HintPlacement placement) {
        std::mt19937_64 rng(7);
        float worst = 0;
        for (int i = 0; i < 60; ++i) {
            const cv::Mat hints = sample_hints(rgb, 1.0, placement, rng);
            for (int y = 0; y < hints.rows; ++y)
                for (int x = 0; x < hints.cols; ++x) {
                    const cv::Vec4f h = hints.at<cv::Vec4f>(y, x);
                    if (h[3] == 0) continue;
                    const cv::Vec3f t = truth.at<cv::Vec3f>(y, x);
                    worst = std::max({worst, std::abs(h[1] * kChromaScale - t[1]),
                                      std::abs(h[2] * kChromaScale - t[2])});
                }
        }
        return worst;
    };
    EXPECT_LT(worst_mismatch(HintPlacement::OnOneColor), 10.0f);
    EXPECT_GT(worst_mismatch(HintPlacement::Anywhere), 30.0f)
        << "without it, some hints cross the edge";
}

TEST(SampleHints, TheHintedShareOfPagesGetsHints) {
    const cv::Mat rgb(100, 100, CV_32FC3, cv::Scalar(0.2f, 0.4f, 0.9f));
    std::mt19937_64 rng(6);
    auto hinted_pages = [&](double share) {
        int hinted = 0;
        for (int i = 0; i < 40; ++i) {
            cv::Mat mask;
            cv::extractChannel(sample_hints(rgb, share, HintPlacement::Anywhere, rng), mask, 3);
            hinted += cv::countNonZero(mask) > 0;
        }
        return hinted;
    };
    EXPECT_EQ(hinted_pages(0.0), 0);
    EXPECT_EQ(hinted_pages(1.0), 40);
    EXPECT_GT(hinted_pages(0.8), 24);
}

// Hint channels (1 x 4 x h x w) with one dot of `value` (L*, a*, b* as the network has them).
torch::Tensor one_dot(int h, int w, int y, int x, std::array<float, 3> value) {
    torch::Tensor hints = torch::zeros({1, 4, h, w});
    for (int c = 0; c < 3; ++c) hints[0][c][y][x] = value[c];
    hints[0][3][y][x] = 1;
    return hints;
}

TEST(HintField, EveryPixelTakesTheNearestHintsColourAndHowNearItIs) {
    EXPECT_EQ(hint_field(torch::zeros({1, 4, 40, 60})).abs().max().item<float>(), 0.0f)
        << "no hints, no field";

    const torch::Tensor field = hint_field(one_dot(40, 60, 10, 10, {0.2f, 0.5f, -0.3f}));
    ASSERT_EQ(field.sizes(), (std::vector<int64_t>{1, 4, 40, 60}));
    EXPECT_NEAR(field[0][1].min().item<float>(), 0.5f, 1e-4) << "one hint colours the page";
    EXPECT_NEAR(field[0][1].max().item<float>(), 0.5f, 1e-4);
    EXPECT_NEAR(field[0][3][10][10].item<float>(), 1.0f, 1e-5) << "on the hint";
    const float near = field[0][3][12][14].item<float>(), far = field[0][3][39][59].item<float>();
    EXPECT_LT(near, 1.0f);
    EXPECT_LT(far, near) << "nearness falls with the distance";
    EXPECT_GT(far, 0.0f);

    // Two hints: each side of the page leans to its own.
    const torch::Tensor two =
        hint_field(one_dot(40, 60, 20, 5, {0, 0.6f, 0}) + one_dot(40, 60, 20, 54, {0, -0.6f, 0}));
    EXPECT_GT(two[0][1][20][10].item<float>(), 0.3f);
    EXPECT_LT(two[0][1][20][49].item<float>(), -0.3f);
}

TEST(HintLossWeights, HeaviestOnAHintFadingToOneFarAway) {
    const auto weights = [](const torch::Tensor& hints) {
        return hint_loss_weights(hint_field(hints).narrow(1, 3, 1), 3);
    };
    EXPECT_EQ(weights(torch::zeros({1, 4, 40, 60})).sizes(), (std::vector<int64_t>{1, 1, 40, 60}));
    EXPECT_EQ(weights(torch::zeros({1, 4, 40, 60})).max().item<float>(), 1.0f)
        << "no hints: every pixel weighs the same";

    const torch::Tensor w = weights(one_dot(200, 200, 10, 10, {0, 0.5f, 0}))[0][0];
    EXPECT_NEAR(w[10][10].item<float>(), 4.0f, 1e-4) << "1 + 3 on the hint";
    const float at4 = w[10][14].item<float>(), at16 = w[10][26].item<float>();
    EXPECT_LT(at4, 4.0f);
    EXPECT_LT(at16, at4) << "lighter with the distance";
    EXPECT_GT(at16, 1.5f) << "still heavier 16 pixels away: an area, not a dot";
    EXPECT_NEAR(w[199][199].item<float>(), 1.0f, 1e-4) << "faded out far away";
}

TEST(HintNearness, TheSameWhetherReadFromTheInputOrBuiltFromTheHints) {
    const torch::Tensor hints = one_dot(40, 60, 10, 30, {0, 0.5f, 0});
    const torch::Tensor gray = torch::rand({1, 1, 40, 60});
    const torch::Tensor built = hint_field(hints).narrow(1, 3, 1);
    ModelConfig field_input;
    ModelConfig dots_input;
    dots_input.hint_field = false;
    for (const ModelConfig& config : {field_input, dots_input}) {
        // The sampler and the colorizer give a model with hint_field its hints spread.
        const torch::Tensor input =
            generator_input(config, gray, config.hint_field ? hint_field(hints) : hints);
        const torch::Tensor nearness = hint_nearness(config, input, hints);
        ASSERT_EQ(nearness.sizes(), built.sizes());
        EXPECT_TRUE(torch::allclose(nearness, built)) << "hint_field = " << config.hint_field;
    }
}

TEST(TruthHints, DotsOfTheTrueColoursInColouredAreas) {
    cv::Mat page(200, 300, CV_32FC3, cv::Scalar::all(1));
    cv::rectangle(page, {150, 0, 150, 200}, cv::Scalar(0.9, 0.2, 0.1), cv::FILLED);
    std::mt19937_64 rng(5), again(5);
    const cv::Mat hints = truth_hints(page, rng);
    ASSERT_EQ(hints.type(), CV_32FC4);
    cv::Mat alpha;
    cv::extractChannel(hints, alpha, 3);
    EXPECT_EQ(cv::countNonZero(alpha(cv::Rect(0, 0, 147, 200))), 0) << "none on white paper";
    EXPECT_GT(cv::countNonZero(alpha), 6 * 20) << "6 dots for 6 x 100 x 100 pixels";
    const cv::Scalar mean = cv::mean(hints, alpha > 0);
    EXPECT_NEAR(mean[0], 0.9, 1e-5);
    EXPECT_NEAR(mean[2], 0.1, 1e-5);
    EXPECT_EQ(cv::norm(hints, truth_hints(page, again), cv::NORM_INF), 0.0) << "repeatable";
}

TEST(TruthHints, EachDotCoversOneColourNotAnEdge) {
    // Thin stripes of two colours: most places' dots would straddle both.
    cv::Mat page(200, 300, CV_32FC3, cv::Scalar(0.9, 0.2, 0.1));
    for (int x = 0; x < 280; x += 16) page.colRange(x, x + 8).setTo(cv::Scalar(0.1, 0.3, 0.9));
    std::mt19937_64 rng(7);
    const cv::Mat hints = truth_hints(page, rng);
    cv::Mat alpha;
    cv::extractChannel(hints, alpha, 3);
    ASSERT_GT(cv::countNonZero(alpha), 0);
    for (int y = 0; y < hints.rows; ++y)
        for (int x = 0; x < hints.cols; ++x) {
            const cv::Vec4f hint = hints.at<cv::Vec4f>(y, x);
            if (hint[3] == 0) continue;
            const cv::Vec3f under = page.at<cv::Vec3f>(y, x);
            ASSERT_EQ(cv::Vec3f(hint[0], hint[1], hint[2]), under) << "at " << x << ", " << y;
        }
}

}  // namespace
}  // namespace mangacolor
