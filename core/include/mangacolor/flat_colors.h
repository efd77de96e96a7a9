#pragma once

#include <opencv2/core.hpp>

// Flat colours, the way manga colourists lay them down: one colour for each area enclosed by the
// ink lines. The network's colours drift within an area (blotches); the area's median does not.
namespace mangacolor {

// Where the gray of the page as read (descreened, CV_32F in [0, 1]) steps sharply between
// neighbours (CV_8U, 255): the edges of shapes toned flat, which digital pages often draw with
// no outline. Smooth shading, and the noise of a scan, step too little to count.
cv::Mat gray_steps(const cv::Mat& tone);

// The same for screentone (`toned`, CV_8U, as find_ink's tones): descreening averages it over
// up to `ramp` pixels (descreening_width), so a step between two screentones of the page as
// read is a ramp, often too gentle for gray_steps. CV_8U, 255 along such ramps; none away from
// screentone.
cv::Mat tone_steps(const cv::Mat& tone, const cv::Mat& toned, int ramp);

// Both kinds of step at once (gray_steps | tone_steps, the 3 x 3 range measured once): what
// walls areas besides lines and the edges of screentone.
cv::Mat steps_between_areas(const cv::Mat& tone, const cv::Mat& toned, int ramp);

// Each pixel's area (CV_32S labels) given the page's drawn lines (drawn_lines), screentone (as
// find_ink gives it) and gray steps (CV_8U): areas are bounded by lines, with gaps of a pixel
// or two closed, by the edges of screentone and by steps of the gray; wall pixels belong to the
// nearest area. An "area" over half the page is no enclosed area (a page without closed lines,
// or with pencil lines too light to count) and gets label 0.
cv::Mat enclosed_areas(const cv::Mat& lines, const cv::Mat& tones, const cv::Mat& steps);

// The enclosed areas of a page, at the network's working size (`work_tone`'s): `tone` is the
// page as read (descreened) at its own size, `toned` its screentone (find_ink's tones) and
// `lines` its drawn lines (drawn_lines). A line or a step that touches a working pixel still
// walls it, and screentone must cover half of it. Steps between screentones, which descreening
// blurred into ramps, are found at the page's own size, where the ramp is.
cv::Mat working_areas(const cv::Mat& tone, const cv::Mat& toned, const cv::Mat& lines,
                      const cv::Mat& work_tone);

// Gives every pixel of the float image (in place; the colorizer's a*, b*) its area's median,
// channel by channel, so a few stray pixels do not tint an area (in an area of two colours the
// result can mix them). Pixels of label 0 keep their values.
void fill_areas_flat(cv::Mat& colors, const cv::Mat& areas);

// Evens out the network's colours (in place, CV_32FC3 CIELAB: a*, b* only) within the shapes of
// the page as read (descreened gray, CV_32F in [0, 1], same size): a guided filter, so colours
// are averaged over `radius` pixels where the gray is even and keep to its steps and lines.
// The soft counterpart of fill_areas_flat: it also reaches what that leaves alone (no enclosed
// area, or flat colours off).
void smooth_colors_along_tone(cv::Mat& lab, const cv::Mat& tone, int radius);

}  // namespace mangacolor
