#include "mangacolor/model_info.h"

#include <filesystem>

#include "mangacolor/number_text.h"

namespace mangacolor {
namespace {

std::string field(const Fields& fields, const std::string& key) {
    const auto found = fields.find(key);
    return found == fields.end() ? "" : found->second;
}

std::string pages_text(const Fields& meta) {
    const std::string count = field(meta, "training_pages");
    const std::string folder = field(meta, "trained_on");
    if (count.empty()) return "";
    return " on " + count + (count == "1" ? " page" : " pages") +
           (folder.empty() ? "" : " of " + folder);
}

}  // namespace

std::string model_summary(const ModelInfo& info, const std::string& path) {
    const Fields& meta = info.metadata;
    std::string name = field(meta, "name");
    if (name.empty()) name = std::filesystem::path(path).stem().string();

    std::string origin;
    const std::string base_path = field(meta, "fine_tuned_from");
    if (!base_path.empty()) {
        std::string base = field(meta, "base_model");
        if (base.empty()) base = std::filesystem::path(base_path).stem().string();
        origin = "fine-tuned from " + base + pages_text(meta);
    } else if (!field(meta, "training_pages").empty()) {
        origin = "trained" + pages_text(meta);
    }
    const std::string steps = field(meta, "steps");
    if (!steps.empty()) origin += (origin.empty() ? "" : ", ") + steps + " steps";
    const bool palette = !info.palette.colors.empty() && info.config.palette_strength > 0;
    if (palette) {
        const std::string pages = field(meta, "palette_pages");
        origin += (origin.empty() ? "" : ", ") + std::string("colors pulled to the palette of ") +
                  (pages.empty() ? "colored pages" : pages);
    }
    if (info.config.chroma_gain != 1) {
        origin += (origin.empty() ? "" : ", ") + std::string(palette ? "" : "colors ") +
                  number_text("%gx as strong", info.config.chroma_gain);
    }
    return origin.empty() ? name : name + ": " + origin;
}

}  // namespace mangacolor
