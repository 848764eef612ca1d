#ifndef JUMPY_CKERNELS_H
#define JUMPY_CKERNELS_H

#include <stddef.h>

/// PyTorch GRUCell gate arithmetic for `batch` rows of width `width`, gates in (r, z, n)
/// order. `input_gates` and `hidden_gates` are [batch, 3*width]; `hidden` and `out` are
/// [batch, width]. When `r`, `z` and `n` are non-null they receive the gate activations
/// ([batch, width] each) for the backward pass.
void jumpy_gru_gates(const float *input_gates, const float *hidden_gates, const float *hidden,
                     float *out, float *r, float *z, float *n, size_t batch, size_t width);

#endif
