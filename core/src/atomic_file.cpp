#include "mangacolor/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include "mangacolor/errors.h"

namespace mangacolor {

std::string temporary_sibling(const std::string& path) {
    const std::filesystem::path target(path);
    std::random_device random;
    const std::string tag =
        ".tmp" + std::to_string(getpid()) + "-" + std::to_string(random() % 100000);
    return (target.parent_path() / (target.stem().string() + tag + target.extension().string()))
        .string();
}

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::string temp = temporary_sibling(path);
    FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file) throw Error("cannot write '" + path + "': " + std::strerror(errno));
    const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size() &&
                         std::fflush(file) == 0 && fsync(fileno(file)) == 0;
    const int write_errno = errno;
    if (std::fclose(file) != 0 || !written || std::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = written ? errno : write_errno;
        std::remove(temp.c_str());
        throw Error("cannot write '" + path + "': " + std::strerror(err));
    }
}

}  // namespace mangacolor
