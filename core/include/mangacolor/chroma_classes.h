#pragma once

#include <torch/torch.h>

// Colour as a choice among classes instead of one regressed value (the lab-classes head).
// Regressing a*, b* with L1 predicts the middle of every colour a drawing might have: a red or a
// blue cap comes out brown-gray, which is why the Lab head's colours were muted (chroma 0.28 of
// the truth's on held-out drawings). Here the network gives, per pixel, a probability for each
// cell of a grid over the a*b* plane and is trained with cross-entropy, rare (saturated) colours
// weighted up; the colour is read off as the annealed mean of that distribution (Zhang, Isola
// and Efros, "Colorful Image Colorization", 2016): sharpened toward its likeliest colours, so a
// pixel torn between red and blue picks one instead of averaging them to gray.
namespace mangacolor {

// The classes' colours: bins x bins cells evenly over a*, b* in [-1, 1] (network units, as
// network_lab gives them), row-major in a*: (bins*bins) x 2.
torch::Tensor chroma_grid(int bins, const torch::TensorOptions& options = {});

// Soft class targets of colours `ab` (N x 2 x H x W, network units): each colour shared among the
// four cells around it bilinearly, so the distribution's mean is the colour itself.
// N x bins*bins x H x W, summing to 1 at each pixel.
torch::Tensor chroma_targets(const torch::Tensor& ab, int bins);

// Per-class loss weights from how often each class occurs (any non-negative counts): the inverse
// of the frequency mixed half and half with uniform, scaled so that the expected weight of a
// pixel is 1. A colour seen rarely weighs up to about twice the number of classes.
torch::Tensor chroma_class_weights(const torch::Tensor& counts);

// Rebalanced soft cross-entropy of the classes' logits (N x Q x H x W) against chroma_targets of
// the same size, each pixel weighted by the weights of its target's classes; mean over pixels.
torch::Tensor chroma_loss(const torch::Tensor& logits, const torch::Tensor& targets,
                          const torch::Tensor& class_weights);

// The colour (N x 2 x H x W, network units) the logits stand for at `temperature`: the mean of
// softmax(logits / temperature) over the grid's colours. 1 is the plain mean; lower values move
// it toward the likeliest class.
torch::Tensor decode_chroma(const torch::Tensor& logits, int bins, double temperature);

}  // namespace mangacolor
