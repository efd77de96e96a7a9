#include "ui/model_chooser.h"

#include <filesystem>
#include <string>

#include "host/models.h"
#include "host/settings.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_info.h"

namespace colorize_manga {
namespace {

// Entry ids are model paths; the default model's is "" (no file chosen).
constexpr char kDefaultId[] = "";

// The model's own name and training steps, read from its header without loading the weights;
// a file that does not read as a model is still listed, marked, so choosing it shows the error.
std::string model_label(const std::string& path) {
    try {
        const mangacolor::ModelInfo info = mangacolor::read_model_info(path);
        const auto steps = info.metadata.find("steps");
        return model_display_name(info, path) +
               (steps == info.metadata.end() ? "" : " (" + steps->second + " steps)");
    } catch (const mangacolor::Error&) {
        return std::filesystem::path(path).stem().string() + " (unreadable)";
    }
}

void append_model(GtkComboBoxText* combo, const std::string& path) {
    gtk_combo_box_text_append(combo, path.c_str(), model_label(path).c_str());
}

void select_model(GtkComboBoxText* combo, const std::string& path) {
    if (gtk_combo_box_set_active_id(GTK_COMBO_BOX(combo), path.c_str())) return;
    append_model(combo, path);
    gtk_combo_box_set_active_id(GTK_COMBO_BOX(combo), path.c_str());
}

// The name of the config property a combo box is bound to.
const char* bound_property(gpointer combo) {
    return static_cast<const char*>(g_object_get_data(G_OBJECT(combo), "model-property"));
}

void on_combo_changed(GtkComboBox* combo, GimpProcedureConfig* config) {
    const char* property = bound_property(combo);
    const gchar* path = gtk_combo_box_get_active_id(combo);
    if (!path || chosen_model_path(config, property) == path) return;
    GFile* file = *path ? g_file_new_for_path(path) : nullptr;
    g_object_set(config, property, file, nullptr);
    if (file) g_object_unref(file);
}

void on_model_notify(GimpProcedureConfig* config, GParamSpec* /*pspec*/, GtkComboBoxText* combo) {
    select_model(combo, chosen_model_path(config, bound_property(combo)));
}

}  // namespace

GtkWidget* model_chooser_new(GimpProcedureConfig* config, const char* property) {
    GtkWidget* combo = gtk_combo_box_text_new();
    g_object_set_data_full(G_OBJECT(combo), "model-property", g_strdup(property), g_free);
    gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), kDefaultId, "Default model");
    for (const std::string& path : user_model_paths())
        append_model(GTK_COMBO_BOX_TEXT(combo), path);
    gtk_widget_set_tooltip_text(combo, ("Your own models live in " + user_models_dir()).c_str());
    select_model(GTK_COMBO_BOX_TEXT(combo), chosen_model_path(config, property));

    g_signal_connect(combo, "changed", G_CALLBACK(on_combo_changed), config);
    const std::string signal = std::string("notify::") + property;
    g_signal_connect_object(config, signal.c_str(), G_CALLBACK(on_model_notify), combo,
                            GConnectFlags(0));
    return combo;
}

GtkBox* model_chooser_frame(GimpProcedureDialog* dialog, GimpProcedureConfig* config,
                            const char* property, const char* frame_id, const char* title) {
    const std::string box_id = std::string(frame_id) + "-box";
    const std::string title_id = std::string(frame_id) + "-title";
    GtkWidget* box = gimp_procedure_dialog_fill_box(dialog, box_id.c_str(), property, nullptr);
    GtkWidget* chooser = model_chooser_new(config, property);
    gtk_box_pack_start(GTK_BOX(box), chooser, FALSE, FALSE, 0);
    gtk_box_reorder_child(GTK_BOX(box), chooser, 0);
    gtk_widget_show_all(box);

    gimp_procedure_dialog_get_label(dialog, title_id.c_str(), title, FALSE, FALSE);
    gimp_procedure_dialog_fill_frame(dialog, frame_id, title_id.c_str(), FALSE, box_id.c_str());
    return GTK_BOX(box);
}

}  // namespace colorize_manga
