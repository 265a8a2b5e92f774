#!/usr/bin/env python3
# a11y-screenshots.py OUTDIR — the screenshots of data/screenshots/a11y-*.png:
# keyboard focus rings, high contrast and large text (Xft.dpi 144, text
# scaling 1.5×, at 360 px), in English and Spanish. Not a test: run it by hand with
#   CAREBOOK_BUILDDIR=_build python3 tests/a11y/a11y-screenshots.py data/screenshots
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


def focus_a_result(demo):
    demo.go_to(1)
    for _ in range(40):
        f = demo.focused()
        if f is not None and f.get_role_name() == 'list item':
            return
        demo.key('Tab', settle=0.15)


def shoot(out, name, language, env, size, width=None, steps=focus_a_result):
    env = dict(env)
    scale = float(env.pop('TEXT_SCALE', 1)) or None
    with a11y.Demo(language, size=size, env=env, text_scale=scale if scale != 1 else None) as demo:
        if width is not None:
            # Twice: the sidebar folds at the first, and lets the window
            # narrow further at the second (as a user drags again).
            for _i in range(2):
                for xid in demo.x_windows():
                    subprocess.run(['xdotool', 'windowsize', str(xid), str(width),
                                    size.split('x')[1]], check=False, timeout=30)
                demo.settle(lambda: demo.window)
        steps(demo)
        demo.screenshot(os.path.join(out, name))
        print('wrote', name, flush=True)


SHOTS = [
    ('a11y-focus-en.png', 'en', {}, '1000x720', None),
    ('a11y-focus-es.png', 'es', {}, '1000x720', None),
    ('a11y-high-contrast-en.png', 'en', {'ADW_DEBUG_HIGH_CONTRAST': '1'}, '1000x720', None),
    ('a11y-high-contrast-dark-es.png', 'es',
     {'ADW_DEBUG_HIGH_CONTRAST': '1', 'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'}, '1000x720', None),
    ('a11y-large-text-360-en.png', 'en', {'TEXT_SCALE': '1.5'}, '360x800', 360),
    ('a11y-large-text-360-es.png', 'es', {'TEXT_SCALE': '1.5'}, '360x800', 360),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    if len(sys.argv) > 2:
        for name, language, env, size, width in SHOTS:
            if name == sys.argv[2]:
                shoot(out, name, language, env, size, width)
        return 0
    # A process talks to the first accessibility bus it meets: one
    # process a shot, each with its own Xvfb and bus.
    for shot in SHOTS:
        subprocess.run([sys.executable, os.path.abspath(__file__), out, shot[0]], check=True)
    return 0

if __name__ == '__main__':
    sys.exit(main())
