#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "crafted_model.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"
#include "temp_dir.h"
#include "tiny_config.h"

namespace mangacolor {
namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

// The file's sections, rewritten by `edit` with valid checksums: a crafted file, as someone
// could share it.
void craft(const std::string& path, const std::function<void(Sections&)>& edit) {
    Sections sections = crafted::sections_of(read_bytes(path));
    edit(sections);
    write_bytes(path, pack_sections(sections));
}

void set_settings(Sections& sections, const Fields& changes) {
    crafted::change_settings(sections.at("settings"), changes);
}

// `read(path)` must throw an Error that names the file and contains `problem`, in one line.
template <typename Read>
void expect_error(Read read, const std::string& path, const std::string& problem) {
    try {
        read(path);
        FAIL() << "reading " << path << " should have failed";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(path), std::string::npos) << message;
        EXPECT_NE(message.find(problem), std::string::npos) << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

void expect_load_error(const std::string& path, const std::string& problem) {
    expect_error(load_model, path, problem);
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
    mismatched.info.config.base_width = 8;  // settings say 8, weights are for 4
    save_model(path_, mismatched);
    expect_load_error(path_, "do not fit its settings");
}

// Widths whose convolutions oneDNN computes wrongly (model_config.cpp) are refused up front.
TEST_F(ModelFileTest, RefusesWidthsTheConvolutionsGetWrong) {
    for (const auto& [key, value] : {std::pair{"base_width", "24"},
                                     {"base_width", "12"},
                                     {"latent_width", "40"},
                                     {"latent_width", "20"}}) {
        try {
            with_setting(tiny_config(), key, value);
            FAIL() << key << "=" << value;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("multiple of 16"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(with_setting(tiny_config(), "base_width", "32"));
    EXPECT_NO_THROW(with_setting(tiny_config(), "latent_width", "16"));
}

TEST_F(ModelFileTest, BadSettingValueNamesTheSetting) {
    EXPECT_THROW(with_setting(tiny_config(), "activation", "tanhh"), Error);
    try {
        with_setting(tiny_config(), "depth", "99");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("depth"), std::string::npos);
    }
    try {
        with_setting(tiny_config(), "chroma_bins", "12");  // gray would not be a class
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("odd"), std::string::npos) << e.what();
    }
    EXPECT_EQ(with_setting(tiny_config(), "chroma_bins", "11").chroma_bins, 11);
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

TEST_F(ModelFileTest, InfoReadsTheHeaderAloneNotTheWeights) {
    std::string bytes = read_bytes(path_);
    write_bytes(path_, bytes.replace(bytes.find("generator") + 200, 1, "\x42"));
    EXPECT_EQ(read_model_info(path_).metadata.at("name"), "tiny");
    expect_load_error(path_, "corrupt");
}

// A shared file's settings declaring a giant network: refused before anything is built, by
// the full load and by the header reader alike, naming the mismatch.
TEST_F(ModelFileTest, GiantDeclaredNetworkIsRefusedBeforeItIsBuilt) {
    craft(path_, [](Sections& s) {
        set_settings(s, {{"base_width", "512"}, {"depth", "7"}, {"latent_width", "4096"}});
    });
    expect_load_error(path_, "do not fit its settings (depth=7, base_width=512");
    expect_error(read_model_info, path_, "GB of weights needed");
}

TEST_F(ModelFileTest, NetworksOverTheCapAreRefusedEvenWhenTheSizesAgree) {
    // The generator stays tiny; a fine-tune would build this 700 MB discriminator.
    craft(path_, [](Sections& s) { set_settings(s, {{"disc_width", "512"}}); });
    expect_load_error(path_, "this version loads at most");
}

TEST_F(ModelFileTest, WeightsWithRoomForMoreThanTheSettingsAreRefused) {
    craft(path_, [](Sections& s) { s.at("generator").append(size_t{8} << 20, '\0'); });
    expect_load_error(path_, "do not fit its settings");
}

TEST_F(ModelFileTest, ArchiveRecordsThatUnpackFarBeyondTheFileAreRefused) {
    craft(path_, [](Sections& s) {
        // A compressed record (the modules' code) claims 1 GB once unpacked: a zip bomb's
        // promise. The zip directory's entries: method at +10, unpacked size at +24.
        std::string& archive = s.at("generator");
        size_t entry = archive.find("PK\x01\x02");
        while (entry != std::string::npos && archive[entry + 10] != 8)
            entry = archive.find("PK\x01\x02", entry + 1);
        ASSERT_NE(entry, std::string::npos);
        archive.replace(entry + 24, 4, std::string("\x00\x00\x00\x40", 4));
    });
    expect_load_error(path_, "unpack to far more than");
}

TEST_F(ModelFileTest, ASectionTwiceIsRefused) {
    std::string bytes = read_bytes(path_);
    // Double the section count and append the sections again: every name now appears twice.
    const std::string body = bytes.substr(25);
    bytes[21] = static_cast<char>(bytes[21] * 2);
    write_bytes(path_, bytes + body);
    expect_load_error(path_, "appears twice");
}

// Files the fuzzer made that once crashed, leaked or exhausted memory (tests/fuzz): each is now
// refused in one line.
TEST(ModelFileFuzzFindings, AreRefusedWithAMessage) {
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(MANGACOLOR_FUZZ_REGRESSIONS)) {
        ++files;
        expect_load_error(entry.path().string(), "are not an archive this version reads");
    }
    EXPECT_GE(files, 2u);
}

TEST(ModelConfigFields, SettingsNewerThanAFileKeepWhatTheFileWasMadeWith) {
    Fields fields = to_fields(ModelConfig{});
    EXPECT_EQ(fields.at("hint_field"), "yes") << "new models spread their hints";
    fields["descreened_input"] = "yes";
    EXPECT_TRUE(config_from_fields(fields).descreened_input);
    fields.erase("color_hints");
    fields.erase("hint_field");
    fields.erase("descreened_input");
    fields["descreened_when_hinted"] = "yes";
    EXPECT_TRUE(config_from_fields(fields).descreened_when_hinted);
    fields.erase("descreened_when_hinted");
    const ModelConfig old = config_from_fields(fields);
    EXPECT_FALSE(old.color_hints);
    EXPECT_FALSE(old.hint_field);
    EXPECT_FALSE(old.descreened_input) << "their weights learned dots";
    EXPECT_FALSE(old.descreened_when_hinted);
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
    info.config.chroma_gain = 1.6;
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from default on 1 page of chapter-1, 300 steps, colors 1.6x as "
              "strong");
    info.config.chroma_gain = 1;
    info.palette.colors.push_back(cv::Vec3f(50, 20, 30));
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from default on 1 page of chapter-1, 300 steps")
        << "a palette it does not use";
    info.config.palette_strength = 0.5;
    info.metadata["palette_pages"] = "10 pages of chapter-1";
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from default on 1 page of chapter-1, 300 steps, colors pulled "
              "to the palette of 10 pages of chapter-1");
    info.config.chroma_gain = 1.25;
    EXPECT_EQ(model_summary(info, "x.mcm"),
              "Sepia: fine-tuned from default on 1 page of chapter-1, 300 steps, colors pulled "
              "to the palette of 10 pages of chapter-1, 1.25x as strong");
}

}  // namespace
}  // namespace mangacolor
