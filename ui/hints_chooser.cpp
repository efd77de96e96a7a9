#include "ui/hints_chooser.h"

#include <string>

namespace colorize_manga {
namespace {

constexpr char kProperty[] = "hints-layer";
constexpr int kNone = -1;  // the combo's value for no hints; item ids are positive

gboolean is_hints_candidate(GimpImage* image, GimpItem* item, gpointer page) {
    return gimp_item_get_image(GIMP_ITEM(page)) == image && item != GIMP_ITEM(page);
}

int chosen_id(GimpProcedureConfig* config) {
    GimpLayer* layer = nullptr;
    g_object_get(config, kProperty, &layer, nullptr);
    if (!layer) return kNone;
    const int id = gimp_item_get_id(GIMP_ITEM(layer));
    g_object_unref(layer);
    return id;
}

void on_combo_changed(GtkWidget* combo, GimpProcedureConfig* config) {
    gint id = kNone;
    gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &id);
    if (id == chosen_id(config)) return;
    g_object_set(config, kProperty, id == kNone ? nullptr : gimp_layer_get_by_id(id), nullptr);
}

void on_config_notify(GimpProcedureConfig* config, GParamSpec* /*pspec*/, GtkWidget* combo) {
    gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(combo), chosen_id(config));
}

GtkWidget* hints_combo_new(GimpProcedureConfig* config, GimpDrawable* page) {
    GtkWidget* combo = gimp_layer_combo_box_new(is_hints_candidate, page, nullptr);
    gimp_int_combo_box_prepend(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, kNone,
                               GIMP_INT_STORE_LABEL, "None", -1);
    gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(combo), chosen_id(config));
    g_signal_connect(combo, "changed", G_CALLBACK(on_combo_changed), config);
    const std::string signal = std::string("notify::") + kProperty;
    g_signal_connect_object(config, signal.c_str(), G_CALLBACK(on_config_notify), combo,
                            GConnectFlags(0));
    return combo;
}

}  // namespace

void hints_chooser_frame(GimpProcedureDialog* dialog, GimpProcedureConfig* config,
                         GimpDrawable* page, const char* frame_id) {
    // The dialog's own widget for a layer argument cannot say "none" and lists every image's
    // layers; it stays bound to the argument but hidden, and this combo box stands in for it.
    const std::string box_id = std::string(frame_id) + "-box";
    GtkWidget* box = gimp_procedure_dialog_fill_box(dialog, box_id.c_str(), kProperty, nullptr);
    GtkWidget* own = gimp_procedure_dialog_get_widget(dialog, kProperty, G_TYPE_NONE);
    gtk_widget_set_no_show_all(own, TRUE);
    gtk_widget_hide(own);

    GtkWidget* combo = hints_combo_new(config, page);
    GtkWidget* help = gtk_label_new(
        "Paint dots of color on a transparent layer: each area enclosed by lines takes the "
        "color of the hints in it, and the colors around lean toward them.");
    gtk_label_set_xalign(GTK_LABEL(help), 0.0);
    gtk_label_set_line_wrap(GTK_LABEL(help), TRUE);
    gtk_label_set_max_width_chars(GTK_LABEL(help), 50);
    gtk_box_pack_start(GTK_BOX(box), combo, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(box), help, FALSE, FALSE, 0);
    gtk_widget_show(combo);
    gtk_widget_show(help);

    const std::string title_id = std::string(frame_id) + "-title";
    gimp_procedure_dialog_get_label(dialog, title_id.c_str(), "Color hints", FALSE, FALSE);
    gimp_procedure_dialog_fill_frame(dialog, frame_id, title_id.c_str(), FALSE, box_id.c_str());
}

}  // namespace colorize_manga
