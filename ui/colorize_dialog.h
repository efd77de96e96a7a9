#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

// The settings with a live preview of the drawable. True when the user pressed OK; the config
// then holds the chosen values (libgimp remembers them for the next run).
bool colorize_dialog(GimpProcedure* procedure, GimpProcedureConfig* config, GimpDrawable* drawable);

}  // namespace colorize_manga
