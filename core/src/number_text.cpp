#include "mangacolor/number_text.h"

#include <cstdio>

namespace mangacolor {

std::string number_text(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

}  // namespace mangacolor
