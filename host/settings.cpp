#include "host/settings.h"

#include <stdexcept>

#include "mangacolor/default_model.h"

namespace colorize_manga {
namespace {

constexpr char kHintsLayerName[] = "Color hints";

}  // namespace

std::string file_argument_path(GimpProcedureConfig* config, const char* name) {
    GFile* file = nullptr;
    g_object_get(config, name, &file, nullptr);
    if (!file) return "";
    gchar* path = g_file_get_path(file);
    std::string result = path ? path : "";
    g_free(path);
    g_object_unref(file);
    return result;
}

std::string chosen_model_path(GimpProcedureConfig* config, const char* property) {
    return file_argument_path(config, property);
}

std::string model_path(const ColorizeSettings& settings) {
    // The default honours $COLORIZE_MANGA_MODEL, which the tests use.
    return settings.chosen_model.empty() ? mangacolor::default_model_path() : settings.chosen_model;
}

ColorizeSettings settings_from_config(GimpProcedureConfig* config) {
    ColorizeSettings settings;
    settings.chosen_model = chosen_model_path(config);

    gboolean keep_line_art = TRUE, flat_colors = TRUE;
    gint tile_size = settings.options.tile_size;
    g_object_get(config, "keep-line-art", &keep_line_art, "flat-colors", &flat_colors, "tile-size",
                 &tile_size, nullptr);
    settings.options.keep_line_art = keep_line_art;
    settings.options.flat_colors = flat_colors;
    settings.options.tile_size = tile_size;

    // The choices' ids are the enum values (see arguments.cpp and colorize_procedure.cpp).
    settings.device =
        static_cast<mangacolor::Device>(gimp_procedure_config_get_choice_id(config, "device"));
    // The files procedure writes new files and has no "output" argument.
    if (g_object_class_find_property(G_OBJECT_GET_CLASS(config), "output")) {
        settings.output =
            static_cast<OutputMode>(gimp_procedure_config_get_choice_id(config, "output"));
    }
    return settings;
}

GimpDrawable* hints_layer(GimpProcedureConfig* config, GimpDrawable* drawable) {
    GimpLayer* layer = nullptr;
    g_object_get(config, "hints-layer", &layer, nullptr);
    if (!layer) return nullptr;
    g_object_unref(layer);  // the image keeps it alive
    auto* hints = GIMP_DRAWABLE(layer);
    if (!gimp_item_is_valid(GIMP_ITEM(hints))) {
        throw std::runtime_error("The color hints layer was removed; choose another, or none.");
    }
    if (hints == drawable) {
        throw std::runtime_error(
            "The color hints layer is the page itself: paint the hints on a layer of their own.");
    }
    if (gimp_item_get_image(GIMP_ITEM(hints)) != gimp_item_get_image(GIMP_ITEM(drawable))) {
        throw std::runtime_error("The color hints layer belongs to another image.");
    }
    if (!gimp_drawable_has_alpha(hints)) {
        throw std::runtime_error(
            "The color hints layer has no alpha channel, so all of it would be hints: add one "
            "(Layer > Transparency > Add Alpha Channel) and erase what is not a hint.");
    }
    return hints;
}

GimpLayer* named_hints_layer(GimpImage* image) {
    return gimp_image_get_layer_by_name(image, kHintsLayerName);
}

mangacolor::ColorizeOptions options_for_drawable(const ColorizeSettings& settings,
                                                 const mangacolor::Colorizer& colorizer,
                                                 int drawable_width, int drawable_height) {
    // Parts of the page (selection, preview) are colorized at the whole page's scale.
    mangacolor::ColorizeOptions options = settings.options;
    options.scale = colorizer.page_scale({drawable_width, drawable_height}, options);
    return options;
}

}  // namespace colorize_manga
