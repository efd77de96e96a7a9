#include <gtest/gtest.h>

#include "mangacolor/errors.h"
#include "mangacolor/tiling.h"

namespace mangacolor {
namespace {

TEST(TileGrid, SmallImageIsOneTile) {
    const auto tiles = tile_grid({100, 80}, 512, 32);
    ASSERT_EQ(tiles.size(), 1u);
    EXPECT_EQ(tiles[0], cv::Rect(0, 0, 100, 80));
}

TEST(TileGrid, CoversEveryPixelWithinBoundsAndOverlaps) {
    const cv::Size image(1000, 700);
    const int tile = 256, overlap = 32;
    const auto tiles = tile_grid(image, tile, overlap);
    cv::Mat covered(image, CV_32S, cv::Scalar(0));
    for (const auto& t : tiles) {
        EXPECT_EQ(t & cv::Rect({0, 0}, image), t) << "tile out of bounds";
        EXPECT_LE(t.width, tile);
        EXPECT_LE(t.height, tile);
        covered(t) += 1;
    }
    double min_cover = 0;
    cv::minMaxLoc(covered, &min_cover);
    EXPECT_GE(min_cover, 1) << "a pixel is in no tile";
    // Neighbours overlap by at least `overlap` pixels: column starts are close enough.
    std::vector<cv::Rect> top_row;
    for (const auto& t : tiles)
        if (t.y == 0) top_row.push_back(t);
    for (size_t i = 1; i < top_row.size(); ++i)
        EXPECT_GE(top_row[i - 1].br().x - top_row[i].x, overlap);
}

// A page just wider than one tile is cut into two halves, not a full tile and a sliver that
// would cost a whole tile's context for a few pixels of page.
TEST(TileGrid, TilesAreBalanced) {
    const auto tiles = tile_grid({1086, 100}, 1024, 32, 32);
    ASSERT_EQ(tiles.size(), 2u);
    EXPECT_LT(std::abs(tiles[0].width - tiles[1].width), 64);
    EXPECT_GE(tiles[0].br().x - tiles[1].x, 32);
    EXPECT_EQ(tiles[1].br().x, 1086);
}

TEST(TileGrid, RejectsNonsense) {
    EXPECT_THROW(tile_grid({0, 10}, 64, 8), Error);
    EXPECT_THROW(tile_grid({10, 10}, 64, 32), Error);
}

TEST(FeatherWeights, RampOnlyTowardsNeighbours) {
    const cv::Size image(300, 100);
    const cv::Rect left_tile(0, 0, 160, 100);
    const cv::Mat w = feather_weights(left_tile, image, 32);
    EXPECT_FLOAT_EQ(w.at<float>(50, 0), 1.0f);              // image border: no ramp
    EXPECT_FLOAT_EQ(w.at<float>(0, 80), 1.0f);              // top border: no ramp
    EXPECT_LT(w.at<float>(50, 159), 0.05f);                 // edge shared with the next tile
    EXPECT_GT(w.at<float>(50, 159), 0.0f);                  // never exactly zero
    EXPECT_LT(w.at<float>(50, 150), w.at<float>(50, 135));  // rising towards the inside
}

TEST(TileGrid, AlignedStartsStillCoverTheImage) {
    const cv::Size image(1001, 777);
    const auto tiles = tile_grid(image, 256, 48, 16);
    cv::Mat covered(image, CV_32S, cv::Scalar(0));
    for (const auto& t : tiles) {
        EXPECT_EQ(t.x % 16, 0);
        EXPECT_EQ(t.y % 16, 0);
        EXPECT_LT(t.width, 256 + 16);
        EXPECT_EQ(t & cv::Rect({0, 0}, image), t);
        covered(t) += 1;
    }
    double min_cover = 0;
    cv::minMaxLoc(covered, &min_cover);
    EXPECT_GE(min_cover, 1);
}

}  // namespace
}  // namespace mangacolor
