#include "args.h"

#include "mangacolor/number_text.h"

namespace mangacolor::cli {

bool Args::flag(const std::string& name) {
    for (auto it = words_.begin(); it != words_.end(); ++it)
        if (*it == name) {
            words_.erase(it);
            return true;
        }
    return false;
}

std::optional<std::string> Args::value(const std::string& name) {
    const auto all = values(name);
    if (all.size() > 1) throw UsageError(name + " given more than once");
    return all.empty() ? std::nullopt : std::optional<std::string>(all.front());
}

std::optional<std::string> Args::value(const std::string& name, const std::string& alias) {
    auto found = value(name);
    auto aliased = value(alias);
    return found ? found : aliased;
}

std::vector<std::string> Args::values(const std::string& name) {
    std::vector<std::string> found;
    for (size_t i = 0; i < words_.size();) {
        if (words_[i] == name) {
            if (i + 1 >= words_.size()) throw UsageError(name + " needs a value");
            found.push_back(words_[i + 1]);
            words_.erase(words_.begin() + i, words_.begin() + i + 2);
        } else if (words_[i].rfind(name + "=", 0) == 0) {
            found.push_back(words_[i].substr(name.size() + 1));
            words_.erase(words_.begin() + i);
        } else {
            ++i;
        }
    }
    return found;
}

int Args::integer(const std::string& name, int fallback, int min, int max) {
    const double v = number(name, fallback, min, max);
    if (v != static_cast<int>(v)) throw UsageError(name + " takes a whole number");
    return static_cast<int>(v);
}

double Args::number(const std::string& name, double fallback, double min, double max) {
    const auto text = value(name);
    if (!text) return fallback;
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text->size() || !(v >= min && v <= max))
        throw UsageError(name + " takes a number from " + number_text("%g", min) + " to " +
                         number_text("%g", max) + ", not '" + *text + "'");
    return v;
}

std::vector<std::string> Args::positionals() {
    for (const auto& w : words_)
        if (w.size() > 1 && w[0] == '-' && w != "-") throw UsageError("unknown option " + w);
    return words_;
}

}  // namespace mangacolor::cli
