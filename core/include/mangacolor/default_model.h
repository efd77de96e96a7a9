#pragma once

#include <string>

namespace mangacolor {

// Where the default model is: $COLORIZE_MANGA_MODEL if set, else the installed copy, else the
// copy in the source tree (for running from a build folder). Throws Error if none exists.
std::string default_model_path();

}  // namespace mangacolor
