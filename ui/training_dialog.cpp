#include "ui/training_dialog.h"

#include <libgimp/gimpui.h>

#include <atomic>
#include <exception>
#include <memory>
#include <thread>

#include "host/plug_in.h"
#include "host/training_text.h"
#include "mangacolor/errors.h"

namespace colorize_manga {
namespace {

struct TrainingWindow {
    GtkWidget* dialog = nullptr;
    GtkWidget* cancel = nullptr;
    GtkWidget* close = nullptr;
    GtkProgressBar* bar = nullptr;
    GtkLabel* loss = nullptr;
    GtkLabel* time_left = nullptr;
    GtkLabel* status = nullptr;
    GtkLabel* warnings = nullptr;
    std::string warning_lines;

    std::atomic<bool> stop{false};  // set by the main thread, read by the worker
    bool finished = false;          // main thread only
    TrainingOutcome outcome;
};

// Runs `task` on the GTK main thread: the worker must not touch widgets (nor libgimp), and
// g_idle_add is safe from any thread. Tasks run in the order they were posted.
void on_main_thread(std::function<void()> task) {
    g_idle_add(
        [](gpointer data) -> gboolean {
            std::unique_ptr<std::function<void()>> task(static_cast<std::function<void()>*>(data));
            (*task)();
            return G_SOURCE_REMOVE;
        },
        new std::function<void()>(std::move(task)));
}

GtkLabel* add_label(GtkBox* box) {
    GtkWidget* label = gtk_label_new(nullptr);
    gtk_label_set_xalign(GTK_LABEL(label), 0.0);
    gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
    gtk_label_set_selectable(GTK_LABEL(label), TRUE);
    gtk_box_pack_start(box, label, FALSE, FALSE, 0);
    return GTK_LABEL(label);
}

void build(TrainingWindow* window, const std::string& title) {
    window->dialog = gimp_dialog_new(title.c_str(), kPlugInBinary, nullptr, GtkDialogFlags(0),
                                     nullptr, nullptr, nullptr);
    window->cancel =
        gtk_dialog_add_button(GTK_DIALOG(window->dialog), "_Cancel", GTK_RESPONSE_CANCEL);
    window->close = gtk_dialog_add_button(GTK_DIALOG(window->dialog), "_Close", GTK_RESPONSE_CLOSE);
    gtk_window_set_default_size(GTK_WINDOW(window->dialog), 480, -1);

    GtkWidget* box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
    gtk_container_set_border_width(GTK_CONTAINER(box), 12);
    gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(window->dialog))), box, TRUE,
                       TRUE, 0);
    window->status = add_label(GTK_BOX(box));
    gtk_label_set_text(window->status, "Loading the pages and the base model…");
    window->bar = GTK_PROGRESS_BAR(gtk_progress_bar_new());
    gtk_progress_bar_set_show_text(window->bar, TRUE);
    gtk_box_pack_start(GTK_BOX(box), GTK_WIDGET(window->bar), FALSE, FALSE, 0);
    window->loss = add_label(GTK_BOX(box));
    window->time_left = add_label(GTK_BOX(box));
    window->warnings = add_label(GTK_BOX(box));

    gtk_widget_show_all(window->dialog);
    gtk_widget_hide(window->close);
    gtk_widget_hide(GTK_WIDGET(window->warnings));
}

void show_progress(TrainingWindow* window, const mangacolor::TrainProgress& progress) {
    if (progress.checking_palette) {
        gtk_label_set_text(window->status, progress_text(progress).c_str());
        return;
    }
    gtk_progress_bar_set_fraction(window->bar,
                                  double(progress.step) / std::max(1, progress.total_steps));
    gtk_progress_bar_set_text(window->bar, step_text(progress).c_str());
    gtk_label_set_text(window->loss, loss_text(progress).c_str());
    gtk_label_set_text(window->time_left, time_left_text(progress.remaining_seconds).c_str());
    if (window->stop) return;  // keep saying that it is stopping
    const std::string status = progress.validation ? "Training… (model saved at step " +
                                                         std::to_string(progress.step) + ")"
                                                   : std::string("Training…");
    gtk_label_set_text(window->status, status.c_str());
}

void show_warning(TrainingWindow* window, const std::string& warning) {
    window->warning_lines += (window->warning_lines.empty() ? "" : "\n") + warning;
    gtk_label_set_text(window->warnings, window->warning_lines.c_str());
    gtk_widget_show(GTK_WIDGET(window->warnings));
}

void finish(TrainingWindow* window, TrainingOutcome outcome, const std::string& summary) {
    window->finished = true;
    window->outcome = std::move(outcome);
    if (!window->outcome.result) {
        gtk_dialog_response(GTK_DIALOG(window->dialog), GTK_RESPONSE_CLOSE);
        return;
    }
    gtk_label_set_text(window->status, summary.c_str());
    gtk_widget_hide(window->cancel);
    gtk_widget_show(window->close);
    gtk_widget_grab_default(window->close);
}

}  // namespace

TrainingOutcome training_dialog(
    const std::string& title, const TrainingJob& job,
    const std::function<std::string(const mangacolor::TrainResult&)>& describe) {
    gimp_ui_init(kPlugInBinary);
    TrainingWindow window;
    build(&window, title);

    // Everything posted from the worker runs before `finish`, which is posted last; the loop
    // below leaves only after `finish` ran, so no task outlives `window`.
    std::thread worker([&window, &job, &describe] {
        TrainingOutcome outcome;
        std::string summary;
        try {
            outcome.result = job(
                [&window](const mangacolor::TrainProgress& progress) {
                    on_main_thread([&window, progress] { show_progress(&window, progress); });
                    return !window.stop;
                },
                [&window](const std::string& warning) {
                    on_main_thread([&window, warning] { show_warning(&window, warning); });
                });
            summary = describe(*outcome.result);
        } catch (const std::exception& e) {
            outcome.error = mangacolor::user_message(e);
        }
        on_main_thread([&window, outcome, summary] { finish(&window, outcome, summary); });
    });

    for (;;) {
        gtk_dialog_run(GTK_DIALOG(window.dialog));
        if (window.finished) break;
        // Cancel, or the window closed: the core saves the model after the current step.
        window.stop = true;
        gtk_widget_set_sensitive(window.cancel, FALSE);
        gtk_label_set_text(window.status,
                           "Stopping after this step; the model trained so far is kept…");
    }
    worker.join();
    gtk_widget_destroy(window.dialog);
    return std::move(window.outcome);
}

}  // namespace colorize_manga
