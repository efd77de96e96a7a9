#pragma once

#include <string>

namespace mangacolor {

// Writes `content` to a temporary file beside `path`, flushes it, then renames it over `path`:
// readers see the old file or the new one, never a mix. Throws Error naming the path.
void write_file_atomically(const std::string& path, const std::string& content);

// A temporary name beside `path` that keeps its extension (codecs choose by extension).
std::string temporary_sibling(const std::string& path);

}  // namespace mangacolor
