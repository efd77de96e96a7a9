#pragma once

#include <opencv2/core.hpp>

// Flat colours, the way manga colourists lay them down: one colour for each area enclosed by the
// ink lines. The network's colours drift within an area (blotches); the area's median does not.
namespace mangacolor {

// Each pixel's area (CV_32S labels from 1) given the page's lines and screentone (CV_8U, as
// find_ink gives them): areas are bounded by lines, with gaps of a pixel or two closed, and by
// the edges of screentone; line pixels belong to the nearest area.
cv::Mat enclosed_areas(const cv::Mat& lines, const cv::Mat& tones);

// Gives every pixel of the float RGB image (in place) its area's median colour, channel by
// channel in CIELAB, so a few stray pixels do not tint an area.
void fill_areas_flat(cv::Mat& rgb, const cv::Mat& areas);

}  // namespace mangacolor
