#include "plugin/finetune_procedure.h"

#include <exception>
#include <optional>
#include <string>

#include "host/training_text.h"
#include "mangacolor/errors.h"
#include "plugin/arguments.h"
#include "plugin/finetune.h"
#include "plugin/return_values.h"
#include "ui/finetune_dialog.h"
#include "ui/training_dialog.h"

namespace colorize_manga {
namespace {

// Without a dialog GIMP's progress bar shows the training. Its Cancel ends the plug-in, which
// is safe: the core writes the model and checkpoint atomically at every checkpoint.
mangacolor::TrainResult train_with_gimp_progress(const Finetune& finetune) {
    gimp_progress_init(("Fine-tuning \"" + finetune.name + "\"").c_str());
    const auto result = run_finetune(
        finetune,
        [](const mangacolor::TrainProgress& progress) {
            gimp_progress_update(double(progress.step) / std::max(1, progress.total_steps));
            gimp_progress_set_text(progress_text(progress).c_str());
            return true;
        },
        [](const std::string& warning) { gimp_message(warning.c_str()); });
    gimp_progress_end();
    return result;
}

GimpValueArray* run(GimpProcedure* procedure, GimpProcedureConfig* config, gpointer /*data*/) {
    const GimpRunMode run_mode = run_mode_of(config);
    if (run_mode == GIMP_RUN_INTERACTIVE && !finetune_dialog(procedure, config)) {
        return status_only(procedure, GIMP_PDB_CANCEL);
    }

    Finetune finetune;
    try {
        finetune = finetune_from_config(config);
    } catch (const std::exception& e) {
        return failure(procedure, GIMP_PDB_CALLING_ERROR, mangacolor::user_message(e));
    }

    std::optional<mangacolor::TrainResult> result;
    if (run_mode == GIMP_RUN_INTERACTIVE) {
        const TrainingOutcome outcome = training_dialog(
            "Fine-tuning \"" + finetune.name + "\"",
            [&finetune](const mangacolor::TrainCallback& progress,
                        const mangacolor::WarningCallback& warn) {
                return run_finetune(finetune, progress, warn);
            },
            [&finetune](const mangacolor::TrainResult& result) {
                return result_text(finetune.name, finetune.options.output, result);
            });
        if (!outcome.result) {
            return failure(procedure, GIMP_PDB_EXECUTION_ERROR,
                           "Fine-tuning failed: " + outcome.error);
        }
        result = outcome.result;
    } else {
        try {
            result = train_with_gimp_progress(finetune);
        } catch (const std::exception& e) {
            return failure(procedure, GIMP_PDB_EXECUTION_ERROR,
                           "Fine-tuning failed: " + mangacolor::user_message(e));
        }
    }

    // A stopped run still saved the model trained so far (the dialog said where).
    if (result->cancelled) return status_only(procedure, GIMP_PDB_CANCEL);
    GimpValueArray* values = status_only(procedure, GIMP_PDB_SUCCESS);
    GFile* model = g_file_new_for_path(finetune.options.output.c_str());
    GIMP_VALUES_SET_FILE(values, 1, model);
    g_object_unref(model);
    return values;
}

void add_arguments(GimpProcedure* procedure) {
    add_run_mode_argument(procedure);
    add_folder_argument(procedure, "colored-pages", "_Colored pages",
                        "Folder of your colored pages (or with color/ and bw/ subfolders of "
                        "pages with matching names)");
    add_folder_argument(procedure, "bw-pages", "_B/W pages (optional)",
                        "Folder of the same pages in black and white, matched by file name; "
                        "none: they are made from the colored pages");
    gimp_procedure_add_string_argument(procedure, "model-name", "_Name of the new model",
                                       "Saved as <GIMP folder>/colorize-manga/models/NAME.mcm",
                                       "My colors", G_PARAM_READWRITE);
    gimp_procedure_add_int_argument(procedure, "steps", "_Steps",
                                    "Training steps; more learn more and take longer", 1, 100000,
                                    mangacolor::kFinetuneSteps, G_PARAM_READWRITE);
    gimp_procedure_add_file_argument(procedure, "base-model", "Base _model",
                                     "Model to start from (.mcm); none: the default model",
                                     GIMP_FILE_CHOOSER_ACTION_OPEN, TRUE, nullptr,
                                     G_PARAM_READWRITE);

    gimp_procedure_add_file_return_value(procedure, "model", "Model", "The new model file",
                                         G_PARAM_READWRITE);
}

}  // namespace

GimpProcedure* finetune_procedure_new(GimpPlugIn* plug_in) {
    GimpProcedure* procedure = gimp_procedure_new(plug_in, kFinetuneProcedure,
                                                  GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
    // Training needs no image: the menu entry works with or without one.
    gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_ALWAYS);
    gimp_procedure_set_menu_label(procedure, "Fine-tune Colorize Manga…");
    gimp_procedure_add_menu_path(procedure, "<Image>/Filters/Artistic");
    gimp_procedure_set_documentation(
        procedure, "Teach Colorize Manga your colors from pages you colored",
        "Fine-tunes a model on a folder of colored pages (optionally with their B/W originals) "
        "and saves it under the given name in <GIMP folder>/colorize-manga/models, where "
        "Colorize Manga lists it. Running it again with the same name and more steps continues "
        "a stopped or finished run.",
        kFinetuneProcedure);
    set_project_attribution(procedure);
    add_arguments(procedure);
    return procedure;
}

}  // namespace colorize_manga
