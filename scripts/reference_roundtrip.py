#!/usr/bin/env python3
"""Loads a jumpy checkpoint into the PyTorch reference model and compares outputs.

Usage: reference_roundtrip.py CHECKPOINT [DATA.npy GRID.npy] [--burnin 4] [--reference DIR]

CHECKPOINT is a jumpy GRU checkpoint (`save m "m.safetensors"`), DATA.npy the [T, B, D]
trajectories it was rolled out on (`export data.test "data.npy"`), GRID.npy jumpy's rollout
on the frame grid (`export r "grid.npy"`). The script builds the reference `SequenceModel`
(shared/bench/torch_ref.py, a faithful re-implementation of greydanus/piecewise_node),
loads the checkpoint as it is with `load_state_dict(strict=True)` (read by
`safetensors.torch.load_file` when the safetensors package is installed, as a PyTorch user
would), samples autoregressively and interpolates at the integer frames as the reference's
`auto_mse` does, and prints the largest difference from jumpy's grid. Without DATA and GRID
it checks the strict load alone. `--reference DIR` takes `SequenceModel` from a checkout of
greydanus/piecewise_node itself (its `models.py`; torchdyn, needed only by its ODE variant,
is stubbed when missing) for the load. The training state that `save` writes beside the
weights (`m.optimizer.safetensors`) is not the model's and is never read here.
Needs PyTorch and NumPy; not part of the tests.
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


def load_weights(path):
    """The file's tensors as a PyTorch user reads them, and its metadata."""
    _, meta = read_safetensors(path)
    try:
        from safetensors.torch import load_file
    except ImportError:
        return read_safetensors(path)[0], meta
    return load_file(path), meta


def reference_module(directory):
    """greydanus/piecewise_node's models.py, importable without torchdyn."""
    import importlib, types
    sys.path.insert(0, os.path.abspath(directory))
    try:
        importlib.import_module('torchdyn')
    except ImportError:
        stub = types.ModuleType('torchdyn'); models = types.ModuleType('torchdyn.models')
        models.NeuralDE = None
        stub.models = models
        sys.modules['torchdyn'] = stub; sys.modules['torchdyn.models'] = models
    return importlib.import_module('models')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('checkpoint'); ap.add_argument('data', nargs='?'); ap.add_argument('grid', nargs='?')
    ap.add_argument('--burnin', type=int, default=4)
    ap.add_argument('--reference', help='a checkout of greydanus/piecewise_node')
    a = ap.parse_args()
    state, meta = load_weights(a.checkpoint)
    assert meta.get('cell') == 'gru' and meta.get('kind') in ('rnn', 'jumpy'), meta
    d, h, r = int(meta['observation_width']), int(meta['hidden']), int(meta['rnn'])
    module = reference_module(a.reference) if a.reference else torch_ref
    model = module.SequenceModel(d, h, r, float(meta['time_constant']))
    model.load_state_dict(state, strict=True)   # raises on any missing or unexpected key
    if a.data is None:
        print('load_state_dict(strict=True): ok ({} tensors, {})'.format(len(state), module.__name__))
        return
    assert meta['kind'] == 'jumpy', 'the rollout comparison is for jumpy models'
    if a.reference:
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
