#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <string>
#include <vector>

#include "mangacolor/errors.h"
#include "mangacolor/image.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

namespace fs = std::filesystem;

class ImageFileTest : public ::testing::Test {
  protected:
    std::string path(const std::string& name) const { return dir_.file(name); }

    std::vector<std::string> files_in_dir() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_.path())) {
            names.push_back(entry.path().filename().string());
        }
        return names;
    }

    TempDir dir_;
};

// Every pixel different, covering the whole value range of the depth.
cv::Mat random_image(int rows, int cols, int type) {
    cv::Mat image(rows, cols, type);
    cv::RNG rng(1234);
    const double top = CV_MAT_DEPTH(type) == CV_8U ? 256.0 : 65536.0;
    rng.fill(image, cv::RNG::UNIFORM, 0.0, top);
    return image;
}

bool identical(const cv::Mat& a, const cv::Mat& b) {
    return a.type() == b.type() && a.size() == b.size() && cv::norm(a, b, cv::NORM_INF) == 0.0;
}

template <typename Function>
std::string error_message(Function&& function) {
    try {
        function();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no Error thrown)";
}

TEST_F(ImageFileTest, PngRoundTripKeepsPixelsExactly) {
    for (int type : {CV_8UC1, CV_8UC3, CV_8UC4, CV_16UC1, CV_16UC3, CV_16UC4}) {
        SCOPED_TRACE(cv::typeToString(type));
        const cv::Mat original = random_image(37, 53, type);
        write_image(path("page.png"), original);
        EXPECT_TRUE(identical(read_image(path("page.png")), original));
    }
}

TEST_F(ImageFileTest, ChannelOrderIsRgbOnBothSidesOfTheFile) {
    // What OpenCV itself writes as blue-green-red must come back as red-green-blue.
    const cv::Mat bgr(1, 1, CV_8UC3, cv::Scalar(10, 20, 30));
    cv::imwrite(path("bgr.png"), bgr);
    EXPECT_EQ(read_image(path("bgr.png")).at<cv::Vec3b>(0, 0), cv::Vec3b(30, 20, 10));

    const cv::Mat rgb(1, 1, CV_8UC3, cv::Scalar(30, 20, 10));
    write_image(path("rgb.png"), rgb);
    EXPECT_EQ(cv::imread(path("rgb.png")).at<cv::Vec3b>(0, 0), cv::Vec3b(10, 20, 30));
}

TEST_F(ImageFileTest, MissingFileIsAnErrorNamingThePath) {
    const std::string missing = path("missing.png");
    const std::string message = error_message([&] { read_image(missing); });
    EXPECT_NE(message.find(missing), std::string::npos) << message;
    EXPECT_NE(message.find("no such file"), std::string::npos) << message;
}

TEST_F(ImageFileTest, CorruptFileIsAnErrorNamingThePath) {
    const std::string corrupt = path("corrupt.png");
    std::ofstream out(corrupt, std::ios::binary);
    std::mt19937 random(99);
    for (int i = 0; i < 4096; ++i) out.put(char(random()));
    out.close();

    const std::string message = error_message([&] { read_image(corrupt); });
    EXPECT_NE(message.find(corrupt), std::string::npos) << message;
    EXPECT_NE(message.find("decode"), std::string::npos) << message;
}

TEST_F(ImageFileTest, WriteLeavesOnlyTheTargetFileBehind) {
    write_image(path("page.png"), random_image(8, 8, CV_8UC3));
    write_image(path("page.png"), random_image(8, 8, CV_16UC1));  // overwrites in place
    EXPECT_EQ(files_in_dir(), std::vector<std::string>{"page.png"});
    EXPECT_EQ(read_image(path("page.png")).type(), CV_16UC1);
}

TEST_F(ImageFileTest, FailedWriteThrowsAndLeavesNoTemporaryFile) {
    const std::string into_missing_dir = path("no-such-dir/page.png");
    const std::string message =
        error_message([&] { write_image(into_missing_dir, random_image(8, 8, CV_8UC3)); });
    EXPECT_NE(message.find(into_missing_dir), std::string::npos) << message;
    EXPECT_THROW(write_image(path("page.unknown-format"), random_image(8, 8, CV_8UC3)), Error);
    EXPECT_TRUE(files_in_dir().empty());
}

TEST_F(ImageFileTest, WriteThatCannotReplaceTheTargetRemovesItsTemporaryFile) {
    fs::create_directory(path("page.png"));  // the encoder succeeds, the rename cannot
    EXPECT_THROW(write_image(path("page.png"), random_image(8, 8, CV_8UC3)), Error);
    EXPECT_EQ(files_in_dir(), std::vector<std::string>{"page.png"});
}

TEST_F(ImageFileTest, WriteRejectsEmptyAndFloatImages) {
    EXPECT_THROW(write_image(path("empty.png"), cv::Mat()), Error);
    EXPECT_THROW(write_image(path("float.png"), cv::Mat(4, 4, CV_32FC3, cv::Scalar::all(0.5))),
                 Error);
    EXPECT_TRUE(files_in_dir().empty());
}

TEST(ToGrayFloat, ScalesEachDepthToTheUnitRange) {
    EXPECT_FLOAT_EQ(to_gray_float(cv::Mat(1, 1, CV_8UC1, cv::Scalar(255))).at<float>(0), 1.0f);
    EXPECT_FLOAT_EQ(to_gray_float(cv::Mat(1, 1, CV_8UC1, cv::Scalar(51))).at<float>(0), 0.2f);
    EXPECT_FLOAT_EQ(to_gray_float(cv::Mat(1, 1, CV_16UC1, cv::Scalar(65535))).at<float>(0), 1.0f);
    EXPECT_FLOAT_EQ(to_gray_float(cv::Mat(1, 1, CV_16UC1, cv::Scalar(13107))).at<float>(0), 0.2f);
    EXPECT_FLOAT_EQ(to_gray_float(cv::Mat(1, 1, CV_32FC1, cv::Scalar(0.25))).at<float>(0), 0.25f);
}

TEST(ToGrayFloat, ClampsFloatInputToTheUnitRange) {
    const cv::Mat out_of_range = (cv::Mat_<float>(1, 2) << -0.5f, 1.5f);
    const cv::Mat gray = to_gray_float(out_of_range);
    EXPECT_EQ(gray.at<float>(0), 0.0f);
    EXPECT_EQ(gray.at<float>(1), 1.0f);
}

TEST(ToGrayFloat, WeighsRedGreenBlueAsLuma) {
    const cv::Mat rgb = (cv::Mat_<cv::Vec3b>(1, 3) << cv::Vec3b(255, 0, 0), cv::Vec3b(0, 255, 0),
                         cv::Vec3b(0, 0, 255));
    const cv::Mat gray = to_gray_float(rgb);
    EXPECT_NEAR(gray.at<float>(0), 0.299f, 1e-6);
    EXPECT_NEAR(gray.at<float>(1), 0.587f, 1e-6);
    EXPECT_NEAR(gray.at<float>(2), 0.114f, 1e-6);
}

TEST(ToGrayFloat, TransparentPixelsAreWhitePaper) {
    const cv::Mat rgba = (cv::Mat_<cv::Vec4b>(1, 3) << cv::Vec4b(0, 0, 0, 0),
                          cv::Vec4b(0, 0, 0, 255), cv::Vec4b(0, 0, 0, 51));
    const cv::Mat gray = to_gray_float(rgba);
    EXPECT_FLOAT_EQ(gray.at<float>(0), 1.0f);
    EXPECT_FLOAT_EQ(gray.at<float>(1), 0.0f);
    EXPECT_FLOAT_EQ(gray.at<float>(2), 0.8f);
}

TEST(ToRgbFloat, CompositesAlphaOverWhiteAndExpandsGray) {
    const cv::Mat half_red(1, 1, CV_16UC4, cv::Scalar(65535, 0, 0, 32768));
    const cv::Vec3f composited = to_rgb_float(half_red).at<cv::Vec3f>(0);
    EXPECT_NEAR(composited[0], 1.0f, 1e-6);
    EXPECT_NEAR(composited[1], 0.5f, 1e-4);
    EXPECT_NEAR(composited[2], 0.5f, 1e-4);

    const cv::Mat gray(1, 1, CV_8UC1, cv::Scalar(51));
    const cv::Mat rgb = to_rgb_float(gray);
    ASSERT_EQ(rgb.type(), CV_32FC3);
    for (int channel = 0; channel < 3; ++channel) {
        EXPECT_FLOAT_EQ(rgb.at<cv::Vec3f>(0)[channel], 0.2f);
    }
}

TEST(ToFloat, RejectsEmptyOddAndHugeImages) {
    EXPECT_THROW(to_gray_float(cv::Mat()), Error);
    EXPECT_THROW(to_rgb_float(cv::Mat()), Error);
    EXPECT_THROW(to_gray_float(cv::Mat(2, 2, CV_8SC1, cv::Scalar(0))), Error);
    EXPECT_THROW(to_gray_float(cv::Mat(2, 2, CV_8UC2, cv::Scalar(0))), Error);

    // A header claiming 2^29 pixels over a one-byte buffer: the size check must come before
    // any pixel is touched, so the buffer is never read.
    unsigned char byte = 0;
    const cv::Mat huge(1 << 15, 1 << 14, CV_8UC1, &byte, 0);
    const std::string message = error_message([&] { to_gray_float(huge); });
    EXPECT_NE(message.find("too large"), std::string::npos) << message;
}

TEST(FromFloat, ScalesRoundsAndClamps) {
    const cv::Mat values = (cv::Mat_<float>(1, 4) << -0.1f, 0.2f, 0.5f, 1.3f);
    const cv::Mat eight = from_float(values, CV_8U);
    ASSERT_EQ(eight.type(), CV_8UC1);
    EXPECT_EQ(eight.at<uchar>(0), 0);
    EXPECT_EQ(eight.at<uchar>(1), 51);
    EXPECT_EQ(eight.at<uchar>(2), 128);
    EXPECT_EQ(eight.at<uchar>(3), 255);

    const cv::Mat sixteen = from_float(values, CV_16U);
    ASSERT_EQ(sixteen.type(), CV_16UC1);
    EXPECT_EQ(sixteen.at<ushort>(1), 13107);
    EXPECT_EQ(sixteen.at<ushort>(3), 65535);
}

TEST(FromFloat, InvertsToFloatForEightBitImages) {
    const cv::Mat original = random_image(16, 16, CV_8UC3);
    EXPECT_TRUE(identical(from_float(to_rgb_float(original), CV_8U), original));
}

TEST(FromFloat, RejectsNonFloatInputAndOtherDepths) {
    EXPECT_THROW(from_float(cv::Mat(), CV_8U), Error);
    EXPECT_THROW(from_float(cv::Mat(2, 2, CV_8UC3, cv::Scalar::all(0)), CV_8U), Error);
    EXPECT_THROW(from_float(cv::Mat(2, 2, CV_32FC3, cv::Scalar::all(0)), CV_32F), Error);
}

}  // namespace
}  // namespace mangacolor

namespace mangacolor {
namespace {

TEST(ImageNames, ExtensionsAreRecognisedWhateverTheirCase) {
    EXPECT_TRUE(has_image_extension("chapter/page01.PNG"));
    EXPECT_TRUE(has_image_extension("scan.tiff"));
    EXPECT_FALSE(has_image_extension("notes.txt"));
    EXPECT_FALSE(has_image_extension("model.mcm"));
}

}  // namespace
}  // namespace mangacolor
