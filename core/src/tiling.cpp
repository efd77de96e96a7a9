#include "mangacolor/tiling.h"

#include <algorithm>
#include <utility>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// Spans (start, length) along one axis of `length` for tiles of about `tile` overlapping by
// >= `overlap`, every start a multiple of `align`. The last span ends at the edge and may be
// up to `align` - 1 longer than `tile`.
std::vector<std::pair<int, int>> tile_spans(int length, int tile, int overlap, int align) {
    auto align_down = [align](int v) { return v / align * align; };
    if (length <= tile) return {{0, length}};
    const int stride = std::max(align, align_down(tile - overlap));
    std::vector<std::pair<int, int>> spans;
    int start = 0;
    for (; start + tile < length; start += stride) spans.emplace_back(start, tile);
    const int last = std::min(start, align_down(length - tile));
    spans.emplace_back(last, length - last);
    return spans;
}

// 1-D ramp: rises over `overlap` samples at the low end if `ramp_low`, falls at the high end
// if `ramp_high`. Never exactly 0, so every pixel keeps a defined blend.
std::vector<float> ramp(int length, int overlap, bool ramp_low, bool ramp_high) {
    std::vector<float> w(length, 1.0f);
    for (int i = 0; i < length; ++i) {
        const float rise = (i + 0.5f) / overlap;
        const float fall = (length - i - 0.5f) / overlap;
        if (ramp_low) w[i] = std::min(w[i], rise);
        if (ramp_high) w[i] = std::min(w[i], fall);
    }
    return w;
}

}  // namespace

std::vector<cv::Rect> tile_grid(cv::Size image, int tile, int overlap, int align) {
    if (image.width <= 0 || image.height <= 0) throw Error("cannot tile an empty image");
    if (tile <= 0 || overlap < 0 || overlap * 2 >= tile || align <= 0 || align > tile / 2)
        throw Error("tile size must be positive and more than twice the overlap");
    std::vector<cv::Rect> tiles;
    for (const auto& [y, h] : tile_spans(image.height, tile, overlap, align))
        for (const auto& [x, w] : tile_spans(image.width, tile, overlap, align))
            tiles.emplace_back(x, y, w, h);
    return tiles;
}

cv::Mat feather_weights(const cv::Rect& tile, cv::Size image, int overlap) {
    if (overlap == 0) return cv::Mat(tile.size(), CV_32F, cv::Scalar(1));
    const auto wx = ramp(tile.width, overlap, tile.x > 0, tile.x + tile.width < image.width);
    const auto wy = ramp(tile.height, overlap, tile.y > 0, tile.y + tile.height < image.height);
    cv::Mat weights(tile.size(), CV_32F);
    for (int y = 0; y < tile.height; ++y) {
        auto* row = weights.ptr<float>(y);
        for (int x = 0; x < tile.width; ++x) row[x] = wx[x] * wy[y];
    }
    return weights;
}

}  // namespace mangacolor
