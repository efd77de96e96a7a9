#pragma once

#include <torch/torch.h>

#include <opencv2/core.hpp>

// Colour hints spread over a page as a model with hint_field takes them: the colorizer and the
// training crops make them alike, so the network learns from the field it will be given.
namespace mangacolor {

// Hint channels (CV_32FC4) -> 1 x 4 x H x W, copied (channels-last would pick slower kernels).
torch::Tensor hint_tensor(const cv::Mat& channels);

// The hint channels (CV_32FC4, as hint_channels gives them) spread with hint_field, except
// within each enclosed area that holds hints (CV_32S labels as enclosed_areas gives them; empty:
// none), where the field is spread from that area's own hints alone: through screentone the
// network cannot always see the lines and steps that wall an area, and a neighbour's hint would
// cross them. CV_32FC4, the page's size.
cv::Mat spread_hints(const cv::Mat& hint_channels, const cv::Mat& areas);

}  // namespace mangacolor
