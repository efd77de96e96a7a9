#include "ui/files_dialog.h"

#include <libgimp/gimpui.h>

#include "host/plug_in.h"
#include "ui/model_chooser.h"

namespace colorize_manga {

bool files_dialog(GimpProcedure* procedure, GimpProcedureConfig* config) {
    gimp_ui_init(kPlugInBinary);
    GtkWidget* widget = gimp_procedure_dialog_new(procedure, config, "Colorize Manga Folder");
    auto* dialog = GIMP_PROCEDURE_DIALOG(widget);

    model_chooser_frame(dialog, config, "model", "model-frame", "Model");
    // "input-files" is for scripts: a list of paths has no good widget.
    gimp_procedure_dialog_fill(dialog, "input-folder", "output-folder", "model-frame",
                               "hints-folder", "recolor", "keep-line-art", "flat-colors",
                               "tile-size", "device", nullptr);

    const bool run = gimp_procedure_dialog_run(dialog);
    gtk_widget_destroy(widget);
    return run;
}

}  // namespace colorize_manga
