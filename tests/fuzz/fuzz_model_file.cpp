// libFuzzer target for the model reader: any bytes, as a shared .mcm file could hold them.
// Reading must end in a model that runs, or in mangacolor::Error; a crash, a sanitizer report,
// any other exception or going over the fuzzer's memory limit is a finding.
//
// The custom mutator rewrites one section of a well-formed file and packs it again with valid
// checksums, so the fuzzer gets past the container into the settings and the LibTorch archive.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <sstream>
#include <string>

#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

// One section's bytes, mutated in place by libFuzzer's own mutations; it may grow to twice.
void mutate_section(std::string& content, unsigned seed) {
    const size_t max_size = std::max<size_t>(64, 2 * content.size());
    const size_t used = content.size();
    content.resize(max_size);
    auto* data = reinterpret_cast<uint8_t*>(content.data());
    size_t size = used;
    // Several rounds for small sections (settings, metadata), one for the weights.
    for (unsigned round = 0; round <= (used < 4096 ? seed % 4 : 0); ++round)
        size = LLVMFuzzerMutate(data, size, max_size);
    content.resize(size);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    torch::set_num_threads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    mangacolor::Model model;
    try {
        mangacolor::Sections extra;
        model = mangacolor::model_from_bytes(bytes, "fuzz.mcm", &extra);
    } catch (const mangacolor::Error&) {
        return 0;  // refused with a message: what a user would see
    }
    // A model that loads must also run: one smallest tile.
    const mangacolor::ModelConfig& config = model.info.config;
    const int64_t side = config.size_multiple();
    torch::NoGradGuard no_grad;
    model.generator->eval();
    model.generator->forward(torch::zeros({1, config.input_channels(), side, side}));
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                          unsigned int seed) {
    mangacolor::Sections sections;
    try {
        std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
        sections = mangacolor::read_container(in, size).sections;
    } catch (const mangacolor::Error&) {
    }
    // Not a whole container (or one in eight times anyway): mutate the raw bytes, as they are.
    if (sections.empty() || seed % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);

    auto chosen = sections.begin();
    std::advance(chosen, seed / 8 % sections.size());
    mutate_section(chosen->second, seed);
    const std::string packed = mangacolor::pack_sections(sections);
    if (packed.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::memcpy(data, packed.data(), packed.size());
    return packed.size();
}
