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

struct PageOutcome {
    std::string page;
    std::string output;  // written file, when it succeeded
    std::string error;   // empty on success
    double seconds = 0;
};

// Colorizes each page into `output_dir` (created if missing). A page that fails is reported
// through `on_page` and the batch goes on; Cancelled from `progress` stops it.
// `progress` gets the fraction of the whole batch. Returns the number of failed pages.
int colorize_files(const Colorizer& colorizer, const std::vector<std::string>& pages,
                   const std::string& output_dir, const ColorizeOptions& options,
                   const std::function<void(size_t index, const PageOutcome&)>& on_page,
                   const ProgressCallback& progress = {});

}  // namespace mangacolor
