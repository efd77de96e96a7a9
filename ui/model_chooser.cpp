#include "ui/model_chooser.h"

#include <filesystem>
#include <string>

#include "plugin/models.h"
#include "plugin/settings.h"

namespace colorize_manga {
namespace {

// Entry ids are model paths; the default model's is "" (no file chosen).
constexpr char kDefaultId[] = "";

void append_model(GtkComboBoxText* combo, const std::string& path) {
    const std::string name = std::filesystem::path(path).stem().string();
    gtk_combo_box_text_append(combo, path.c_str(), name.c_str());
}

void select_model(GtkComboBoxText* combo, const std::string& path) {
    if (gtk_combo_box_set_active_id(GTK_COMBO_BOX(combo), path.c_str())) return;
    append_model(combo, path);
    gtk_combo_box_set_active_id(GTK_COMBO_BOX(combo), path.c_str());
}

void on_combo_changed(GtkComboBox* combo, GimpProcedureConfig* config) {
    const gchar* path = gtk_combo_box_get_active_id(combo);
    if (!path || chosen_model_path(config) == path) return;
    GFile* file = *path ? g_file_new_for_path(path) : nullptr;
    g_object_set(config, "model", file, nullptr);
    if (file) g_object_unref(file);
}

void on_model_notify(GimpProcedureConfig* config, GParamSpec* /*pspec*/, GtkComboBoxText* combo) {
    select_model(combo, chosen_model_path(config));
}

}  // namespace

GtkWidget* model_chooser_new(GimpProcedureConfig* config) {
    GtkWidget* combo = gtk_combo_box_text_new();
    gtk_combo_box_text_append(GTK_COMBO_BOX_TEXT(combo), kDefaultId, "Default model");
    for (const std::string& path : user_model_paths())
        append_model(GTK_COMBO_BOX_TEXT(combo), path);
    gtk_widget_set_tooltip_text(combo, ("Your own models live in " + user_models_dir()).c_str());
    select_model(GTK_COMBO_BOX_TEXT(combo), chosen_model_path(config));

    g_signal_connect(combo, "changed", G_CALLBACK(on_combo_changed), config);
    g_signal_connect_object(config, "notify::model", G_CALLBACK(on_model_notify), combo,
                            GConnectFlags(0));
    return combo;
}

}  // namespace colorize_manga
