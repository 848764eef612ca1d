#!/usr/bin/env python3
"""Plays fixed starts and shots through greydanus/billiards' own simulate.py and prints the
ball positions, as JSON, for jumpy's test of `physics=reference`
(Tests/PhysicsTests/Resources/reference-trajectories.json; its README has the command).

Usage: reference_trajectories.py SIMULATE_PY > reference-trajectories.json

SIMULATE_PY is the reference's simulate.py, e.g. from a clone of greydanus/billiards:
    git -C billiards show 1bc640659dbb1642b718224c5bc62fc06ef62f08:simulate.py > simulate.py
Needs NumPy only. The file is loaded as it is; around it, three shims that touch no physics:
its `from .render import …` and `from skimage.transform import resize` (pixels only) get
empty stand-ins, and NumPy 2, which dropped `np.math`, gets the standard `math` module back
(the 2020 code calls `np.math.atan2`).

Two kinds of case:
- shot: `Billiards.step` frame by frame (4 steps of 0.01 a frame), the action passed to the
  step after frame 3; frame 0 is the start itself.
- billiards: `simulate_balls` with 5 · 44 + 1 states, every 5th kept (piecewise_node's worlds).
"""
import importlib.util
import json
import math
import sys
import types

import numpy as np

RADIUS, DT = 0.1, 0.01
FRAMES = 45


def load_simulate(path):
    if not hasattr(np, 'math'):
        np.math = math
    package = types.ModuleType('billiards_ref')
    package.__path__ = []
    render = types.ModuleType('billiards_ref.render')
    render.render_masks = render.project_to_rgb = None
    skimage = types.ModuleType('skimage')
    transform = types.ModuleType('skimage.transform')
    transform.resize = None
    skimage.transform = transform
    sys.modules.update({'billiards_ref': package, 'billiards_ref.render': render,
                        'skimage': skimage, 'skimage.transform': transform})
    spec = importlib.util.spec_from_file_location('billiards_ref.simulate', path)
    module = importlib.util.module_from_spec(spec)
    sys.modules['billiards_ref.simulate'] = module
    spec.loader.exec_module(module)
    return module


def shot_case(sim, name, state, action):
    args = types.SimpleNamespace(make_1d=False, r=RADIUS, num_balls=2, dt=DT, seed=0, side=32)
    np.random.seed(0)                       # reset() draws a start, replaced below
    env = sim.Billiards(args, use_pixels=False)
    env.state = np.array(state, dtype=np.float64)
    env.x, env.v = env.state[:, :2], env.state[:, 2:]
    positions = [env.state[:, :2].flatten().tolist()]
    for frame in range(1, FRAMES):
        shot = np.array(action, dtype=np.float64) if frame - 1 == 3 else None
        env.step(shot)
        positions.append(env.x.flatten().tolist())
    return {'name': name, 'kind': 'shot', 'state': state, 'action': action,
            'steps_per_frame': 4, 'positions': positions}


def billiards_case(sim, name, state, one_dimensional=False):
    states = sim.simulate_balls(RADIUS, DT, 5 * (FRAMES - 1) + 1, len(state),
                                np.array(state, dtype=np.float64))
    frames = states[::5, :, :2]
    return {'name': name, 'kind': 'billiards', 'one_dimensional': one_dimensional, 'state': state,
            'steps_per_frame': 5, 'positions': [f.flatten().tolist() for f in frames]}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sim = load_simulate(sys.argv[1])
    cases = [
        # Both balls at rest, the cue ball driven into the object ball (then walls).
        shot_case(sim, 'rest, cut into the corner', [[0.6, 0.4, 0.0, 0.0], [0.3, 0.72, 0.0, 0.0]], [0.9, -1.1]),
        shot_case(sim, 'rest, nearly head-on', [[0.55, 0.5, 0.0, 0.0], [0.2, 0.52, 0.0, 0.0]], [1.2, 0.01]),
        # Both moving; the impulse takes the cue ball past the ±1.8 clip.
        shot_case(sim, 'moving, clipped cue', [[0.3, 0.35, 0.6, -0.45], [0.75, 0.6, -1.0, -1.1]], [-1.2, -0.6]),
        shot_case(sim, 'moving, glancing', [[0.7, 0.7, -0.3, 0.8], [0.25, 0.2, 0.5, 0.45]], [0.35, 0.6]),
        billiards_case(sim, '2 balls', [[0.25, 0.5, 1.0, 0.0], [0.75, 0.45, -0.6, 0.8]]),
        billiards_case(sim, '3 balls', [[0.2, 0.2, 0.6, 0.8], [0.5, 0.5, -1.0, 0.0], [0.8, 0.3, 0.0, 1.0]]),
        billiards_case(sim, '4 balls', [[0.2, 0.25, 1.0, 0.0], [0.5, 0.3, 0.0, -1.0], [0.75, 0.75, -0.6, -0.8],
                                        [0.3, 0.7, 0.8, 0.6]]),
        # Three in a row, touching: both pairs in contact at once, the middle ball in both.
        billiards_case(sim, '1-D, three in a row', [[0.5, 0.3, 0.0, 1.0], [0.5, 0.5, 0.0, 0.0], [0.5, 0.7, 0.0, -1.0]],
                       one_dimensional=True),
        billiards_case(sim, '1-D, 2 balls', [[0.5, 0.2, 0.0, 1.0], [0.5, 0.75, 0.0, -1.0]], one_dimensional=True),
    ]
    # One frame a line: the file reads (and diffs) as a table.
    out = sys.stdout
    out.write('{"source": "greydanus/billiards simulate.py", "radius": %r, "dt": %r, "cases": [\n' % (RADIUS, DT))
    for k, case in enumerate(cases):
        head = {key: value for key, value in case.items() if key != 'positions'}
        out.write(' ' + json.dumps(head)[:-1] + ', "positions": [\n')
        out.write(',\n'.join('  ' + json.dumps(row) for row in case['positions']))
        out.write(']}' + (',' if k + 1 < len(cases) else '') + '\n')
    out.write(']}\n')


if __name__ == '__main__':
    main()
