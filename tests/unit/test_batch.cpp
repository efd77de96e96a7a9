#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgproc.hpp>

#include "mangacolor/batch.h"
#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "mangacolor/metrics.h"
#include "mangacolor/model_file.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

// A B/W page (stored as RGB, as scans often are) with two boxes enclosed by ink.
cv::Mat two_boxes() {
    cv::Mat page(96, 160, CV_8UC3, cv::Scalar::all(255));
    cv::rectangle(page, {10, 10}, {70, 80}, cv::Scalar::all(0), 2);
    cv::rectangle(page, {90, 10}, {150, 80}, cv::Scalar::all(0), 2);
    return page;
}

// Hints for two_boxes(): a red dot in the left box, a blue one in the right (RGB order).
const cv::Vec3d kRed(0.86, 0.12, 0.12), kBlue(0.16, 0.24, 0.86);
cv::Mat red_and_blue_hints() {
    cv::Mat hints(96, 160, CV_8UC4, cv::Scalar::all(0));
    cv::circle(hints, {40, 45}, 3, cv::Scalar(kRed[0] * 255, kRed[1] * 255, kRed[2] * 255, 255),
               cv::FILLED);
    cv::circle(hints, {120, 45}, 3, cv::Scalar(kBlue[0] * 255, kBlue[1] * 255, kBlue[2] * 255, 255),
               cv::FILLED);
    return hints;
}

// Mean CIEDE2000 of the pixels in `area` of an 8-bit RGB page to `color`.
double difference_to(const cv::Mat& page, const cv::Rect& area, const cv::Vec3d& color) {
    const cv::Mat region = to_rgb_float(page(area));
    const cv::Mat uniform(region.size(), CV_32FC3, cv::Scalar(color[0], color[1], color[2]));
    return mean_ciede2000(region, uniform);
}

TEST(IsColorPage, GrayPagesAndTintedScansAreNotInColor) {
    cv::Mat gray = two_boxes();
    EXPECT_FALSE(is_color_page(gray)) << "RGB with equal channels";
    cv::Mat one_channel;
    cv::cvtColor(gray, one_channel, cv::COLOR_RGB2GRAY);
    EXPECT_FALSE(is_color_page(one_channel));

    cv::rectangle(gray, {20, 20}, {60, 70}, cv::Scalar::all(128), cv::FILLED);  // a tone
    cv::Mat yellowed;  // old paper: ink, tones and paper tinted alike
    cv::multiply(gray, cv::Scalar(1.0, 0.95, 0.82), yellowed);
    EXPECT_FALSE(is_color_page(yellowed));
    cv::Mat sepia;
    cv::multiply(gray, cv::Scalar(1.0, 0.85, 0.65), sepia);
    EXPECT_FALSE(is_color_page(sepia));
}

TEST(IsColorPage, ColoredAreasMakeAColorPage) {
    cv::Mat page = two_boxes();
    cv::rectangle(page, {12, 12}, {68, 78}, cv::Scalar(200, 40, 40), cv::FILLED);
    EXPECT_TRUE(is_color_page(page));

    cv::Mat speck = two_boxes();  // a few colored pixels, as JPEG leaves along lines
    cv::rectangle(speck, {12, 12}, {14, 14}, cv::Scalar(200, 40, 40), cv::FILLED);
    EXPECT_FALSE(is_color_page(speck));
}

TEST(HintsFor, AFileForEveryPageOrTheMatchingFileOfAFolder) {
    TempDir dir;
    EXPECT_EQ(hints_for("ch1/p01.jpg", ""), "");
    EXPECT_EQ(hints_for("ch1/p01.jpg", dir.file("one.png")), dir.file("one.png"));
    std::ofstream(dir.file("p01.webp")) << "x";
    std::ofstream(dir.file("p01.png")) << "x";
    std::ofstream(dir.file("p02.tif")) << "x";
    EXPECT_EQ(hints_for("ch1/p01.jpg", dir.path().string()), dir.file("p01.png")) << "PNG first";
    EXPECT_EQ(hints_for("ch1/p02.png", dir.path().string()), dir.file("p02.tif"));
    EXPECT_EQ(hints_for("ch1/p03.png", dir.path().string()), "");
}

class ColorizeFilesTest : public ::testing::Test {
  protected:
    ColorizeFilesTest() {
        ModelConfig config;
        config.depth = 2;
        config.base_width = 4;
        config.latent_width = 8;
        config.page_long_side = 160;
        colorizer_.emplace(Colorizer::from_model(make_model(config), Device::CPU));
        std::filesystem::create_directories(in_.path() / "hints");
    }

    BatchCounts run(const BatchOptions& options, std::vector<PageOutcome>* outcomes = nullptr) {
        return colorize_files(*colorizer_, collect_pages({in_.path().string()}),
                              out_.path().string(), options, [&](size_t, const PageOutcome& o) {
                                  if (outcomes) outcomes->push_back(o);
                              });
    }

    TempDir in_, out_;
    std::optional<Colorizer> colorizer_;
};

TEST_F(ColorizeFilesTest, HintsFromAFolderColorTheirAreasPagesWithoutKeepNone) {
    write_image(in_.file("p1.png"), two_boxes());
    write_image(in_.file("p2.png"), two_boxes());
    const cv::Mat hints = red_and_blue_hints();
    write_image(in_.file("hints/p1.png"), hints);
    BatchOptions options;
    options.hints = in_.file("hints");
    std::vector<PageOutcome> outcomes;
    const BatchCounts counts = run(options, &outcomes);
    EXPECT_EQ(counts.colorized, 2);
    EXPECT_EQ(outcomes.at(0).hints, in_.file("hints/p1.png"));
    EXPECT_EQ(outcomes.at(1).hints, "");

    const cv::Mat hinted = read_image(out_.file("p1.png"));
    EXPECT_LT(difference_to(hinted, {16, 16, 48, 58}, kRed), 10.0);
    EXPECT_LT(difference_to(hinted, {96, 16, 48, 58}, kBlue), 10.0);
    const cv::Mat plain = read_image(out_.file("p2.png"));
    EXPECT_GT(difference_to(plain, {16, 16, 48, 58}, kRed),
              difference_to(hinted, {16, 16, 48, 58}, kRed) + 10)
        << "the page without hints is not red";
    EXPECT_EQ(cv::norm(read_image(in_.file("hints/p1.png")), hints, cv::NORM_INF), 0.0);
}

TEST_F(ColorizeFilesTest, HintsOfAnotherSizeFailThatPageOnly) {
    write_image(in_.file("p1.png"), two_boxes());
    write_image(in_.file("p2.png"), two_boxes());
    write_image(in_.file("hints/p1.png"), cv::Mat(10, 20, CV_8UC4, cv::Scalar::all(0)));
    BatchOptions options;
    options.hints = in_.file("hints");
    std::vector<PageOutcome> outcomes;
    const BatchCounts counts = run(options, &outcomes);
    EXPECT_EQ(counts.failed, 1);
    EXPECT_EQ(counts.colorized, 1);
    EXPECT_NE(outcomes.at(0).error.find("20 x 10"), std::string::npos) << outcomes.at(0).error;
    EXPECT_NE(outcomes.at(0).error.find("160 x 96"), std::string::npos) << outcomes.at(0).error;
}

TEST_F(ColorizeFilesTest, ColorPagesAreCopiedUnlessRecolorIsAsked) {
    cv::Mat color = two_boxes();
    cv::rectangle(color, {12, 12}, {68, 78}, cv::Scalar(200, 40, 40), cv::FILLED);
    write_image(in_.file("p0-color.png"), color);
    write_image(in_.file("p1.png"), two_boxes());
    std::vector<PageOutcome> outcomes;
    BatchCounts counts = run({}, &outcomes);
    EXPECT_EQ(counts.skipped, 1);
    EXPECT_EQ(counts.colorized, 1);
    EXPECT_TRUE(outcomes.at(0).skipped);
    EXPECT_EQ(cv::norm(read_image(out_.file("p0-color.png")), color, cv::NORM_INF), 0.0)
        << "written unchanged";

    BatchOptions recolor;
    recolor.recolor = true;
    counts = run(recolor);
    EXPECT_EQ(counts.skipped, 0);
    EXPECT_EQ(counts.colorized, 2);
    EXPECT_GT(cv::norm(read_image(out_.file("p0-color.png")), color, cv::NORM_INF), 0.0);
}

TEST_F(ColorizeFilesTest, MissingHintsFolderIsAnErrorBeforeAnyPage) {
    write_image(in_.file("p1.png"), two_boxes());
    BatchOptions options;
    options.hints = in_.file("no-such-folder");
    EXPECT_THROW(run(options), Error);
    EXPECT_FALSE(std::filesystem::exists(out_.file("p1.png")));
}

}  // namespace
}  // namespace mangacolor
