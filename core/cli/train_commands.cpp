#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "commands.h"
#include "mangacolor/model_file.h"
#include "mangacolor/trainer.h"

namespace mangacolor::cli {
namespace {

std::string clock_text(double seconds) {
    char text[32];
    const int s = static_cast<int>(seconds);
    std::snprintf(text, sizeof text, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    return text;
}

volatile std::sig_atomic_t stop_requested = 0;

// The first Ctrl-C (or SIGTERM) asks the trainer to stop after the current step, which saves the
// model and checkpoint; a second one, with the default handler back, quits at once.
void request_stop(int signal_number) {
    stop_requested = 1;
    std::signal(signal_number, SIG_DFL);
    const char message[] = "\nstopping after this step (again to quit at once)\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
}

void stop_on_signals() {
    // A shell starts background jobs with Ctrl-C ignored; they keep ignoring it.
    struct sigaction current {};
    sigaction(SIGINT, nullptr, &current);
    if (current.sa_handler != SIG_IGN) std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
}

// One line, rewritten in place: a progress bar with losses and time left; validation lines stay.
bool print_progress(const TrainProgress& p) {
    if (p.checking_palette) {
        std::fprintf(stderr, "\ntrying the palette and color strength of the pages...");
        return true;
    }
    const int width = 24, filled = width * p.step / std::max(1, p.total_steps);
    std::fprintf(stderr, "\r[%.*s%*s] %d/%d  G %.3f  D %.3f  L1 %.4f  %s left ", filled,
                 "########################", width - filled, "", p.step, p.total_steps,
                 p.generator_loss, p.discriminator_loss, p.l1,
                 clock_text(p.remaining_seconds).c_str());
    if (p.validation)
        std::fprintf(stderr, "\n  step %d: validation L1 %.4f  PSNR %.2f dB  (checkpoint saved)\n",
                     p.step, p.validation->l1, p.validation->psnr);
    return !stop_requested;
}

TrainOptions common_options(Args& args, TrainOptions o) {
    const auto output = args.value("-o", "--output");
    if (output) o.output = *output;
    o.validation_dir = args.value("--validation").value_or("");
    o.bw_dir = args.value("--bw").value_or("");
    o.name = args.value("--name").value_or("");
    o.steps = args.integer("--steps", o.steps, 1, 100000000);
    o.batch_size = args.integer("--batch", o.batch_size, 1, 1024);
    o.crop_size = args.integer("--crop", o.crop_size, 16, 4096);
    o.learning_rate = args.number("--lr", o.learning_rate, 1e-7, 1);
    o.lr_decay_from = args.integer("--lr-decay-from", o.lr_decay_from, -1, 100000000);
    o.l1_weight = args.number("--l1-weight", o.l1_weight, 0, 1e6);
    o.class_weight = args.number("--class-weight", o.class_weight, 0, 1e6);
    o.hinted_share = args.number("--hinted-share", o.hinted_share, 0, 1);
    o.hint_loss_weight = args.number("--hint-loss-weight", o.hint_loss_weight, 0, 1000);
    o.average_decay = args.number("--average-weights", o.average_decay, 0, 0.99999);
    o.checkpoint_every = args.integer("--checkpoint-every", o.checkpoint_every, 1, 100000000);
    o.seed = static_cast<uint64_t>(args.integer("--seed", 1, 0, 1 << 30));
    o.resume = !args.flag("--restart");
    o.repeatable = args.flag("--repeatable");
    o.hints_by_area = args.flag("--hints-by-area");
    o.hints_on_one_color = args.flag("--hints-on-one-color");
    const auto data = args.positionals();
    if (data.size() != 1) throw UsageError("name exactly one folder of training pages");
    if (o.output.empty()) throw UsageError("say where the model goes with -o MODEL");
    o.data_dir = data[0];
    return o;
}

int run_training(const TrainOptions& options) {
    stop_on_signals();
    const TrainResult result = train(options, print_progress, [](const std::string& w) {
        std::fprintf(stderr, "\nwarning: %s\n", w.c_str());
    });
    std::fprintf(
        stderr,
        "\n%s after %d steps: validation L1 %.4f -> %.4f, PSNR %.2f -> %.2f dB\nmodel: %s\n",
        result.cancelled ? "stopped" : "done", result.steps_done, result.initial.l1,
        result.final.l1, result.initial.psnr, result.final.psnr, options.output.c_str());
    if (!result.palette.empty()) std::fprintf(stderr, "palette: %s\n", result.palette.c_str());
    return result.cancelled ? 130 : 0;
}

}  // namespace

int run_train(Args& args) {
    TrainOptions defaults;
    defaults.config = model_settings(args);
    defaults.init_from = args.value("--init-from").value_or("");
    defaults.train_only = args.value("--train-only").value_or("");
    return run_training(common_options(args, defaults));
}

int run_finetune(Args& args) {
    const auto from = args.value("--from");
    if (!from) throw UsageError("say which model to start from with --from MODEL");
    // The rate's fall follows the steps asked for, unless --lr-decay-from says otherwise.
    const int steps = args.integer("--steps", kFinetuneSteps, 1, 100000000);
    TrainOptions defaults = finetune_options(*from, steps);
    if (const auto field = args.value("--hint-field")) {
        if (*field != "yes" && *field != "no") throw UsageError("--hint-field is yes or no");
        defaults.hint_field = *field == "yes";
    }
    return run_training(common_options(args, defaults));
}

}  // namespace mangacolor::cli
