#pragma once

#include <libgimp/gimp.h>

#include <string>

// What a run function hands back to GIMP.
namespace colorize_manga {

// A failed run: GIMP shows `message` to the user (or Script-Fu raises it as an error).
GimpValueArray* failure(GimpProcedure* procedure, GimpPDBStatusType status,
                        const std::string& message);

// A run that ends without an error message: SUCCESS or CANCEL.
GimpValueArray* status_only(GimpProcedure* procedure, GimpPDBStatusType status);

}  // namespace colorize_manga
