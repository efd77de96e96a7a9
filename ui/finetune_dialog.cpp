#include "ui/finetune_dialog.h"

#include <libgimp/gimpui.h>

#include "host/plug_in.h"
#include "ui/model_chooser.h"

namespace colorize_manga {

bool finetune_dialog(GimpProcedure* procedure, GimpProcedureConfig* config) {
    gimp_ui_init(kPlugInBinary);
    GtkWidget* widget = gimp_procedure_dialog_new(procedure, config, "Fine-tune Colorize Manga");
    auto* dialog = GIMP_PROCEDURE_DIALOG(widget);

    model_chooser_frame(dialog, config, "base-model", "base-model-frame", "Start from");
    gimp_procedure_dialog_fill(dialog, "colored-pages", "bw-pages", "model-name", "steps",
                               "base-model-frame", nullptr);

    const bool run = gimp_procedure_dialog_run(dialog);
    gtk_widget_destroy(widget);
    return run;
}

}  // namespace colorize_manga
