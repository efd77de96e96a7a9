#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

inline constexpr char kColorizeProcedure[] = "plug-in-colorize-manga";

// The "Colorize Manga…" image procedure: its arguments, menu entry and run function.
GimpProcedure* colorize_procedure_new(GimpPlugIn* plug_in);

}  // namespace colorize_manga
