#include "mangacolor/tiling.h"

#include <algorithm>
#include <utility>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// Spans (start, length) along one axis of `length`: the fewest tiles of at most about `tile`
// that cover it with neighbours overlapping by >= `overlap`, all of about the same length (a
// thin last tile would pay for a whole tile's context), every start a multiple of `align`.
// A span may be up to `align` - 1 longer than `tile`.
std::vector<std::pair<int, int>> tile_spans(int length, int tile, int overlap, int align) {
    if (length <= tile) return {{0, length}};
    auto align_down = [align](int64_t v) { return static_cast<int>(v / align * align); };
    const int count = (length - overlap + tile - overlap - 1) / (tile - overlap);
    const int span = (length + (count - 1) * overlap + count - 1) / count;
    std::vector<int> starts(count);
    for (int i = 0; i < count; ++i)
        starts[i] = align_down(int64_t(i) * (length - span) / (count - 1));
    std::vector<std::pair<int, int>> spans;
    for (int i = 0; i < count; ++i) {
        const int end = i + 1 == count
                            ? length
                            : std::min(length, std::max(starts[i] + span, starts[i + 1] + overlap));
        spans.emplace_back(starts[i], end - starts[i]);
    }
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
