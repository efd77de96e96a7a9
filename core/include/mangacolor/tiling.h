#pragma once

#include <opencv2/core.hpp>
#include <vector>

// Splitting a page into overlapping tiles and blending the results back without seams.
namespace mangacolor {

// Tiles of `tile` x `tile` pixels covering `image`, neighbours overlapping by at least
// `overlap` pixels. Every tile starts at a multiple of `align`: a network that downsamples by
// `align` then sees each tile on the same pixel grid as the whole page, so the tiles agree.
// Tiles along the right and bottom edges may be up to `align` - 1 pixels larger.
std::vector<cv::Rect> tile_grid(cv::Size image, int tile, int overlap, int align = 1);

// Per-pixel blending weight (CV_32F) for `tile`: 1 inside, ramping down to near 0 over `overlap`
// pixels along edges that neighbour another tile (not along the image border).
cv::Mat feather_weights(const cv::Rect& tile, cv::Size image, int overlap);

}  // namespace mangacolor
