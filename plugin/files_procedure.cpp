#include "plugin/files_procedure.h"

#include <exception>
#include <string>
#include <vector>

#include "host/settings.h"
#include "mangacolor/batch.h"
#include "mangacolor/colorizer.h"
#include "mangacolor/errors.h"
#include "plugin/arguments.h"
#include "plugin/return_values.h"
#include "ui/files_dialog.h"

namespace colorize_manga {
namespace {

// The folder and the single files, as the core's collect_pages takes them.
std::vector<std::string> input_paths(GimpProcedureConfig* config) {
    std::vector<std::string> inputs;
    const std::string folder = file_argument_path(config, "input-folder");
    if (!folder.empty()) inputs.push_back(folder);
    gchar** files = nullptr;
    g_object_get(config, "input-files", &files, nullptr);
    for (gchar** file = files; file && *file; ++file) inputs.emplace_back(*file);
    g_strfreev(files);
    return inputs;
}

// Colorizes every page; a page that fails is reported and the batch goes on.
mangacolor::BatchCounts colorize_pages(const mangacolor::Colorizer& colorizer,
                                       const std::vector<std::string>& pages,
                                       const std::string& output_dir,
                                       const mangacolor::BatchOptions& options) {
    gimp_progress_init("Colorizing manga pages");
    const auto on_page = [&pages](size_t index, const mangacolor::PageOutcome& outcome) {
        if (!outcome.error.empty()) {
            gimp_message(("Could not colorize " + outcome.page + ": " + outcome.error).c_str());
        }
        gimp_progress_set_text_printf("Page %zu of %zu done", index + 1, pages.size());
    };
    const auto counts =
        mangacolor::colorize_files(colorizer, pages, output_dir, options, on_page, [](double done) {
            gimp_progress_update(done);
            return true;
        });
    gimp_progress_end();
    return counts;
}

std::string summary(const mangacolor::BatchCounts& counts, const std::string& output_dir) {
    std::string text =
        "Colorized " + std::to_string(counts.colorized) + " pages into " + output_dir;
    if (counts.skipped) {
        text += "; " + std::to_string(counts.skipped) +
                " were already in color and were copied unchanged (Recolor colorizes them)";
    }
    if (counts.failed) {
        text += "; " + std::to_string(counts.failed) + " failed (see the messages above)";
    }
    return text + ".";
}

GimpValueArray* run(GimpProcedure* procedure, GimpProcedureConfig* config, gpointer /*data*/) {
    const GimpRunMode run_mode = run_mode_of(config);
    if (run_mode == GIMP_RUN_INTERACTIVE && !files_dialog(procedure, config)) {
        return status_only(procedure, GIMP_PDB_CANCEL);
    }
    const std::vector<std::string> inputs = input_paths(config);
    const std::string output_dir = file_argument_path(config, "output-folder");
    if (inputs.empty()) {
        return failure(procedure, GIMP_PDB_CALLING_ERROR,
                       "Choose a folder of pages (or page files) to colorize.");
    }
    if (output_dir.empty()) {
        return failure(procedure, GIMP_PDB_CALLING_ERROR,
                       "Choose the folder the colored pages go to.");
    }

    mangacolor::BatchCounts counts;
    try {
        const std::vector<std::string> pages = mangacolor::collect_pages(inputs);
        if (pages.empty()) {
            return failure(procedure, GIMP_PDB_EXECUTION_ERROR,
                           "Found no pages (PNG, JPEG, TIFF, BMP, WebP) to colorize.");
        }
        const ColorizeSettings settings = settings_from_config(config);
        mangacolor::BatchOptions options;
        options.colorize = settings.options;
        options.hints = file_argument_path(config, "hints-folder");
        gboolean recolor = FALSE;
        g_object_get(config, "recolor", &recolor, nullptr);
        options.recolor = recolor;
        const auto colorizer = mangacolor::Colorizer::load(model_path(settings), settings.device);
        counts = colorize_pages(colorizer, pages, output_dir, options);
    } catch (const std::exception& e) {  // the model, or the output folder: nothing was done
        return failure(procedure, GIMP_PDB_EXECUTION_ERROR, mangacolor::user_message(e));
    }

    if (run_mode == GIMP_RUN_INTERACTIVE) gimp_message(summary(counts, output_dir).c_str());
    // Failed pages were reported one by one; the batch itself did its work.
    GimpValueArray* values = status_only(procedure, GIMP_PDB_SUCCESS);
    GIMP_VALUES_SET_INT(values, 1, counts.colorized);
    GIMP_VALUES_SET_INT(values, 2, counts.failed);
    GIMP_VALUES_SET_INT(values, 3, counts.skipped);
    return values;
}

void add_arguments(GimpProcedure* procedure) {
    add_run_mode_argument(procedure);
    add_folder_argument(procedure, "input-folder", "_Pages folder",
                        "Folder of B/W pages (PNG, JPEG, TIFF, BMP, WebP), in name order");
    gimp_procedure_add_string_array_argument(procedure, "input-files", "Page files",
                                             "More page files to colorize (a list of paths)",
                                             G_PARAM_READWRITE);
    add_folder_argument(procedure, "output-folder", "_Output folder",
                        "Where the colored pages go (NAME.png; created if missing)",
                        GIMP_FILE_CHOOSER_ACTION_CREATE_FOLDER);
    add_colorize_arguments(procedure);
    add_folder_argument(procedure, "hints-folder", "_Hints folder",
                        "Color hints: NAME.png (RGBA, the page's size) for page NAME.*, its opaque "
                        "pixels the hints; pages without one get none");
    gimp_procedure_add_boolean_argument(
        procedure, "recolor", "_Recolor color pages",
        "Colorize pages that are already in color too (off: they are copied unchanged)", FALSE,
        G_PARAM_READWRITE);

    gimp_procedure_add_int_return_value(procedure, "colorized", "Colorized",
                                        "Pages colorized and written", 0, G_MAXINT, 0,
                                        G_PARAM_READWRITE);
    gimp_procedure_add_int_return_value(procedure, "failed", "Failed",
                                        "Pages that could not be colorized", 0, G_MAXINT, 0,
                                        G_PARAM_READWRITE);
    gimp_procedure_add_int_return_value(procedure, "skipped", "Skipped",
                                        "Pages already in color, copied unchanged", 0, G_MAXINT, 0,
                                        G_PARAM_READWRITE);
}

}  // namespace

GimpProcedure* files_procedure_new(GimpPlugIn* plug_in) {
    GimpProcedure* procedure = gimp_procedure_new(plug_in, kFilesProcedure,
                                                  GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
    // Works with or without an open image: it reads and writes files only.
    gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_ALWAYS);
    gimp_procedure_set_menu_label(procedure, "Colorize Manga Folder…");
    gimp_procedure_add_menu_path(procedure, "<Image>/File");
    gimp_procedure_set_documentation(
        procedure, "Color a folder of black-and-white manga pages",
        "Colorizes the pages in input-folder and those listed in input-files into output-folder "
        "as NAME.png (same bit depth, alpha kept), with the color hints of hints-folder when "
        "given. Pages already in color are copied there unchanged unless recolor is set. A page "
        "that cannot be read or colorized is reported and left out; the others are still "
        "written. Returns how many pages were colorized, failed and were already in color.",
        kFilesProcedure);
    set_project_attribution(procedure);
    add_arguments(procedure);
    return procedure;
}

}  // namespace colorize_manga
