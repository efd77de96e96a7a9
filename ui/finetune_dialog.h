#pragma once

#include <libgimp/gimp.h>

namespace colorize_manga {

// The pages, steps, name and base model of "Fine-tune Colorize Manga…". True on OK.
bool finetune_dialog(GimpProcedure* procedure, GimpProcedureConfig* config);

}  // namespace colorize_manga
