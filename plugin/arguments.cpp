#include "plugin/arguments.h"

#include "host/settings.h"
#include "mangacolor/colorizer.h"

namespace colorize_manga {
namespace {

// The choices' ids are the enum values, so reading them back needs no table (settings.cpp).
GimpChoice* device_choice() {
    GimpChoice* choice = gimp_choice_new();
    gimp_choice_add(choice, "auto", int(mangacolor::Device::Auto), "Automatic",
                    "CUDA when available, else CPU");
    gimp_choice_add(choice, "cpu", int(mangacolor::Device::CPU), "CPU", nullptr);
    gimp_choice_add(choice, "cuda", int(mangacolor::Device::CUDA), "CUDA (NVIDIA GPU)", nullptr);
    return choice;
}

}  // namespace

void set_project_attribution(GimpProcedure* procedure) {
    gimp_procedure_set_attribution(procedure, "Colorize Manga authors", "Colorize Manga authors",
                                   "2026");
}

void add_run_mode_argument(GimpProcedure* procedure) {
    gimp_procedure_add_enum_argument(procedure, "run-mode", "Run mode", "The run mode",
                                     GIMP_TYPE_RUN_MODE, GIMP_RUN_NONINTERACTIVE,
                                     G_PARAM_READWRITE);
}

GimpRunMode run_mode_of(GimpProcedureConfig* config) {
    GimpRunMode run_mode = GIMP_RUN_NONINTERACTIVE;
    g_object_get(config, "run-mode", &run_mode, nullptr);
    return run_mode;
}

void add_colorize_arguments(GimpProcedure* procedure) {
    gimp_procedure_add_file_argument(
        procedure, "model", "_Model file", "Model file (.mcm); none: the default model",
        GIMP_FILE_CHOOSER_ACTION_OPEN, TRUE, nullptr, G_PARAM_READWRITE);
    gimp_procedure_add_boolean_argument(
        procedure, "keep-line-art", "_Keep line art",
        "Keep the page's ink lines in the result (off: colors only, "
        "lines lifted out, to paint under the ink)",
        TRUE, G_PARAM_READWRITE);
    gimp_procedure_add_boolean_argument(
        procedure, "flat-colors", "_Flat colors",
        "One color for each area enclosed by lines, as colorists fill them", TRUE,
        G_PARAM_READWRITE);
    gimp_procedure_add_int_argument(procedure, "tile-size", "_Tile size",
                                    "Pixels per tile; bounds memory use", 64, 2048, 1024,
                                    G_PARAM_READWRITE);
    gimp_procedure_add_choice_argument(procedure, "device", "_Device", "Where the model runs",
                                       device_choice(), "auto", G_PARAM_READWRITE);
}

void add_folder_argument(GimpProcedure* procedure, const char* name, const char* nick,
                         const char* blurb, GimpFileChooserAction action) {
    gimp_procedure_add_file_argument(procedure, name, nick, blurb, action, TRUE, nullptr,
                                     G_PARAM_READWRITE);
}

}  // namespace colorize_manga
