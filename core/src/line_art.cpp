#include "mangacolor/line_art.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace mangacolor {
namespace {

// Runs fn(y) for every row on OpenCV's thread pool: at 300 dpi a page has 8.7 M pixels, and
// whole-image OpenCV expressions would allocate a temporary of that size for each operation.
template <typename RowFunction>
void for_each_row(int rows, const RowFunction& fn) {
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& range) {
        for (int y = range.start; y < range.end; ++y) fn(y);
    });
}

// Share of the paper around a speck that other specks cover (counting their pixels below gray
// 0.5 only): the lightest screentone gives ~0.05 and more, a lone period or i-dot among
// letters, which are not specks, well under 0.03.
constexpr double kToneShare = 0.03;

// The largest screentone dot, in pixels: dots are specks smaller than this. The size follows
// the page, so it means the same at any dpi.
int speck_extent(cv::Size page) {
    return std::max(6, std::max(page.width, page.height) / 256) | 1;
}

// Screentone is where the gray steps by more than kPatternStep to a neighbour on more than
// kPatternShare of the pixels around (over a window of two dot sizes). A 2-pixel line crossing
// such a window steps on about 15 % of its pixels, a double line or hatching on up to 40 %,
// screentone on 45 % and more, also when scaling has blurred its dots into gray mottle; smooth
// gray never does.
constexpr double kPatternShare = 0.45;
constexpr float kPatternStep = 0.12f;

// Line tones (parallel stripes) step on two edges a pitch, so coarse ones stay below
// kPatternShare. They are told by their steps all running one way: over kLineToneShare of the
// pixels step and the gradients' coherence (0 for dots or mottle, 1 for parallel edges) is over
// kLineToneCoherence, on an area that holds a disc three windows wide. A double line, or a few
// strokes of hatching, is narrower and stays as drawn.
constexpr double kLineToneShare = 0.2;
constexpr double kLineToneCoherence = 0.6;

// The pattern's extent, its inside and its body (CV_8U, 255 there), all at the page's size. The
// density is smooth over its window, so it is measured on blocks of kShrink x kShrink pixels.
struct Pattern {
    cv::Mat extent, inside;
    // The extent less its narrow parts (its opening by a disc twice the window): double lines
    // and dense hatching drawn in line art are narrow, screentone over a shape is not.
    cv::Mat body;
};

constexpr int kShrink = 4;

// Per block of kShrink x kShrink pixels: the share of pixels that step (see kPatternShare), and
// the sums of the gradient's gx * gx, gy * gy and gx * gy (its structure tensor; Sobel's
// gradient, whose direction holds on the staircase of a slanted edge), in one pass.
cv::Mat block_steps(const cv::Mat& gray) {
    const cv::Size small((gray.cols + kShrink - 1) / kShrink, (gray.rows + kShrink - 1) / kShrink);
    cv::Mat blocks(small, CV_32FC4, cv::Scalar::all(0));
    for_each_row(small.height, [&](int block_row) {
        cv::Vec4f* out = blocks.ptr<cv::Vec4f>(block_row);
        const int last = std::min(gray.rows - 1, (block_row + 1) * kShrink);
        for (int y = std::max(1, block_row * kShrink); y < last; ++y) {
            const float* above = gray.ptr<float>(y - 1);
            const float* row = gray.ptr<float>(y);
            const float* below = gray.ptr<float>(y + 1);
            for (int x = 1; x + 1 < gray.cols; ++x) {
                cv::Vec4f& block = out[x / kShrink];
                if (std::abs(row[x] - row[x + 1]) > kPatternStep ||
                    std::abs(row[x] - below[x]) > kPatternStep)
                    block[0] += 1.0f / (kShrink * kShrink);
                const float gx = above[x + 1] - above[x - 1] + 2 * (row[x + 1] - row[x - 1]) +
                                 below[x + 1] - below[x - 1];
                const float gy = below[x - 1] - above[x - 1] + 2 * (below[x] - above[x]) +
                                 below[x + 1] - above[x + 1];
                block[1] += gx * gx;
                block[2] += gy * gy;
                block[3] += gx * gy;
            }
        }
    });
    return blocks;
}

Pattern dense_pattern(const cv::Mat& gray, int speck_size) {
    cv::Mat blocks = block_steps(gray);
    const int window = (2 * speck_size + 1) / kShrink | 1;
    cv::boxFilter(blocks, blocks, CV_32F, cv::Size(window, window));
    cv::Mat dense(blocks.size(), CV_8U), lined(blocks.size(), CV_8U);
    for_each_row(blocks.rows, [&](int y) {
        const cv::Vec4f* in = blocks.ptr<cv::Vec4f>(y);
        uint8_t* out_dense = dense.ptr<uint8_t>(y);
        uint8_t* out_lined = lined.ptr<uint8_t>(y);
        for (int x = 0; x < blocks.cols; ++x) {
            const auto [share, xx, yy, xy] = in[x].val;
            const float coherence =
                std::sqrt((xx - yy) * (xx - yy) + 4 * xy * xy) / std::max(xx + yy, 1e-9f);
            out_dense[x] = share > kPatternShare ? 255 : 0;
            out_lined[x] = share > kLineToneShare && coherence > kLineToneCoherence ? 255 : 0;
        }
    });
    const int wide = 3 * window | 1;
    cv::morphologyEx(lined, lined, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(wide, wide)));
    dense |= lined;
    Pattern pattern;
    const int gap = std::max(1, speck_size / kShrink);
    cv::morphologyEx(dense, dense, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(gap | 1, gap | 1)));
    // Its outline, where the pattern meets paper or another tone, stays a line.
    cv::Mat inside;
    cv::erode(dense, inside,
              cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(window, window)));
    // A line tone is tone up to its edge: eroded, the ends of its stripes would stay a dashed rim.
    inside |= lined;
    const cv::Mat disc =
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * window - 1, 2 * window - 1));
    cv::Mat body;
    cv::morphologyEx(dense, body, cv::MORPH_OPEN, disc);
    cv::resize(dense, pattern.extent, gray.size(), 0, 0, cv::INTER_NEAREST);
    cv::resize(inside, pattern.inside, gray.size(), 0, 0, cv::INTER_NEAREST);
    cv::resize(body, pattern.body, gray.size(), 0, 0, cv::INTER_NEAREST);
    return pattern;
}

// Screentone so heavy its dots touch (CV_8U, 255 there): within half a dot of the pattern's
// body, where paper shows through the ink in holes smaller than a dot (or within half a dot of
// one). A drawn outline, line tones or the paper beside them leave no such holes. Worked on the
// body's bounding box (and the half dot around it) only.
cv::Mat touching_dots(const cv::Mat& body, const cv::Mat& dark, int speck_size) {
    cv::Mat mesh(dark.size(), CV_8U, cv::Scalar(0));
    const cv::Rect found = cv::boundingRect(body);
    if (found.empty()) return mesh;
    const int reach = speck_size / 2;
    const cv::Rect region = cv::Rect(found.x - reach, found.y - reach, found.width + 2 * reach,
                                     found.height + 2 * reach) &
                            cv::Rect({0, 0}, dark.size());
    const cv::Mat half_dot =
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(speck_size, speck_size));
    cv::Mat labels, stats, centroids;
    const int count =
        cv::connectedComponentsWithStats(~dark(region), labels, stats, centroids, 4, CV_32S);
    std::vector<uint8_t> small(count, 0);
    for (int i = 1; i < count; ++i)
        small[i] = std::max(stats.at<int>(i, cv::CC_STAT_WIDTH),
                            stats.at<int>(i, cv::CC_STAT_HEIGHT)) < speck_size;
    cv::Mat holes(region.size(), CV_8U);
    for_each_row(region.height, [&](int y) {
        const int* label = labels.ptr<int>(y);
        uint8_t* out = holes.ptr<uint8_t>(y);
        for (int x = 0; x < region.width; ++x) out[x] = small[label[x]] ? 255 : 0;
    });
    cv::Mat near_holes, near_body;
    cv::dilate(holes, near_holes, half_dot);
    cv::dilate(body(region), near_body, half_dot);
    mesh(region).setTo(255, near_body & near_holes);
    return mesh;
}

}  // namespace

InkParts find_ink(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_32F);
    cv::Mat dark;
    cv::compare(gray, 0.5, dark, cv::CMP_LT);
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);

    // A screentone dot is a speck among many like it; a period or the dot of an i is a speck on
    // its own, and a line is long. Dots are also compact (round or square), unlike most letters
    // at that size (l, i, t, -).
    const int speck_size = speck_extent(gray.size());
    const int window = 4 * speck_size + 1;
    std::vector<uint8_t> is_speck(count, 0);
    for (int i = 1; i < count; ++i) {
        const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        is_speck[i] = std::max(width, height) < speck_size &&
                      std::max(width, height) <= 2 * std::min(width, height);
    }
    cv::Mat specks(gray.size(), CV_32F);
    for_each_row(gray.rows, [&](int y) {
        const int* label = labels.ptr<int>(y);
        float* out = specks.ptr<float>(y);
        for (int x = 0; x < gray.cols; ++x) out[x] = is_speck[label[x]] ? 1.0f : 0.0f;
    });
    cv::Mat speck_share;  // share of speck pixels around each pixel
    cv::boxFilter(specks, speck_share, CV_32F, cv::Size(window, window), cv::Point(-1, -1), true,
                  cv::BORDER_CONSTANT);  // a mirrored border would count a speck twice
    std::vector<uint8_t> is_line(count, 0);
    for (int i = 1; i < count; ++i) {
        const cv::Point centre(static_cast<int>(centroids.at<double>(i, 0)),
                               static_cast<int>(centroids.at<double>(i, 1)));
        const double others = speck_share.at<float>(centre) -
                              double(stats.at<int>(i, cv::CC_STAT_AREA)) / (window * window);
        is_line[i] = !is_speck[i] || others < kToneShare;
    }
    InkParts ink{cv::Mat(gray.size(), CV_8U), cv::Mat(gray.size(), CV_8U), cv::Mat(), cv::Mat()};
    for_each_row(gray.rows, [&](int y) {
        const int* label = labels.ptr<int>(y);
        uint8_t* line = ink.lines.ptr<uint8_t>(y);
        uint8_t* dot = ink.dots.ptr<uint8_t>(y);
        for (int x = 0; x < gray.cols; ++x) {
            line[x] = is_line[label[x]] ? 255 : 0;
            dot[x] = label[x] && !is_line[label[x]] ? 255 : 0;
        }
    });
    // Include the anti-aliased rim around each; a line wins where the two meet.
    cv::dilate(ink.lines, ink.lines, cv::Mat());
    cv::dilate(ink.dots, ink.dots, cv::Mat());
    ink.dots.setTo(0, ink.lines);
    const cv::Mat dot_gaps =
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(speck_size, speck_size));
    cv::morphologyEx(ink.dots, ink.tones, cv::MORPH_CLOSE, dot_gaps);
    // Tone covers an area: specks strung along a thin or broken line are no tone.
    cv::morphologyEx(ink.tones, ink.tones, cv::MORPH_OPEN, dot_gaps);

    // Dots that touch (heavy tones, dither, error diffusion, line tones) are no specks, yet
    // such tone is told by how often ink and paper alternate: on most pixels, where a line
    // changes only along its two edges. Inside it, nothing is a line. Dots so heavy they touch
    // are read as tone up to its edge (touching_dots): where their rim stays a line, descreening
    // left it a dotted outline no one drew.
    const Pattern pattern = dense_pattern(gray, speck_size);
    const cv::Mat mesh = touching_dots(pattern.body, dark, speck_size);
    ink.tones |= pattern.extent | mesh;
    ink.lines.setTo(0, pattern.inside);
    ink.dots.setTo(255, (pattern.inside | mesh) & dark);
    ink.touching_dots = mesh;
    return ink;
}

cv::Mat drawn_lines(const cv::Mat& lines) {
    CV_Assert(lines.type() == CV_8U);
    // An opening by a disc wider than any line keeps the solid blacks. Two distance transforms
    // make it in linear time (a 35-pixel disc on an A4 page takes OpenCV's morphology 0.3 s):
    // the cores are the pixels deeper inside than the disc's radius, the solid blacks what lies
    // within that radius of a core. Solid blacks are large, so it is done on blocks of up to
    // 4 x 4 pixels; their rim, where the blocks cut it, stays a line around them.
    const double radius = (std::max(9, std::max(lines.cols, lines.rows) / 100) | 1) / 2.0;
    const int shrink = std::clamp(int(radius / 4), 1, 4);
    cv::Mat blocks = lines;
    if (shrink > 1) {
        cv::resize(lines, blocks, cv::Size(lines.cols / shrink, lines.rows / shrink), 0, 0,
                   cv::INTER_AREA);
        blocks = blocks > 127;
    }
    cv::Mat depth, from_core;
    cv::distanceTransform(blocks, depth, cv::DIST_L2, cv::DIST_MASK_3);
    const cv::Mat outside_cores = depth <= radius / shrink;
    if (cv::countNonZero(outside_cores) == int(blocks.total())) return lines;
    cv::distanceTransform(outside_cores, from_core, cv::DIST_L2, cv::DIST_MASK_3);
    cv::Mat solid = from_core <= radius / shrink;
    if (shrink > 1) cv::resize(solid, solid, lines.size(), 0, 0, cv::INTER_NEAREST);
    return lines & ~solid;
}

cv::Mat descreened(const cv::Mat& gray, const InkParts& ink) {
    CV_Assert(gray.type() == CV_32F && ink.tones.size() == gray.size());
    CV_Assert(ink.touching_dots.size() == gray.size());
    const cv::Rect toned = cv::boundingRect(ink.tones);
    if (toned.empty()) return gray;
    // Only the toned part of the page (and a margin the filters reach) is worked on.
    const int extent = speck_extent(gray.size());
    const cv::Rect region = cv::Rect(toned.x - 2 * extent, toned.y - 2 * extent,
                                     toned.width + 4 * extent, toned.height + 4 * extent) &
                            cv::Rect({0, 0}, gray.size());
    const cv::Mat tone_pixels =
        ink.tones(region) & (~ink.lines(region) | ink.touching_dots(region));
    cv::Mat weight, weighted;
    tone_pixels.convertTo(weight, CV_32F, 1.0 / 255);
    cv::multiply(gray(region), weight, weighted);
    // Two box filters make a tent two dot pitches wide: dots of any phase average out, and the
    // mean over tone pixels only keeps lines and paper from bleeding in. The tent is smooth, so
    // it is computed on blocks of up to kShrink x kShrink pixels and interpolated back.
    const int shrink = std::clamp(extent / 3, 1, kShrink);  // small pages have small dots
    const cv::Size small((region.width + shrink - 1) / shrink,
                         (region.height + shrink - 1) / shrink);
    const int box = std::max(1, extent / shrink);
    for (cv::Mat* sums : {&weighted, &weight}) {
        cv::resize(*sums, *sums, small, 0, 0, cv::INTER_AREA);
        for (int pass = 0; pass < 2; ++pass)
            cv::blur(*sums, *sums, {box, box}, cv::Point(-1, -1), cv::BORDER_REPLICATE);
        cv::resize(*sums, *sums, region.size(), 0, 0, cv::INTER_LINEAR);
    }
    cv::Mat result = gray.clone();
    cv::Mat out_region = result(region);
    for_each_row(region.height, [&](int y) {
        const uint8_t* inside = tone_pixels.ptr<uint8_t>(y);
        const float* sum = weighted.ptr<float>(y);
        const float* count = weight.ptr<float>(y);
        float* out = out_region.ptr<float>(y);
        for (int x = 0; x < region.width; ++x)
            if (inside[x] && count[x] > 1e-6f) out[x] = sum[x] / count[x];
    });
    return result;
}

int descreening_width(cv::Size page) {
    return 2 * speck_extent(page) + 1;
}

cv::Mat without_lines(const cv::Mat& gray, const cv::Mat& lines) {
    CV_Assert(gray.type() == CV_32F && lines.type() == CV_8U && lines.size() == gray.size());
    cv::Mat lifted;
    cv::dilate(gray, lifted, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
    cv::Mat result = gray.clone();
    lifted.copyTo(result, lines);
    return result;
}

}  // namespace mangacolor
