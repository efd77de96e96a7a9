#include "mangacolor/model_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "mangacolor/atomic_file.h"
#include "mangacolor/errors.h"
#include "mangacolor/number_text.h"
#include "torch_archive.h"

namespace mangacolor {
namespace {

// A LibTorch archive adds its pickled structure and the modules' code (tens of KB) to the
// weights themselves.
int64_t archive_slack(int64_t weight_bytes) {
    return (int64_t{4} << 20) + weight_bytes / 16;
}

std::string fields_text(const Fields& fields) {
    std::string text;
    for (const auto& [key, value] : fields) {
        if (key.find_first_of("=\n") != std::string::npos || value.find('\n') != std::string::npos)
            throw Error("metadata '" + key + "' must be one line without '=' in its name");
        text += key + "=" + value + "\n";
    }
    return text;
}

Fields parse_fields(const std::string& text) {
    Fields fields;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const size_t eq = line.find('=');
        if (eq == std::string::npos) throw Error("a settings line has no '='");
        fields[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return fields;
}

std::string size_text(int64_t bytes) {
    return bytes >= 1'000'000'000 ? number_text("%.1f GB", double(bytes) / 1e9)
                                  : number_text("%.1f MB", double(bytes) / 1e6);
}

// The settings that decide the network's size, for messages.
std::string size_settings(const ModelConfig& c) {
    const Fields f = to_fields(c);
    return "depth=" + f.at("depth") + ", base_width=" + f.at("base_width") +
           ", latent_width=" + f.at("latent_width") + ", backbone=" + f.at("backbone");
}

// `stored` bytes of `what` must hold the `needed` bytes of `whose` weights, and not much more.
void check_stored_size(const std::string& what, uint64_t stored, int64_t needed,
                       const std::string& whose) {
    if (stored < uint64_t(needed) || stored > uint64_t(needed + archive_slack(needed)))
        throw Error("the " + what + " do not fit " + whose + ": " + size_text(needed) +
                    " of weights needed, " + size_text(int64_t(stored)) + " in the file");
}

// Before building anything from `config`: its networks are of a size this version loads, and
// the generator section is the size they need.
void check_declared_networks(const ModelConfig& config, uint64_t generator_bytes) {
    const int64_t generator = generator_weight_bytes(config);
    check_stored_size("generator weights", generator_bytes, generator,
                      "its settings (" + size_settings(config) + ")");
    const int64_t largest = std::max(generator, discriminator_weight_bytes(config));
    if (largest > kMaxWeightBytes)
        throw Error("its settings declare a network of " + size_text(largest) +
                    " of weights; this version loads at most " + size_text(kMaxWeightBytes));
}

const std::string& section(const Sections& sections, const std::string& name) {
    auto it = sections.find(name);
    if (it == sections.end()) throw Error("the '" + name + "' section is missing");
    return it->second;
}

uint64_t section_size(const Container& container, const std::string& name) {
    auto it = container.sizes.find(name);
    if (it == container.sizes.end()) throw Error("the '" + name + "' section is missing");
    return it->second;
}

ModelInfo info_of(const Container& container) {
    ModelInfo info;
    info.config = config_from_fields(parse_fields(section(container.sections, "settings")));
    info.metadata = parse_fields(section(container.sections, "metadata"));
    // Optional: models made before palettes, and those trained from scratch, have none.
    if (auto it = container.sections.find("palette"); it != container.sections.end())
        info.palette = parse_palette(it->second);
    check_declared_networks(info.config, section_size(container, "generator"));
    return info;
}

Model model_of(Container container, Sections* extra) {
    Model model;
    model.info = info_of(container);
    model.generator = Generator(model.info.config);
    load_weights(*model.generator, section(container.sections, "generator"), "generator weights");
    if (extra) {
        for (const char* own : {"settings", "metadata", "palette", "generator"})
            container.sections.erase(own);
        *extra = std::move(container.sections);
    }
    return model;
}

// Opens `path` and reads its container; `wanted` as read_container takes it.
Container read_model_container(const std::string& path, const std::set<std::string>& wanted) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error("no such file");
    const auto size = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    if (ec || !in) throw Error("cannot open it");
    return read_container(in, size, wanted);
}

// Runs `read`, naming the file in what it throws; LibTorch's errors lose their backtrace.
template <typename Read>
auto naming_file(const std::string& name, Read read) {
    try {
        return read();
    } catch (const std::exception& e) {
        throw Error("cannot load model '" + name + "': " + user_message(e));
    }
}

}  // namespace

void load_archive(const std::string& bytes, const std::string& what,
                  const std::function<void(torch::serialize::InputArchive&)>& load) {
    try {
        check_torch_archive(bytes, what);
        torch::serialize::InputArchive archive;
        std::istringstream in(bytes);
        archive.load_from(in);
        load(archive);
    } catch (const c10::Error& e) {
        throw Error("the " + what + " do not fit its settings (" + user_message(e) + ")");
    }
}

void load_weights(torch::nn::Module& module, const std::string& bytes, const std::string& what) {
    check_stored_size(what, bytes.size(), weight_bytes(module), "the network");
    // LibTorch replaces tensors wholesale on load, whatever their shape: check the shapes, so
    // weights that do not belong to these settings fail here and not in the first forward pass.
    std::vector<std::pair<std::string, std::vector<int64_t>>> expected;
    for (const auto& p : module.named_parameters())
        expected.emplace_back(p.key(), p.value().sizes().vec());
    for (const auto& b : module.named_buffers())
        expected.emplace_back(b.key(), b.value().sizes().vec());
    from_bytes(module, bytes, what);
    const auto params = module.named_parameters();
    const auto buffers = module.named_buffers();
    for (const auto& [name, sizes] : expected) {
        const auto* param = params.find(name);
        const torch::Tensor* loaded = param ? param : buffers.find(name);
        if (!loaded || loaded->sizes().vec() != sizes)
            throw Error("the " + what + " do not fit its settings ('" + name +
                        "' has another shape)");
    }
}

Model make_model(const ModelConfig& config) {
    Model model;
    model.info.config = config;
    model.generator = Generator(config);
    return model;
}

ModelInfo read_model_info(const std::string& path) {
    return naming_file(path, [&] {
        return info_of(read_model_container(path, {"settings", "metadata", "palette"}));
    });
}

Model load_model_with(const std::string& path, Sections* extra) {
    return naming_file(path, [&] { return model_of(read_model_container(path, {}), extra); });
}

Model model_from_bytes(const std::string& bytes, const std::string& name, Sections* extra) {
    return naming_file(name, [&] {
        std::istringstream in(bytes);
        return model_of(read_container(in, bytes.size()), extra);
    });
}

Model load_model(const std::string& path) {
    return load_model_with(path, nullptr);
}

void save_model_with(const std::string& path, const Model& model, const Sections& extra) {
    Sections sections = extra;
    sections["settings"] = fields_text(to_fields(model.info.config));
    sections["metadata"] = fields_text(model.info.metadata);
    if (!model.info.palette.colors.empty()) sections["palette"] = palette_text(model.info.palette);
    sections["generator"] = to_bytes(*model.generator);
    write_file_atomically(path, pack_sections(sections));
}

void save_model(const std::string& path, const Model& model) {
    save_model_with(path, model, {});
}

}  // namespace mangacolor
