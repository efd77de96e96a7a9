#pragma once

#include <libgimp/gimpui.h>

namespace colorize_manga {

// A frame `frame_id` in `dialog` to choose the colour hints layer ("hints-layer" of `config`):
// "None" or a layer of `page`'s image other than `page` itself, with a line on how hints work.
void hints_chooser_frame(GimpProcedureDialog* dialog, GimpProcedureConfig* config,
                         GimpDrawable* page, const char* frame_id);

}  // namespace colorize_manga
