#pragma once

#include <opencv2/core.hpp>
#include <random>
#include <vector>

// Colour hints: dots of colour the artist puts on a page, which the area they fall in takes.
// The network sees them as four channels beside the page (see GeneratorImpl): their L*, a*, b*
// as network_lab gives them, and a mask that is 1 where a hint is.
namespace mangacolor {

// The hint channels (CV_32FC4) at the network's working size for an RGBA hints image of the
// page's size (8U, 16U or 32F): its pixels with alpha over half are hints, except those on the
// page's ink lines (CV_8U, page size). Empty hints give all zeros. Throws Error for an image
// without alpha.
cv::Mat hint_channels(const cv::Mat& hints, const cv::Mat& lines, cv::Size work_size);

// Whether hint channels (as hint_channels gives them; empty: none) hold any hint.
bool holds_hints(const cv::Mat& hint_channels);

// Gives each area (labels from enclosed_areas) that holds hints the mean colour of its hint
// pixels, in the CIELAB image `lab` (CV_32FC3, in place): its a*, b*, and its L* too when most
// of the area is paper (`paper`, CV_8U, as paper_of gives it), as inside line art, where the
// page says nothing of how light the colour is. Elsewhere the page's lightness stands, so a
// dot does not darken the highlights of its area. Areas without hints and label 0 keep their
// colours.
void fill_hinted_areas(cv::Mat& lab, const cv::Mat& areas, const cv::Mat& hint_channels,
                       const cv::Mat& paper);

// The hints of one enclosed area: those whose dot lies mostly in it (as fill_hinted_areas counts
// them), in the area's bounding box `box` of the page; other pixels of the box are zero.
struct AreaHints {
    int label;
    cv::Rect box;
    cv::Mat hint_channels;
};

// Each enclosed area that holds hints (labels from enclosed_areas, label 0 not among them) with
// its own hints, for spreading a hint within its area and not across the area's walls.
std::vector<AreaHints> hints_by_area(const cv::Mat& areas, const cv::Mat& hint_channels);

// Where training hints go (sample_hints).
enum class HintPlacement {
    Anywhere,  // also across edges and on outlines, of the colour under the hint's centre
    // Dots only where they cover one colour, strokes only over their own colour, as an artist
    // places them and truth_hints measures them.
    OnOneColor,
};

// Hints as an artist might place them on a colour page (float RGB [0, 1]), for training: with
// probability `hinted_share` a few dots and short strokes, mostly in coloured areas, each of the
// colour under its centre, else none. Returns the hint channels at the page's size.
cv::Mat sample_hints(const cv::Mat& rgb, double hinted_share, HintPlacement placement,
                     std::mt19937_64& rng);

// Hints from the true colours, to measure what hints do: one dot (radius 3) per 100 x 100
// pixels, in coloured areas, of the colour under its centre, where the dot covers one colour. An
// RGBA image (CV_32FC4) of the page's size, as ColorizeOptions::hints takes it.
cv::Mat truth_hints(const cv::Mat& rgb, std::mt19937_64& rng);

}  // namespace mangacolor
