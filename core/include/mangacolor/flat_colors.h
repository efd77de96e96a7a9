#pragma once

#include <opencv2/core.hpp>

// Flat colours, the way manga colourists lay them down: one colour for each area enclosed by the
// ink lines. The network's colours drift within an area (blotches); the area's median does not.
namespace mangacolor {

// Each pixel's area (CV_32S labels) given the page's lines and screentone (CV_8U, as find_ink
// gives them): areas are bounded by lines, with gaps of a pixel or two closed, and by the edges
// of screentone; line pixels belong to the nearest area. An "area" over half the page is no
// enclosed area (a page without closed lines, or with pencil lines too light to count) and
// gets label 0.
cv::Mat enclosed_areas(const cv::Mat& lines, const cv::Mat& tones);

// Gives every pixel of the float image (in place; the colorizer's a*, b*) its area's median,
// channel by channel, so a few stray pixels do not tint an area (in an area of two colours the
// result can mix them). Pixels of label 0 keep their values.
void fill_areas_flat(cv::Mat& colors, const cv::Mat& areas);

}  // namespace mangacolor
