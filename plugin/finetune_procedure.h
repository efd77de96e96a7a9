#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

inline constexpr char kFinetuneProcedure[] = "plug-in-colorize-manga-finetune";

// "Fine-tune Colorize Manga…": trains a new model from the user's colored pages into the user's
// models folder, where the colorize procedures list it.
GimpProcedure* finetune_procedure_new(GimpPlugIn* plug_in);

}  // namespace colorize_manga
