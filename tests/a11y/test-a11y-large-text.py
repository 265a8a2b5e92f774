#!/usr/bin/env python3
# test-a11y-large-text.py LANGUAGE — GNOME's large text (text scaling
# 1.5×, here GDK_DPI_SCALE=1.5) in a window 360 px wide, a phone's width:
# every section must still fit, nothing cut off at the side. The window
# must shrink to 360 px, and every control and text of the section on
# screen must lie inside it, as AT-SPI gives their extents.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402

Atspi = a11y.Atspi
WIDTH, HEIGHT = 360, 760
# Roles a user reads or operates; containers may reach past the edge
# inside a scrolled view without hiding anything.
SHOWN = {'label', 'push button', 'toggle button', 'check box', 'radio button', 'combo box',
         'text', 'entry', 'link', 'image', 'list item', 'slider', 'spin button', 'heading'}


def cut_off(root, width):
    out = []
    for o in a11y.walk(root):
        try:
            role = o.get_role_name()
            if role not in SHOWN:
                continue
            e = Atspi.Component.get_extents(o, Atspi.CoordType.WINDOW)
        except Exception:
            continue
        if e.width <= 0 or e.height <= 0:
            continue   # not on screen (another page)
        if e.x < -1 or e.x + e.width > width + 1:
            out.append('%s %r at x %d..%d' % (role, (o.get_name() or '')[:40], e.x, e.x + e.width))
    return out


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    # A11Y_SECTIONS=0,1,5 checks only those sections (indexes in a11y.SECTIONS).
    sections = [s for s in os.environ.get('A11Y_SECTIONS', '').split(',') if s]
    tap = a11y.Tap()
    with a11y.Demo(language, size='%dx%d' % (WIDTH, HEIGHT), env={'GDK_DPI_SCALE': '1.5'}) as demo:
        # No window manager: the window is placed at 0,0 and sized here.
        for xid in demo.x_windows():
            subprocess.run(['xdotool', 'windowsize', str(xid), str(WIDTH), str(HEIGHT)],
                           check=False, timeout=30)
        def narrow():
            # As a user drags the edge again once the sidebar has folded
            # (and the window may be narrower than it was).
            for xid in demo.x_windows():
                subprocess.run(['xdotool', 'windowsize', str(xid), str(WIDTH), str(HEIGHT)],
                               check=False, timeout=30)
            e = Atspi.Component.get_extents(demo.window, Atspi.CoordType.SCREEN)
            return e if e.width <= WIDTH + 2 else None
        try:
            e = demo.wait(narrow, 30, 'the window 360 px wide')
            width = e.width
            tap.ok(True, '%s: the window shrinks to %d px with large text' % (language, WIDTH))
        except Exception as err:
            width = WIDTH
            tap.ok(False, '%s: the window shrinks to %d px with large text' % (language, WIDTH),
                   [str(err)])
        for index, section in enumerate(a11y.SECTIONS):
            if sections and str(index) not in sections:
                continue
            try:
                page = demo.go_to(index)
                problems = cut_off(page, width)
            except Exception as err:
                problems = ['could not open it: %s' % err]
            tap.ok(not problems, '%s: %s fits %d px with large text' % (language, section, WIDTH),
                   problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
