#include "plugin/output.h"

#include "host/pixels.h"

namespace colorize_manga {
namespace {

void insert_above(GimpImage* image, GimpLayer* layer, GimpDrawable* source) {
    if (!GIMP_IS_LAYER(source)) {
        gimp_image_insert_layer(image, layer, nullptr, 0);
        return;
    }
    // Inserting at the source's own position puts the new layer just above it.
    auto* parent = GIMP_LAYER(gimp_item_get_parent(GIMP_ITEM(source)));
    gimp_image_insert_layer(image, layer, parent,
                            gimp_image_get_item_position(image, GIMP_ITEM(source)));
}

}  // namespace

GimpLayer* add_colorized_layer(GimpDrawable* source, const GeglRectangle& rect, const cv::Mat& rgba,
                               const std::string& name) {
    GimpImage* image = gimp_item_get_image(GIMP_ITEM(source));
    GimpLayer* layer = gimp_layer_new(image, name.c_str(), gimp_drawable_get_width(source),
                                      gimp_drawable_get_height(source), GIMP_RGBA_IMAGE, 100.0,
                                      gimp_image_get_default_new_layer_mode(image));
    insert_above(image, layer, source);

    gint offset_x = 0, offset_y = 0;
    gimp_drawable_get_offsets(source, &offset_x, &offset_y);
    gimp_layer_set_offsets(layer, offset_x, offset_y);
    gimp_drawable_fill(GIMP_DRAWABLE(layer), GIMP_FILL_TRANSPARENT);

    GeglBuffer* buffer = gimp_drawable_get_buffer(GIMP_DRAWABLE(layer));
    write_rgba(buffer, rect, rgba);
    g_object_unref(buffer);  // flushes the tiles to GIMP
    gimp_drawable_update(GIMP_DRAWABLE(layer), rect.x, rect.y, rect.width, rect.height);
    return layer;
}

void replace_pixels(GimpDrawable* drawable, const GeglRectangle& rect, const cv::Mat& rgba) {
    GeglBuffer* shadow = gimp_drawable_get_shadow_buffer(drawable);
    write_rgba(shadow, rect, rgba);
    g_object_unref(shadow);
    gimp_drawable_merge_shadow(drawable, TRUE);
    gimp_drawable_update(drawable, rect.x, rect.y, rect.width, rect.height);
}

}  // namespace colorize_manga
