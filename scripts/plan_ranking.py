#!/usr/bin/env python3
"""How well trained shots models rank candidate shots, judged by an independent simulator.

Usage: plan_ranking.py [--episodes 200] [--candidates 250] [--seed 12345] [--jumpy PATH]
                       [--models examples/models/shots-rnn.safetensors ...]

Planning with a model is only as good as the model's ranking of the candidates. This script
separates the two: it draws shot episodes and uniform candidate actions with its own NumPy
simulator (fixed steps of 0.001 time units, not jumpy's event-driven one), rolls every model
out on every candidate with `jumpy` (one batch, teacher forced through frames 0-3 with the
candidate in frame 3's action columns, as `plan` does), and reports for each model

  - the mean error of its object-ball forecast, 5, 15, 30 and 40 frames after the shot;
  - the success of its best-scoring candidate under a few scores: the planner's own (the
    deepest point in the target), the depth per expected model error (early hits count
    more), the earliest predicted hit, and the share of frames predicted inside;

beside the random-action rate and the oracle (episodes with at least one good candidate).
If every score gives about the same success, the model's forecasts, not the score, limit
planning. Needs NumPy. Not part of the tests (it takes about a minute per model).
"""
import argparse, os, subprocess, sys, tempfile
import numpy as np

R, FRAME, SUBSTEPS = 0.1, 0.04, 40          # the shot task: radius, time units a frame
ACTION_LIMIT, SPEED_LIMIT, FRAMES = 1.2, 1.8, 45
TARGET_X, TARGET_Y = 0.8, 0.2


def starts(rng, n):
    x, v = np.zeros((n, 2, 2)), np.zeros((n, 2, 2))
    for i in range(n):
        while True:
            p = rng.random((2, 2)) * (1 - 2 * R) + R
            if np.linalg.norm(p[0] - p[1]) >= 2 * R:
                break
        x[i], v[i] = p, np.clip(0.75 * rng.standard_normal((2, 2)), -1.2, 1.2)
    return x, v


def step(x, v, dt):
    """One fixed step for a batch [N, 2 balls, 2]: walls reflect, approaching balls swap normal velocity."""
    x = x + v * dt
    low, high = x < R, x > 1 - R
    v = np.where(low | high, -v, v)
    x = np.where(low, 2 * R - x, np.where(high, 2 * (1 - R) - x, x))
    sep = x[:, 1] - x[:, 0]
    d2 = (sep ** 2).sum(-1)
    hit = (d2 < (2 * R) ** 2) & ((sep * (v[:, 1] - v[:, 0])).sum(-1) < 0)
    if hit.any():
        unit = sep[hit] / np.sqrt(d2[hit])[:, None]
        dv = ((v[hit, 0] - v[hit, 1]) * unit).sum(-1)[:, None] * unit
        v[hit, 0] -= dv
        v[hit, 1] += dv
    return x, v


def play(x, v, frames):
    """Frames 0..frames-1 from (x, v), as [frames, N, 2, 2]; and the last state."""
    out = [x.copy()]
    for _ in range(frames - 1):
        for _ in range(SUBSTEPS):
            x, v = step(x, v, FRAME / SUBSTEPS)
        out.append(x.copy())
    return np.stack(out), x, v


def depth(p):
    x, y = p[..., 0], p[..., 1]
    out_x, out_y = np.maximum(0, TARGET_X - x), np.maximum(0, y - TARGET_Y)
    return np.where((out_x > 0) | (out_y > 0), -np.hypot(out_x, out_y), np.minimum(x - TARGET_X, TARGET_Y - y))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--episodes', type=int, default=200)
    ap.add_argument('--candidates', type=int, default=250)
    ap.add_argument('--seed', type=int, default=12345)
    ap.add_argument('--jumpy', default=os.path.join(root, '.build', 'release', 'jumpy'))
    ap.add_argument('--models', nargs='+', default=[os.path.join(root, 'examples', 'models', f'shots-{k}.safetensors')
                                                    for k in ('rnn', 'jumpy', 'odernn')])
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    E, K = args.episodes, args.candidates

    x, v = starts(rng, E)
    shown, x3, v3 = play(x, v, 4)                                   # frames 0-3
    actions = rng.uniform(-ACTION_LIMIT, ACTION_LIMIT, (E, K, 2))
    x, v = np.repeat(x3, K, 0), np.repeat(v3, K, 0)
    v[:, 1] = np.clip(v[:, 1] + actions.reshape(-1, 2), -SPEED_LIMIT, SPEED_LIMIT)
    after, _, _ = play(x, v, FRAMES - 3)
    truth = after[1:, :, 0]                                         # the object ball, frames 4-44
    good = (depth(truth) > 0).any(0).reshape(E, K)

    rows = np.zeros((FRAMES, E * K, 6), np.float32)                 # what `plan` shows a model
    rows[:4, :, :4] = np.repeat(shown.reshape(4, E, 4), K, 1)
    rows[3, :, 4:] = actions.reshape(-1, 2)

    print(f'{E} episodes x {K} candidates (seed {args.seed}): random action {good.mean():.1%}, '
          f'oracle {good.any(1).mean():.1%}')
    after_shot = np.arange(1, FRAMES - 3)[:, None]
    with tempfile.TemporaryDirectory() as tmp:
        np.save(os.path.join(tmp, 'rows.npy'), rows)
        for i, path in enumerate(args.models):
            out = os.path.join(tmp, f'{i}.npy')
            script = f'x = load "{tmp}/rows.npy"\nm = load "{path}"\nr = rollout m x\nexport r "{out}"\n'
            run = subprocess.run([args.jumpy, '--threads', '2'], input=script, text=True, capture_output=True)
            if run.returncode != 0 or not os.path.exists(out):
                sys.exit(f'jumpy failed on {path}:\n{run.stdout}{run.stderr}')
            forecast = np.load(out)[4:, :, :2]
            d = depth(forecast)
            error = np.hypot(*(forecast - truth).transpose(2, 0, 1)).mean(1)
            scores = {
                'deepest point (the planner)': d.max(0),
                'depth / expected error': (d / (0.01 + 0.0075 * after_shot)).max(0),
                'earliest predicted hit': np.where((d > 0).any(0), 100 - np.argmax(d > 0, 0) + d.max(0), d.max(0)),
                'share of frames inside': (d > 0).mean(0) + 0.01 * d.max(0),
            }
            print(f'{os.path.basename(path)}: object-ball error {error[[4, 14, 29, 39]].round(3).tolist()} '
                  f'5, 15, 30, 40 frames after the shot')
            for name, s in scores.items():
                best = s.reshape(E, K).argmax(1)
                print(f'  {name:28s} success {good[np.arange(E), best].mean():.1%}')


if __name__ == '__main__':
    main()
