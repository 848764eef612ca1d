#!/usr/bin/env python3
"""Loads a jumpy checkpoint into the PyTorch reference model and compares outputs.

Usage: reference_roundtrip.py CHECKPOINT DATA.npy GRID.npy [--burnin 4]

CHECKPOINT is a jumpy GRU checkpoint (`save m "m.safetensors"`), DATA.npy the [T, B, D]
trajectories it was rolled out on (`export data.test "data.npy"`), GRID.npy jumpy's rollout
on the frame grid (`export r "grid.npy"`). The script builds the reference `SequenceModel`
(shared/bench/torch_ref.py, a faithful re-implementation of greydanus/piecewise_node),
loads the checkpoint with `load_state_dict(strict=True)`, samples autoregressively and
interpolates at the integer frames as the reference's `auto_mse` does, and prints the
largest difference from jumpy's grid. Needs PyTorch and NumPy; not part of the tests.
"""
import argparse, json, os, struct, sys
import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
for candidate in [os.path.join(here, '..', '..', 'shared', 'bench'), os.path.join(here, '..', 'shared', 'bench')]:
    if os.path.exists(os.path.join(candidate, 'torch_ref.py')):
        sys.path.insert(0, candidate)
import torch_ref  # noqa: E402


def read_safetensors(path):
    with open(path, 'rb') as f:
        raw = f.read()
    n = struct.unpack('<Q', raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop('__metadata__', {})
    base = 8 + n
    tensors = {}
    for name, info in header.items():
        assert info['dtype'] == 'F32', name
        begin, end = info['data_offsets']
        tensors[name] = torch.from_numpy(np.frombuffer(raw[base + begin:base + end], dtype='<f4').reshape(info['shape']).copy())
    return tensors, meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoint'); ap.add_argument('data'); ap.add_argument('grid')
    ap.add_argument('--burnin', type=int, default=4)
    a = ap.parse_args()
    state, meta = read_safetensors(a.checkpoint)
    # A checkpoint of a model in training also holds Adam's moments; the module wants weights.
    state = {k: v for k, v in state.items() if not k.startswith('optimizer.')}
    assert meta.get('kind') == 'jumpy' and meta.get('cell') == 'gru', meta
    d, h, r = int(meta['observation_width']), int(meta['hidden']), int(meta['rnn'])
    model = torch_ref.SequenceModel(d, h, r, float(meta['time_constant']))
    model.load_state_dict(state, strict=True)
    x = torch.from_numpy(np.load(a.data)).float()
    with torch.no_grad():
        x_hat, t_hat, h_hat = torch_ref.sample(model, x, a.burnin, jumpy=True)
        interp = torch_ref.interpolate(model, x_hat, t_hat, h_hat, torch.arange(0, x.shape[0]), 0.5)
        x_hat = x_hat.clone()
        x_hat[a.burnin:] = interp[a.burnin:]
    grid = np.load(a.grid)
    diff = np.abs(grid - x_hat.numpy()).max()
    print('load_state_dict(strict=True): ok ({} tensors)'.format(len(state)))
    print('largest difference between jumpy and the reference on the frame grid: {:.3e}'.format(diff))
    sys.exit(0 if diff < 1e-4 * max(1.0, float(np.abs(grid).max())) else 1)


if __name__ == '__main__':
    main()
