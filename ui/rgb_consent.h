#pragma once

namespace colorize_manga {

// Asks whether a grayscale image may become RGB, which colors need. True when the user agrees.
bool ask_rgb_conversion();

}  // namespace colorize_manga
