#include "host/pixels.h"

#include <vector>

namespace colorize_manga {
namespace {

const Babl* rgba_float() {
    return babl_format("R'G'B'A float");
}

cv::Mat read(GeglBuffer* buffer, const GeglRectangle& rect, const Babl* format, int mat_type) {
    cv::Mat pixels(rect.height, rect.width, mat_type);
    gegl_buffer_get(buffer, &rect, 1.0, format, pixels.data, int(pixels.step), GEGL_ABYSS_NONE);
    return pixels;
}

}  // namespace

cv::Mat read_rgba(GimpDrawable* drawable, const GeglRectangle& rect) {
    GeglBuffer* buffer = gimp_drawable_get_buffer(drawable);
    cv::Mat pixels = read(buffer, rect, rgba_float(), CV_32FC4);
    g_object_unref(buffer);
    return pixels;
}

cv::Mat read_rgba_over(GimpDrawable* layer, GimpDrawable* drawable, const GeglRectangle& rect) {
    gint layer_x = 0, layer_y = 0, drawable_x = 0, drawable_y = 0;
    gimp_drawable_get_offsets(layer, &layer_x, &layer_y);
    gimp_drawable_get_offsets(drawable, &drawable_x, &drawable_y);
    const GeglRectangle in_layer = {rect.x + drawable_x - layer_x, rect.y + drawable_y - layer_y,
                                    rect.width, rect.height};
    return read_rgba(layer, in_layer);  // GEGL_ABYSS_NONE: transparent outside the layer
}

cv::Mat read_coverage(GimpDrawable* drawable, const GeglRectangle& rect) {
    GimpImage* image = gimp_item_get_image(GIMP_ITEM(drawable));
    if (gimp_selection_is_empty(image)) return cv::Mat(rect.height, rect.width, CV_32FC1, 1.0f);

    // The selection lives in image coordinates; the drawable may sit at an offset.
    gint offset_x = 0, offset_y = 0;
    gimp_drawable_get_offsets(drawable, &offset_x, &offset_y);
    const GeglRectangle in_image = {rect.x + offset_x, rect.y + offset_y, rect.width, rect.height};

    GeglBuffer* selection =
        gimp_drawable_get_buffer(GIMP_DRAWABLE(gimp_image_get_selection(image)));
    cv::Mat coverage = read(selection, in_image, babl_format("Y float"), CV_32FC1);
    g_object_unref(selection);
    return coverage;
}

void write_rgba(GeglBuffer* buffer, const GeglRectangle& rect, const cv::Mat& rgba) {
    CV_Assert(rgba.type() == CV_32FC4 && rgba.cols == rect.width && rgba.rows == rect.height);
    gegl_buffer_set(buffer, &rect, 0, rgba_float(), rgba.data, int(rgba.step));
}

cv::Mat with_alpha(const cv::Mat& rgb, const cv::Mat& alpha) {
    cv::Mat rgba;
    cv::merge(std::vector<cv::Mat>{rgb, alpha}, rgba);  // merge splits multi-channel inputs
    return rgba;
}

cv::Mat alpha_of(const cv::Mat& rgba) {
    cv::Mat alpha;
    cv::extractChannel(rgba, alpha, 3);
    return alpha;
}

}  // namespace colorize_manga
