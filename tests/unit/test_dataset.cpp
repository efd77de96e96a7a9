#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "mangacolor/dataset.h"
#include "mangacolor/errors.h"
#include "synthetic_pages.h"
#include "temp_dir.h"

namespace mangacolor {
namespace {

TEST(FindPages, MatchesBwOriginalsByNameInAnyLayout) {
    TempDir dir;
    write_synthetic_pages(dir.file("set/color"), 3, 32, 1);
    write_synthetic_pages(dir.file("set/bw"), 2, 32, 2);  // page0, page1: page2 has none
    const auto paired = find_pages(dir.file("set"));
    ASSERT_EQ(paired.size(), 3u);
    EXPECT_NE(paired[0].bw.find("bw/page0.png"), std::string::npos);
    EXPECT_TRUE(paired[2].bw.empty());

    // The same pages named as two separate folders.
    const auto separate = find_pages(dir.file("set/color"), dir.file("set/bw"));
    ASSERT_EQ(separate.size(), 3u);
    EXPECT_EQ(separate[1].bw, paired[1].bw);
    EXPECT_THROW(find_pages(dir.file("set/color"), dir.file("nowhere")), Error);
    EXPECT_THROW(find_pages(dir.file("nowhere")), Error);
}

TEST(SplitPages, ByFileDeterministicAndDisjoint) {
    std::vector<PageFiles> pages;
    for (int i = 0; i < 200; ++i) pages.push_back({"/a/page" + std::to_string(i) + ".png", ""});
    std::vector<PageFiles> train, validation, train2, validation2;
    split_pages(pages, 0.1, train, validation);
    std::reverse(pages.begin(), pages.end());
    split_pages(pages, 0.1, train2, validation2);
    EXPECT_EQ(train.size() + validation.size(), 200u);
    EXPECT_GT(validation.size(), 5u);
    EXPECT_LT(validation.size(), 40u);
    std::set<std::string> val_names, val_names2;
    for (const auto& p : validation) val_names.insert(p.color);
    for (const auto& p : validation2) val_names2.insert(p.color);
    EXPECT_EQ(val_names, val_names2);  // order of discovery does not matter
    for (const auto& p : train) EXPECT_EQ(val_names.count(p.color), 0u);
}

}  // namespace
}  // namespace mangacolor
