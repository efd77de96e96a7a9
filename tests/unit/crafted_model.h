#pragma once

#include <string>

#include "mangacolor/model_config.h"
#include "mangacolor/model_container.h"

// Crafted model files, as someone sharing models could make them: sections changed at will,
// every checksum valid. For the tests of how untrusted model files are treated.
namespace mangacolor::crafted {

Sections sections_of(const std::string& file_bytes);

// The settings section's text with the given settings changed; throws Error for a setting the
// text does not have.
void change_settings(std::string& settings, const Fields& changes);

}  // namespace mangacolor::crafted
