#include "mangacolor/errors.h"

#include <c10/util/Exception.h>

#include <new>

namespace mangacolor {

std::string user_message(const std::exception& e) {
    if (const auto* torch_error = dynamic_cast<const c10::Error*>(&e)) {
        // The first line is the message; what follows is where in LibTorch it was raised.
        const std::string message = torch_error->what_without_backtrace();
        return message.substr(0, message.find('\n'));
    }
    if (dynamic_cast<const std::bad_alloc*>(&e)) return "out of memory";
    return e.what();
}

}  // namespace mangacolor
