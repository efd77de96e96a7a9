#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mangacolor/model_file.h"
#include "mangacolor/palette.h"

// Whether, and how far, a model should pull its colours to the palette of an artist's coloured
// pages (palette.h), decided on those pages themselves: each is printed gray and colorized with
// the palette of the others, at every strength. Pages of one chapter share their characters'
// colours, and the palette helps; a grab bag of unrelated drawings does not, and gets none.
// Then, the same way but on the pages printed both gray and in screentone, how strong the colours
// should be (chroma_gain): the network mutes what it is unsure of, and on the pages of a chapter
// it was fine-tuned on it can often afford the artist's own strength at no cost.
namespace mangacolor {

inline constexpr double kPaletteStrengths[] = {0.0, 0.5, 1.0};
inline constexpr double kChromaGains[] = {1.0, 1.25, 1.5, 2.0};

struct GainTrial {
    double gray = 0, screentone = 0;  // mean CIEDE2000
    double chroma_ratio = 0;          // the results' mean chroma over the pages', both kinds
};

struct PaletteFit {
    Palette palette;  // of all the pages
    int pages = 0;
    double strength = 0;  // the best of kPaletteStrengths; 0 when too few pages to tell
    // Mean CIEDE2000 of the pages, each with the palette of the others, per strength; empty when
    // too few pages to tell.
    std::vector<double> scores;
    double chroma_gain = 1;  // one of kChromaGains; the model's own when too few pages to tell
    // At the chosen strength, per gain: the pages' mean CIEDE2000 printed gray and in screentone,
    // and the results' mean chroma over the pages' own. Empty when too few pages to tell.
    std::vector<GainTrial> gain_trials;
    size_t chosen_gain = 0;  // chroma_gain's place in gain_trials (and kChromaGains)
};

// Which of kChromaGains to use, given what each did: of the gains that cost neither kind of
// page more than 1 % over the network's own colours (the first), the one whose chroma comes
// nearest the pages'. Stronger colours are what an artist's pages have, and are worth a little
// of a metric that rewards hedging; one kind may not pay for the other.
size_t chosen_chroma_gain(const std::vector<GainTrial>& trials);

// The coloured pages of a folder (as find_pages finds them), at most kPalettePages spread evenly
// over it, each shrunk to at most kPalettePageSide pixels: the palette needs their colours, not
// their detail, and fifty A4 scans at full size would take gigabytes. Float RGB in [0, 1]. A
// page that cannot be read is skipped and reported to `skipped`, as training does.
inline constexpr int kPalettePages = 16;
inline constexpr int kPalettePageSide = 1024;
std::vector<cv::Mat> palette_pages(const std::string& folder,
                                   const std::function<void(const std::string&)>& skipped);

// Needs at least 3 pages to try the palette at all (with fewer, strength 0 and the model's own
// chroma gain).
PaletteFit fit_palette(const Model& model, const std::vector<cv::Mat>& rgb_pages);

// The model with the fitted palette, its strength and chroma gain; its metadata says where the
// palette came from ("10 pages of chapter-1", `folder` as folder_name has it) and what the
// strengths and gains scored.
void apply_palette_fit(Model& model, const PaletteFit& fit, const std::string& folder);

// "24 colors, used at strength 0.5 (color error, CIEDE2000, on 10 of the pages printed gray:
// 6.55 without it, 5.90 with it); colors 1.5x as strong (printed gray and in screentone: 7.10 ->
// 6.90; chroma 0.48 -> 0.64 of the pages')", or "24 colors, not used (...); colors as the
// network gives them (...)", for people.
std::string palette_fit_summary(const PaletteFit& fit);

}  // namespace mangacolor
