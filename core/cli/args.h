#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mangacolor/errors.h"

namespace mangacolor::cli {

// A mistake in how the command was called: reported with a hint to --help, exit code 2.
class UsageError : public Error {
  public:
    using Error::Error;
};

// The words after the subcommand. Options are taken out one by one; what remains must be
// positional, so a misspelled option is an error instead of being ignored.
class Args {
  public:
    explicit Args(std::vector<std::string> words) : words_(std::move(words)) {}

    bool flag(const std::string& name);                         // --name
    std::optional<std::string> value(const std::string& name);  // --name VALUE or --name=VALUE
    std::optional<std::string> value(const std::string& name, const std::string& alias);
    std::vector<std::string> values(const std::string& name);  // repeated --name VALUE
    int integer(const std::string& name, int fallback, int min, int max);
    double number(const std::string& name, double fallback, double min, double max);
    std::vector<std::string> positionals();  // call last: throws on any unknown --option

  private:
    std::vector<std::string> words_;
};

}  // namespace mangacolor::cli
