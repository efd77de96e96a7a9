#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

ModelConfig tiny_config() {
    ModelConfig config;
    config.depth = 2;
    config.base_width = 4;
    config.latent_width = 8;
    config.disc_width = 4;
    return config;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// Loading `path` must throw an Error that names the file and contains `problem`.
void expect_load_error(const std::string& path, const std::string& problem) {
    try {
        load_model(path);
        FAIL() << "loading " << path << " should have failed";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
}

class ModelFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        torch::manual_seed(7);
        model_ = make_model(tiny_config());
        model_.info.metadata["name"] = "tiny";
        model_.info.metadata["steps"] = "12";
        path_ = dir_.file("model.mcm");
        save_model(path_, model_);
    }

    TempDir dir_;
    Model model_;
    std::string path_;
};

TEST_F(ModelFileTest, RoundTripKeepsSettingsMetadataAndOutputs) {
    Model loaded = load_model(path_);
    EXPECT_EQ(to_fields(loaded.info.config), to_fields(model_.info.config));
    EXPECT_EQ(loaded.info.metadata, model_.info.metadata);

    model_.generator->eval();
    loaded.generator->eval();
    torch::NoGradGuard no_grad;
    auto input = torch::rand({1, model_.info.config.input_channels(), 16, 16}) * 2 - 1;
    EXPECT_TRUE(
        torch::allclose(model_.generator->forward(input), loaded.generator->forward(input)));
}

TEST_F(ModelFileTest, SettingsDecideTheArchitecture) {
    ModelConfig wide = tiny_config();
    wide.base_width = 8;
    wide.activation = Activation::Swish;
    Model other = make_model(wide);
    save_model(path_, other);
    Model loaded = load_model(path_);
    EXPECT_EQ(loaded.info.config.base_width, 8);
    EXPECT_EQ(loaded.info.config.activation, Activation::Swish);
}

TEST_F(ModelFileTest, MissingFile) {
    expect_load_error(dir_.file("nope.mcm"), "no such file");
}

TEST_F(ModelFileTest, ForeignFile) {
    write_bytes(path_, "\x89PNG\r\n\x1a\n not a model at all");
    expect_load_error(path_, "not a Colorize Manga model file");
}

TEST_F(ModelFileTest, EmptyFile) {
    write_bytes(path_, "");
    expect_load_error(path_, "not a Colorize Manga model file");
}

TEST_F(ModelFileTest, TruncatedFile) {
    const std::string bytes = read_bytes(path_);
    for (size_t keep : {size_t{20}, size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
        write_bytes(path_, bytes.substr(0, keep));
        expect_load_error(path_, "truncated");
    }
}

TEST_F(ModelFileTest, CorruptWeights) {
    std::string bytes = read_bytes(path_);
    bytes[bytes.size() - 100] ^= 0x5A;
    write_bytes(path_, bytes);
    expect_load_error(path_, "corrupt");
}

TEST_F(ModelFileTest, NewerFormatVersion) {
    std::string bytes = read_bytes(path_);
    bytes[17] = static_cast<char>(kModelFormatVersion + 1);  // the u32 right after the magic
    write_bytes(path_, bytes);
    expect_load_error(path_, "newer version");
}

TEST_F(ModelFileTest, SettingsThatDoNotMatchTheWeights) {
    // Settings and weights disagree: a model whose weights belong to another width.
    Model mismatched = make_model(tiny_config());
    mismatched.info.config.base_width = 6;  // settings say 6, weights are for 4
    save_model(path_, mismatched);
    expect_load_error(path_, "do not fit its settings");
}

TEST_F(ModelFileTest, BadSettingValueNamesTheSetting) {
    EXPECT_THROW(with_setting(tiny_config(), "activation", "tanhh"), Error);
    try {
        with_setting(tiny_config(), "depth", "99");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("depth"), std::string::npos);
    }
}

TEST_F(ModelFileTest, SaveReplacesAtomicallyAndLeavesNoTemporaryFiles) {
    save_model(path_, model_);
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
        (void)entry;
        ++files;
    }
    EXPECT_EQ(files, 1u);
}

TEST_F(ModelFileTest, SaveIntoMissingFolderFailsAndKeepsNothing) {
    EXPECT_THROW(save_model(dir_.file("no/such/folder/m.mcm"), model_), Error);
    // The old model stays untouched and loadable.
    EXPECT_NO_THROW(load_model(path_));
}

}  // namespace
}  // namespace mangacolor

namespace mangacolor {
namespace {

TEST_F(ModelFileTest, InfoWithoutWeightsMatchesTheFullLoad) {
    const ModelInfo info = read_model_info(path_);
    EXPECT_EQ(info.metadata, model_.info.metadata);
    EXPECT_EQ(to_fields(info.config), to_fields(model_.info.config));
    write_bytes(path_, "junk");
    EXPECT_THROW(read_model_info(path_), Error);
}

TEST(ModelConfigFields, SettingsNewerThanAFileKeepWhatTheFileWasMadeWith) {
    Fields fields = to_fields(ModelConfig{});
    EXPECT_EQ(fields.at("hint_field"), "yes") << "new models spread their hints";
    fields.erase("color_hints");
    fields.erase("hint_field");
    const ModelConfig old = config_from_fields(fields);
    EXPECT_FALSE(old.color_hints);
    EXPECT_FALSE(old.hint_field);
    EXPECT_EQ(old.input_channels(), 1);
}

TEST(ModelSummary, NameStepsAndWhatItWasTrainedOrFineTunedOn) {
    ModelInfo info;
    EXPECT_EQ(model_summary(info, "/models/sepia.mcm"), "sepia") << "the file's name at least";

    info.metadata = {{"name", "Colorize Manga default"},
                     {"steps", "3500"},
                     {"training_pages", "1500"},
                     {"trained_on", "train"}};
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Colorize Manga default: trained on 1500 pages of train, 3500 steps");

    info.metadata = {{"name", "Sepia"},
                     {"steps", "300"},
                     {"training_pages", "1"},
                     {"trained_on", "chapter-1"},
                     {"fine_tuned_from", "/usr/share/colorize-manga/default.mcm"},
                     {"base_model", "Colorize Manga default"}};
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from Colorize Manga default on 1 page of chapter-1, 300 steps");
    info.metadata.erase("base_model");  // files written before base_model existed
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from default on 1 page of chapter-1, 300 steps");
}

}  // namespace
}  // namespace mangacolor
