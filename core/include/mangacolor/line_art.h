#pragma once

#include <opencv2/core.hpp>

// Keeping the artist's ink: the B/W page goes back on top of the colours as a multiply layer,
// except its screentone dots, which stood for the colours and are replaced by them.
namespace mangacolor {

struct InkParts {
    cv::Mat lines;  // CV_8U, 255 on lines and solid blacks, with their anti-aliased rim
    cv::Mat dots;   // CV_8U, 255 on screentone dots, with their rim
    cv::Mat tones;  // CV_8U, 255 on the paper the screentone covers, dots and gaps between them
};

// The dark parts of a gray page in [0, 1] (CV_32F), told apart by size.
InkParts find_ink(const cv::Mat& gray);

// Multiplies the colours (float RGB, in place) by the page's gray everywhere but on the dots:
// black ink stays black, light pencil and gray lines stay visible, white paper changes nothing.
void overlay_page(cv::Mat& rgb, const cv::Mat& gray, const cv::Mat& dots);

}  // namespace mangacolor
