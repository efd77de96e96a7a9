#include "ui/rgb_consent.h"

#include <libgimp/gimpui.h>

#include "host/plug_in.h"

namespace colorize_manga {

bool ask_rgb_conversion() {
    gimp_ui_init(kPlugInBinary);
    GtkWidget* dialog =
        gtk_message_dialog_new(nullptr, GTK_DIALOG_MODAL, GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                               "Convert this grayscale image to RGB?");
    gtk_message_dialog_format_secondary_text(
        GTK_MESSAGE_DIALOG(dialog),
        "Colors need an RGB image. The conversion and the colorizing are one undo step.");
    gtk_dialog_add_buttons(GTK_DIALOG(dialog), "_Cancel", GTK_RESPONSE_CANCEL, "C_onvert to RGB",
                           GTK_RESPONSE_OK, nullptr);
    gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
    gimp_window_set_transient(GTK_WINDOW(dialog));

    const bool agreed = gtk_dialog_run(GTK_DIALOG(dialog)) == GTK_RESPONSE_OK;
    gtk_widget_destroy(dialog);
    return agreed;
}

}  // namespace colorize_manga
