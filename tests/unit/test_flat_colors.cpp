#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "mangacolor/flat_colors.h"
#include "mangacolor/line_art.h"

namespace mangacolor {
namespace {

cv::Mat white_page(cv::Size size) {
    return cv::Mat(size, CV_32F, cv::Scalar(1.0f));
}

// A square of screentone: dots `dot` px wide every 6 px (3: a tone of 0.75), with no outline.
void draw_tone(cv::Mat& gray, const cv::Rect& area, int dot = 3) {
    for (int y = area.y; y < area.br().y; y += 6)
        for (int x = area.x; x < area.br().x; x += 6)
            cv::rectangle(gray, cv::Rect(x, y, dot, dot), cv::Scalar(0.0f), cv::FILLED);
}

// The areas of a gray page, walled as the colorizer walls them.
cv::Mat areas_of(const cv::Mat& gray) {
    const InkParts ink = find_ink(gray);
    const cv::Mat tone = descreened(gray, ink);
    return enclosed_areas(drawn_lines(ink.lines), ink.tones,
                          steps_between_areas(tone, ink.tones, descreening_width(gray.size())));
}

TEST(FindInk, TellsLinesFromScreentoneDots) {
    cv::Mat gray = white_page({200, 150});
    cv::line(gray, {10, 10}, {190, 10}, cv::Scalar(0.0f), 2);
    cv::rectangle(gray, cv::Rect(150, 120, 2, 2), cv::Scalar(0.0f), cv::FILLED);  // a period
    draw_tone(gray, {20, 40, 60, 60});
    const InkParts ink = find_ink(gray);
    EXPECT_EQ(ink.lines.at<uint8_t>(10, 100), 255);
    EXPECT_EQ(ink.lines.at<uint8_t>(120, 150), 255) << "a lone speck is kept as ink";
    EXPECT_EQ(ink.dots.at<uint8_t>(120, 150), 0);
    EXPECT_EQ(ink.dots.at<uint8_t>(61, 61), 255);
    EXPECT_EQ(ink.lines.at<uint8_t>(61, 61), 0);
    EXPECT_EQ(ink.dots.at<uint8_t>(68, 66), 0);
    EXPECT_EQ(ink.tones.at<uint8_t>(68, 66), 255) << "the paper between dots is toned too";
    EXPECT_EQ(ink.tones.at<uint8_t>(130, 170), 0);
}

TEST(Descreened, ScreentoneBecomesItsToneAndLinesStay) {
    cv::Mat gray = white_page({160, 120});
    cv::line(gray, {0, 100}, {159, 100}, cv::Scalar(0.0f), 2);
    draw_tone(gray, {12, 12, 60, 60});  // 9 of 36 pixels inked: a tone of 0.75
    const cv::Mat tone = descreened(gray, find_ink(gray));
    for (const cv::Point at : {cv::Point(30, 30), cv::Point(33, 34), cv::Point(45, 40)})
        EXPECT_NEAR(tone.at<float>(at), 0.75f, 0.06f) << at;
    EXPECT_EQ(tone.at<float>(100, 80), 0.0f) << "a line stays ink";
    EXPECT_EQ(tone.at<float>(40, 120), 1.0f) << "paper stays white";
}

// Screentone so heavy that its dots touch: a mesh of ink with small holes of paper.
void draw_heavy_tone(cv::Mat& gray, const cv::Rect& area) {
    cv::Mat tone = gray(area);
    for (int y = 3; y < area.height; y += 6)
        for (int x = 3; x < area.width; x += 6)
            cv::circle(tone, {x, y}, 3, cv::Scalar(0.0f), cv::FILLED);
}

TEST(Descreened, HeavyScreentoneUpToItsEdgeAndItsOutlineStays) {
    cv::Mat gray = white_page({240, 200});
    const cv::Rect bare(20, 20, 96, 96), outlined(140, 20, 80, 150);
    draw_heavy_tone(gray, bare);
    draw_heavy_tone(gray, outlined);
    cv::rectangle(gray, outlined, cv::Scalar(0.0f), 2);
    const cv::Mat tone = descreened(gray, find_ink(gray));
    const double mean = cv::mean(tone(bare)(cv::Rect(20, 20, 56, 56)))[0];
    EXPECT_GT(mean, 0.1);
    EXPECT_LT(mean, 0.4);
    // Five pixels inside the edge of the bare square, along it: no dot and no hole is left (the
    // outermost dots, with no hole beyond them, may stay).
    for (int i = 8; i < bare.width - 8; ++i)
        for (const cv::Point at :
             {cv::Point(bare.x + i, bare.y + 5), cv::Point(bare.x + 5, bare.y + i),
              cv::Point(bare.x + i, bare.br().y - 6)})
            EXPECT_NEAR(tone.at<float>(at), mean, 0.2) << at;
    int outline_kept = 0;
    for (int y = outlined.y + 10; y < outlined.br().y - 10; ++y)
        outline_kept += tone.at<float>(y, outlined.x) < 0.1f;
    EXPECT_GT(outline_kept, (outlined.height - 20) * 9 / 10) << "the drawn outline stays ink";
}

// A line tone: stripes `width` px wide every `pitch` px across `area`, at `degrees` from the
// horizontal, anti-aliased as print softens them.
void draw_line_tone(cv::Mat& gray, const cv::Rect& area, double pitch, double width,
                    double degrees) {
    const double angle = degrees * CV_PI / 180;
    cv::Mat stripes(area.size(), CV_32F);
    for (int y = 0; y < area.height; ++y)
        for (int x = 0; x < area.width; ++x) {
            const double across = y * std::cos(angle) - x * std::sin(angle);
            stripes.at<float>(y, x) = across / pitch - std::floor(across / pitch) < width / pitch;
        }
    cv::GaussianBlur(1.0f - stripes, stripes, cv::Size(3, 3), 0.5);
    stripes.copyTo(gray(area));
}

TEST(Descreened, CoarseLineToneBecomesItsToneAndDrawnLinesStay) {
    cv::Mat gray = white_page({300, 220});
    const cv::Rect toned(20, 20, 120, 120);
    draw_line_tone(gray, toned, 9.0, 3.0, 30.0);  // 3 of 9 px inked: a tone of 0.67
    cv::rectangle(gray, toned, cv::Scalar(0.0f), 2);
    // Drawn beside it: two parallel lines close together, and a few hatching strokes.
    cv::line(gray, {170, 20}, {170, 200}, cv::Scalar(0.0f), 2);
    cv::line(gray, {176, 20}, {176, 200}, cv::Scalar(0.0f), 2);
    for (int x = 210; x < 240; x += 10)
        cv::line(gray, {x, 150}, {x + 20, 190}, cv::Scalar(0.0f), 2);
    const cv::Mat tone = descreened(gray, find_ink(gray));
    const double mean = cv::mean(tone(cv::Rect(50, 50, 60, 60)))[0];
    EXPECT_NEAR(mean, 0.67, 0.05);
    cv::Mat deviation;
    cv::absdiff(tone(cv::Rect(50, 50, 60, 60)), mean, deviation);
    double largest = 0;
    cv::minMaxLoc(deviation, nullptr, &largest);
    EXPECT_LT(largest, 0.15) << "no stripe is left inside the tone";
    int outline_kept = 0;
    for (int y = toned.y + 10; y < toned.br().y - 10; ++y)
        outline_kept += tone.at<float>(y, toned.x) < 0.1f;
    EXPECT_GT(outline_kept, (toned.height - 20) * 9 / 10) << "the drawn outline stays ink";
    for (int y = 40; y < 180; y += 20) {
        EXPECT_LT(tone.at<float>(y, 170), 0.1f) << "the double line stays ink at " << y;
        EXPECT_GT(tone.at<float>(y, 173), 0.9f) << "and the paper between its lines stays white";
    }
    EXPECT_LT(tone.at<float>(170, 230), 0.1f) << "a hatching stroke stays ink";
}

TEST(WithoutLines, LiftsLinesOutOfTheTone) {
    cv::Mat gray(60, 60, CV_32F, cv::Scalar(0.6f));
    cv::line(gray, {0, 30}, {59, 30}, cv::Scalar(0.0f), 2);
    const InkParts ink = find_ink(gray);
    const cv::Mat lifted = without_lines(gray, ink.lines);
    EXPECT_NEAR(lifted.at<float>(30, 30), 0.6f, 1e-6);
    EXPECT_NEAR(lifted.at<float>(10, 10), 0.6f, 1e-6);
}

TEST(EnclosedAreas, LinesAndToneEdgesSeparateAreas) {
    cv::Mat gray = white_page({200, 160});
    cv::rectangle(gray, {20, 20}, {90, 90}, cv::Scalar(0.0f), 2);
    // A gap of one pixel in the outline does not join the inside to the outside.
    cv::line(gray, {55, 19}, {55, 21}, cv::Scalar(1.0f), 1);
    draw_tone(gray, {120, 40, 60, 60});
    const cv::Mat areas = areas_of(gray);
    ASSERT_EQ(areas.type(), CV_32S);
    const int inside = areas.at<int>(50, 50), outside = areas.at<int>(150, 10),
              toned = areas.at<int>(70, 150);
    EXPECT_NE(inside, outside);
    EXPECT_NE(toned, outside);
    EXPECT_EQ(areas.at<int>(30, 30), inside);
    const int on_line = areas.at<int>(20, 50);
    EXPECT_TRUE(on_line == inside || on_line == outside) << "line pixels belong to an area too";
}

TEST(EnclosedAreas, APageWithoutClosedLinesHasNone) {
    cv::Mat gray = white_page({120, 90});
    cv::line(gray, {10, 10}, {100, 70}, cv::Scalar(0.0f), 2);
    EXPECT_EQ(cv::countNonZero(areas_of(gray)), 0);
}

TEST(EnclosedAreas, FlatGrayShapesWithoutOutlinesAreAreasOfTheirOwn) {
    cv::Mat gray = white_page({200, 160});
    cv::circle(gray, {60, 80}, 40, cv::Scalar(0.7f), cv::FILLED);              // a face
    cv::rectangle(gray, {95, 40}, {180, 120}, cv::Scalar(0.35f), cv::FILLED);  // touching it
    cv::circle(gray, {45, 70}, 8, cv::Scalar(0.2f), cv::FILLED);               // an eye in the face
    const cv::Mat areas = areas_of(gray);
    const int paper = areas.at<int>(10, 10), face = areas.at<int>(100, 60),
              dark = areas.at<int>(80, 150), eye = areas.at<int>(70, 45);
    EXPECT_NE(face, paper);
    EXPECT_NE(dark, face) << "two tones that touch, with no line between";
    EXPECT_NE(dark, paper);
    EXPECT_NE(eye, face) << "a solid dark shape is an area, not a wall";
    EXPECT_EQ(areas.at<int>(80, 40), face);
}

TEST(EnclosedAreas, TwoScreentonesThatTouchAreAreasOfTheirOwn) {
    cv::Mat gray = white_page({240, 160});
    draw_tone(gray, {30, 30, 90, 96}, 3);   // a tone of 0.75: a face
    draw_tone(gray, {120, 30, 90, 96}, 4);  // a darker one, 0.56, touching it: a coat
    const InkParts ink = find_ink(gray);
    const cv::Mat tone = descreened(gray, ink);
    const cv::Mat between = tone(cv::Rect(112, 50, 16, 60));
    ASSERT_EQ(cv::countNonZero(gray_steps(between)), 0) << "descreening blurs the step";
    const cv::Mat steps = tone_steps(tone, ink.tones, descreening_width(gray.size()));
    EXPECT_GT(cv::countNonZero(steps(cv::Rect(112, 50, 16, 60))), 0);
    EXPECT_EQ(cv::countNonZero(steps(cv::Rect(45, 50, 40, 60))), 0) << "no step inside a tone";
    const cv::Mat areas = areas_of(gray);
    const int face = areas.at<int>(78, 60), coat = areas.at<int>(78, 180);
    EXPECT_NE(face, 0);
    EXPECT_NE(coat, 0);
    EXPECT_NE(face, coat);
    EXPECT_EQ(areas.at<int>(40, 90), face);
}

TEST(GraySteps, SmoothShadingAndGrainAreNoSteps) {
    cv::Mat shading(120, 200, CV_32F), grain(shading.size(), CV_32F);
    for (int x = 0; x < shading.cols; ++x) shading.col(x).setTo(0.2f + 0.6f * x / shading.cols);
    cv::theRNG().state = 7;
    cv::randn(grain, 0.0, 0.01);
    EXPECT_EQ(cv::countNonZero(gray_steps(shading + grain)), 0);
    shading(cv::Rect(100, 0, 100, 120)) -= 0.15f;  // a shadow toned flat
    const cv::Mat steps = gray_steps(shading);
    EXPECT_EQ(steps.at<uint8_t>(60, 100), 255);
    EXPECT_EQ(steps.at<uint8_t>(60, 50), 0);
}

TEST(DrawnLines, SolidBlacksAreNoLines) {
    cv::Mat gray = white_page({300, 200});
    cv::line(gray, {10, 20}, {290, 20}, cv::Scalar(0.0f), 3);
    cv::rectangle(gray, {100, 80}, {160, 160}, cv::Scalar(0.0f), cv::FILLED);
    const cv::Mat lines = drawn_lines(find_ink(gray).lines);
    EXPECT_EQ(lines.at<uint8_t>(20, 150), 255);
    EXPECT_EQ(lines.at<uint8_t>(120, 130), 0) << "inside the solid black";
    EXPECT_EQ(lines.at<uint8_t>(82, 130), 0) << "near its edge";
}

TEST(FillAreasFlat, EachAreaGetsItsMedianColor) {
    cv::Mat areas(40, 60, CV_32S, cv::Scalar(1));
    areas(cv::Rect(30, 0, 30, 40)).setTo(2);
    cv::Mat rgb(areas.size(), CV_32FC3, cv::Scalar(1.0f, 1.0f, 1.0f));
    rgb(cv::Rect(30, 0, 30, 40)).setTo(cv::Scalar(0.1f, 0.3f, 0.9f));
    rgb(cv::Rect(2, 2, 8, 8)).setTo(cv::Scalar(1.0f, 0.0f, 0.0f));  // a red blotch on white
    cv::randu(rgb(cv::Rect(40, 10, 10, 10)), 0.0f, 1.0f);           // noise in the blue area
    fill_areas_flat(rgb, areas);
    const cv::Vec3f white = rgb.at<cv::Vec3f>(5, 5), blue = rgb.at<cv::Vec3f>(15, 45);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(white[c], 1.0f, 2e-3) << "channel " << c;
    EXPECT_NEAR(blue[0], 0.1f, 2e-3);
    EXPECT_NEAR(blue[2], 0.9f, 2e-3);
    for (int y = 0; y < rgb.rows; ++y)
        for (int x = 0; x < rgb.cols; ++x)
            ASSERT_EQ(rgb.at<cv::Vec3f>(y, x), x < 30 ? white : blue) << x << "," << y;
}

TEST(FillAreasFlat, LabelZeroKeepsItsColors) {
    cv::Mat rgb(20, 20, CV_32FC3);
    cv::randu(rgb, 0.0f, 1.0f);
    const cv::Mat before = rgb.clone();
    fill_areas_flat(rgb, cv::Mat(rgb.size(), CV_32S, cv::Scalar(0)));
    EXPECT_LT(cv::norm(rgb, before, cv::NORM_INF), 1e-3);
}

TEST(SmoothColorsAlongTone, EvensBlotchesOutAndKeepsShapesApart) {
    // Two shapes of gray, 0.3 on the left and 0.8 on the right, colored orange and blue by a
    // network with blotches of noise in both; L* is not the smoothing's to change.
    cv::Mat tone(64, 96, CV_32F, cv::Scalar(0.3f));
    tone(cv::Rect(48, 0, 48, 64)).setTo(0.8f);
    cv::Mat lab(tone.size(), CV_32FC3);
    cv::Mat noise(tone.size(), CV_32FC3);
    cv::randn(noise, 0.0, 8.0);
    for (int y = 0; y < lab.rows; ++y)
        for (int x = 0; x < lab.cols; ++x)
            lab.at<cv::Vec3f>(y, x) =
                cv::Vec3f(50, x < 48 ? 30 : -10, x < 48 ? 40 : -35) + noise.at<cv::Vec3f>(y, x);
    const cv::Mat before = lab.clone();
    smooth_colors_along_tone(lab, tone, 8);

    const auto spread = [](const cv::Mat& m, const cv::Rect& r) {
        cv::Scalar mean, deviation;
        cv::meanStdDev(m(r), mean, deviation);
        return deviation[1] + deviation[2];
    };
    const cv::Rect left(4, 4, 40, 56), right(52, 4, 40, 56);
    EXPECT_LT(spread(lab, left), 0.3 * spread(before, left));
    EXPECT_LT(spread(lab, right), 0.3 * spread(before, right));
    for (const int y : {10, 32, 60}) {
        // Right beside the step, each side keeps its own colour.
        const cv::Vec3f orange = lab.at<cv::Vec3f>(y, 46), blue = lab.at<cv::Vec3f>(y, 49);
        EXPECT_NEAR(orange[1], 30, 4) << y;
        EXPECT_NEAR(orange[2], 40, 4) << y;
        EXPECT_NEAR(blue[1], -10, 4) << y;
        EXPECT_NEAR(blue[2], -35, 4) << y;
    }
    std::vector<cv::Mat> after, original;
    cv::split(lab, after);
    cv::split(before, original);
    EXPECT_EQ(cv::norm(after[0], original[0], cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace mangacolor
