#!/usr/bin/env python3
# test-a11y-contrast.py STYLE — every section of the demo in the light, dark or
# high-contrast style (one style a process: a process talks to the first
# accessibility bus it meets, so a second demo in it is never found),
# its text sampled from screenshots and checked against WCAG 2.1 AA: 4.5:1 for normal text, 3:1 for large text (18 pt,
# or 14 pt bold). A label's place comes from AT-SPI, as a screen reader
# or magnifier finds it; its colours from the pixels drawn there: the
# commonest is the background, and the text is the colour that stands
# out most among the others (carebook_pixels.text_colours()).
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402
import carebook_pixels as pixels  # noqa: E402

Atspi = a11y.Atspi

STYLES = [
    ('light', {}),
    ('dark', {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'}),
    ('high-contrast', {'ADW_DEBUG_HIGH_CONTRAST': '1'}),
]


def points(o):
    """The label's font size in points and whether it is bold."""
    try:
        attrs = Atspi.Text.get_default_attributes(o) or {}
    except Exception:
        attrs = {}
    size = re.match(r'[\d.]+', attrs.get('size', '') or '')
    return (float(size.group()) if size else 11.0), int(attrs.get('weight', '400') or 400) >= 700


def labels_in(root):
    """The labels under @root, leaving out an avatar's initials (drawn
    beside the name they stand for, on a colour of libadwaita's)."""
    out = []

    def visit(o, depth):
        try:
            role, name = o.get_role_name(), o.get_name()
            n = o.get_child_count()
        except Exception:
            return
        if name == 'AdwAvatar':
            return
        if role == 'label' and name and name.strip():
            out.append(o)
        for i in range(n if depth < 80 else 0):
            c = o.get_child_at_index(i)
            if c is not None:
                visit(c, depth + 1)

    visit(root, 0)
    return out


def check(demo, shot, roots, seen):
    problems = []
    # The window, at the screen's top left (Xvfb has no window manager):
    # what lies past it is the bare screen.
    w = Atspi.Component.get_extents(demo.window, Atspi.CoordType.WINDOW)
    width, height = min(shot.width, w.x + w.width), min(shot.height, w.y + w.height)
    for root in roots:
        if root is None:
            continue
        for o in labels_in(root):
            try:
                e = Atspi.Component.get_extents(o, Atspi.CoordType.WINDOW)
                name = o.get_name()
            except Exception:
                continue
            # Unmapped (another page) or scrolled out of the window.
            if e.width < 4 or e.height < 6 or e.x < 0 or e.y < 0 or \
                    e.x + e.width > width or e.y + e.height > height:
                continue
            found = pixels.text_colours(shot.colours(e.x, e.y, e.width, e.height))
            if found is None:
                continue
            background, text = found
            r = pixels.ratio(background, text)
            # Next to nothing drawn there: a label clipped out of its
            # scrolled view, which AT-SPI in GTK 4.8 does not say.
            if r < 1.2:
                continue
            size, bold = points(o)
            large = size >= 18 or (bold and size >= 14)
            need = 3.0 if large else 4.5
            key = (name, pixels.hex_colour(text), pixels.hex_colour(background))
            if r < need and key not in seen:
                seen.add(key)
                problems.append('%.2f:1 < %.1f:1  %s on %s  %r (%g pt%s)'
                                % (r, need, pixels.hex_colour(text), pixels.hex_colour(background),
                                   name[:50], size, ' bold' if bold else ''))
    return problems


def main():
    only = ','.join(sys.argv[1:]) or os.environ.get('A11Y_STYLES')
    # A11Y_SECTIONS=0,1,5 checks only those sections (indexes in
    # a11y.SECTIONS): the suite checks a few, a run by hand all.
    sections = [s for s in os.environ.get('A11Y_SECTIONS', '').split(',') if s]
    tap = a11y.Tap()
    chosen = [(style, env) for style, env in STYLES if not only or style in only.split(',')]
    if len(chosen) > 1:
        a11y.log('one style a process: checking %s only' % chosen[0][0])
    for style, env in chosen[:1]:
        seen = set()
        with a11y.Demo('en', env=env) as demo:
            sidebar_done = False
            for index, section in enumerate(a11y.SECTIONS):
                if sections and str(index) not in sections:
                    continue
                try:
                    page = demo.go_to(index)
                    shot = pixels.Shot(demo.display)
                    roots = [page] if sidebar_done else [page, demo.sidebar()]
                    sidebar_done = True
                    problems = check(demo, shot, roots, seen)
                except Exception as e:
                    problems = ['could not check it: %s' % e]
                tap.ok(not problems, '%s: %s' % (style, section), problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
