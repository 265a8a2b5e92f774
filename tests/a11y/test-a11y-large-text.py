#!/usr/bin/env python3
# test-a11y-large-text.py LANGUAGE — GNOME's large text (text scaling
# 1.5×) in a window 360 px wide, a phone's width: every section must
# still fit, nothing cut off at the side. GTK 4.8 on X11 takes the text
# scale as Xft.dpi (144 for 1.5×), from a settings daemon or the X
# resources; the harness puts it in the X resources of the test's own
# display before the app starts (carebook_a11y.set_xft_dpi(), what
# `xrdb -merge` does). The test first checks that the text IS 1.5× as
# large (the sidebar's words on a screenshot against the same words in
# the default font at 96 dpi), then that the
# window shrinks to 360 px and stays so in every section (a section
# whose minimum width is more widens it again), and that every control
# and text of the section on screen lies inside it, as AT-SPI gives
# their extents.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402
import carebook_pixels as pixels  # noqa: E402

import gi  # noqa: E402

gi.require_version('Pango', '1.0')
gi.require_version('PangoCairo', '1.0')
from gi.repository import Pango, PangoCairo  # noqa: E402

Atspi = a11y.Atspi
WIDTH, HEIGHT = 360, 760
SCALE = 1.5
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


def ink_width(shot, e):
    """The width of what is drawn inside @e (a label's extents) on the
    screenshot: the columns holding a pixel that stands out from the
    commonest colour, the background."""
    counts = shot.colours(e.x, e.y, e.width, e.height)
    if len(counts) < 2:
        return 0
    background = counts.most_common(1)[0][0]
    columns = []
    for x in range(max(0, e.x), min(shot.width, e.x + e.width)):
        column = shot.colours(x, e.y, 1, e.height)
        if any(pixels.ratio(c, background) >= 2.0 for c in column):
            columns.append(x)
    return columns[-1] - columns[0] + 1 if columns else 0


def reference_width(text):
    """The ink width of @text in GTK's default font with normal text
    (Sans 10 at 96 dpi), as Pango lays it out."""
    context = PangoCairo.FontMap.get_default().create_context()
    PangoCairo.context_set_resolution(context, 96)
    layout = Pango.Layout.new(context)
    layout.set_font_description(Pango.FontDescription.from_string('Sans 10'))
    layout.set_text(text, -1)
    return layout.get_pixel_extents()[0].width


def text_scale(demo):
    """How much larger than normal text the sidebar's labels are drawn:
    their ink width on a screenshot against the same words laid out in
    GTK's default font at 96 dpi. Returns (scale, what was measured)."""
    shot = pixels.Shot(demo.display)
    found = []
    for o in a11y.find_all(demo.sidebar(), lambda o, role, name: role == 'label' and name
                           and a11y.on_screen(o)):
        try:
            e = Atspi.Component.get_extents(o, Atspi.CoordType.WINDOW)
            name = o.get_name()
        except Exception:
            continue
        drawn, normal = ink_width(shot, e), reference_width(name)
        if drawn > 0 and normal > 20:
            found.append((drawn / normal, name, drawn, normal))
    if not found:
        return None, 'no label drawn in the sidebar'
    found.sort()
    scale, name, drawn, normal = found[len(found) // 2]
    return scale, '%r is %d px wide, %d px with normal text (the median of %d labels)' % (
        name, drawn, normal, len(found))


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    # A11Y_SECTIONS=0,1,5 checks only those sections (indexes in a11y.SECTIONS).
    sections = [s for s in os.environ.get('A11Y_SECTIONS', '').split(',') if s]
    # A11Y_TEXT_SCALE=1 runs it with normal text, to compare.
    scale = float(os.environ.get('A11Y_TEXT_SCALE', SCALE))
    tap = a11y.Tap()
    with a11y.Demo(language, size='%dx%d' % (WIDTH, HEIGHT), text_scale=scale) as demo:
        measured, what = text_scale(demo)
        tap.ok(measured is not None and measured >= scale * 0.9,
               '%s: the text is drawn %g× as large' % (language, scale),
               ['measured %.2f×: %s' % (measured or 0, what)])

        def narrow():
            # As a user drags the edge again once the sidebar has folded
            # (and the window may be narrower than it was). No window
            # manager: the window is placed at 0,0 and sized here.
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
                problems = []
                # A section that asks for more than 360 px widens the
                # window as soon as it is shown, and keeps it from
                # getting narrower again.
                try:
                    demo.wait(narrow, 5, 'the window 360 px wide')
                except Exception:
                    e = Atspi.Component.get_extents(demo.window, Atspi.CoordType.SCREEN)
                    problems.append('the window widens to %d px' % e.width)
                problems += cut_off(page, width)
            except Exception as err:
                problems = ['could not open it: %s' % err]
            tap.ok(not problems, '%s: %s fits %d px with large text' % (language, section, WIDTH),
                   problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
