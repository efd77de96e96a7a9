#pragma once

#include <libgimp/gimp.h>

// Arguments that several procedures share, so they are spelled and checked the same everywhere.
namespace colorize_manga {

// "run-mode": image procedures get it from libgimp; plain procedures add it themselves, and
// GIMP accepts a plain procedure in an <Image> menu only when it comes first.
// The project's author, copyright and date, the same on every procedure.
void set_project_attribution(GimpProcedure* procedure);

void add_run_mode_argument(GimpProcedure* procedure);
GimpRunMode run_mode_of(GimpProcedureConfig* config);

// "model", "keep-line-art", "flat-colors", "tile-size" and "device": how a page is colorized
// (read back with settings_from_config, settings.h).
void add_colorize_arguments(GimpProcedure* procedure);

// A folder argument ("none" allowed: the run checks it and says what is missing). GIMP
// rejects a path that is not an existing folder unless `action` is CREATE_FOLDER.
void add_folder_argument(GimpProcedure* procedure, const char* name, const char* nick,
                         const char* blurb,
                         GimpFileChooserAction action = GIMP_FILE_CHOOSER_ACTION_SELECT_FOLDER);

}  // namespace colorize_manga
