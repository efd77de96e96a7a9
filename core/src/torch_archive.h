#pragma once

#include <string>

// A LibTorch archive from an untrusted file, checked before LibTorch reads it. LibTorch trusts
// its archives: a length in a pickle becomes an allocation, and a module's code runs while it
// loads. These checks hold every archive this library writes, and refuse what would make
// LibTorch allocate beyond the file or run code:
// - the zip records unpack to about the archive's size (no zip bomb);
// - every length and memo index in the pickles fits the bytes there are;
// - the modules' code declares attributes only: no methods, so nothing runs on load.
namespace mangacolor {

// Throws Error naming `what` (e.g. "generator weights") and the problem.
void check_torch_archive(const std::string& bytes, const std::string& what);

}  // namespace mangacolor
