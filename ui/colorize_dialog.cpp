#include "ui/colorize_dialog.h"

#include <libgimp/gimpui.h>

#include "plugin/colorize_procedure.h"
#include "plugin/pixels.h"
#include "plugin/settings.h"
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
    PreviewRenderer renderer;
};

// Only the visible region is colorized, so a preview stays quick on any page size.
void on_preview_invalidated(GimpPreview* preview, PreviewState* state) {
    GeglRectangle rect;
    gimp_preview_get_position(preview, &rect.x, &rect.y);
    gimp_preview_get_size(preview, &rect.width, &rect.height);
    state->renderer.request(
        {settings_from_config(state->config),
         read_rgba(state->drawable, rect),
         read_coverage(state->drawable, rect),
         {gimp_drawable_get_width(state->drawable), gimp_drawable_get_height(state->drawable)}});
}

void show_result(PreviewState* state, const PreviewRenderer::Result& result) {
    gtk_label_set_text(state->model_info, result.message.c_str());
    if (result.rgba.empty()) {
        gimp_preview_draw(state->preview);  // the page as it is, not an outdated colorizing
        return;
    }

    cv::Mat rgba8;
    result.rgba.convertTo(rgba8, CV_8U, 255.0);
    gimp_preview_area_draw(GIMP_PREVIEW_AREA(gimp_preview_get_area(state->preview)), 0, 0,
                           rgba8.cols, rgba8.rows, GIMP_RGBA_IMAGE, rgba8.data, int(rgba8.step));
}

// A "Model" frame: the list of known models, a file chooser for any other model file and the
// chosen model's details.
void add_model_frame(GimpProcedureDialog* dialog, PreviewState* state) {
    GtkBox* box = model_chooser_frame(dialog, state->config, "model", "model-frame", "Model");
    GtkWidget* info = gtk_label_new(nullptr);
    gtk_label_set_xalign(GTK_LABEL(info), 0.0);
    gtk_label_set_line_wrap(GTK_LABEL(info), TRUE);
    gtk_label_set_selectable(GTK_LABEL(info), TRUE);
    gtk_box_pack_start(box, info, FALSE, FALSE, 0);
    gtk_widget_show(info);
    state->model_info = GTK_LABEL(info);
}

// GimpDrawablePreview's default view size (GIMP_PREVIEW_SIZE in libgimpwidgets).
constexpr int kPreviewSize = 200;

}  // namespace

bool colorize_dialog(GimpProcedure* procedure, GimpProcedureConfig* config,
                     GimpDrawable* drawable) {
    gimp_ui_init(kPlugInBinary);
    PreviewState state{config, drawable, nullptr, nullptr,
                       PreviewRenderer([&state](const PreviewRenderer::Result& result) {
                           show_result(&state, result);
                       })};

    GtkWidget* widget = gimp_procedure_dialog_new(procedure, config, "Colorize Manga");
    auto* dialog = GIMP_PROCEDURE_DIALOG(widget);

    GtkWidget* preview = gimp_procedure_dialog_get_drawable_preview(dialog, "preview", drawable);
    state.preview = GIMP_PREVIEW(preview);
    // Start on the middle of the page, where the drawings are, rather than its blank corner.
    gimp_scrolled_preview_set_position(GIMP_SCROLLED_PREVIEW(preview),
                                       gimp_drawable_get_width(drawable) / 2 - kPreviewSize / 2,
                                       gimp_drawable_get_height(drawable) / 2 - kPreviewSize / 2);
    g_signal_connect(preview, "invalidated", G_CALLBACK(on_preview_invalidated), &state);
    g_signal_connect_object(config, "notify", G_CALLBACK(gimp_preview_invalidate), preview,
                            G_CONNECT_SWAPPED);

    add_model_frame(dialog, &state);
    gimp_procedure_dialog_get_widget(dialog, "output", GIMP_TYPE_INT_RADIO_FRAME);
    gimp_procedure_dialog_fill(dialog, "preview", "model-frame", "keep-line-art", "flat-colors",
                               "tile-size", "device", "output", nullptr);

    const bool run = gimp_procedure_dialog_run(dialog);
    gtk_widget_destroy(widget);  // before `state` goes: its widgets must not call back into it
    return run;
}

}  // namespace colorize_manga
