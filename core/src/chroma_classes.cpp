#include "mangacolor/chroma_classes.h"

namespace mangacolor {

torch::Tensor chroma_grid(int bins, const torch::TensorOptions& options) {
    const auto steps = torch::linspace(-1.0, 1.0, bins, options.dtype(torch::kFloat));
    const auto grid = torch::meshgrid({steps, steps}, "ij");
    return torch::stack({grid[0].flatten(), grid[1].flatten()}, 1).to(options);
}

torch::Tensor chroma_targets(const torch::Tensor& ab, int bins) {
    // Position of each colour on the grid, in cells; the cell below it and how far past it is.
    const auto position = ((ab.clamp(-1, 1) + 1) * (0.5 * (bins - 1))).clamp(0, bins - 1 - 1e-4);
    const auto low = position.floor();
    const auto past = position - low;
    const auto low_index = low.to(torch::kLong);
    const auto a = low_index.select(1, 0), b = low_index.select(1, 1);
    const auto fa = past.select(1, 0), fb = past.select(1, 1);
    auto targets =
        torch::zeros({ab.size(0), int64_t{bins} * bins, ab.size(2), ab.size(3)}, ab.options());
    for (int da = 0; da <= 1; ++da)
        for (int db = 0; db <= 1; ++db) {
            const auto weight = (da ? fa : 1 - fa) * (db ? fb : 1 - fb);
            const auto index = (a + da) * bins + (b + db);
            targets.scatter_add_(1, index.unsqueeze(1), weight.unsqueeze(1));
        }
    return targets;
}

torch::Tensor chroma_class_weights(const torch::Tensor& counts) {
    constexpr double kUniformShare = 0.5;
    const auto frequency = counts / counts.sum().clamp_min(1e-12);
    const auto weights =
        1 / ((1 - kUniformShare) * frequency + kUniformShare / double(counts.numel()));
    return weights / (frequency * weights).sum();
}

torch::Tensor chroma_loss(const torch::Tensor& logits, const torch::Tensor& targets,
                          const torch::Tensor& class_weights) {
    const auto log_p = torch::log_softmax(logits, 1);
    const auto pixel_weight = (targets * class_weights.view({1, -1, 1, 1})).sum(1);
    return (-(targets * log_p).sum(1) * pixel_weight).mean();
}

torch::Tensor decode_chroma(const torch::Tensor& logits, int bins, double temperature) {
    const auto p = torch::softmax(logits / temperature, 1);
    return torch::einsum("nqhw,qc->nchw", {p, chroma_grid(bins, logits.options())});
}

}  // namespace mangacolor
