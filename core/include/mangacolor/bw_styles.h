#pragma once

#include <opencv2/core.hpp>
#include <random>
#include <string>

// The black-and-white pages people bring, made from colour pages: what the model trains on (one
// kind at random per sample, nobody tells it which) and what `mangacolor eval` scores per kind.
namespace mangacolor {

enum class BwKind {
    Gray,        // smooth gray from the colours' lightness, like most scans and digital manga
    Screentone,  // dots, ordered dither, line tones or error diffusion, sometimes blurred by
                 // scaling
    LineArt,     // ink lines on white only
    FlatTones,   // ink plus a few flat gray tones
};

inline constexpr BwKind kAllBwKinds[] = {BwKind::Gray, BwKind::Screentone, BwKind::LineArt,
                                         BwKind::FlatTones};

const char* bw_kind_name(BwKind kind);          // "gray", "screentone", "line-art", "flat-tones"
BwKind parse_bw_kind(const std::string& name);  // throws Error listing the names

// A B/W page (CV_32F, [0, 1]) of the given kind from a colour page (float RGB [0, 1]), its
// strength (pattern, pitch, angle, thresholds) drawn from `rng`. LineArt uses `line_art` (a gray
// page of the same size, e.g. the drawing's own strokes) when given, else the colours' outlines.
cv::Mat print_bw(const cv::Mat& rgb, BwKind kind, std::mt19937_64& rng,
                 const cv::Mat& line_art = {});

// A training sample's B/W page: a kind chosen at random, and for about half of them scan effects
// on top (paper tint and levels, blur, noise, JPEG).
cv::Mat random_bw(const cv::Mat& rgb, std::mt19937_64& rng, const cv::Mat& line_art = {});

}  // namespace mangacolor
