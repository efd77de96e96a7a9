#pragma once

#include <opencv2/core.hpp>

// The parts of a B/W page: ink lines (kept as drawn), screentone (dots that stand for a tone, as
// colorists see it after descreening) and paper.
namespace mangacolor {

struct InkParts {
    cv::Mat lines;  // CV_8U, 255 on lines and solid blacks, with their anti-aliased rim
    cv::Mat dots;   // CV_8U, 255 on screentone dots, with their rim
    cv::Mat tones;  // CV_8U, 255 on the paper the screentone covers, dots and gaps between them
    // CV_8U, 255 on screentone so heavy its dots touch, up to its edge (its ink is in `dots`).
    // Where it meets paper it stays in `lines` too (an edge between areas, and no place for a
    // hint), yet descreened() reads it as tone.
    cv::Mat touching_dots;
};

// The dark parts of a gray page in [0, 1] (CV_32F), told apart by size.
InkParts find_ink(const cv::Mat& gray);

// `lines` (as find_ink gives them) without the solid blacks: dark shapes wider than the thickest
// line (1/100 of the page's long side, at least 9 px), such as black hair, a dark coat or a
// dark-toned area. Those are areas of their own to colour, not walls between areas, and a colour
// hint on them is a hint, not a slip onto the ink.
cv::Mat drawn_lines(const cv::Mat& lines);

// The page with its screentone turned into the tone it stands for: inside `ink.tones`, away from
// lines (touching dots are no lines here), each pixel becomes the mean gray around it (over
// about two dot pitches). Lines, solid blacks, smooth grays and paper stay as they are.
cv::Mat descreened(const cv::Mat& gray, const InkParts& ink);

// How wide (pixels) descreened() averages at most on a page of this size: a step between two
// screentones comes out of it as a ramp up to this wide.
int descreening_width(cv::Size page);

// The page with its ink lines lifted out (each line pixel takes the lightest gray within a few
// pixels): the tone under the lines, for colours meant to be painted under the ink.
cv::Mat without_lines(const cv::Mat& gray, const cv::Mat& lines);

}  // namespace mangacolor
