#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <set>

#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
#include "mangacolor/networks.h"
#include "synthetic_pages.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

TEST(FindPages, MatchesBwOriginalsByNameInAnyLayout) {
    TempDir dir;
    write_synthetic_pages(dir.file("set/color"), 3, 32, 1);
    write_synthetic_pages(dir.file("set/bw"), 2, 32, 2);  // page0, page1: page2 has none
    const auto paired = find_pages(dir.file("set"));
    ASSERT_EQ(paired.size(), 3u);
    EXPECT_NE(paired[0].bw.find("bw/page0.png"), std::string::npos);
    EXPECT_TRUE(paired[2].bw.empty());

    // The same pages named as two separate folders.
    const auto separate = find_pages(dir.file("set/color"), dir.file("set/bw"));
    ASSERT_EQ(separate.size(), 3u);
    EXPECT_EQ(separate[1].bw, paired[1].bw);
    EXPECT_THROW(find_pages(dir.file("set/color"), dir.file("nowhere")), Error);
    EXPECT_THROW(find_pages(dir.file("nowhere")), Error);
}

TEST(SplitPages, ByFileDeterministicAndDisjoint) {
    std::vector<PageFiles> pages;
    for (int i = 0; i < 200; ++i) pages.push_back({"/a/page" + std::to_string(i) + ".png", ""});
    std::vector<PageFiles> train, validation, train2, validation2;
    split_pages(pages, 0.1, train, validation);
    std::reverse(pages.begin(), pages.end());
    split_pages(pages, 0.1, train2, validation2);
    EXPECT_EQ(train.size() + validation.size(), 200u);
    EXPECT_GT(validation.size(), 5u);
    EXPECT_LT(validation.size(), 40u);
    std::set<std::string> val_names, val_names2;
    for (const auto& p : validation) val_names.insert(p.color);
    for (const auto& p : validation2) val_names2.insert(p.color);
    EXPECT_EQ(val_names, val_names2);  // order of discovery does not matter
    for (const auto& p : train) EXPECT_EQ(val_names.count(p.color), 0u);
}

// Mean |difference| between horizontal neighbours of one N x 1 x S x S sample, away from its
// edges (where the crop cuts dots, which are then told from lines no more): dots step, tone does
// not.
double roughness(const torch::Tensor& gray, int i) {
    constexpr int kEdge = 8;
    const torch::Tensor page = gray[i][0]
                                   .narrow(0, kEdge, gray.size(2) - 2 * kEdge)
                                   .narrow(1, kEdge, gray.size(3) - 2 * kEdge);
    return (page.narrow(1, 1, page.size(1) - 1) - page.narrow(1, 0, page.size(1) - 1))
        .abs()
        .mean()
        .item<double>();
}

// Hints on `share` of the crops, as dots, placed anywhere.
CropHints hinted(double share) {
    CropHints hints;
    hints.share = share;
    return hints;
}

TEST(CropSampler, DescreensTheInputAsTheNetworkWillSeeIt) {
    // A flat-colored page whose own B/W original is screentone: 3 px dots every 6 px.
    PagePair page{cv::Mat(256, 256, CV_8UC3, cv::Scalar(200, 150, 120)),
                  cv::Mat(256, 256, CV_8U, cv::Scalar(255))};
    for (int y = 0; y < 256; y += 6)
        for (int x = 0; x < 256; x += 6) cv::rectangle(page.bw, cv::Rect(x, y, 3, 3), 0, -1);
    const std::vector<PagePair> pages{page};
    // The same seed makes the same B/W inputs; descreening draws no random numbers.
    CropSampler as_printed(pages, 128, hinted(0.0), false, 3),
        descreened(pages, 128, hinted(0.0), true, 3);
    const Batch printed = as_printed.next(16), smooth = descreened.next(16);
    int dotted = 0;
    double total_before = 0, total_after = 0;
    for (int i = 0; i < 16; ++i) {
        const double before = roughness(printed.gray, i), after = roughness(smooth.gray, i);
        EXPECT_NEAR(printed.gray[i].mean().item<double>(), smooth.gray[i].mean().item<double>(),
                    0.1)
            << "sample " << i << " keeps its tone";
        EXPECT_LE(after, before + 0.01) << "sample " << i;
        // Dots enlarged by the scale jitter leave a ripple, so each is only asked to halve.
        if (before > 0.15) {
            ++dotted;
            EXPECT_LT(after, before / 2) << "sample " << i << "'s dots are descreened";
        }
        total_before += before;
        total_after += after;
    }
    EXPECT_GT(dotted, 4) << "a good part of the samples were screentone";
    EXPECT_LT(total_after, total_before / 4);
    EXPECT_TRUE(printed.color.equal(smooth.color));
}

// A page of red and blue cells of 32 px in black outlines, drawn on the colored page and on its
// own B/W original alike; with `outlines` false, the cells touch without them.
PagePair cells_page(bool outlines) {
    PagePair page{cv::Mat(256, 256, CV_8UC3, cv::Scalar(200, 40, 40)),
                  cv::Mat(256, 256, CV_8U, cv::Scalar(255))};
    for (int y = 0; y < 256; y += 32)
        for (int x = (y / 32 % 2) * 32; x < 256; x += 64)
            page.color(cv::Rect(x, y, 32, 32)).setTo(cv::Scalar(40, 60, 200));
    for (int at = 0; outlines && at < 256; at += 32)
        for (cv::Mat image : {page.color, page.bw}) {
            cv::rectangle(image, {at, 0, 3, 256}, cv::Scalar::all(0), cv::FILLED);
            cv::rectangle(image, {0, at, 256, 3}, cv::Scalar::all(0), cv::FILLED);
        }
    return page;
}

TEST(CropSampler, SpreadsHintsWithinTheCropsEnclosedAreasWhenAsked) {
    CropHints dot_hints = hinted(1.0), over_crop_hints = hinted(1.0), by_area_hints = hinted(1.0);
    over_crop_hints.input = HintInput::Field;
    by_area_hints.input = HintInput::FieldByArea;
    for (bool outlines : {false, true}) {
        const std::vector<PagePair> pages{cells_page(outlines)};
        CropSampler by_area(pages, 96, by_area_hints, false, 4),
            over_crop(pages, 96, over_crop_hints, false, 4), dots(pages, 96, dot_hints, false, 4);
        const Batch spread_by_area = by_area.next(8), spread_over_crop = over_crop.next(8),
                    as_dots = dots.next(8);
        ASSERT_TRUE(spread_by_area.gray.equal(as_dots.gray)) << "the same crops";
        ASSERT_TRUE(spread_over_crop.gray.equal(as_dots.gray));
        EXPECT_TRUE(torch::allclose(spread_over_crop.hints, hint_field(as_dots.hints)))
            << "over the crop: hint_field of the dots";
        const torch::Tensor mask = as_dots.hints.narrow(1, 3, 1) > 0;
        EXPECT_GT(mask.sum().item<int64_t>(), 0);
        for (const Batch* spread : {&spread_by_area, &spread_over_crop})
            EXPECT_TRUE(spread->hints.narrow(1, 3, 1).masked_select(mask).eq(1).all().item<bool>())
                << "full nearness on the dots";
        // B/W pages printed without the black outlines may still wall cells by their gray
        // steps, so only the outlined page is sure to have enclosed areas.
        if (outlines) {
            EXPECT_FALSE(spread_by_area.hints.equal(spread_over_crop.hints))
                << "the outlines stop the spread";
        }
    }
    // A page with no walls at all: one area over the whole crop, which is no enclosed area.
    const std::vector<PagePair> plain{{cv::Mat(256, 256, CV_8UC3, cv::Scalar(200, 40, 40)), {}}};
    CropSampler by_area(plain, 96, by_area_hints, false, 5),
        over_crop(plain, 96, over_crop_hints, false, 5);
    EXPECT_TRUE(by_area.next(4).hints.equal(over_crop.next(4).hints));
}

}  // namespace
}  // namespace mangacolor
