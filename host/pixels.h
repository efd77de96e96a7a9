#pragma once

#include <libgimp/gimp.h>

#include <opencv2/core.hpp>

// Pixels between GEGL buffers and cv::Mat. Rectangles are in the drawable's own coordinates;
// images are float in [0, 1], channels in R'G'B'A order (the core's order).
namespace colorize_manga {

// The drawable's pixels in `rect` as CV_32FC4, whatever its type and precision.
cv::Mat read_rgba(GimpDrawable* drawable, const GeglRectangle& rect);

// The pixels of `layer` that lie over `rect` of `drawable`, as CV_32FC4: the two line up as in
// their image (offsets), and where `layer` does not reach they are transparent.
cv::Mat read_rgba_over(GimpDrawable* layer, GimpDrawable* drawable, const GeglRectangle& rect);

// How much of each pixel in `rect` the selection covers (CV_32FC1); all ones with no selection.
cv::Mat read_coverage(GimpDrawable* drawable, const GeglRectangle& rect);

// Writes CV_32FC4 pixels into `buffer` at `rect`; GEGL converts to the buffer's format.
void write_rgba(GeglBuffer* buffer, const GeglRectangle& rect, const cv::Mat& rgba);

// Colors (CV_32FC3) with an alpha channel (CV_32FC1) appended.
cv::Mat with_alpha(const cv::Mat& rgb, const cv::Mat& alpha);

// The alpha channel of CV_32FC4 pixels.
cv::Mat alpha_of(const cv::Mat& rgba);

}  // namespace colorize_manga
