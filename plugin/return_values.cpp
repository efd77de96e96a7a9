#include "plugin/return_values.h"

namespace colorize_manga {

GimpValueArray* failure(GimpProcedure* procedure, GimpPDBStatusType status,
                        const std::string& message) {
    GError* error = g_error_new_literal(GIMP_PLUG_IN_ERROR, 0, message.c_str());
    return gimp_procedure_new_return_values(procedure, status, error);
}

GimpValueArray* status_only(GimpProcedure* procedure, GimpPDBStatusType status) {
    return gimp_procedure_new_return_values(procedure, status, nullptr);
}

}  // namespace colorize_manga
