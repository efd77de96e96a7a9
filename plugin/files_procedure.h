#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

inline constexpr char kFilesProcedure[] = "plug-in-colorize-manga-files";

// "Colorize Manga Folder…": colorizes page files into an output folder, without an image open.
GimpProcedure* files_procedure_new(GimpPlugIn* plug_in);

}  // namespace colorize_manga
