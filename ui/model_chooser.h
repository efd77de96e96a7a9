#pragma once

#include <libgimp/gimpui.h>

namespace colorize_manga {

// A combo box of the default model and the user's fine-tuned ones, bound to the config's
// model file argument `property`: choosing an entry sets it, and a file chosen elsewhere shows
// up as an entry.
GtkWidget* model_chooser_new(GimpProcedureConfig* config, const char* property = "model");

// A frame `frame_id` in `dialog`, titled `title`, holding that combo box above the argument's
// own file chooser. Returns the frame's box, for callers that show more about the model.
GtkBox* model_chooser_frame(GimpProcedureDialog* dialog, GimpProcedureConfig* config,
                            const char* property, const char* frame_id, const char* title);

}  // namespace colorize_manga
