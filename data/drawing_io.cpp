#include "drawing_io.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

cv::Mat read_bgra(const std::string& path) {
    cv::Mat image = cv::imread(path, cv::IMREAD_UNCHANGED);
    if (image.empty()) return image;
    if (image.depth() == CV_16U) image.convertTo(image, CV_8U, 1.0 / 257.0);
    if (image.channels() == 1) cv::cvtColor(image, image, cv::COLOR_GRAY2BGRA);
    if (image.channels() == 3) cv::cvtColor(image, image, cv::COLOR_BGR2BGRA);
    return image;
}

cv::Rect visible_box(const cv::Mat& bgra) {
    cv::Mat alpha;
    cv::extractChannel(bgra, alpha, 3);
    return cv::boundingRect(alpha > 8);
}
