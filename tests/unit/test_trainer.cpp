#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "mangacolor/networks.h"
#include "mangacolor/trainer.h"
#include "synthetic_pages.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

class TrainerTest : public ::testing::Test {
  protected:
    void SetUp() override { write_synthetic_pages(dir_.file("pages"), 12, 64, 5); }

    TrainOptions tiny_run(int steps) const {
        TrainOptions o;
        o.data_dir = dir_.file("pages");
        o.output = dir_.file("model.mcm");
        o.config.depth = 2;
        o.config.base_width = 8;
        o.config.latent_width = 16;
        o.config.disc_width = 8;
        o.config.page_long_side = 64;
        o.steps = steps;
        o.batch_size = 4;
        o.crop_size = 32;
        o.checkpoint_every = 10;
        o.validation_fraction = 0.25;
        o.seed = 11;
        o.name = "tiny";
        return o;
    }

    TempDir dir_;
};

TEST_F(TrainerTest, TrainingLowersValidationL1) {
    const TrainResult result = train(tiny_run(200));
    EXPECT_EQ(result.steps_done, 200);
    EXPECT_LT(result.final.l1, 0.7 * result.initial.l1)
        << "initial " << result.initial.l1 << " final " << result.final.l1;

    const Model saved = load_model(dir_.file("model.mcm"));
    EXPECT_EQ(saved.info.metadata.at("steps"), "200");
    EXPECT_EQ(saved.info.metadata.at("name"), "tiny");
    EXPECT_EQ(saved.info.config.base_width, 8);
}

// Largest difference between two models' generator weights.
double weight_difference(const Model& a, const Model& b) {
    const auto pa = a.generator->parameters(), pb = b.generator->parameters();
    EXPECT_EQ(pa.size(), pb.size());
    double largest = 0;
    for (size_t i = 0; i < std::min(pa.size(), pb.size()); ++i)
        largest = std::max(largest, (pa[i] - pb[i]).abs().max().item<double>());
    return largest;
}

// Trains `run` (repeatable, 30 steps) once straight through, into straight.mcm, and once
// stopped after 20 steps and resumed, into run.output: their models must be the same.
void expect_resume_changes_nothing(TrainOptions run, const TempDir& dir) {
    run.repeatable = true;
    TrainOptions straight = run;
    straight.output = dir.file("straight.mcm");
    train(straight);

    int calls = 0;
    const TrainResult stopped = train(run, [&](const TrainProgress&) { return ++calls < 20; });
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(stopped.steps_done, 20);
    EXPECT_EQ(train(run).steps_done, 30);
    EXPECT_LT(weight_difference(load_model(straight.output), load_model(run.output)), 1e-5);
}

// With a decaying learning rate, so the resumed run must also pick the schedule up where it was.
TEST_F(TrainerTest, ResumedRunEqualsUninterruptedRun) {
    TrainOptions run = tiny_run(30);
    run.lr_decay_from = 10;
    expect_resume_changes_nothing(run, dir_);
}

// The average goes on across a resume (with the hint-weighted loss and hints on one colour too),
// and what is saved is the average, not the trained weights (which the checkpoint keeps).
TEST_F(TrainerTest, AveragedWeightsAreSavedAndResumed) {
    TrainOptions run = tiny_run(30);
    run.average_decay = 0.9;
    run.hinted_share = 0.75;
    run.hint_loss_weight = 2;
    run.hints_on_one_color = true;
    run.l1_weight = 25;
    expect_resume_changes_nothing(run, dir_);
    const Model saved = load_model(run.output);
    EXPECT_EQ(saved.info.metadata.at("weight_average"), "0.9000");
    EXPECT_EQ(saved.info.metadata.at("hinted_share"), "0.7500");
    EXPECT_EQ(saved.info.metadata.at("hint_loss_weight"), "2.0000");
    EXPECT_EQ(saved.info.metadata.at("hints_on_one_color"), "yes");
    EXPECT_EQ(saved.info.metadata.at("l1_weight"), "25");
    EXPECT_GT(weight_difference(saved, load_model(checkpoint_path(run))), 1e-4);
}

TEST(LearningRate, ConstantThenFallsLinearlyTowardsZero) {
    TrainOptions o;
    o.learning_rate = 2e-4;
    o.steps = 100;
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 99), 2e-4);  // no decay asked for
    o.lr_decay_from = 60;
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 0), 2e-4);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 59), 2e-4);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 60), 2e-4);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 80), 1e-4);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 99), 2e-4 / 40);  // the last step still learns
    o.lr_decay_from = 100;                                 // starts after the run ends
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 99), 2e-4);
}

TEST(FinetuneOptions, RateFallsToZeroOverTheLastTwoThirdsOfTheStepsAsked) {
    for (const int steps : {kFinetuneSteps, 900}) {
        const TrainOptions o = finetune_options("base.mcm", steps);
        EXPECT_EQ(o.from_model, "base.mcm");
        EXPECT_EQ(o.steps, steps);
        EXPECT_GT(o.average_decay, 0);  // the averaged weights are saved, not the last ones
        const double full = learning_rate_at(o, 0);
        EXPECT_LT(full, TrainOptions().learning_rate);  // gentler than training from scratch
        EXPECT_DOUBLE_EQ(learning_rate_at(o, steps / 3 - 1), full);
        EXPECT_NEAR(learning_rate_at(o, steps / 3 + (steps - steps / 3) / 2), full / 2, 1e-12);
        EXPECT_LT(learning_rate_at(o, steps - 1), full / 100);
    }
}

TEST_F(TrainerTest, DecayingLearningRateReachesTheOptimizers) {
    const auto trained_weights = [&](int decay_from, const std::string& name) {
        TrainOptions o = tiny_run(6);
        o.repeatable = true;
        o.lr_decay_from = decay_from;
        o.output = dir_.file(name);
        train(o);
        return load_model(o.output).generator->parameters().front().clone();
    };
    const auto constant = trained_weights(-1, "constant.mcm");
    EXPECT_TRUE(torch::equal(constant, trained_weights(-1, "constant-again.mcm")));
    EXPECT_FALSE(torch::equal(constant, trained_weights(0, "decayed.mcm")));
}

// The classes head learns through its cross-entropy, starting from a trained Lab model's U-Net.
TEST_F(TrainerTest, ChromaClassesHeadTrainsFromAWarmStart) {
    train(tiny_run(20));
    TrainOptions classes = tiny_run(150);
    classes.config.output_head = OutputHead::LabClasses;
    classes.config.chroma_bins = 7;
    classes.init_from = dir_.file("model.mcm");
    classes.output = dir_.file("classes.mcm");
    std::vector<std::string> warnings;
    const TrainResult result =
        train(classes, {}, [&](const std::string& w) { warnings.push_back(w); });
    EXPECT_LT(result.final.l1, 0.8 * result.initial.l1)
        << "initial " << result.initial.l1 << " final " << result.final.l1;
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings.front().find("started from"), std::string::npos) << warnings.front();
    const Model warm = load_model(dir_.file("classes.mcm"));
    EXPECT_EQ(warm.info.config.output_head, OutputHead::LabClasses);
    EXPECT_EQ(warm.info.metadata.at("steps"), "170");  // 20 steps before the warm start, 150 after

    classes.init_from = dir_.file("missing.mcm");
    classes.output = dir_.file("other.mcm");
    EXPECT_THROW(train(classes), Error);
}

// A global context added to a trained model and trained alone: it learns, and every other
// weight and batch-norm statistic stays the start's.
TEST_F(TrainerTest, APartTrainedAloneLeavesTheRestAsItWas) {
    train(tiny_run(20));
    TrainOptions part = tiny_run(20);
    part.config.global_context = true;
    part.init_from = dir_.file("model.mcm");
    part.train_only = "global_context";
    part.output = dir_.file("part.mcm");
    train(part, {}, [](const std::string&) {});
    const Model start = load_model(dir_.file("model.mcm"));
    const Model trained = load_model(dir_.file("part.mcm"));
    EXPECT_GT(trained.generator->global_context->expand->weight.abs().max().item<float>(), 0.0f);
    EXPECT_EQ(trained.info.metadata.at("trained_only"), "global_context");
    const auto before_params = start.generator->named_parameters();
    for (const auto& item : trained.generator->named_parameters())
        if (item.key().rfind("global_context.", 0) != 0)
            EXPECT_TRUE(torch::equal(item.value(), before_params[item.key()])) << item.key();
    const auto before_buffers = start.generator->named_buffers();
    for (const auto& item : trained.generator->named_buffers())
        if (item.value().is_floating_point())
            EXPECT_TRUE(torch::equal(item.value(), before_buffers[item.key()])) << item.key();

    part.train_only = "no_such_part";
    part.output = dir_.file("other.mcm");
    EXPECT_THROW(train(part, {}, [](const std::string&) {}), Error);
}

TEST_F(TrainerTest, CancelLeavesALoadableModel) {
    const TrainResult result =
        train(tiny_run(50), [](const TrainProgress& p) { return p.step < 3; });
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(load_model(dir_.file("model.mcm")).info.metadata.at("steps"), "3");
}

TEST_F(TrainerTest, FineTuneStartsFromTheGivenModel) {
    TrainOptions base = tiny_run(20);
    base.hint_loss_weight = 1;
    base.l1_weight = 50;
    train(base);
    TrainOptions tune = tiny_run(25);
    tune.from_model = dir_.file("model.mcm");
    tune.output = dir_.file("tuned.mcm");
    tune.config.base_width = 99;  // ignored: the architecture comes from the model
    int last_step = 0, checks = 0;
    const TrainResult result = train(tune, [&](const TrainProgress& p) {
        if (!p.checking_palette) {
            last_step = p.step;
        } else {
            ++checks;
            EXPECT_EQ(p.step, last_step) << "after the last step";
        }
        return true;
    });
    EXPECT_EQ(checks, 1) << "the palette check is announced once";
    const Model tuned = load_model(dir_.file("tuned.mcm"));
    EXPECT_FALSE(tuned.info.palette.colors.empty()) << "the palette of its pages";
    EXPECT_EQ(tuned.info.metadata.count("palette_scores"), 1u) << "tried on 12 pages";
    EXPECT_EQ(tuned.info.metadata.count("chroma_scores"), 1u) << "and the chroma gains";
    EXPECT_NE(result.palette.find("colors"), std::string::npos) << result.palette;
    EXPECT_EQ(tuned.info.config.base_width, 8);
    EXPECT_EQ(tuned.info.metadata.at("fine_tuned_from"), dir_.file("model.mcm"));
    EXPECT_EQ(tuned.info.metadata.at("base_model"),
              load_model(dir_.file("model.mcm")).info.metadata.at("name"));
    EXPECT_EQ(tuned.info.metadata.at("trained_on"), "pages");
    EXPECT_EQ(tuned.info.metadata.count("hint_loss_weight"), 0u) << "the base's, not the tune's";
    EXPECT_EQ(tuned.info.metadata.count("l1_weight"), 0u) << "the base's, not the tune's";
}

// The hint loss weight scales an L1 around hints: refused, before any file is written, for a
// model without hints and for the lab-classes head (which learns chroma by cross-entropy).
TEST_F(TrainerTest, HintLossWeightNeedsHintsAndAnL1Head) {
    TrainOptions no_hints = tiny_run(2);
    no_hints.config.color_hints = false;
    no_hints.hint_loss_weight = 1;
    EXPECT_THROW(train(no_hints), Error);
    TrainOptions classes = tiny_run(2);
    classes.config.output_head = OutputHead::LabClasses;
    classes.hint_loss_weight = 1;
    EXPECT_THROW(train(classes), Error);
    EXPECT_FALSE(std::filesystem::exists(dir_.file("model.mcm")));
}

TEST_F(TrainerTest, BadFilesAreSkippedNotFatal) {
    std::ofstream(dir_.file("pages/broken.png")) << "not an image";
    std::vector<std::string> warnings;
    train(tiny_run(2), {}, [&](const std::string& w) { warnings.push_back(w); });
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("broken.png"), std::string::npos);
}

TEST_F(TrainerTest, EmptyFolderIsAClearError) {
    std::filesystem::create_directories(dir_.file("empty"));
    TrainOptions o = tiny_run(2);
    o.data_dir = dir_.file("empty");
    EXPECT_THROW(train(o), Error);
}

}  // namespace
}  // namespace mangacolor
