#include "synthetic_pages.h"

#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "mangacolor/image.h"

void write_synthetic_pages(const std::string& dir, int count, int size, int seed) {
    std::filesystem::create_directories(dir);
    cv::RNG rng(seed);
    for (int i = 0; i < count; ++i) {
        cv::Mat page(size, size, CV_8UC3, cv::Scalar::all(255));
        for (int shape = 0; shape < 3; ++shape) {
            const cv::Point c(rng.uniform(size / 6, size - size / 6),
                              rng.uniform(size / 6, size - size / 6));
            const int r = rng.uniform(size / 10, size / 5);
            if (shape % 2 == 0) {
                cv::circle(page, c, r, cv::Scalar(220, 40, 40), cv::FILLED);
                cv::circle(page, c, r, cv::Scalar(0, 0, 0), 2);
            } else {
                const cv::Rect box(c.x - r, c.y - r, 2 * r, 2 * r);
                cv::rectangle(page, box, cv::Scalar(60, 90, 230), cv::FILLED);
                cv::rectangle(page, box, cv::Scalar(0, 0, 0), 2);
            }
        }
        mangacolor::write_image(dir + "/page" + std::to_string(i) + ".png", page);
    }
}
