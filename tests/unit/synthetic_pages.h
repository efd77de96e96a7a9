#pragma once

#include <string>

// Writes `count` small colored test pages (flat-colored shapes with black outlines on white,
// red discs and blue boxes, like clip art) as PNG files into `dir`.
void write_synthetic_pages(const std::string& dir, int count, int size, int seed);
