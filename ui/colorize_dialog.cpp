#include "ui/colorize_dialog.h"

#include <libgimp/gimpui.h>

#include <algorithm>

#include "host/pixels.h"
#include "host/plug_in.h"
#include "host/settings.h"
#include "mangacolor/errors.h"
#include "ui/hints_chooser.h"
#include "ui/model_chooser.h"
#include "ui/preview_renderer.h"

namespace colorize_manga {
namespace {

// What the preview needs while the dialog runs.
struct PreviewState {
    GimpProcedureConfig* config;
    GimpDrawable* drawable;
    GimpPreview* preview = nullptr;
    GtkLabel* model_info = nullptr;
    GtkToggleButton* show_before = nullptr;
    cv::Mat colored;  // 8-bit RGBA of the last result, redrawn when "before" is turned off
    PreviewRenderer renderer;
};

// Only the visible region is colorized, so a preview stays quick on any page size.
void on_preview_invalidated(GimpPreview* preview, PreviewState* state) {
    GeglRectangle rect;
    gimp_preview_get_position(preview, &rect.x, &rect.y);
    gimp_preview_get_size(preview, &rect.width, &rect.height);
    PreviewRenderer::Request request{
        settings_from_config(state->config),
        read_rgba(state->drawable, rect),
        read_coverage(state->drawable, rect),
        {gimp_drawable_get_width(state->drawable), gimp_drawable_get_height(state->drawable)}};
    try {
        if (GimpDrawable* hints = hints_layer(state->config, state->drawable)) {
            request.settings.options.hints = read_rgba_over(hints, state->drawable, rect);
        }
    } catch (const std::exception& e) {
        gtk_label_set_text(state->model_info, mangacolor::user_message(e).c_str());
        return;
    }
    state->renderer.request(std::move(request));
}

// The colorized region, or the page as it is while "before" is on or when there is no result.
void draw(PreviewState* state) {
    if (state->colored.empty() || gtk_toggle_button_get_active(state->show_before)) {
        gimp_preview_draw(state->preview);
        return;
    }
    gimp_preview_area_draw(GIMP_PREVIEW_AREA(gimp_preview_get_area(state->preview)), 0, 0,
                           state->colored.cols, state->colored.rows, GIMP_RGBA_IMAGE,
                           state->colored.data, int(state->colored.step));
}

void show_result(PreviewState* state, const PreviewRenderer::Result& result) {
    gtk_label_set_text(state->model_info, result.message.c_str());
    state->colored.release();  // an error leaves no outdated colorizing on screen
    if (!result.rgba.empty()) result.rgba.convertTo(state->colored, CV_8U, 255.0);
    draw(state);
}

// A "Model" frame: the list of known models, a file chooser for any other model file and the
// chosen model in one line.
void add_model_frame(GimpProcedureDialog* dialog, PreviewState* state) {
    GtkBox* box = model_chooser_frame(dialog, state->config, "model", "model-frame", "Model");
    GtkWidget* info = gtk_label_new(nullptr);
    gtk_label_set_xalign(GTK_LABEL(info), 0.0);
    gtk_label_set_line_wrap(GTK_LABEL(info), TRUE);
    gtk_label_set_max_width_chars(GTK_LABEL(info), 50);
    gtk_label_set_selectable(GTK_LABEL(info), TRUE);
    gtk_box_pack_start(box, info, FALSE, FALSE, 0);
    gtk_widget_show(info);
    state->model_info = GTK_LABEL(info);
}

// Under the preview: "Before" shows the page as it is, "Refresh" colorizes again (after the
// hints layer was painted on while the dialog is open).
void add_preview_buttons(GimpPreview* preview, PreviewState* state) {
    GtkWidget* before = gtk_toggle_button_new_with_mnemonic("_Before");
    gtk_widget_set_tooltip_text(before, "Show the page as it is, without colors");
    g_signal_connect_swapped(before, "toggled", G_CALLBACK(draw), state);
    state->show_before = GTK_TOGGLE_BUTTON(before);

    GtkWidget* refresh = gtk_button_new_with_mnemonic("_Refresh");
    gtk_widget_set_tooltip_text(refresh,
                                "Colorize the preview again, with the hints as they are now");
    g_signal_connect_swapped(refresh, "clicked", G_CALLBACK(gimp_preview_invalidate), preview);

    GtkWidget* row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_box_pack_start(GTK_BOX(row), before, FALSE, FALSE, 0);
    gtk_box_pack_start(GTK_BOX(row), refresh, FALSE, FALSE, 0);
    gtk_box_pack_end(GTK_BOX(gimp_preview_get_controls(preview)), row, FALSE, FALSE, 0);
    gtk_widget_show_all(row);
}

// Big enough to judge colors by (GimpDrawablePreview starts at 200 px); the style machinery
// resets the size request, so it is set again after each style update.
constexpr int kPreviewSize = 400;

void enlarge_preview(GtkWidget* preview, GimpDrawable* drawable) {
    gtk_widget_set_size_request(gimp_preview_get_area(GIMP_PREVIEW(preview)),
                                std::min(kPreviewSize, gimp_drawable_get_width(drawable)),
                                std::min(kPreviewSize, gimp_drawable_get_height(drawable)));
}

}  // namespace

bool colorize_dialog(GimpProcedure* procedure, GimpProcedureConfig* config,
                     GimpDrawable* drawable) {
    gimp_ui_init(kPlugInBinary);
    PreviewState state{config,
                       drawable,
                       nullptr,
                       nullptr,
                       nullptr,
                       cv::Mat(),
                       PreviewRenderer([&state](const PreviewRenderer::Result& result) {
                           show_result(&state, result);
                       })};

    GtkWidget* widget = gimp_procedure_dialog_new(procedure, config, "Colorize Manga");
    auto* dialog = GIMP_PROCEDURE_DIALOG(widget);

    GtkWidget* preview = gimp_procedure_dialog_get_drawable_preview(dialog, "preview", drawable);
    state.preview = GIMP_PREVIEW(preview);
    enlarge_preview(preview, drawable);
    g_signal_connect_after(preview, "style-updated", G_CALLBACK(enlarge_preview), drawable);
    // Start on the middle of the page, where the drawings are, rather than its blank corner.
    gimp_scrolled_preview_set_position(GIMP_SCROLLED_PREVIEW(preview),
                                       gimp_drawable_get_width(drawable) / 2 - kPreviewSize / 2,
                                       gimp_drawable_get_height(drawable) / 2 - kPreviewSize / 2);
    add_preview_buttons(state.preview, &state);
    g_signal_connect(preview, "invalidated", G_CALLBACK(on_preview_invalidated), &state);
    g_signal_connect_object(config, "notify", G_CALLBACK(gimp_preview_invalidate), preview,
                            G_CONNECT_SWAPPED);

    hints_chooser_frame(dialog, config, drawable, "hints-frame");
    add_model_frame(dialog, &state);
    gimp_procedure_dialog_get_widget(dialog, "output", GIMP_TYPE_INT_RADIO_FRAME);
    // The preview beside the settings, so the dialog fits on a laptop screen.
    gimp_procedure_dialog_fill_box(dialog, "settings", "hints-frame", "model-frame",
                                   "keep-line-art", "flat-colors", "tile-size", "device", "output",
                                   nullptr);
    GtkWidget* columns = gimp_procedure_dialog_fill_box(dialog, "preview-and-settings", "preview",
                                                        "settings", nullptr);
    gtk_orientable_set_orientation(GTK_ORIENTABLE(columns), GTK_ORIENTATION_HORIZONTAL);
    gtk_box_set_spacing(GTK_BOX(columns), 12);
    gimp_procedure_dialog_fill(dialog, "preview-and-settings", nullptr);

    const bool run = gimp_procedure_dialog_run(dialog);
    gtk_widget_destroy(widget);  // before `state` goes: its widgets must not call back into it
    return run;
}

}  // namespace colorize_manga
