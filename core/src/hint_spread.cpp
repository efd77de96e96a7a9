#include "mangacolor/hint_spread.h"

#include "mangacolor/hints.h"
#include "mangacolor/networks.h"

namespace mangacolor {
namespace {

cv::Mat spread_over_page(const cv::Mat& hint_channels) {
    c10::InferenceMode inference;
    const torch::Tensor field =
        hint_field(hint_tensor(hint_channels)).squeeze(0).permute({1, 2, 0}).contiguous();
    return cv::Mat(hint_channels.size(), CV_32FC4, field.data_ptr<float>()).clone();
}

}  // namespace

torch::Tensor hint_tensor(const cv::Mat& channels) {
    CV_Assert(channels.type() == CV_32FC4 && channels.isContinuous());
    return torch::from_blob(channels.data, {1, channels.rows, channels.cols, 4}, torch::kFloat)
        .permute({0, 3, 1, 2})
        .contiguous();
}

cv::Mat spread_hints(const cv::Mat& hint_channels, const cv::Mat& areas) {
    cv::Mat field = spread_over_page(hint_channels);
    if (!areas.empty())
        for (const AreaHints& area : hints_by_area(areas, hint_channels))
            spread_over_page(area.hint_channels)
                .copyTo(field(area.box), areas(area.box) == area.label);
    return field;
}

}  // namespace mangacolor
