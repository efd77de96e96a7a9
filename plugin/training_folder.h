#pragma once

#include <string>

// The training pages as the core's trainer finds them (mangacolor::find_pages).
namespace colorize_manga {

// The trainer takes one folder: colored pages directly in it, or DIR/color + DIR/bw pairs.
// When the user names a separate B/W folder, this makes a temporary DIR whose color/ and bw/
// link to the two folders, and removes it again when it goes.
class TrainingFolder {
  public:
    // Throws mangacolor::Error when a folder is missing or holds no images.
    TrainingFolder(const std::string& colored_dir, const std::string& bw_dir);
    ~TrainingFolder();
    TrainingFolder(const TrainingFolder&) = delete;
    TrainingFolder& operator=(const TrainingFolder&) = delete;

    // The folder to give the trainer.
    const std::string& path() const { return path_; }

  private:
    void remove();

    std::string path_;
    std::string temporary_;  // "" when the user's folder is used as it is
};

}  // namespace colorize_manga
