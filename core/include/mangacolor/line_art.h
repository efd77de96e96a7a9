#pragma once

#include <opencv2/core.hpp>

// Keeping the artist's ink: the dark strokes of the B/W page go back on top of the colours.
namespace mangacolor {

// Ink coverage in [0, 1] (CV_32F) of a gray page in [0, 1]: lines and solid blacks. Isolated
// small dark specks (screentone dots) are left out, so tones do not print over the colours.
cv::Mat ink_coverage(const cv::Mat& gray);

// Darkens the colours (float RGB, in place) by the ink as a multiply layer: black ink stays black.
void overlay_ink(cv::Mat& rgb, const cv::Mat& gray, const cv::Mat& ink);

}  // namespace mangacolor
