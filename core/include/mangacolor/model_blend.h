#pragma once

#include "mangacolor/model_file.h"

// Weight-space ensembling (Wortsman et al., "Robust fine-tuning of zero-shot models", 2022): a
// model trained on from another, with the same settings, blended weight by weight with the one
// it started from. The blend keeps what the start did well on art unlike the new training
// pages and adds what the continuation learned; measured on held-out drawings it beat both
// (models/README.md, "Character portraits added").
namespace mangacolor {

// (1 - weight) * start + weight * continued for every parameter and float buffer (batch-norm
// statistics included); the metadata is the continued model's (less its validation figures),
// with "blended_from" naming the start and its weight, and so are its palette, palette_strength
// and chroma_gain, which a fine-tune chooses on its pages. The one setting the continued model
// may add is hint_gate: its gate's weights are then the continued model's. A continued model
// made wider than the start (base_width, latent_width) blends with the start widened
// (widen_weights), which colors as the start did. Throws Error when the settings or the weights'
// shapes differ otherwise.
Model blend_models(const Model& start, const Model& continued, double weight);

}  // namespace mangacolor
