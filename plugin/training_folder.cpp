#include "plugin/training_folder.h"

#include <glib.h>

#include <filesystem>
#include <system_error>

#include "mangacolor/batch.h"
#include "mangacolor/errors.h"

namespace fs = std::filesystem;

namespace colorize_manga {
namespace {

void require_pages(const std::string& dir, const std::string& what) {
    if (!fs::is_directory(dir)) throw mangacolor::Error("The " + what + " " + dir + " is missing.");
    if (mangacolor::collect_pages({dir}).empty()) {
        throw mangacolor::Error("The " + what + " " + dir +
                                " holds no pages (PNG, JPEG, TIFF, BMP, WebP).");
    }
}

}  // namespace

TrainingFolder::TrainingFolder(const std::string& colored_dir, const std::string& bw_dir) {
    require_pages(colored_dir, "folder of colored pages");
    if (bw_dir.empty()) {
        path_ = colored_dir;
        return;
    }
    require_pages(bw_dir, "folder of B/W pages");

    GError* error = nullptr;
    gchar* temporary = g_dir_make_tmp("colorize-manga-pages-XXXXXX", &error);
    if (!temporary) {
        const std::string message = error->message;
        g_error_free(error);
        throw mangacolor::Error("Cannot pair the colored and B/W pages: " + message);
    }
    temporary_ = path_ = temporary;
    g_free(temporary);
    std::error_code link_error;
    fs::create_directory_symlink(fs::absolute(colored_dir), fs::path(path_) / "color", link_error);
    if (!link_error) {
        fs::create_directory_symlink(fs::absolute(bw_dir), fs::path(path_) / "bw", link_error);
    }
    if (link_error) {
        remove();  // a throwing constructor gets no destructor call
        throw mangacolor::Error("Cannot pair the colored and B/W pages: " + link_error.message());
    }
}

TrainingFolder::~TrainingFolder() { remove(); }

void TrainingFolder::remove() {
    std::error_code ignored;  // remove_all deletes the links, never follows them to the pages
    if (!temporary_.empty()) fs::remove_all(temporary_, ignored);
}

}  // namespace colorize_manga
