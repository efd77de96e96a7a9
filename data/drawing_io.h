#pragma once

#include <opencv2/core.hpp>
#include <string>

// Reading rendered drawings, shared by compose-pages and measure-drawings so both see a
// drawing the same way.

// Any image file as 8-bit BGRA (gray and BGR files get an opaque alpha); empty if unreadable.
cv::Mat read_bgra(const std::string& path);

// The bounding box of the pixels that are not (almost) transparent.
cv::Rect visible_box(const cv::Mat& bgra);
