#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

// The palette of an artist's coloured pages, and the network's colours pulled toward it. A
// chapter's characters keep their colours from page to page; the network, unsure, gives muted
// middles of the colours a shape might have. Where the page is shaded gray its lightness is
// the truth's, so a colour of the palette at that lightness, near the network's guess, is
// likely the one the artist used (the lightness-keyed colour transfer of Welsh et al.,
// "Transferring color to greyscale images", 2002, with the network's guess choosing among
// colours of one lightness).
namespace mangacolor {

struct Palette {
    std::vector<cv::Vec3f> colors;  // CIELAB
};

// How many colours a palette holds: k-means clusters of the pages' CIELAB.
inline constexpr int kPaletteSize = 24;

// The palette of coloured pages given in CIELAB (lab_of; CV_32FC3): kPaletteSize clusters of
// their pixels (fewer when the pages hold fewer distinct colours), the same for the same pages
// on every run. CIELAB, so that a caller clustering several subsets of its pages converts each
// page once.
Palette palette_of(const std::vector<cv::Mat>& lab_pages);

// Moves the a*, b* of `lab` (CV_32FC3, in place) a share `strength` (0..1) of the way to the
// palette colour nearest to it, lightness weighing more than chroma, where `where` (CV_8U) is
// set. `lightness` (CV_32F L*, same size) is the lightness the colour will be shown at.
void pull_toward_palette(cv::Mat& lab, const cv::Mat& lightness, const cv::Mat& where,
                         const Palette& palette, double strength);

// As stored in a model file: one "L a b" line per colour. parse_palette throws Error on a
// malformed line or a colour outside CIELAB's range.
std::string palette_text(const Palette& palette);
Palette parse_palette(const std::string& text);

}  // namespace mangacolor
