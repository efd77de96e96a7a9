#include "mangacolor/model_blend.h"

#include <algorithm>

#include "mangacolor/errors.h"
#include "mangacolor/networks.h"
#include "mangacolor/number_text.h"

namespace mangacolor {
namespace {

// The weights of the hint gate (ModelConfig::hint_gate), by name.
bool of_hint_gate(const std::string& name) {
    return name.rfind("hint_gate.", 0) == 0;
}

// Sets each tensor of `out` to (1 - weight) * start's + weight * continued's of that name; with
// `gate_added`, the hint gate's, which the start lacks, to the continued model's.
void blend_tensors(const torch::OrderedDict<std::string, torch::Tensor>& out,
                   const torch::OrderedDict<std::string, torch::Tensor>& start,
                   const torch::OrderedDict<std::string, torch::Tensor>& continued, double weight,
                   bool gate_added) {
    if (continued.size() != out.size()) throw Error("the two models' weights differ in number");
    for (const auto& item : out) {
        const torch::Tensor* second = continued.find(item.key());
        if (gate_added && of_hint_gate(item.key()) && second) {
            item.value().copy_(*second);
            continue;
        }
        const torch::Tensor* first = start.find(item.key());
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

// A model trained on from `start` with more channels (train --init-from with a larger base_width
// or latent_width) blends with the start widened to its widths, coloring as the start did.
Model at_widths_of(const Model& start, const ModelConfig& continued) {
    const ModelConfig& own = start.info.config;
    if (!wider_than(continued, own)) return start;
    ModelConfig wide = own;
    wide.base_width = std::max(own.base_width, continued.base_width);
    wide.latent_width = std::max(own.latent_width, continued.latent_width);
    Model widened = make_model(wide);
    widened.info.metadata = start.info.metadata;
    Generator narrow = start.generator;
    widen_weights(narrow, widened.generator);
    return widened;
}

// A model trained on from `start` with a global context it lacks (train --init-from with
// global_context=yes) blends with the start given one that adds nothing, as the training began:
// the continued model's first layer and a last layer of 0, so that the blend adds its share of
// what the continued model's adds.
Model with_global_context_of(const Model& start, const Model& continued) {
    if (!continued.generator->global_context || start.generator->global_context) return start;
    ModelConfig own = start.info.config;
    own.global_context = true;
    Model extended = make_model(own);
    extended.info.metadata = start.info.metadata;
    Generator without = start.generator;
    copy_matching_weights(*without, *extended.generator);
    torch::NoGradGuard no_grad;
    const GlobalContext& trained = continued.generator->global_context;
    extended.generator->global_context->reduce->weight.copy_(trained->reduce->weight);
    extended.generator->global_context->reduce->bias.copy_(trained->reduce->bias);
    return extended;
}

// The settings that finish a model's colours for an artist's pages (palette_fit.h): a fine-tune
// chooses them on its own pages, so the model it started from need not share them.
ModelConfig without_page_finish(ModelConfig config) {
    config.chroma_gain = 1;
    config.palette_strength = 0;
    return config;
}

}  // namespace

Model blend_models(const Model& narrow_start, const Model& continued, double weight) {
    if (!(weight >= 0 && weight <= 1)) throw Error("the blend's weight must be within 0..1");
    const Model start =
        with_global_context_of(at_widths_of(narrow_start, continued.info.config), continued);
    // A hint gate the continued model added has nothing to blend with: it is taken as trained.
    const bool gate_added = continued.info.config.hint_gate && !start.info.config.hint_gate;
    ModelConfig start_config = start.info.config;
    start_config.hint_gate |= gate_added;
    if (to_fields(without_page_finish(start_config)) !=
        to_fields(without_page_finish(continued.info.config)))
        throw Error("only models with the same settings blend (see 'mangacolor info')");
    Model blended = make_model(continued.info.config);
    blended.info.palette = continued.info.palette;
    // The continued model's story, less its validation figures: they were measured on others.
    for (const auto& [key, value] : continued.info.metadata)
        if (key.rfind("validation_", 0) != 0) blended.info.metadata[key] = value;
    torch::NoGradGuard no_grad;
    blend_tensors(blended.generator->named_parameters(), start.generator->named_parameters(),
                  continued.generator->named_parameters(), weight, gate_added);
    blend_tensors(blended.generator->named_buffers(), start.generator->named_buffers(),
                  continued.generator->named_buffers(), weight, gate_added);
    const auto& start_meta = start.info.metadata;
    const auto name = start_meta.find("name"), steps = start_meta.find("steps");
    blended.info.metadata["blended_from"] =
        (name == start_meta.end() ? std::string("a model") : name->second) +
        (steps == start_meta.end() ? "" : " (" + steps->second + " steps)") + ", weight " +
        number_text("%.2f", 1 - weight);
    return blended;
}

}  // namespace mangacolor
