#include "plugin/colorize_procedure.h"

#include <stdexcept>
#include <string>

#include "host/models.h"
#include "host/pixels.h"
#include "host/settings.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/errors.h"
#include "plugin/arguments.h"
#include "plugin/output.h"
#include "plugin/return_values.h"
#include "ui/colorize_dialog.h"
#include "ui/rgb_consent.h"

namespace colorize_manga {
namespace {

std::string layer_name(GimpDrawable* source, const mangacolor::Colorizer& colorizer,
                       const std::string& model_path) {
    gchar* source_name = gimp_item_get_name(GIMP_ITEM(source));
    std::string name = std::string(source_name) + " (colorized, " +
                       model_display_name(colorizer.info(), model_path) + ")";
    g_free(source_name);
    return name;
}

// Reads the pixels, lets the core colorize them and puts the result into the image.
void colorize(GimpImage* image, GimpDrawable* drawable, GimpDrawable* hints,
              const ColorizeSettings& settings, bool needs_rgb) {
    GeglRectangle rect;
    if (!gimp_drawable_mask_intersect(drawable, &rect.x, &rect.y, &rect.width, &rect.height)) {
        return;  // the selection does not touch this drawable: nothing to color
    }
    gimp_progress_init("Colorizing manga");
    const std::string model = model_path(settings);
    const auto colorizer = mangacolor::Colorizer::load(model, settings.device);
    const cv::Mat source = read_rgba(drawable, rect);
    auto options = options_for_drawable(settings, colorizer, gimp_drawable_get_width(drawable),
                                        gimp_drawable_get_height(drawable));
    if (hints) options.hints = read_rgba_over(hints, drawable, rect);
    // GIMP cancels a plug-in's progress by ending the plug-in, so the image is changed only
    // after all slow work is done: a cancel then leaves it as it was.
    const cv::Mat colors = colorizer.colorize(source, options, [](double done) {
        gimp_progress_update(done);
        return true;
    });

    UndoGroup undo(image);
    if (needs_rgb && !gimp_image_convert_rgb(image)) {
        throw std::runtime_error(std::string("Could not convert the image to RGB: ") +
                                 gimp_pdb_get_last_error(gimp_get_pdb()));
    }
    if (settings.output == OutputMode::NewLayer) {
        // Outside the selection the new layer stays transparent; soft edges fade out.
        const cv::Mat alpha = alpha_of(source).mul(read_coverage(drawable, rect));
        add_colorized_layer(drawable, rect, with_alpha(colors, alpha),
                            layer_name(drawable, colorizer, model));
    } else {
        replace_pixels(drawable, rect, with_alpha(colors, alpha_of(source)));
    }
    gimp_progress_update(1.0);
}

// The dialog starts with the hints layer last used on this image, else its "Color hints" layer.
void suggest_hints_layer(GimpProcedureConfig* config, GimpImage* image, GimpDrawable* drawable) {
    GimpLayer* last = nullptr;
    g_object_get(config, "hints-layer", &last, nullptr);
    const bool still_fits = last && gimp_item_is_valid(GIMP_ITEM(last)) &&
                            gimp_item_get_image(GIMP_ITEM(last)) == image &&
                            GIMP_DRAWABLE(last) != drawable;
    if (last) g_object_unref(last);
    if (!still_fits) g_object_set(config, "hints-layer", named_hints_layer(image), nullptr);
}

// The choice's ids are the enum values, so reading them back needs no table (settings.cpp).
GimpChoice* output_choice() {
    GimpChoice* choice = gimp_choice_new();
    gimp_choice_add(choice, "new-layer", int(OutputMode::NewLayer), "New layer above", nullptr);
    gimp_choice_add(choice, "replace", int(OutputMode::Replace), "Replace the layer's pixels",
                    nullptr);
    return choice;
}

void add_arguments(GimpProcedure* procedure) {
    add_colorize_arguments(procedure);
    gimp_procedure_add_layer_argument(
        procedure, "hints-layer", "Color _hints",
        "A layer of the same image whose opaque pixels are color hints: an area enclosed by "
        "lines takes the color of the hints in it. It is never changed.",
        TRUE, G_PARAM_READWRITE);
    gimp_procedure_add_choice_argument(procedure, "output", "_Output", "Where the colors go",
                                       output_choice(), "new-layer", G_PARAM_READWRITE);
}

GimpValueArray* run(GimpProcedure* procedure, GimpRunMode run_mode, GimpImage* image,
                    GimpDrawable** drawables, GimpProcedureConfig* config, gpointer /*run_data*/) {
    gegl_init(nullptr, nullptr);

    if (gimp_core_object_array_get_length(reinterpret_cast<GObject**>(drawables)) != 1) {
        return failure(procedure, GIMP_PDB_CALLING_ERROR,
                       "Colorize Manga works on exactly one layer at a time; select one.");
    }
    GimpDrawable* drawable = drawables[0];

    const bool needs_rgb = gimp_image_get_base_type(image) == GIMP_GRAY;
    if (needs_rgb && run_mode != GIMP_RUN_NONINTERACTIVE && !ask_rgb_conversion()) {
        return status_only(procedure, GIMP_PDB_CANCEL);
    }
    if (run_mode == GIMP_RUN_INTERACTIVE) {
        suggest_hints_layer(config, image, drawable);
        if (!colorize_dialog(procedure, config, drawable)) {
            return status_only(procedure, GIMP_PDB_CANCEL);
        }
        // GIMP stays usable while the dialog is open: the page may be gone by now.
        if (!gimp_item_is_valid(GIMP_ITEM(drawable))) {
            return failure(procedure, GIMP_PDB_EXECUTION_ERROR,
                           "The layer was removed, or its image closed, while the Colorize Manga "
                           "dialog was open; nothing was colorized.");
        }
    }

    // The core reports failures as exceptions; GIMP expects a GError.
    try {
        colorize(image, drawable, hints_layer(config, drawable), settings_from_config(config),
                 needs_rgb);
    } catch (const mangacolor::Cancelled&) {
        return status_only(procedure, GIMP_PDB_CANCEL);
    } catch (const std::exception& e) {
        return failure(procedure, GIMP_PDB_EXECUTION_ERROR, mangacolor::user_message(e));
    }

    if (run_mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    return status_only(procedure, GIMP_PDB_SUCCESS);
}

}  // namespace

GimpProcedure* colorize_procedure_new(GimpPlugIn* plug_in) {
    GimpProcedure* procedure = gimp_image_procedure_new(
        plug_in, kColorizeProcedure, GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
    gimp_procedure_set_image_types(procedure, "RGB*, GRAY*");
    gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE);
    gimp_procedure_set_menu_label(procedure, "Colorize Manga…");
    gimp_procedure_add_menu_path(procedure, "<Image>/Filters/Artistic");
    gimp_procedure_set_documentation(
        procedure, "Color a black-and-white manga page with a pix2pix model",
        "Predicts colors for the layer (or the selected part of it) and puts them into a new "
        "layer above it, or into the layer itself. The opaque pixels of hints-layer, if given, "
        "are color hints. Grayscale images are converted to RGB.",
        kColorizeProcedure);
    set_project_attribution(procedure);
    add_arguments(procedure);
    return procedure;
}

}  // namespace colorize_manga
