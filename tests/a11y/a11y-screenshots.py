#!/usr/bin/env python3
# a11y-screenshots.py OUTDIR — the screenshots of data/screenshots/a11y-*.png:
# keyboard focus rings, high contrast and large text (Xft.dpi 144, text
# scaling 1.5×, at 360 px: Home, a result, the first run), in English and
# Spanish. Not a test: run it by hand with
#   CAREBOOK_BUILDDIR=_build python3 tests/a11y/a11y-screenshots.py data/screenshots
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


def focus_a_result(demo):
    demo.go_to(1)
    for _ in range(40):
        f = demo.focused()
        if f is not None and f.get_role_name() == 'list item':
            return
        demo.key('Tab', settle=0.15)


def show_home(demo):
    demo.go_to(0)


def open_a_result(demo):
    """A result's page: Test Results, Tab to the first result, Enter."""
    focus_a_result(demo)
    demo.key('Return', settle=1.5)
    demo.settle(lambda: demo.window)


def show_welcome(app):
    app.wait(lambda: a11y.find(app.window, lambda o, role, name: role in ('text', 'entry')
                               and name == app._('Search health systems')),
             90, 'the welcome page')


def shoot(out, name, language, env, size, width=None, steps=focus_a_result, demo=True):
    env = dict(env)
    scale = float(env.pop('TEXT_SCALE', 1)) or None
    kind = a11y.Demo if demo else a11y.Session
    with kind(language, size=size, env=env, text_scale=scale if scale != 1 else None,
              demo=demo) as app:
        if not demo:
            steps(app)
        if width is not None:
            # Twice: the sidebar folds at the first, and lets the window
            # narrow further at the second (as a user drags again).
            for _i in range(2):
                for xid in app.x_windows():
                    subprocess.run(['xdotool', 'windowsize', str(xid), str(width),
                                    size.split('x')[1]], check=False, timeout=30)
                time.sleep(1.5)
                app.pump()
        if demo:
            steps(app)
        time.sleep(1.5)
        app.screenshot(os.path.join(out, name))
        print('wrote', name, flush=True)


LARGE = {'TEXT_SCALE': '1.5'}
SHOTS = [
    ('a11y-focus-en.png', 'en', {}, '1000x720', None, focus_a_result, True),
    ('a11y-focus-es.png', 'es', {}, '1000x720', None, focus_a_result, True),
    ('a11y-high-contrast-en.png', 'en', {'ADW_DEBUG_HIGH_CONTRAST': '1'}, '1000x720', None,
     focus_a_result, True),
    ('a11y-high-contrast-dark-es.png', 'es',
     {'ADW_DEBUG_HIGH_CONTRAST': '1', 'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'}, '1000x720', None,
     focus_a_result, True),
    # Large text (text scaling 1.5x) at 360 px: Home, a result, the first run.
    ('a11y-large-text-home-en.png', 'en', LARGE, '360x800', 360, show_home, True),
    ('a11y-large-text-home-es.png', 'es', LARGE, '360x800', 360, show_home, True),
    ('a11y-large-text-result-en.png', 'en', LARGE, '360x800', 360, open_a_result, True),
    ('a11y-large-text-result-es.png', 'es', LARGE, '360x800', 360, open_a_result, True),
    ('a11y-large-text-first-run-en.png', 'en', LARGE, '360x800', 360, show_welcome, False),
    ('a11y-large-text-first-run-es.png', 'es', LARGE, '360x800', 360, show_welcome, False),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    if len(sys.argv) > 2:
        for name, language, env, size, width, steps, demo in SHOTS:
            if name == sys.argv[2]:
                shoot(out, name, language, env, size, width, steps, demo)
        return 0
    # A process talks to the first accessibility bus it meets: one
    # process a shot, each with its own Xvfb and bus.
    for shot in SHOTS:
        subprocess.run([sys.executable, os.path.abspath(__file__), out, shot[0]], check=True)
    return 0

if __name__ == '__main__':
    sys.exit(main())
