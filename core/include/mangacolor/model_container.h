#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <set>
#include <string>

// The container of a model file: named sections, each with its size and checksum. Layout (all
// integers little-endian): magic "MANGACOLOR-MODEL\n" (17 bytes), u32 format version,
// u32 section count, then per section: u16 name length, name, u64 size, u32 CRC-32, bytes.
// What the sections mean is model_file.h's business.
namespace mangacolor {

constexpr uint32_t kModelFormatVersion = 1;

using Sections = std::map<std::string, std::string>;

struct Container {
    Sections sections;                      // the sections read, their checksums verified
    std::map<std::string, uint64_t> sizes;  // every section's size, read or skipped
};

// Reads a container of `size` bytes from `in`. Sections not in `wanted` (all of them when it is
// empty) are skipped: neither read nor checksummed, so listing a model costs no more than its
// header. Nothing is allocated beyond what the file really holds. Throws Error: not a model
// file, a newer format, truncated, corrupt (checksum), bytes after the last section.
Container read_container(std::istream& in, uint64_t size, const std::set<std::string>& wanted = {});

// The container's bytes, as read_container reads them back.
std::string pack_sections(const Sections& sections);

}  // namespace mangacolor
