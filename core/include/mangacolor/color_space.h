#pragma once

#include <opencv2/core.hpp>

// The result's lightness comes from the page and its colour from the network: a page's shading
// and ink are the artist's and stay exactly as drawn. Only where the page is (near) white paper
// may the network make it darker: the inside of line art is white, yet its areas need colours of
// their own lightness. Colours are CIELAB (D65, sRGB), as OpenCV computes it for float images:
// L* in [0, 100], a* and b* about -110..110.
namespace mangacolor {

// The network's colour channels: L* / kLightnessScale - 1, a* / kChromaScale, b* / kChromaScale,
// all within [-1, 1].
constexpr float kLightnessScale = 50.0f;
constexpr float kChromaScale = 110.0f;

// CIELAB (CV_32FC3) of float RGB and the network's channels of it, and back.
cv::Mat lab_of(const cv::Mat& rgb);
cv::Mat network_lab(const cv::Mat& lab);
cv::Mat lab_from_network(const cv::Mat& channels);

// The result (float RGB in [0, 1]) for a gray page in [0, 1] (CV_32F) and the network's colours
// (CIELAB, CV_32FC3, at the page's size or smaller: upsampled bilinearly on the way, which
// spares an 8.7 M-pixel intermediate on an A4 page). Its L* is the page's (how light the gray
// looks), except that where the page is near white (paper, or the inside of line art) the network's
// darker L* is taken: fully from page L* 98 up, fading out at 88. Its a*, b* are the network's, or
// as much of that chroma as the sRGB gamut holds at that lightness: black and white stay neutral,
// and an out-of-gamut colour loses saturation, never lightness.
cv::Mat compose_page(const cv::Mat& gray, const cv::Mat& lab);

// The L* of each pixel of a gray page in [0, 1] (CV_32F).
cv::Mat lightness_of(const cv::Mat& gray);

// Where a gray page in [0, 1] (CV_32F) is near-white paper (L* 88 and up: where compose_page
// may take the network's lightness), CV_8U 255 there.
cv::Mat paper_of(const cv::Mat& gray);
// The same from the page's L* (lightness_of), for a caller that has it already.
cv::Mat paper_of_lightness(const cv::Mat& lightness);

// The gray page whose pixels look as light as the colours of `rgb` (same L*): what a colour
// page becomes when desaturated by lightness.
cv::Mat gray_of_lightness(const cv::Mat& rgb);

}  // namespace mangacolor
