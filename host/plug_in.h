#pragma once

// GIMP finds the plug-in by its executable's name, which its dialogs also use as their role.
namespace colorize_manga {

inline constexpr char kPlugInBinary[] = "colorize-manga";

}  // namespace colorize_manga
