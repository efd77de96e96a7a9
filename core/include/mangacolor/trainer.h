#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "mangacolor/model_config.h"

// Training from scratch and fine-tuning on the user's own colored pages.
namespace mangacolor {

struct TrainOptions {
    std::string data_dir;        // colored pages (and optionally DIR/color + DIR/bw pairs)
    std::string bw_dir;          // B/W originals of data_dir's pages, matched by name
    std::string validation_dir;  // empty: a deterministic share of data_dir, split by file
    double validation_fraction = 0.1;
    std::string output;      // the model written at the end (and at every checkpoint)
    std::string from_model;  // fine-tune: start from this model; empty: from scratch
    ModelConfig config;      // architecture, when training from scratch
    // From scratch: the generator starts with this model's weights wherever their names and
    // shapes match (e.g. a new head on a trained U-Net); empty: random.
    std::string init_from;
    // Fine-tune: how the hints reach the model (ModelConfig::hint_field), changed from the
    // model's own; it changes no weight's shape. Unset: as the model has it.
    std::optional<bool> hint_field;
    std::string name;  // stored in the model's metadata
    // Trains only the generator's part of this name (e.g. "global_context", new on a warm start)
    // and keeps the rest, batch-norm statistics too, as the model it started from: a part added
    // to a trained model learns what it can add without the rest drifting. Empty: all of it.
    std::string train_only;

    int steps = 2000;  // total optimizer steps, counting those done before a resume
    int batch_size = 8;
    int crop_size = 256;  // capped at the model's page size: larger crops are only padding
    double learning_rate = 2e-4;
    // From this step on the learning rate falls linearly towards 0 at `steps` (pix2pix trains its
    // second half this way: the colours settle instead of hopping between modes). -1: constant.
    int lr_decay_from = -1;
    double beta1 = 0.5;
    // The model saved (and validated) is an exponential moving average of the generator's
    // weights with this decay per step, e.g. 0.999, while the weights themselves go on training:
    // a GAN's weights hop from step to step, their average does not. 0: the weights as trained.
    double average_decay = 0;
    double l1_weight = 100;  // λ in  BCE(D(fake), 1) + λ·L1(target, fake)
    // lab-classes head: BCE(D(fake), 1) + l1_weight·L1 of L* + class_weight·chroma_loss.
    double class_weight = 10;
    // The share of training crops that get colour hints sampled from their colours (issue 13):
    // more trains the hint channels harder, fewer the pages without hints.
    double hinted_share = 0.5;
    // Hints only where they lie on one colour, as an artist places them (HintPlacement).
    bool hints_on_one_color = false;
    // Pixels near a hint weigh up to 1 + this much more in the L1 loss (0: all alike), fading
    // with distance to nothing at 64 pixels: teaches the network to carry a hint's colour
    // across its area instead of only nudging it.
    double hint_loss_weight = 0;
    // A model with hint_field: each crop's hints spread within its enclosed areas, as the
    // colorizer spreads them (HintInput::FieldByArea), instead of over the whole crop.
    bool hints_by_area = false;
    int checkpoint_every = 100;  // steps; also validates
    uint64_t seed = 1;
    bool resume = true;  // continue from output + ".ckpt" when it exists
    // Bit-for-bit repeatable runs (a resumed run equals an uninterrupted one) with LibTorch's own
    // convolutions; ~3.3x slower than the default oneDNN ones, which differ by ~1e-3 run to run.
    bool repeatable = false;
};

struct ValidationScores {
    double l1 = 0;    // mean absolute error as a share of the output's range (RGB or a*, b*)
    double psnr = 0;  // dB
};

struct TrainProgress {
    int step = 0;
    int total_steps = 0;
    double generator_loss = 0;
    double discriminator_loss = 0;
    double l1 = 0;  // training L1 of the last batch, [0, 1] pixel units
    double elapsed_seconds = 0;
    double remaining_seconds = 0;
    std::optional<ValidationScores> validation;  // set on checkpoint steps
    // Once, after a fine-tune's last step: its palette and colour strength are being tried on its
    // pages (palette_fit.h), which takes seconds to a minute; the losses are not set.
    bool checking_palette = false;
};

// Return false to stop: the state is checkpointed and the model saved before train returns.
using TrainCallback = std::function<bool(const TrainProgress&)>;
using WarningCallback = std::function<void(const std::string&)>;

struct TrainResult {
    int steps_done = 0;
    bool cancelled = false;
    ValidationScores initial;  // before this run's first step
    ValidationScores final;
    // A fine-tune that ran to its end: the palette of its pages and whether it is used
    // (palette_fit_summary); empty otherwise.
    std::string palette;
};

// A fine-tune that runs to its end also fits the palette of its pages (palette_fit.h) into the
// model it saves.
TrainResult train(const TrainOptions& options, const TrainCallback& progress = {},
                  const WarningCallback& warn = {});

// How a user's handful of colored pages fine-tunes `base_model`: `steps` steps, checkpointed
// often, at a quarter of the training rate, falling to 0 from a third of the way, saving the
// weights' moving average. At the full rate with the last weights as they were, fine-tunes on
// 9 drawings made the other drawings of the same source worse and duller (model card,
// "Fine-tuning on the held-out source").
constexpr int kFinetuneSteps = 300;
TrainOptions finetune_options(const std::string& base_model, int steps);

std::string checkpoint_path(const TrainOptions& options);

// The learning rate of the step that follows `steps_done` steps.
double learning_rate_at(const TrainOptions& options, int steps_done);

}  // namespace mangacolor
