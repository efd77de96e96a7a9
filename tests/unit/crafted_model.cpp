#include "crafted_model.h"

#include <sstream>

#include "mangacolor/errors.h"

namespace mangacolor::crafted {

Sections sections_of(const std::string& file_bytes) {
    std::istringstream in(file_bytes);
    return read_container(in, file_bytes.size()).sections;
}

void change_settings(std::string& settings, const Fields& changes) {
    for (const auto& [key, value] : changes) {
        const size_t start = settings.find(key + "=");
        if (start == std::string::npos) throw Error("no setting '" + key + "' to change");
        settings.replace(start, settings.find('\n', start) - start, key + "=" + value);
    }
}

}  // namespace mangacolor::crafted
