#include "host/models.h"

#include <libgimp/gimp.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace colorize_manga {

std::string user_models_dir() {
    return (fs::path(gimp_directory()) / "colorize-manga" / "models").string();
}

std::vector<std::string> user_model_paths() {
    std::vector<std::string> paths;
    std::error_code error;  // a missing or unreadable folder just means no user models
    for (const auto& entry : fs::directory_iterator(user_models_dir(), error)) {
        if (entry.path().extension() == ".mcm") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

std::string model_display_name(const mangacolor::ModelInfo& info, const std::string& path) {
    const auto name = info.metadata.find("name");
    if (name != info.metadata.end() && !name->second.empty()) return name->second;
    return fs::path(path).stem().string();
}

}  // namespace colorize_manga
