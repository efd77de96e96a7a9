#pragma once

#include <libgimp/gimpui.h>

namespace colorize_manga {

// A combo box of the default model and the user's fine-tuned ones, bound to the config's
// "model" file: choosing an entry sets it, and a file chosen elsewhere shows up as an entry.
GtkWidget* model_chooser_new(GimpProcedureConfig* config);

}  // namespace colorize_manga
