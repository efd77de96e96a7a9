#pragma once

#include <stdexcept>
#include <string>

namespace mangacolor {

// Every failure the library reports to its callers: bad files, bad settings, bad images.
// The message is meant for the user and names the file or setting at fault.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Thrown when a progress callback asked to stop; nothing was written.
class Cancelled : public Error {
  public:
    Cancelled() : Error("cancelled") {}
};

// What to tell a user about any exception the library's work can throw, in one line: LibTorch's
// errors without their C++ backtrace, std::bad_alloc as "out of memory". Every catch that
// reports to a person (CLI, GIMP message, batch report) goes through this.
std::string user_message(const std::exception& e);

}  // namespace mangacolor
