#pragma once

#include <functional>
#include <string>
#include <vector>

#include "mangacolor/colorizer.h"

// Colorizing a whole chapter: files and folders in, one PNG per page out.
namespace mangacolor {

// The image files named, with folders expanded to the image files directly inside them,
// sorted by name so a chapter is processed in page order. Missing files are kept, so their
// error is reported in turn.
std::vector<std::string> collect_pages(const std::vector<std::string>& inputs);

// OUTDIR/NAME.png for a page NAME.ext.
std::string output_path_for(const std::string& page, const std::string& output_dir);

// The colored page as written: the source's bit depth (8 or 16) and its alpha kept.
cv::Mat output_image(const cv::Mat& source, const cv::Mat& rgb);

// True for a page already in colour: more than 2 % of it is away from the paper's tint by a
// chroma over 12 (the tint scaled to each pixel's lightness, so ink and tones on yellowed or
// sepia paper stay black and white). JPEG's colour fringes along lines are averaged away first.
bool is_color_page(const cv::Mat& page);

// The hints image for `page`: `hints` itself when it names a file, else the image file in folder
// `hints` with the page's name (NAME.png first, then other image extensions); "" when none.
std::string hints_for(const std::string& page, const std::string& hints);

struct BatchOptions {
    ColorizeOptions colorize;
    std::string hints;     // a hints image, or a folder of them matched to pages by name
    bool recolor = false;  // colorize pages already in colour too (else they are copied)
};

struct PageOutcome {
    std::string page;
    std::string output;    // written file, when it succeeded
    std::string hints;     // the hints image used, if any
    bool skipped = false;  // already in colour: written unchanged
    std::string error;     // empty on success
    double seconds = 0;
};

struct BatchCounts {
    int colorized = 0;
    int skipped = 0;  // already in colour, written unchanged
    int failed = 0;
};

// Colorizes each page into `output_dir` (created if missing) as NAME.png. A page already in
// colour is written there unchanged unless options.recolor. A page that fails is reported
// through `on_page` and the batch goes on; Cancelled from `progress` stops it, with the pages
// done so far written. `progress` gets the fraction of the whole batch. Throws Error when
// options.hints names neither a file nor a folder.
BatchCounts colorize_files(const Colorizer& colorizer, const std::vector<std::string>& pages,
                           const std::string& output_dir, const BatchOptions& options,
                           const std::function<void(size_t index, const PageOutcome&)>& on_page,
                           const ProgressCallback& progress = {});

}  // namespace mangacolor
