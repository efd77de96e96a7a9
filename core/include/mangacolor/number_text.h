#pragma once

#include <string>

namespace mangacolor {

// `value` printed by a printf pattern that takes one double, e.g. "%.2f" or "%gx as strong": the
// numbers of messages and of a model's metadata.
std::string number_text(const char* pattern, double value);

}  // namespace mangacolor
