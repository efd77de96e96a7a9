#include "mangacolor/model_blend.h"

#include <cstdio>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// Sets each tensor of `out` to (1 - weight) * start's + weight * continued's of that name.
void blend_tensors(const torch::OrderedDict<std::string, torch::Tensor>& out,
                   const torch::OrderedDict<std::string, torch::Tensor>& start,
                   const torch::OrderedDict<std::string, torch::Tensor>& continued, double weight) {
    if (start.size() != out.size() || continued.size() != out.size())
        throw Error("the two models' weights differ in number");
    for (const auto& item : out) {
        const torch::Tensor* first = start.find(item.key());
        const torch::Tensor* second = continued.find(item.key());
        for (const torch::Tensor* theirs : {first, second})
            if (!theirs || !theirs->sizes().equals(item.value().sizes()))
                throw Error("the two models' weights differ at '" + item.key() + "'");
        // Counters (batch-norm's num_batches_tracked) are no weights: the continued model's.
        if (item.value().is_floating_point())
            item.value().copy_(*first * (1 - weight) + *second * weight);
        else
            item.value().copy_(*second);
    }
}

std::string weight_text(double weight) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", weight);
    return text;
}

}  // namespace

Model blend_models(const Model& start, const Model& continued, double weight) {
    if (!(weight >= 0 && weight <= 1)) throw Error("the blend's weight must be within 0..1");
    if (to_fields(start.info.config) != to_fields(continued.info.config))
        throw Error("only models with the same settings blend (see 'mangacolor info')");
    Model blended = make_model(continued.info.config);
    // The continued model's story, less its validation figures: they were measured on others.
    for (const auto& [key, value] : continued.info.metadata)
        if (key.rfind("validation_", 0) != 0) blended.info.metadata[key] = value;
    torch::NoGradGuard no_grad;
    blend_tensors(blended.generator->named_parameters(), start.generator->named_parameters(),
                  continued.generator->named_parameters(), weight);
    blend_tensors(blended.generator->named_buffers(), start.generator->named_buffers(),
                  continued.generator->named_buffers(), weight);
    const auto& start_meta = start.info.metadata;
    const auto name = start_meta.find("name"), steps = start_meta.find("steps");
    blended.info.metadata["blended_from"] =
        (name == start_meta.end() ? std::string("a model") : name->second) +
        (steps == start_meta.end() ? "" : " (" + steps->second + " steps)") + ", weight " +
        weight_text(1 - weight);
    return blended;
}

}  // namespace mangacolor
