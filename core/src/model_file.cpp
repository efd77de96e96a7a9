#include "mangacolor/model_file.h"

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "mangacolor/atomic_file.h"
#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

const std::string kMagic = "MANGACOLOR-MODEL\n";
constexpr uint64_t kMaxSectionBytes = uint64_t{1} << 32;

uint32_t crc32(const std::string& bytes) {
    static const auto table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char byte : bytes) c = table[(c ^ byte) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

template <typename T>
void put(std::string& out, T value) {
    for (size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<char>(value >> (8 * i) & 0xFF));
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

// Reads the container and checks every structural promise; errors say what broke.
class Reader {
  public:
    explicit Reader(std::string bytes) : bytes_(std::move(bytes)) {}

    Sections sections() {
        if (bytes_.compare(0, kMagic.size(), kMagic) != 0)
            throw Error("not a Colorize Manga model file");
        pos_ = kMagic.size();
        const auto version = get<uint32_t>();
        if (version > kModelFormatVersion)
            throw Error("made by a newer version of Colorize Manga (model format " +
                        std::to_string(version) + ", this version reads up to " +
                        std::to_string(kModelFormatVersion) + "); please upgrade");
        if (version == 0) throw Error("invalid model format version 0");
        const auto count = get<uint32_t>();
        Sections sections;
        for (uint32_t i = 0; i < count; ++i) {
            const std::string name = take(get<uint16_t>());
            const auto size = get<uint64_t>();
            const auto checksum = get<uint32_t>();
            if (size > kMaxSectionBytes) throw Error("section '" + name + "' has an absurd size");
            std::string content = take(size);
            if (crc32(content) != checksum)
                throw Error("section '" + name + "' is corrupt (checksum mismatch)");
            sections[name] = std::move(content);
        }
        if (pos_ != bytes_.size()) throw Error("unexpected bytes after the last section");
        return sections;
    }

  private:
    template <typename T>
    T get() {
        const std::string raw = take(sizeof(T));
        T value = 0;
        for (size_t i = 0; i < sizeof(T); ++i)
            value |= static_cast<T>(static_cast<T>(static_cast<unsigned char>(raw[i])) << (8 * i));
        return value;
    }

    std::string take(uint64_t n) {
        if (n > bytes_.size() - pos_) throw Error("file is truncated");
        std::string out = bytes_.substr(pos_, n);
        pos_ += n;
        return out;
    }

    std::string bytes_;
    size_t pos_ = 0;
};

std::string read_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error("no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open it");
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

const std::string& section(const Sections& sections, const std::string& name) {
    auto it = sections.find(name);
    if (it == sections.end()) throw Error("the '" + name + "' section is missing");
    return it->second;
}

}  // namespace

void load_archive(const std::string& bytes, const std::string& what,
                  const std::function<void(torch::serialize::InputArchive&)>& load) {
    try {
        torch::serialize::InputArchive archive;
        std::istringstream in(bytes);
        archive.load_from(in);
        load(archive);
    } catch (const c10::Error& e) {
        const std::string detail = e.what_without_backtrace();
        throw Error("the " + what + " do not fit its settings (" +
                    detail.substr(0, detail.find('\n')) + ")");
    }
}

void load_weights(torch::nn::Module& module, const std::string& bytes, const std::string& what) {
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
        const torch::Tensor& loaded = param ? *param : *buffers.find(name);
        if (loaded.sizes().vec() != sizes)
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

static ModelInfo info_of(const Sections& sections) {
    ModelInfo info;
    info.config = config_from_fields(parse_fields(section(sections, "settings")));
    info.metadata = parse_fields(section(sections, "metadata"));
    return info;
}

ModelInfo read_model_info(const std::string& path) {
    try {
        return info_of(Reader(read_file(path)).sections());
    } catch (const Error& e) {
        throw Error("cannot load model '" + path + "': " + e.what());
    }
}

Model load_model_with(const std::string& path, Sections* extra) {
    try {
        Sections sections = Reader(read_file(path)).sections();
        Model model;
        model.info = info_of(sections);
        model.generator = Generator(model.info.config);
        load_weights(*model.generator, section(sections, "generator"), "generator weights");
        if (extra) {
            for (const char* own : {"settings", "metadata", "generator"}) sections.erase(own);
            *extra = std::move(sections);
        }
        return model;
    } catch (const Error& e) {
        throw Error("cannot load model '" + path + "': " + e.what());
    }
}

Model load_model(const std::string& path) {
    return load_model_with(path, nullptr);
}

void save_model_with(const std::string& path, const Model& model, const Sections& extra) {
    Sections sections = extra;
    sections["settings"] = fields_text(to_fields(model.info.config));
    sections["metadata"] = fields_text(model.info.metadata);
    sections["generator"] = to_bytes(*model.generator);

    std::string out = kMagic;
    put<uint32_t>(out, kModelFormatVersion);
    put<uint32_t>(out, static_cast<uint32_t>(sections.size()));
    for (const auto& [name, content] : sections) {
        put<uint16_t>(out, static_cast<uint16_t>(name.size()));
        out += name;
        put<uint64_t>(out, content.size());
        put<uint32_t>(out, crc32(content));
        out += content;
    }
    write_file_atomically(path, out);
}

void save_model(const std::string& path, const Model& model) {
    save_model_with(path, model, {});
}

}  // namespace mangacolor
