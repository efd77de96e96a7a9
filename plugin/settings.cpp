#include "plugin/settings.h"

#include <algorithm>

#include "mangacolor/default_model.h"
#include "plugin/arguments.h"

namespace colorize_manga {

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

mangacolor::ColorizeOptions options_for_drawable(const ColorizeSettings& settings,
                                                 const mangacolor::Colorizer& colorizer,
                                                 int drawable_width, int drawable_height) {
    // Parts of the page (selection, preview) are colorized at the whole page's scale.
    mangacolor::ColorizeOptions options = settings.options;
    options.scale = colorizer.page_scale({drawable_width, drawable_height}, options);
    return options;
}

}  // namespace colorize_manga
