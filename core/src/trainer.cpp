#include "mangacolor/trainer.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sstream>

#include "heap_reuse.h"
#include "mangacolor/chroma_classes.h"
#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "mangacolor/number_text.h"
#include "mangacolor/palette_fit.h"

namespace mangacolor {
namespace {

namespace F = torch::nn::functional;

// A tensor, or a list of them, as the bytes a checkpoint section holds, and back.
template <typename Tensors>
std::string to_section(const Tensors& tensors) {
    std::ostringstream out;
    torch::save(tensors, out);
    return out.str();
}

template <typename Tensors>
Tensors from_section(const std::string& bytes) {
    Tensors tensors;
    std::istringstream in(bytes);
    torch::load(tensors, in);
    return tensors;
}

// oneDNN's convolution backward in Debian 13's LibTorch 2.6 reads some uninitialised memory
// (the discriminator's backward, found by switching oneDNN per network) and multiplies it by
// zero. When that memory happens to hold a NaN bit pattern the gradients turn NaN: seen after 2
// to 117 steps. glibc's malloc perturbation fills every new allocation with a fixed byte whose
// float pattern is finite, which makes the results exact and repeatable again (the same numbers
// for any such byte), at the cost of a memset per allocation. oneDNN is ~3.3x faster here than
// LibTorch's own kernels, so this beats switching it off. Perturbation is switched off again after.
// oneDNN's results also vary by ~1e-3 between identical runs in one process, so a run that must
// repeat bit for bit (TrainOptions::repeatable) uses LibTorch's own kernels instead.
class WithoutOneDnn {
  public:
    WithoutOneDnn() : was_enabled_(at::globalContext().userEnabledMkldnn()) {
        at::globalContext().setUserEnabledMkldnn(false);
    }
    ~WithoutOneDnn() { at::globalContext().setUserEnabledMkldnn(was_enabled_); }
    WithoutOneDnn(const WithoutOneDnn&) = delete;
    WithoutOneDnn& operator=(const WithoutOneDnn&) = delete;

  private:
    bool was_enabled_;
};

class FiniteScratchMemory {
  public:
#ifdef __GLIBC__
    FiniteScratchMemory() {
        mallopt(M_PERTURB, kFiniteByte);
    }
    ~FiniteScratchMemory() {
        mallopt(M_PERTURB, 0);
    }
#endif
    FiniteScratchMemory(const FiniteScratchMemory&) = delete;
    FiniteScratchMemory& operator=(const FiniteScratchMemory&) = delete;

  private:
    // New memory is filled with kFiniteByte ^ 0xff = 0xb2: floats of -2.1e-8, never NaN.
    static constexpr int kFiniteByte = 0x4d;
    // A training step spent half its time in the kernel faulting fresh mappings in without it.
    HeapReuse heap_reuse_;
};

// The PatchGAN halves its input three times and then looks at 4x4 neighbourhoods.
constexpr int kMinCrop = 32;

// Everything a run needs, built from the options and, when resuming, the checkpoint.
class Session {
  public:
    Session(const TrainOptions& options, const WarningCallback& warn)
        : options_(options), warn_(warn) {
        torch::manual_seed(options.seed);
        model_ = options.from_model.empty() ? make_model(options.config)
                                            : load_model(options.from_model);
        model_.info.metadata.erase("warm_start_steps");  // the base's: a fine-tune counts its own
        const bool resuming = options.resume && std::filesystem::exists(checkpoint_path(options));
        // A resumed run takes its weights from the checkpoint: no warm start to load and discard.
        if (options.from_model.empty() && !options.init_from.empty() && !resuming) warm_start(warn);
        base_name_ = model_.info.metadata.count("name") ? model_.info.metadata.at("name") : "";
        if (options.hint_field) model_.info.config.hint_field = *options.hint_field;
        const ModelConfig& config = model_.info.config;
        // The lab-classes head learns chroma by cross-entropy, not by the L1 the weights scale.
        if (options.hint_loss_weight > 0 &&
            (!config.color_hints || config.output_head == OutputHead::LabClasses))
            throw Error(
                "a hint loss weight needs a model with color hints and an output head "
                "trained by L1 (not lab-classes)");
        if (options.crop_size % config.size_multiple() != 0 || options.crop_size < kMinCrop)
            throw Error("crop size must be at least " + std::to_string(kMinCrop) +
                        " and a multiple of " + std::to_string(config.size_multiple()));
        const int page = config.page_long_side / config.size_multiple() * config.size_multiple();
        options_.crop_size = std::max(config.size_multiple(), std::min(options.crop_size, page));
        discriminator_ = Discriminator(config);
        g_opt_ = std::make_unique<torch::optim::Adam>(unfrozen_parameters(), adam());
        d_opt_ = std::make_unique<torch::optim::Adam>(discriminator_->parameters(), adam());
        load_data(warn);
        sampler_ = std::make_unique<CropSampler>(crop_sampler());
        if (config.output_head == OutputHead::LabClasses) count_chroma_classes();
        start_average();
        if (resuming) resume();
    }

    int step() const { return step_; }

    // One optimizer step each for D and G; returns the progress numbers of this step.
    TrainProgress train_step() {
        // A part trained alone: the rest computes as in the model it came from (eval-mode batch
        // norm, its statistics untouched).
        if (options_.train_only.empty())
            model_.generator->train();
        else
            model_.generator->eval();
        discriminator_->train();
        set_learning_rate(learning_rate_at(options_, step_));
        const Batch batch = sampler_->next(options_.batch_size);
        const torch::Tensor input = generator_input(batch);
        const auto outputs = model_.generator->forward_outputs(input);
        const torch::Tensor& fake = outputs.color;
        const torch::Tensor& real = target(batch);

        d_opt_->zero_grad();
        const auto real_logits = discriminator_->forward(batch.gray, real);
        const auto fake_logits = discriminator_->forward(batch.gray, fake.detach());
        const auto d_loss =
            F::binary_cross_entropy_with_logits(real_logits, torch::ones_like(real_logits)) +
            F::binary_cross_entropy_with_logits(fake_logits, torch::zeros_like(fake_logits));
        d_loss.backward();
        step_if_finite(*d_opt_, d_loss, "discriminator");

        g_opt_->zero_grad();
        const auto judged = discriminator_->forward(batch.gray, fake);
        const auto l1 = hint_weighted_l1(batch, input, fake);
        const auto g_loss = F::binary_cross_entropy_with_logits(judged, torch::ones_like(judged)) +
                            reconstruction_loss(outputs, real, l1);
        g_loss.backward();
        step_if_finite(*g_opt_, g_loss, "generator");
        ++step_;
        update_average();

        TrainProgress p;
        p.step = step_;
        p.total_steps = options_.steps;
        p.generator_loss = g_loss.item<double>();
        p.discriminator_loss = d_loss.item<double>();
        // The plain L1, comparable between runs; outputs span [-1, 1], so halved: a share of that.
        const auto plain_l1 =
            options_.hint_loss_weight > 0 ? torch::l1_loss(fake.detach(), real) : l1;
        p.l1 = plain_l1.item<double>() / 2;
        return p;
    }

    // Of the weights that are saved: the average, when there is one.
    ValidationScores validate() {
        const AverageInPlace averaged(*this);
        recalibrate_batch_norm();
        model_.generator->eval();
        torch::InferenceMode guard;
        double abs_sum = 0, sq_sum = 0;
        int64_t count = 0;
        for (size_t i = 0; i < validation_crops_.size(); i += 4) {
            const std::vector<Sample> group(
                validation_crops_.begin() + i,
                validation_crops_.begin() + std::min(i + 4, validation_crops_.size()));
            const Batch batch = to_batch(group);
            const auto diff =
                (model_.generator->forward(generator_input(batch)) - target(batch)) / 2;
            abs_sum += diff.abs().sum().item<double>();
            sq_sum += diff.square().sum().item<double>();
            count += diff.numel();
        }
        ValidationScores scores;
        scores.l1 = abs_sum / count;
        scores.psnr = -10 * std::log10(std::max(sq_sum / count, 1e-12));
        return scores;
    }

    // Model and checkpoint, each written atomically: an interruption at any moment leaves the
    // previous good files in place.
    void save(const ValidationScores& scores) {
        auto& meta = model_.info.metadata;
        if (!options_.name.empty()) meta["name"] = options_.name;
        if (!options_.from_model.empty()) {
            meta["fine_tuned_from"] = options_.from_model;
            meta["base_model"] = base_name_;
        }
        meta["trained_on"] = folder_name(options_.data_dir);
        meta["steps"] = std::to_string(step_ + warm_start_steps());
        meta["training_pages"] = std::to_string(train_pages_.size());
        meta["validation_pages"] = std::to_string(validation_crops_.size());
        meta["validation_l1"] = number_text("%.4f", scores.l1);
        meta["validation_psnr"] = number_text("%.4f", scores.psnr);
        meta["seed"] = std::to_string(options_.seed);
        if (model_.info.config.color_hints)
            meta["hinted_share"] = number_text("%.4f", options_.hinted_share);
        // This run's own settings, not those of the model it started from.
        auto set_or_erase = [&meta](const std::string& key, bool set, const std::string& value) {
            if (set)
                meta[key] = value;
            else
                meta.erase(key);
        };
        set_or_erase("l1_weight", options_.l1_weight != TrainOptions{}.l1_weight,
                     number_text("%g", options_.l1_weight));
        set_or_erase("hint_loss_weight", options_.hint_loss_weight > 0,
                     number_text("%.4f", options_.hint_loss_weight));
        set_or_erase("hints_by_area", options_.hints_by_area, "yes");
        set_or_erase("hints_on_one_color", options_.hints_on_one_color, "yes");
        set_or_erase("trained_only", !options_.train_only.empty(), options_.train_only);
        set_or_erase("weight_average", !average_.empty(),
                     number_text("%.4f", options_.average_decay));
        {
            const AverageInPlace averaged(*this);
            save_model(options_.output, model_);
        }

        Sections state{{"discriminator", to_bytes(*discriminator_)},
                       {"generator-optimizer", to_bytes(*g_opt_)},
                       {"discriminator-optimizer", to_bytes(*d_opt_)},
                       {"sampler", sampler_->state()},
                       {"torch-rng", to_section(at::detail::getDefaultCPUGenerator().get_state())},
                       {"step", std::to_string(step_)}};
        if (!average_.empty()) state["weight-average"] = to_section(average_);
        save_model_with(checkpoint_path(options_), model_, state);
    }

  private:
    // Puts the averaged weights into the generator for its lifetime, and the trained ones back
    // after; nothing when not averaging.
    class AverageInPlace {
      public:
        explicit AverageInPlace(Session& session)
            : params_(session.model_.generator->parameters()) {
            if (session.average_.empty()) return;
            torch::NoGradGuard no_grad;
            for (size_t i = 0; i < params_.size(); ++i) {
                trained_.push_back(params_[i].detach().clone());
                params_[i].copy_(session.average_[i]);
            }
        }
        ~AverageInPlace() {
            torch::NoGradGuard no_grad;
            for (size_t i = 0; i < trained_.size(); ++i) params_[i].copy_(trained_[i]);
        }
        AverageInPlace(const AverageInPlace&) = delete;
        AverageInPlace& operator=(const AverageInPlace&) = delete;

      private:
        std::vector<torch::Tensor> params_, trained_;
    };

    void start_average() {
        average_.clear();
        if (options_.average_decay <= 0) return;
        for (const auto& p : model_.generator->parameters()) average_.push_back(p.detach().clone());
    }

    // The decay is lower over a run's first steps (as TensorFlow's ExponentialMovingAverage
    // does with num_updates), so that weights trained from random ones soon outweigh those.
    void update_average() {
        if (average_.empty()) return;
        torch::NoGradGuard no_grad;
        const double decay = std::min(options_.average_decay, (1.0 + step_) / (10.0 + step_));
        const auto params = model_.generator->parameters();
        for (size_t i = 0; i < params.size(); ++i) average_[i].lerp_(params[i], 1 - decay);
    }

    torch::Tensor generator_input(const Batch& batch) const {
        return mangacolor::generator_input(model_.info.config, batch.gray, batch.hints);
    }

    // What the generator should give: the truth's L*, a*, b*, or its RGB for the RGB heads.
    const torch::Tensor& target(const Batch& batch) const {
        return model_.info.config.predicts_lab() ? batch.lab : batch.color;
    }

    // What pulls the generator toward the truth besides the discriminator: L1 on every channel,
    // or for the lab-classes head L1 on L* and the classes' cross-entropy on a*, b* (on the
    // logits' blocks).
    torch::Tensor reconstruction_loss(const GeneratorImpl::Outputs& outputs,
                                      const torch::Tensor& real, const torch::Tensor& l1) const {
        if (!outputs.chroma_logits.defined()) return options_.l1_weight * l1;
        const ModelConfig& config = model_.info.config;
        const auto lightness = torch::l1_loss(outputs.color.narrow(1, 0, 1), real.narrow(1, 0, 1));
        const auto targets = chroma_targets(truth_chroma(real), config.chroma_bins);
        return options_.l1_weight * lightness +
               options_.class_weight * chroma_loss(outputs.chroma_logits, targets, class_weights_);
    }

    // L1, with the pixels near hints weighing more when TrainOptions::hint_loss_weight is set,
    // normalised by the mean weight so that the loss keeps its scale against the
    // discriminator's.
    torch::Tensor hint_weighted_l1(const Batch& batch, const torch::Tensor& input,
                                   const torch::Tensor& fake) const {
        if (options_.hint_loss_weight <= 0) return torch::l1_loss(fake, target(batch));
        const auto nearness = hint_nearness(model_.info.config, input, batch.hints);
        const auto weight = hint_loss_weights(nearness, options_.hint_loss_weight);
        return ((fake - target(batch)).abs() * weight).mean() / weight.mean();
    }

    // The truth's a*, b* at the chroma logits' resolution.
    torch::Tensor truth_chroma(const torch::Tensor& real) const {
        const int block = 2 * model_.info.config.stem_stride;
        return F::avg_pool2d(real.narrow(1, 1, 2), F::AvgPool2dFuncOptions(block));
    }

    // How often each chroma class occurs in the training crops, over the calibration crops (their
    // own sampler, so the training sequence and a resumed run are unaffected), as loss weights.
    void count_chroma_classes() {
        torch::NoGradGuard no_grad;
        const ModelConfig& config = model_.info.config;
        CropSampler counting = crop_sampler();
        torch::Tensor counts = torch::zeros({int64_t{config.chroma_bins} * config.chroma_bins});
        for (int i = 0; i < kCalibrationBatches; ++i) {
            const Batch batch = counting.next(options_.batch_size);
            counts += chroma_targets(truth_chroma(batch.lab), config.chroma_bins).sum({0, 2, 3});
        }
        class_weights_ = chroma_class_weights(counts);
    }

    void warm_start(const WarningCallback& warn) {
        Model from = load_model(options_.init_from);
        const int copied = wider_than(model_.info.config, from.info.config)
                               ? widen_weights(from.generator, model_.generator)
                               : copy_matching_weights(*from.generator, *model_.generator);
        if (copied == 0)
            throw Error("'" + options_.init_from + "' has no weights that fit these settings");
        if (warn)
            warn("started from " + std::to_string(copied) + " weight tensors of '" +
                 options_.init_from + "'");
        // The copied weights carry the steps that trained them: the model's count goes on from
        // there. Kept in the metadata, so that a resumed run still knows it.
        const auto steps = from.info.metadata.find("steps");
        model_.info.metadata["warm_start_steps"] =
            steps == from.info.metadata.end() ? "0" : steps->second;
    }

    int warm_start_steps() const {
        const auto steps = model_.info.metadata.find("warm_start_steps");
        if (steps == model_.info.metadata.end()) return 0;
        try {
            return std::stoi(steps->second);
        } catch (const std::exception&) {
            return 0;  // a hand-edited count: this run's steps alone
        }
    }

    // BatchNorm's running averages trail the weights, and a GAN moves the weights fast: saved as
    // they were, the model's eval-mode output swung from checkpoint to checkpoint (validation
    // L1 0.09, then 0.36 250 steps later). So before validating and saving they are estimated
    // afresh at the current weights, over the same training crops each time (their own sampler,
    // so the training sequence and a resumed run are unaffected).
    void recalibrate_batch_norm() {
        if (!options_.train_only.empty()) return;  // the statistics stay the start's
        torch::NoGradGuard no_grad;
        std::vector<std::pair<torch::nn::BatchNorm2dImpl*, std::optional<double>>> norms;
        for (const auto& module : model_.generator->modules(/*include_self=*/false)) {
            if (auto* norm = module->as<torch::nn::BatchNorm2d>()) {
                norms.emplace_back(norm, norm->options.momentum());
                norm->reset_running_stats();
                norm->options.momentum(std::nullopt);  // a plain average over the batches
            }
        }
        model_.generator->train();
        CropSampler calibration = crop_sampler();
        for (int i = 0; i < kCalibrationBatches; ++i)
            model_.generator->forward(generator_input(calibration.next(options_.batch_size)));
        for (auto& [norm, momentum] : norms) norm->options.momentum(momentum);
    }

    // The generator's weights the optimizer moves: those of TrainOptions::train_only, or all.
    // With train_only the others stop taking gradients, so no backward pass is spent on them.
    std::vector<torch::Tensor> unfrozen_parameters() {
        if (options_.train_only.empty()) return model_.generator->parameters();
        std::vector<torch::Tensor> trained;
        for (const auto& item : model_.generator->named_parameters()) {
            const bool ours = item.key().rfind(options_.train_only + ".", 0) == 0;
            item.value().requires_grad_(ours);
            if (ours) trained.push_back(item.value());
        }
        if (trained.empty())
            throw Error("the model has no part '" + options_.train_only +
                        "' to train alone (see its settings with 'mangacolor info')");
        return trained;
    }

    // A non-finite loss would spread NaN into every weight and then into the checkpoint; such a
    // step is skipped instead, and a run that keeps producing them stops with the last good
    // checkpoint in place.
    void step_if_finite(torch::optim::Optimizer& optimizer, const torch::Tensor& loss,
                        const char* network) {
        if (std::isfinite(loss.item<double>())) {
            optimizer.step();
            skipped_in_a_row_ = 0;
            return;
        }
        if (++skipped_in_a_row_ > kMaxSkippedSteps)
            throw Error("training diverged: the " + std::string(network) +
                        " loss stayed non-finite; the last checkpoint is kept");
        if (warn_)
            warn_("step " + std::to_string(step_ + 1) + ": non-finite " + network +
                  " loss, update skipped");
    }

    // Every step, so a resumed run follows the schedule (and a changed --lr) rather than the
    // rate stored with the optimizers' state.
    void set_learning_rate(double rate) {
        for (auto* optimizer : {g_opt_.get(), d_opt_.get()})
            for (auto& group : optimizer->param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
    }

    torch::optim::AdamOptions adam() const {
        return torch::optim::AdamOptions(options_.learning_rate).betas({options_.beta1, 0.999});
    }

    // The run's training crops from the first: for training, and for counts and calibrations
    // that must leave the training sequence alone.
    CropSampler crop_sampler() const {
        const ModelConfig& config = model_.info.config;
        CropHints hints;
        hints.share = options_.hinted_share;
        if (options_.hints_on_one_color) hints.placement = HintPlacement::OnOneColor;
        hints.input = !config.hint_field       ? HintInput::Dots
                      : options_.hints_by_area ? HintInput::FieldByArea
                                               : HintInput::Field;
        return CropSampler(train_pages_, options_.crop_size, hints, config.descreened_input,
                           options_.seed);
    }

    void load_data(const WarningCallback& warn) {
        std::vector<PageFiles> train_files, validation_files;
        if (options_.validation_dir.empty()) {
            split_pages(find_pages(options_.data_dir, options_.bw_dir),
                        options_.validation_fraction, train_files, validation_files);
        } else {
            train_files = find_pages(options_.data_dir, options_.bw_dir);
            validation_files = find_pages(options_.validation_dir);
        }
        const auto report = [&](const std::string& message) {
            if (warn) warn(message);
        };
        const int long_side = model_.info.config.page_long_side;
        train_pages_ = load_pages(train_files, long_side, report);
        if (train_pages_.empty())
            throw Error("no usable training pages in '" + options_.data_dir + "'");
        auto validation_pages = load_pages(validation_files, long_side, report);
        if (validation_pages.empty()) validation_pages = {train_pages_.front()};
        validation_crops_ = center_crops(validation_pages, options_.crop_size * 2,
                                         model_.info.config.descreened_input);
    }

    void resume() {
        Sections state;
        Model saved = load_model_with(checkpoint_path(options_), &state);
        if (to_fields(saved.info.config) != to_fields(model_.info.config))
            throw Error("checkpoint '" + checkpoint_path(options_) +
                        "' has other model settings; delete it or choose another output");
        model_ = std::move(saved);
        g_opt_ = std::make_unique<torch::optim::Adam>(unfrozen_parameters(), adam());
        try {
            load_weights(*discriminator_, state.at("discriminator"), "discriminator");
            from_bytes(*g_opt_, state.at("generator-optimizer"), "generator optimizer");
            from_bytes(*d_opt_, state.at("discriminator-optimizer"), "discriminator optimizer");
            sampler_->restore(state.at("sampler"));
            auto rng = at::detail::getDefaultCPUGenerator();
            rng.set_state(from_section<torch::Tensor>(state.at("torch-rng")));
            step_ = std::stoi(state.at("step"));
            start_average();  // at the resumed weights, for a checkpoint written without one
            const auto average = state.find("weight-average");
            if (!average_.empty() && average != state.end()) {
                auto saved = from_section<std::vector<torch::Tensor>>(average->second);
                if (saved.size() != average_.size())
                    throw Error("the checkpoint's weight average does not fit the model");
                average_ = std::move(saved);
            }
        } catch (const std::out_of_range&) {
            throw Error("checkpoint '" + checkpoint_path(options_) + "' is incomplete");
        }
    }

    static constexpr int kMaxSkippedSteps = 5;
    static constexpr int kCalibrationBatches = 16;

    TrainOptions options_;
    WarningCallback warn_;
    int skipped_in_a_row_ = 0;
    Model model_;
    std::string base_name_;  // of the model fine-tuned from, as it was loaded
    Discriminator discriminator_{nullptr};
    torch::Tensor class_weights_;  // lab-classes head: chroma_class_weights of the training crops
    std::unique_ptr<torch::optim::Adam> g_opt_, d_opt_;
    std::vector<PagePair> train_pages_;
    std::vector<Sample> validation_crops_;
    std::unique_ptr<CropSampler> sampler_;
    std::vector<torch::Tensor> average_;  // of the generator's parameters; empty: not averaging
    int step_ = 0;
};

}  // namespace

std::string checkpoint_path(const TrainOptions& options) {
    return options.output + ".ckpt";
}

TrainOptions finetune_options(const std::string& base_model, int steps) {
    TrainOptions options;
    options.from_model = base_model;
    options.steps = steps;
    options.checkpoint_every = 50;
    options.learning_rate = 5e-5;
    options.lr_decay_from = steps / 3;
    options.average_decay = 0.98;
    return options;
}

double learning_rate_at(const TrainOptions& options, int steps_done) {
    const int from = options.lr_decay_from;
    if (from < 0 || steps_done < from || from >= options.steps) return options.learning_rate;
    return options.learning_rate * (options.steps - steps_done) / (options.steps - from);
}

namespace {

TrainResult train_session(const TrainOptions& options, const TrainCallback& progress,
                          const WarningCallback& warn) {
    if (options.output.empty()) throw Error("no output model file given");
    const FiniteScratchMemory finite_scratch;
    std::optional<WithoutOneDnn> exact_kernels;
    if (options.repeatable) exact_kernels.emplace();
    Session session(options, warn);
    TrainResult result;
    result.initial = result.final = session.validate();

    const auto start = std::chrono::steady_clock::now();
    const int first_step = session.step();
    while (session.step() < options.steps) {
        TrainProgress p = session.train_step();
        p.elapsed_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        p.remaining_seconds = p.elapsed_seconds / (p.step - first_step) * (options.steps - p.step);
        const bool checkpoint = p.step % options.checkpoint_every == 0 || p.step == options.steps;
        if (checkpoint) {
            result.final = session.validate();
            p.validation = result.final;
            session.save(result.final);
        }
        if (progress && !progress(p)) {
            if (!checkpoint) session.save(result.final = session.validate());
            result.cancelled = true;
            break;
        }
    }
    if (session.step() == first_step) session.save(result.final);  // nothing left to do
    result.steps_done = session.step();
    return result;
}

}  // namespace

TrainResult train(const TrainOptions& options, const TrainCallback& progress,
                  const WarningCallback& warn) {
    try {
        TrainResult result = train_session(options, progress, warn);
        if (!options.from_model.empty() && !result.cancelled) {
            if (progress) {
                TrainProgress checking;
                checking.step = checking.total_steps = result.steps_done;
                checking.checking_palette = true;
                progress(checking);  // the check cannot be stopped half way; the model is saved
            }
            Model tuned = load_model(options.output);
            // Pages it cannot read were reported when training loaded them.
            const PaletteFit fit = fit_palette(tuned, palette_pages(options.data_dir, {}));
            apply_palette_fit(tuned, fit, options.data_dir);
            save_model(options.output, tuned);
            result.palette = palette_fit_summary(fit);
        }
        return result;
    } catch (const c10::Error& e) {
        throw Error("training failed: " + user_message(e));
    }
}

}  // namespace mangacolor
