#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

// The folders and colorize settings of "Colorize Manga Folder…". True when the user pressed OK.
bool files_dialog(GimpProcedure* procedure, GimpProcedureConfig* config);

}  // namespace colorize_manga
