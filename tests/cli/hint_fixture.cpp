// Pages and hints for the colour-hint tests of the command line, and their check.
//   hint-fixture make DIR      page.png: three boxes enclosed by ink on white (B/W, 8-bit);
//                              hints.png: a red dot in the left box, a blue one in the right;
//                              hints-small.png (another size), hints-clear.png (no opaque pixel),
//                              color-page.png (a page already in colour)
//   hint-fixture check FILE    mean CIEDE2000 of the left and right boxes' insides to their
//                              hints; exit 1 unless both are below 10
//   hint-fixture same A B      exit 0 when the two images have the same pixels, else 1
#include <cstdio>
#include <opencv2/imgproc.hpp>
#include <string>

#include "mangacolor/image.h"
#include "mangacolor/metrics.h"

namespace {

using namespace mangacolor;

const cv::Size kPage(300, 160);
const cv::Rect kLeft(10, 20, 80, 120), kMiddle(110, 20, 80, 120), kRight(210, 20, 80, 120);
const cv::Scalar kRed(220, 30, 30, 255), kBlue(40, 60, 220, 255);  // RGBA

cv::Rect inside(const cv::Rect& box) {
    return {box.x + 8, box.y + 8, box.width - 16, box.height - 16};
}

void make(const std::string& dir) {
    cv::Mat page(kPage, CV_8U, cv::Scalar(255));
    for (const cv::Rect& box : {kLeft, kMiddle, kRight}) cv::rectangle(page, box, cv::Scalar(0), 3);
    write_image(dir + "/page.png", page);

    cv::Mat hints(kPage, CV_8UC4, cv::Scalar::all(0));
    write_image(dir + "/hints-clear.png", hints);
    cv::circle(hints, (kLeft.tl() + kLeft.br()) / 2, 4, kRed, cv::FILLED);
    cv::circle(hints, (kRight.tl() + kRight.br()) / 2, 4, kBlue, cv::FILLED);
    write_image(dir + "/hints.png", hints);
    write_image(dir + "/hints-small.png", cv::Mat(50, 100, CV_8UC4, cv::Scalar::all(0)));

    cv::Mat color;
    cv::cvtColor(page, color, cv::COLOR_GRAY2RGB);
    cv::rectangle(color, inside(kLeft), cv::Scalar(200, 40, 40), cv::FILLED);
    write_image(dir + "/color-page.png", color);
}

double difference(const cv::Mat& page, const cv::Rect& box, const cv::Scalar& rgba) {
    const cv::Mat region = to_rgb_float(page(inside(box)));
    const cv::Mat hint(region.size(), CV_32FC3, rgba / 255.0);
    return mean_ciede2000(region, hint);
}

int check(const std::string& file) {
    const cv::Mat page = read_image(file);
    const double red = difference(page, kLeft, kRed), blue = difference(page, kRight, kBlue);
    std::printf("CIEDE2000 to the hint: left (red) %.2f, right (blue) %.2f\n", red, blue);
    return red < 10 && blue < 10 ? 0 : 1;
}

int same(const std::string& a, const std::string& b) {
    const cv::Mat first = read_image(a), second = read_image(b);
    const bool equal = first.size() == second.size() && first.type() == second.type() &&
                       cv::norm(first, second, cv::NORM_INF) == 0;
    std::printf("%s\n", equal ? "same pixels" : "different pixels");
    return equal ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string command = argc >= 3 ? argv[1] : "";
    try {
        if (command == "make") {
            make(argv[2]);
            return 0;
        }
        if (command == "check") return check(argv[2]);
        if (command == "same" && argc == 4) return same(argv[2], argv[3]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "hint-fixture: %s\n", e.what());
        return 2;
    }
    std::fprintf(stderr, "usage: hint-fixture make DIR | check FILE | same A B\n");
    return 2;
}
