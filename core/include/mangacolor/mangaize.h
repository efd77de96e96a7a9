#pragma once

#include <cstdint>
#include <opencv2/core.hpp>

namespace mangacolor {

// How a colored page is turned into the black-and-white page a manga printer would make.
struct MangaizeOptions {
    bool screentone = true;         // mid-tones become dot patterns; false: pure line art on white
    double dot_pitch = 6.0;         // distance between screentone dots, in pixels
    double ink_threshold = 0.2;     // luminance below which a pixel is ink (lines, solid blacks)
    double white_threshold = 0.85;  // luminance above which an area stays white paper
    int tone_levels = 4;            // distinct screentone densities, as in a real tone catalogue
    double screen_angle_deg = 45.0;
};

// Colored page (RGB float [0,1], as from to_rgb_float) -> one-channel float page in [0,1]
// with black ink, white paper and screentone dots. Deterministic for given options.
cv::Mat mangaize(const cv::Mat& rgb, const MangaizeOptions& options = {});

}  // namespace mangacolor
