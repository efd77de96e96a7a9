// compose-pages: composes manga-like training pages from rendered clip-art drawings.
//
// Each page is white paper with 3 to 6 rectangular panels (black borders, white gutters), each
// panel holding zero to three drawings, scaled, flipped and placed at random, cropped by the
// panel. A share of the pages uses only drawings that also have a line-art rendering (the same
// drawing with its fills made white, same size); for those the identical page is composed again
// from the line art and written as the page's B/W original.
//
// Usage:
//   compose-pages --drawings FILE --split NAME --count N --out DIR [--prefix NAME] [--seed S]
//                 [--width PX] [--height PX] [--line-art-share F]
// FILE has one drawing per line: id, split, colour PNG, line-art PNG or "-" (tab-separated).
// Pages go to DIR/color/PREFIX-NNNNN.png (RGB) and DIR/bw/PREFIX-NNNNN.png (gray). Page i
// depends only on the seed, the split, i and FILE, so pages that exist are skipped (resume).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "drawing_io.h"

namespace fs = std::filesystem;

namespace {

struct Options {
    std::string drawings;
    std::string split;
    std::string out;
    std::string prefix = "page";
    int count = 0;
    uint64_t seed = 1;
    int width = 1088;
    int height = 1536;
    double line_art_share = 0.5;
};

struct Drawing {
    std::string color;
    std::string line;  // empty: no line art
};

// A drawing loaded for one page: BGRA, cropped to its visible part.
struct Art {
    cv::Mat color;
    cv::Mat line;  // empty unless the page is a line-art page
};

// Pages of one kind, in colour and (for line-art pages) in line art.
struct Canvas {
    cv::Mat color;
    cv::Mat line;
};

// Portable random numbers: the same pages with any standard library.
class Random {
  public:
    Random(uint64_t seed, const std::string& split, int index) {
        std::seed_seq sequence{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32),
                               static_cast<uint32_t>(std::hash<std::string>{}(split)),
                               static_cast<uint32_t>(index)};
        engine_.seed(sequence);
    }
    double uniform(double low, double high) {
        return low + (high - low) * static_cast<double>(engine_() >> 11) * 0x1.0p-53;
    }
    int integer(int low, int high) {  // inclusive
        return std::min(high, low + static_cast<int>(uniform(0, high - low + 1)));
    }
    bool chance(double p) { return uniform(0, 1) < p; }

  private:
    std::mt19937_64 engine_;
};

[[noreturn]] void usage_error(const std::string& message) {
    throw std::invalid_argument(message + " (see the comment at the top of compose_pages.cpp)");
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (i + 1 >= argc) usage_error("missing value for " + name);
        const std::string value = argv[++i];
        if (name == "--drawings")
            options.drawings = value;
        else if (name == "--split")
            options.split = value;
        else if (name == "--out")
            options.out = value;
        else if (name == "--prefix")
            options.prefix = value;
        else if (name == "--count")
            options.count = std::stoi(value);
        else if (name == "--seed")
            options.seed = std::stoull(value);
        else if (name == "--width")
            options.width = std::stoi(value);
        else if (name == "--height")
            options.height = std::stoi(value);
        else if (name == "--line-art-share")
            options.line_art_share = std::stod(value);
        else
            usage_error("unknown option " + name);
    }
    if (options.drawings.empty() || options.split.empty() || options.out.empty()) {
        usage_error("--drawings, --split and --out are required");
    }
    return options;
}

std::vector<Drawing> load_drawings(const std::string& path, const std::string& split) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Drawing> drawings;
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string id, drawing_split, color, line_art;
        std::getline(fields, id, '\t');
        std::getline(fields, drawing_split, '\t');
        std::getline(fields, color, '\t');
        std::getline(fields, line_art, '\t');
        if (drawing_split != split || color.empty()) continue;
        drawings.push_back({color, line_art == "-" ? "" : line_art});
        // A listed file that is gone means a stale list: pages made without it would be empty.
        for (const std::string& file : {drawings.back().color, drawings.back().line})
            if (!file.empty() && !std::filesystem::exists(file))
                throw std::runtime_error(path + " lists " + file + ", which does not exist");
    }
    return drawings;
}

std::vector<int> drawings_with_line_art(const std::vector<Drawing>& drawings) {
    std::vector<int> indices;
    for (int i = 0; i < static_cast<int>(drawings.size()); ++i) {
        if (!drawings[i].line.empty()) indices.push_back(i);
    }
    return indices;
}

std::vector<int> all_drawings(const std::vector<Drawing>& drawings) {
    std::vector<int> indices(drawings.size());
    for (int i = 0; i < static_cast<int>(indices.size()); ++i) indices[i] = i;
    return indices;
}

// Loads a drawing (and its line art when asked), both cropped to the colour's visible part.
// Returns false if a file is unreadable, empty, or the two renderings differ in size.
bool load_art(const Drawing& drawing, bool with_line, Art& art) {
    cv::Mat color = read_bgra(drawing.color);
    if (color.empty()) return false;
    const cv::Rect box = visible_box(color);
    if (box.area() == 0) return false;
    art.color = color(box).clone();
    if (!with_line) return true;
    cv::Mat line = read_bgra(drawing.line);
    if (line.size() != color.size()) return false;
    art.line = line(box).clone();
    return true;
}

// Splits `length` pixels into `parts` pieces with `gap` pixels between them, each piece's share
// drawn at random; returns the [start, end) of each piece.
std::vector<cv::Range> split_length(Random& random, int start, int length, int parts, int gap,
                                    double spread) {
    std::vector<double> weights(parts);
    double total = 0;
    for (double& w : weights) total += (w = random.uniform(1 - spread, 1 + spread));
    const double usable = length - gap * (parts - 1);
    std::vector<cv::Range> pieces;
    double position = start;
    for (int i = 0; i < parts; ++i) {
        const double size = usable * weights[i] / total;
        pieces.emplace_back(static_cast<int>(std::lround(position)),
                            static_cast<int>(std::lround(position + size)));
        position += size + gap;
    }
    return pieces;
}

// How many panels each tier gets: 1 to 3 (1 to 2 on column pages), `panels` in all.
std::vector<int> panels_per_tier(Random& random, int panels, int tiers, int most) {
    std::vector<int> counts(tiers, 1);
    for (int left = panels - tiers; left > 0;) {
        int& count = counts[random.integer(0, tiers - 1)];
        if (count < most) {
            ++count;
            --left;
        }
    }
    return counts;
}

// 3 to 6 panels inside the page margins: mostly 2 to 4 tiers (rows) of 1 to 3 panels read
// across, sometimes two columns of 1 or 2 stacked panels.
std::vector<cv::Rect> plan_panels(Random& random, cv::Size page) {
    const int margin_x = static_cast<int>(page.width * random.uniform(0.05, 0.08));
    const int margin_y = static_cast<int>(page.height * random.uniform(0.04, 0.065));
    const int tier_gap = random.integer(18, 34);
    const int panel_gap = random.integer(10, 20);
    const cv::Rect area(margin_x, margin_y, page.width - 2 * margin_x, page.height - 2 * margin_y);
    const bool rows = random.chance(0.9);
    const int panels = random.integer(3, rows ? 6 : 4);
    const int tiers = rows ? random.integer(std::max(2, (panels + 2) / 3), std::min(4, panels)) : 2;
    const std::vector<int> counts = panels_per_tier(random, panels, tiers, rows ? 3 : 2);

    std::vector<cv::Rect> rects;
    const auto spans = rows ? split_length(random, area.y, area.height, tiers, tier_gap, 0.3)
                            : split_length(random, area.x, area.width, tiers, panel_gap, 0.2);
    for (int t = 0; t < tiers; ++t) {
        const cv::Range span = spans[t];
        const auto cells =
            rows ? split_length(random, area.x, area.width, counts[t], panel_gap, 0.4)
                 : split_length(random, area.y, area.height, counts[t], tier_gap, 0.3);
        for (const cv::Range& cell : cells) {
            rects.push_back(rows ? cv::Rect(cell.start, span.start, cell.size(), span.size())
                                 : cv::Rect(span.start, cell.start, span.size(), cell.size()));
        }
    }
    return rects;
}

// Slot `i` of `count` equal slots along the panel's longer side, where drawing i is centred.
cv::Rect slot_of(const cv::Rect& panel, int i, int count) {
    if (panel.width >= panel.height) {
        const int width = panel.width / count;
        return {panel.x + i * width, panel.y, width, panel.height};
    }
    const int height = panel.height / count;
    return {panel.x, panel.y + i * height, panel.width, height};
}

double fit_scale(const cv::Rect& box, cv::Size drawing) {
    return std::min(static_cast<double>(box.width) / drawing.width,
                    static_cast<double>(box.height) / drawing.height);
}

// Where a drawing lands, in page pixels: about filling its slot (sometimes a close-up bigger
// than the panel, when alone), centred near the slot's centre. It may reach past the panel,
// which crops it.
cv::Rect place_drawing(Random& random, const cv::Rect& panel, const cv::Rect& slot,
                       cv::Size drawing, bool alone) {
    double scale = fit_scale(slot, drawing) * random.uniform(0.7, 1.1);
    if (alone && random.chance(0.3)) scale = fit_scale(panel, drawing) * random.uniform(1.2, 2.0);
    scale = std::min(scale, 1.5);  // more would only blur the rendering
    const cv::Size size(std::max(1, static_cast<int>(drawing.width * scale)),
                        std::max(1, static_cast<int>(drawing.height * scale)));
    const int cx = slot.x + slot.width / 2 +
                   static_cast<int>(random.uniform(-0.3, 0.3) *
                                    std::max(slot.width - size.width, slot.width / 3));
    const int cy = slot.y + slot.height / 2 +
                   static_cast<int>(random.uniform(-0.3, 0.3) *
                                    std::max(slot.height - size.height, slot.height / 3));
    return {cx - size.width / 2, cy - size.height / 2, size.width, size.height};
}

// Alpha-blends the BGRA `art`, scaled to `target` and maybe mirrored, onto the BGR `canvas`,
// only inside `clip`.
void paste(cv::Mat& canvas, const cv::Mat& art, const cv::Rect& target, const cv::Rect& clip,
           bool mirror) {
    const cv::Rect visible = target & clip;
    if (visible.area() == 0) return;
    cv::Mat scaled;
    const bool shrink = target.width < art.cols;
    cv::resize(art, scaled, target.size(), 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (mirror) cv::flip(scaled, scaled, 1);
    const cv::Mat source = scaled(visible - target.tl());
    cv::Mat destination = canvas(visible);
    for (int y = 0; y < visible.height; ++y) {
        for (int x = 0; x < visible.width; ++x) {
            const cv::Vec4b& s = source.at<cv::Vec4b>(y, x);
            cv::Vec3b& d = destination.at<cv::Vec3b>(y, x);
            const int a = s[3];
            for (int c = 0; c < 3; ++c)
                d[c] = static_cast<uchar>((s[c] * a + d[c] * (255 - a) + 127) / 255);
        }
    }
}

void draw_border(cv::Mat& canvas, const cv::Rect& panel, int thickness) {
    for (int i = 0; i < thickness; ++i) {
        const cv::Rect ring(panel.x + i, panel.y + i, panel.width - 2 * i, panel.height - 2 * i);
        cv::rectangle(canvas, ring, cv::Scalar::all(0), 1);
    }
}

// 0 to 3 drawings, more in long panels; now and then an empty panel (white paper).
int drawings_in_panel(Random& random, const cv::Rect& panel) {
    const double r = random.uniform(0, 1);
    const int count = r < 0.04 ? 0 : r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
    const double elongation = static_cast<double>(std::max(panel.width, panel.height)) /
                              std::min(panel.width, panel.height);
    return count > 0 && elongation > 1.8 ? std::min(count + 1, 3) : count;
}

// Picks a drawing for the page, not one already on it when the pool allows.
int pick_drawing(Random& random, const std::vector<int>& pool, std::vector<int>& used) {
    int choice = pool[random.integer(0, static_cast<int>(pool.size()) - 1)];
    for (int attempt = 0; attempt < 8 && std::count(used.begin(), used.end(), choice); ++attempt) {
        choice = pool[random.integer(0, static_cast<int>(pool.size()) - 1)];
    }
    used.push_back(choice);
    return choice;
}

// Fills one panel. Returns false if a line-art page lost a drawing's line art.
bool fill_panel(Random& random, const std::vector<Drawing>& drawings, const std::vector<int>& pool,
                std::vector<int>& used, const cv::Rect& interior, Canvas& canvas) {
    const bool with_line = !canvas.line.empty();
    bool complete = true;
    const int count = drawings_in_panel(random, interior);
    for (int i = 0; i < count; ++i) {
        const int index = pick_drawing(random, pool, used);
        Art art;
        if (!load_art(drawings[index], with_line, art)) {
            std::fprintf(stderr, "compose-pages: skipped unusable drawing %s\n",
                         drawings[index].color.c_str());
            if (with_line) complete = false;
            continue;
        }
        const cv::Rect slot = slot_of(interior, i, count);
        const cv::Rect place = place_drawing(random, interior, slot, art.color.size(), count == 1);
        const bool mirror = random.chance(0.5);
        paste(canvas.color, art.color, place, interior, mirror);
        if (with_line) paste(canvas.line, art.line, place, interior, mirror);
    }
    return complete;
}

std::string page_name(const Options& options, int index) {
    char name[64];
    std::snprintf(name, sizeof name, "-%05d.png", index);
    return options.prefix + name;
}

// Writes through a temporary file, so an interrupted run never leaves a half page.
void write_png(const fs::path& path, const cv::Mat& image) {
    const fs::path partial = path.string() + ".partial.png";
    if (!cv::imwrite(partial.string(), image))
        throw std::runtime_error("cannot write " + path.string());
    fs::rename(partial, path);
}

// Composes page `index`; returns whether a B/W (line-art) original was written with it.
bool compose_page(const Options& options, const std::vector<Drawing>& drawings, int index) {
    Random random(options.seed, options.split, index);
    const std::vector<int> line_pool = drawings_with_line_art(drawings);
    const bool line_page = !line_pool.empty() && random.chance(options.line_art_share);
    const std::vector<int> pool = line_page ? line_pool : all_drawings(drawings);
    const cv::Size size(options.width, options.height);
    Canvas canvas{cv::Mat(size, CV_8UC3, cv::Scalar::all(255)), cv::Mat()};
    if (line_page) canvas.line = cv::Mat(size, CV_8UC3, cv::Scalar::all(255));

    const std::vector<cv::Rect> panels = plan_panels(random, size);
    const int thickness = random.integer(3, 5);
    std::vector<int> used;
    bool line_complete = line_page;
    for (const cv::Rect& panel : panels) {
        const cv::Rect interior(panel.x + thickness, panel.y + thickness,
                                panel.width - 2 * thickness, panel.height - 2 * thickness);
        line_complete &= fill_panel(random, drawings, pool, used, interior, canvas);
        draw_border(canvas.color, panel, thickness);
        if (line_page) draw_border(canvas.line, panel, thickness);
    }
    // The colour page goes last: its presence marks the page as done.
    const std::string name = page_name(options, index);
    if (line_complete) {
        cv::Mat gray;
        cv::cvtColor(canvas.line, gray, cv::COLOR_BGR2GRAY);
        write_png(fs::path(options.out) / "bw" / name, gray);
    }
    write_png(fs::path(options.out) / "color" / name, canvas.color);
    return line_complete;
}

bool page_exists(const Options& options, int index) {
    return fs::exists(fs::path(options.out) / "color" / page_name(options, index));
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parse_options(argc, argv);
        const std::vector<Drawing> drawings = load_drawings(options.drawings, options.split);
        if (drawings.empty()) throw std::runtime_error("no drawings for split " + options.split);
        fs::create_directories(fs::path(options.out) / "color");
        fs::create_directories(fs::path(options.out) / "bw");
        std::atomic<int> written{0}, with_bw{0};
        cv::parallel_for_(cv::Range(0, options.count), [&](const cv::Range& range) {
            for (int i = range.start; i < range.end; ++i) {
                if (page_exists(options, i)) continue;
                with_bw += compose_page(options, drawings, i) ? 1 : 0;
                ++written;
            }
        });
        std::printf(
            "compose-pages: %s: %zu drawings, %d pages written (%d with line-art B/W), "
            "%d already there\n",
            options.split.c_str(), drawings.size(), written.load(), with_bw.load(),
            options.count - written.load());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "compose-pages: %s\n", e.what());
        return 1;
    }
}
