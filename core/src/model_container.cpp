#include "mangacolor/model_container.h"

#include <array>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

const std::string kMagic = "MANGACOLOR-MODEL\n";
// Far above any real section (the default model's weights are 9 MB), far below a machine's
// memory: a section is read whole.
constexpr uint64_t kMaxSectionBytes = uint64_t{1} << 30;

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

// Reads the container and checks every structural promise; errors say what broke.
class Reader {
  public:
    Reader(std::istream& in, uint64_t size) : in_(in), left_(size) {}

    Container read(const std::set<std::string>& wanted) {
        if (left_ < kMagic.size() || take(kMagic.size()) != kMagic)
            throw Error("not a Colorize Manga model file");
        const auto version = get<uint32_t>();
        if (version > kModelFormatVersion)
            throw Error("made by a newer version of Colorize Manga (model format " +
                        std::to_string(version) + ", this version reads up to " +
                        std::to_string(kModelFormatVersion) + "); please upgrade");
        if (version == 0) throw Error("invalid model format version 0");
        const auto count = get<uint32_t>();
        Container container;
        for (uint32_t i = 0; i < count; ++i) {
            const std::string name = take(get<uint16_t>());
            const auto size = get<uint64_t>();
            const auto checksum = get<uint32_t>();
            if (size > kMaxSectionBytes) throw Error("section '" + name + "' has an absurd size");
            if (container.sizes.count(name)) throw Error("section '" + name + "' appears twice");
            container.sizes[name] = size;
            if (!wanted.empty() && !wanted.count(name)) {
                skip(size);
                continue;
            }
            std::string content = take(size);
            if (crc32(content) != checksum)
                throw Error("section '" + name + "' is corrupt (checksum mismatch)");
            container.sections[name] = std::move(content);
        }
        if (left_ != 0) throw Error("unexpected bytes after the last section");
        return container;
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

    // The size is checked against what is left before anything is allocated for it.
    std::string take(uint64_t n) {
        if (n > left_) throw Error("file is truncated");
        std::string out(n, '\0');
        if (!in_.read(out.data(), static_cast<std::streamsize>(n))) throw Error("cannot read it");
        left_ -= n;
        return out;
    }

    void skip(uint64_t n) {
        if (n > left_) throw Error("file is truncated");
        if (!in_.seekg(static_cast<std::streamoff>(n), std::ios::cur))
            throw Error("cannot read it");
        left_ -= n;
    }

    std::istream& in_;
    uint64_t left_;
};

}  // namespace

Container read_container(std::istream& in, uint64_t size, const std::set<std::string>& wanted) {
    return Reader(in, size).read(wanted);
}

std::string pack_sections(const Sections& sections) {
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
    return out;
}

}  // namespace mangacolor
