#include "mangacolor/default_model.h"

#include <cstdlib>
#include <filesystem>

#include "mangacolor/errors.h"

namespace mangacolor {

std::string default_model_path() {
    if (const char* env = std::getenv("COLORIZE_MANGA_MODEL"); env && *env) {
        if (!std::filesystem::exists(env))
            throw Error(std::string("COLORIZE_MANGA_MODEL names '") + env +
                        "', which does not exist");
        return env;
    }
    for (const char* candidate : {MANGACOLOR_INSTALLED_MODEL, MANGACOLOR_SOURCE_MODEL})
        if (std::filesystem::exists(candidate)) return candidate;
    throw Error(std::string("no default model found (looked for ") + MANGACOLOR_INSTALLED_MODEL +
                " and " + MANGACOLOR_SOURCE_MODEL + "); pass a model file explicitly");
}

}  // namespace mangacolor
