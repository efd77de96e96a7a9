#pragma once

#include <libgimp/gimp.h>

#include <opencv2/core.hpp>
#include <string>

// Where the colorized pixels go: a new layer above the source, or the source itself.
namespace colorize_manga {

// Everything done while alive is one undo step, also when an exception leaves early.
class UndoGroup {
  public:
    explicit UndoGroup(GimpImage* image) : image_(image) { gimp_image_undo_group_start(image_); }
    ~UndoGroup() { gimp_image_undo_group_end(image_); }
    UndoGroup(const UndoGroup&) = delete;
    UndoGroup& operator=(const UndoGroup&) = delete;

  private:
    GimpImage* image_;
};

// A new RGBA layer named `name`, the size and position of `source`, directly above it (at the
// top when `source` is not a layer), transparent except for `rgba` at `rect` (source coords).
GimpLayer* add_colorized_layer(GimpDrawable* source, const GeglRectangle& rect, const cv::Mat& rgba,
                               const std::string& name);

// Replaces the drawable's pixels at `rect`; GIMP blends them in through the selection mask.
void replace_pixels(GimpDrawable* drawable, const GeglRectangle& rect, const cv::Mat& rgba);

}  // namespace colorize_manga
