#pragma once

#include <opencv2/core.hpp>
#include <string>

// Pages as the library sees them. Channel order is RGB(A) everywhere in the library;
// OpenCV's BGR order exists only inside image.cpp, at the file boundary.
namespace mangacolor {

// Reads a page as stored: 1, 3 or 4 channels (RGB order), 8- or 16-bit. Indexed files are
// expanded by the decoder. Throws Error naming the file when it is missing or undecodable.
cv::Mat read_image(const std::string& path);

// True for file names whose extension is an image format the library reads (.png, .tif, ...).
bool has_image_extension(const std::string& path);

// Writes an RGB(A) or gray image atomically (temp file + rename); 8- or 16-bit by the Mat's depth.
void write_image(const std::string& path, const cv::Mat& image);

// Rec. 601 luma weights (R, G, B) that to_gray_float applies to the gamma-encoded values.
inline const cv::Matx13f kLumaWeights(0.299f, 0.587f, 0.114f);

// Any page (gray, RGB or RGBA; 8U, 16U or 32F) as one-channel float luminance in [0, 1].
// Transparent pixels count as white paper. Throws Error for empty or unsupported images.
cv::Mat to_gray_float(const cv::Mat& page);

// Any page as three-channel float RGB in [0, 1], alpha composited over white.
cv::Mat to_rgb_float(const cv::Mat& page);

// Float RGB/gray in [0, 1] converted to the given depth (CV_8U or CV_16U), rounded and clamped.
cv::Mat from_float(const cv::Mat& image, int depth);

}  // namespace mangacolor
