#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "mangacolor/colorizer.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "mangacolor/networks.h"

namespace mangacolor {
namespace {

// A small untrained model with weights large enough that its output varies across the page,
// so seams between tiles would show.
Model varied_model() {
    ModelConfig config;
    config.depth = 2;
    config.base_width = 4;
    config.latent_width = 8;
    config.init_std = 0.2;
    torch::manual_seed(3);
    return make_model(config);
}

// A B/W test page: white paper, black strokes, a gray area.
cv::Mat test_page(cv::Size size) {
    cv::Mat page(size, CV_8U, cv::Scalar(255));
    cv::rectangle(page, {10, 10}, {size.width / 2, size.height / 2}, cv::Scalar(150), cv::FILLED);
    cv::circle(page, {size.width / 2, size.height / 2}, size.height / 3, cv::Scalar(0), 3);
    cv::line(page, {0, size.height - 20}, {size.width, 20}, cv::Scalar(0), 2);
    return page;
}

ColorizeOptions at_model_scale() {
    ColorizeOptions options;
    options.scale = 1.0;
    options.keep_line_art = false;
    options.flat_colors = false;  // the network's own output, so tiling differences would show
    return options;
}

class ColorizerTest : public ::testing::Test {
  protected:
    Colorizer colorizer_ = Colorizer::from_model(varied_model(), Device::CPU);
};

TEST_F(ColorizerTest, TiledResultMatchesUntiled) {
    const cv::Mat page = test_page({230, 170});
    ColorizeOptions whole = at_model_scale();
    whole.tile_size = 1024;
    ColorizeOptions tiled = at_model_scale();
    tiled.tile_size = 96;
    tiled.tile_overlap = 32;
    const cv::Mat a = colorizer_.colorize(page, whole);
    const cv::Mat b = colorizer_.colorize(page, tiled);
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    double max_diff = 0;
    cv::minMaxLoc(diff.reshape(1), nullptr, &max_diff);
    // Tiles on the network's downsampling grid with enough context agree to rounding error.
    EXPECT_LT(max_diff, 1e-3);
    // The model's output does vary, so the comparison means something.
    cv::Scalar mean, stddev;
    cv::meanStdDev(a.reshape(1), mean, stddev);
    EXPECT_GT(stddev[0], 0.01);
}

// With global_context every tile reads the whole page's summary, so the tiles of a page whose
// parts differ (a gray area in one, paper in another) still colour as the page does.
TEST(ColorizerGlobalContext, TilesColourAsTheWholePage) {
    Model model = varied_model();
    model.info.config.global_context = true;
    Model global = make_model(model.info.config);
    copy_matching_weights(*model.generator, *global.generator);
    {
        torch::NoGradGuard no_grad;
        // As if trained: the summary reaches every colour (a bias keeps the narrow layer open).
        const GlobalContext& context = global.generator->global_context;
        context->reduce->weight.normal_(0, 1);
        context->reduce->bias.fill_(1);
        context->expand->weight.normal_(0, 1);
    }
    const Colorizer colorizer = Colorizer::from_model(global, Device::CPU);
    const cv::Mat page = test_page({230, 170});
    ColorizeOptions whole = at_model_scale(), tiled = at_model_scale();
    tiled.tile_size = 96;
    cv::Mat diff;
    cv::absdiff(colorizer.colorize(page, whole), colorizer.colorize(page, tiled), diff);
    EXPECT_LT(cv::mean(diff.reshape(1))[0], 0.0025);
}

TEST_F(ColorizerTest, OutputIsFloatRgbOfTheInputSizeForEveryInputKind) {
    const cv::Mat gray8 = test_page({64, 48});
    cv::Mat gray16, rgb8, rgba8, gray32;
    gray8.convertTo(gray16, CV_16U, 257);
    gray8.convertTo(gray32, CV_32F, 1 / 255.0);
    cv::cvtColor(gray8, rgb8, cv::COLOR_GRAY2RGB);
    cv::cvtColor(gray8, rgba8, cv::COLOR_GRAY2RGBA);
    for (const cv::Mat& page : {gray8, gray16, rgb8, rgba8, gray32}) {
        const cv::Mat out = colorizer_.colorize(page, at_model_scale());
        EXPECT_EQ(out.type(), CV_32FC3);
        EXPECT_EQ(out.size(), page.size());
    }
}

TEST_F(ColorizerTest, SixteenBitAndEightBitPagesGiveTheSameColors) {
    const cv::Mat gray8 = test_page({64, 48});
    cv::Mat gray16;
    gray8.convertTo(gray16, CV_16U, 257);
    cv::Mat diff;
    cv::absdiff(colorizer_.colorize(gray8, at_model_scale()),
                colorizer_.colorize(gray16, at_model_scale()), diff);
    EXPECT_LT(cv::mean(diff.reshape(1))[0], 1e-4);
}

TEST_F(ColorizerTest, PageScaleFollowsTheModel) {
    ColorizeOptions options;  // scale 0: the model's page_long_side (1536) decides
    const cv::Mat out = colorizer_.colorize(test_page({60, 40}), options);
    EXPECT_EQ(out.size(), cv::Size(60, 40));
}

TEST_F(ColorizerTest, PageScaleShrinksLongPagesAndNeverEnlarges) {
    EXPECT_DOUBLE_EQ(colorizer_.page_scale({2000, 3072}), 0.5);
    EXPECT_DOUBLE_EQ(colorizer_.page_scale({3072, 2000}), 0.5);
    EXPECT_DOUBLE_EQ(colorizer_.page_scale({448, 300}), 1.0);
    ColorizeOptions options;
    options.scale = 2.0;  // asked for: obeyed
    EXPECT_DOUBLE_EQ(colorizer_.page_scale({448, 300}, options), 2.0);
}

TEST_F(ColorizerTest, KeepsLineArtBlack) {
    const cv::Mat page = test_page({128, 96});
    ColorizeOptions options = at_model_scale();
    options.keep_line_art = true;
    const cv::Mat out = colorizer_.colorize(page, options);
    int ink = 0, dark_out = 0;
    for (int y = 0; y < page.rows; ++y)
        for (int x = 0; x < page.cols; ++x)
            if (page.at<uint8_t>(y, x) == 0) {
                ++ink;
                const cv::Vec3f c = out.at<cv::Vec3f>(y, x);
                dark_out += c[0] < 0.02f && c[1] < 0.02f && c[2] < 0.02f;
            }
    ASSERT_GT(ink, 100);
    EXPECT_EQ(dark_out, ink);
}

// How much the colours vary inside a rectangle: 0 for one flat colour.
double color_spread(const cv::Mat& rgb, const cv::Rect& area) {
    cv::Scalar mean, deviation;  // per channel
    cv::meanStdDev(rgb(area), mean, deviation);
    return cv::norm(deviation);
}

// Mean CIELAB chroma of an area of an RGB result.
double mean_chroma(const cv::Mat& rgb, const cv::Rect& area) {
    cv::Mat lab;
    cv::cvtColor(rgb(area), lab, cv::COLOR_RGB2Lab);
    double sum = 0;
    for (auto it = lab.begin<cv::Vec3f>(); it != lab.end<cv::Vec3f>(); ++it)
        sum += std::hypot((*it)[1], (*it)[2]);
    return sum / area.area();
}

// The mean chroma over a mid-gray area of the test page, colorized with this chroma gain.
double chroma_with_gain(double gain) {
    Model model = varied_model();
    model.info.config.chroma_gain = gain;
    const cv::Mat page = test_page({128, 96});
    const cv::Rect gray_area(14, 14, 40, 28);
    return mean_chroma(Colorizer::from_model(model, Device::CPU).colorize(page, at_model_scale()),
                       gray_area);
}

TEST(ColorizerChromaGain, ScalesTheNetworksColors) {
    // Small gains, whose colors all lie inside the sRGB gamut: larger ones are cut at its edge.
    const double quarter = chroma_with_gain(0.25), half = chroma_with_gain(0.5);
    ASSERT_GT(quarter, 1.0);
    EXPECT_NEAR(half / quarter, 2.0, 0.05);
    EXPECT_GT(chroma_with_gain(2.0), 1.3 * chroma_with_gain(1.0));
}

TEST_F(ColorizerTest, FlatColorsFillEachEnclosedAreaWithOneColor) {
    cv::Mat page(96, 128, CV_8U, cv::Scalar(255));
    page(cv::Rect(20, 20, 80, 50)).setTo(150);  // a gray area: its colour shows at its lightness
    cv::rectangle(page, {20, 20}, {100, 70}, cv::Scalar(0), 2);
    const cv::Rect inside(24, 24, 74, 44);
    ColorizeOptions options = at_model_scale();
    EXPECT_GT(color_spread(colorizer_.colorize(page, options), inside), 1e-3);  // raw varies
    options.flat_colors = true;
    EXPECT_LT(color_spread(colorizer_.colorize(page, options), inside), 1e-6);
}

TEST_F(ColorizerTest, FlatColorsKeepThinLinesOfABigPageAsWalls) {
    // Shrunk to a third for the network, a 1-pixel line fades to light gray; it must still
    // wall the square in (the paper around, over half the page, is no enclosed area).
    cv::Mat page(384, 384, CV_8U, cv::Scalar(255));
    cv::rectangle(page, {60, 60}, {300, 300}, cv::Scalar(0), 1);
    const cv::Rect inside(72, 72, 216, 216);
    ColorizeOptions options = at_model_scale();
    options.scale = 1.0 / 3;
    EXPECT_GT(color_spread(colorizer_.colorize(page, options), inside), 1e-5);  // raw varies
    options.flat_colors = true;
    EXPECT_LT(color_spread(colorizer_.colorize(page, options), inside), 1e-6);
}

TEST_F(ColorizerTest, ProgressRisesToOneAndCancelStops) {
    ColorizeOptions options = at_model_scale();
    options.tile_size = 64;
    options.tile_overlap = 16;
    std::vector<double> seen;
    colorizer_.colorize(test_page({200, 150}), options, [&](double f) {
        seen.push_back(f);
        return true;
    });
    ASSERT_GE(seen.size(), 4u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);

    int calls = 0;
    EXPECT_THROW(
        colorizer_.colorize(test_page({200, 150}), options, [&](double) { return ++calls < 3; }),
        Cancelled);
    EXPECT_EQ(calls, 3);
}

TEST_F(ColorizerTest, EmptyPageIsAnError) {
    EXPECT_THROW(colorizer_.colorize(cv::Mat()), Error);
}

// The mean colour of a rectangle, in CIELAB.
cv::Vec3f mean_lab(const cv::Mat& rgb, const cv::Rect& r) {
    cv::Mat lab;
    cv::cvtColor(rgb(r), lab, cv::COLOR_RGB2Lab);
    const cv::Scalar mean = cv::mean(lab);
    return {float(mean[0]), float(mean[1]), float(mean[2])};
}

TEST_F(ColorizerTest, HintedAreasTakeTheirHintsColor) {
    cv::Mat page(96, 160, CV_8U, cv::Scalar(255));
    cv::rectangle(page, {10, 10}, {70, 80}, cv::Scalar(0), 2);
    cv::rectangle(page, {90, 10}, {150, 80}, cv::Scalar(0), 2);
    cv::Mat hints(page.size(), CV_8UC4, cv::Scalar::all(0));
    cv::circle(hints, {40, 45}, 3, cv::Scalar(220, 30, 30, 255), cv::FILLED);
    cv::circle(hints, {120, 45}, 3, cv::Scalar(40, 60, 220, 255), cv::FILLED);
    const cv::Mat hints_before = hints.clone();
    ColorizeOptions options = at_model_scale();
    options.flat_colors = true;
    options.keep_line_art = true;
    options.hints = hints;
    const cv::Mat out = colorizer_.colorize(page, options);
    const cv::Vec3f red = mean_lab(out, {16, 16, 48, 58}), blue = mean_lab(out, {96, 16, 48, 58});
    EXPECT_GT(red[1], 40.0f) << "red: a* high";
    EXPECT_LT(blue[2], -40.0f) << "blue: b* low";
    EXPECT_EQ(cv::norm(hints, hints_before, cv::NORM_INF), 0.0) << "the hints are not changed";
}

// descreened_when_hinted: with hints the network reads the descreened page, as with
// descreened_input; without hints, or with a hints image that holds none, the dots as before.
TEST(ColorizerDescreenedWhenHinted, ReadsTheDescreenedPageOnlyWithHints) {
    cv::Mat page(96, 160, CV_32F, cv::Scalar(1.0f));
    for (int y = 12; y < 84; y += 6)
        for (int x = 12; x < 148; x += 6)
            cv::rectangle(page, cv::Rect(x, y, 3, 3), cv::Scalar(0.0f), cv::FILLED);
    cv::Mat hints(page.size(), CV_8UC4, cv::Scalar::all(0));
    cv::circle(hints, {40, 45}, 3, cv::Scalar(220, 30, 30, 255), cv::FILLED);
    const cv::Mat clear(page.size(), CV_8UC4, cv::Scalar::all(0));
    auto colorize = [&](bool descreened_input, bool when_hinted, const cv::Mat& page_hints) {
        Model model = varied_model();
        model.info.config.descreened_input = descreened_input;
        model.info.config.descreened_when_hinted = when_hinted;
        ColorizeOptions options = at_model_scale();
        options.hints = page_hints;
        return Colorizer::from_model(model, Device::CPU).colorize(page, options);
    };
    auto same = [](const cv::Mat& a, const cv::Mat& b) {
        return cv::norm(a, b, cv::NORM_INF) == 0.0;
    };
    const cv::Mat hinted = colorize(false, true, hints);
    EXPECT_TRUE(same(hinted, colorize(true, false, hints)));
    EXPECT_FALSE(same(hinted, colorize(false, false, hints))) << "the dots read as dots";
    EXPECT_TRUE(same(colorize(false, true, {}), colorize(false, false, {})));
    EXPECT_TRUE(same(colorize(false, true, clear), colorize(false, false, {})));
}

TEST_F(ColorizerTest, HintsOfAnotherSizeNameBothSizes) {
    ColorizeOptions options = at_model_scale();
    options.hints = cv::Mat(10, 20, CV_8UC4, cv::Scalar::all(0));
    try {
        colorizer_.colorize(test_page({64, 48}), options);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("20 x 10"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("64 x 48"), std::string::npos) << e.what();
    }
}

TEST(ColorizerNetwork, WeightsThatGiveNaNAreAClearError) {
    Model model = varied_model();
    {
        torch::NoGradGuard no_grad;
        model.generator->head->bias.fill_(std::nanf(""));
    }
    const Colorizer colorizer = Colorizer::from_model(model, Device::CPU);
    try {
        colorizer.colorize(test_page({64, 64}), at_model_scale());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("NaN"), std::string::npos) << e.what();
    }
}

TEST(ColorizerLoad, BrokenModelFileNamesTheFile) {
    try {
        Colorizer::load("/nonexistent/model.mcm");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/model.mcm"), std::string::npos);
    }
}

TEST(ColorizerLoad, CudaWithoutGpuIsAClearError) {
    if (torch::cuda::is_available()) GTEST_SKIP() << "a CUDA device is present";
    EXPECT_THROW(Colorizer::from_model(varied_model(), Device::CUDA), Error);
}

}  // namespace
}  // namespace mangacolor
