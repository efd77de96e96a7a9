#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <set>

#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
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

TEST(CropSampler, DescreensTheInputAsTheNetworkWillSeeIt) {
    // A flat-colored page whose own B/W original is screentone: 3 px dots every 6 px.
    PagePair page{cv::Mat(256, 256, CV_8UC3, cv::Scalar(200, 150, 120)),
                  cv::Mat(256, 256, CV_8U, cv::Scalar(255))};
    for (int y = 0; y < 256; y += 6)
        for (int x = 0; x < 256; x += 6) cv::rectangle(page.bw, cv::Rect(x, y, 3, 3), 0, -1);
    const std::vector<PagePair> pages{page};
    // The same seed makes the same B/W inputs; descreening draws no random numbers.
    CropSampler as_printed(pages, 128, 0.0, false, 3), descreened(pages, 128, 0.0, true, 3);
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

}  // namespace
}  // namespace mangacolor
