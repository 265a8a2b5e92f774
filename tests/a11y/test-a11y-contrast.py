#!/usr/bin/env python3
# test-a11y-contrast.py STYLE — every section and the main dialogs of the
# demo in the light, dark or high-contrast style (one style a process: a process talks to the first
# accessibility bus it meets, so a second demo in it is never found),
# its text sampled from screenshots and checked against WCAG 2.1 AA: 4.5:1 for normal text, 3:1 for large text (18 pt,
# or 14 pt bold). A label's place comes from AT-SPI, as a screen reader
# or magnifier finds it; its colours from the pixels drawn there: the
# commonest is the background, and the text is the colour that stands
# out most among the others (carebook_pixels.text_colours()).
#
# A page is read only once it is drawn whole: no stack on the way to it
# or in it says "busy" (the app marks a stack busy while it fades from
# page to page, and a record view's while it waits for its data: the
# "Getting your record…" page), and two screenshots in a row show the
# same pixels where it lies. Halfway through a crossfade text has half its
# contrast, which is not what anyone reads.
# SPDX-License-Identifier: GPL-3.0-or-later
import importlib
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402
import carebook_pixels as pixels  # noqa: E402

# How test-a11y-tree.py presses a button and closes what it opened.
tree = importlib.import_module('test-a11y-tree')

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


def on_screen(o):
    """Whether @o has room on the screen (a hidden page has none)."""
    e = Atspi.Component.get_extents(o, Atspi.CoordType.SCREEN)
    return e.width > 0 and e.height > 0


def busy(o):
    return o.get_state_set().contains(Atspi.StateType.BUSY) and on_screen(o)


def scan(root):
    """The labels under @root, leaving out an avatar's initials (drawn
    beside the name they stand for, on a colour of libadwaita's), and the
    stacks under it on screen that are busy: a record view's states
    (named after their type, CareViewStack) and any stack whose pages
    have no title (GTK 4.8 names such a page after its type)."""
    out = []
    waiting = []

    def visit(o, depth, parent):
        try:
            role, name = o.get_role_name(), o.get_name()
            n = o.get_child_count()
            if name == 'CareViewStack' and busy(o):
                waiting.append(name)
            elif name == 'GtkStackPage' and parent is not None and parent not in stacks:
                stacks.append(parent)
                if busy(parent):
                    waiting.append('a stack in %r' % root.get_name())
        except Exception:
            return
        if name == 'AdwAvatar':
            return
        if role == 'label' and name and name.strip():
            out.append(o)
        for i in range(n if depth < 80 else 0):
            c = o.get_child_at_index(i)
            if c is not None:
                visit(c, depth + 1, o)

    stacks = []
    visit(root, 0, None)
    return out, waiting


def busy_above(o):
    """The busy stacks holding @o (the section stack, the window's)."""
    out = []
    p = o.get_parent()
    while p is not None and p.get_role_name() not in a11y.WINDOW_ROLES:
        if p.get_state_set().contains(Atspi.StateType.BUSY):
            out.append('a stack holding %r' % o.get_name())
        p = p.get_parent()
    return out


def stable_shot(demo, rect, timeout=30):
    """A screenshot once two in a row show the same pixels inside @rect
    (x, y, w, h): nothing there is still being drawn."""
    deadline = time.time() + timeout
    last = pixels.Shot(demo.display)
    while True:
        demo.pump()
        shot = pixels.Shot(demo.display)
        if shot.same(last, *rect):
            return shot
        if time.time() > deadline:
            raise TimeoutError('the screen kept changing for %d s' % timeout)
        last = shot


def drawn(demo, roots, timeout=90):
    """The labels under @roots and a screenshot of them, once no stack on
    the way to them or under them is busy and the screen is still."""
    deadline = time.time() + timeout
    while True:
        labels, waiting = [], []
        for root in roots:
            found, below = scan(root)
            labels += found
            waiting += below + busy_above(root)
        if not waiting:
            break
        if time.time() > deadline:
            raise TimeoutError('still busy after %d s: %s' % (timeout, ', '.join(sorted(set(waiting)))))
        time.sleep(0.2)
        demo.pump()
        demo.app.clear_cache()
    # A section's page is a stack page, which has no place of its own
    # on the bus: its child has.
    where = roots[0]
    if 'Component' not in where.get_interfaces():
        where = where.get_child_at_index(0)
    e = Atspi.Component.get_extents(where, Atspi.CoordType.SCREEN)
    return labels, stable_shot(demo, (e.x, e.y, e.width, e.height))


def inactive(o):
    """Whether @o is the words of a control that cannot be used now (an
    Add button until the form is filled): WCAG 1.4.3 leaves those out."""
    for _ in range(4):
        o = o.get_parent()
        if o is None:
            return False
        if o.get_role_name() in ('push button', 'toggle button', 'menu item', 'check box'):
            return not o.get_state_set().contains(Atspi.StateType.SENSITIVE)
    return False


def check(shot, window, labels, seen):
    """The @labels drawn inside @window (the main window or a dialog)
    whose text does not meet WCAG AA on the screenshot."""
    problems = []
    # In screen coordinates: a dialog lies where it was put (Xvfb has no
    # window manager), and what lies past a window is the bare screen.
    w = Atspi.Component.get_extents(window, Atspi.CoordType.SCREEN)
    left, top = max(0, w.x), max(0, w.y)
    right, bottom = min(shot.width, w.x + w.width), min(shot.height, w.y + w.height)
    for o in labels:
        try:
            e = Atspi.Component.get_extents(o, Atspi.CoordType.SCREEN)
            name = o.get_name()
        except Exception:
            continue
        # A lone character (a keycap, a separator) has too few pixels
        # drawn in full for text_colours() to tell its colour.
        if len(name.strip()) < 2:
            continue
        # Unmapped (another page) or scrolled out of the window.
        if e.width < 4 or e.height < 6 or e.x < left or e.y < top or \
                e.x + e.width > right or e.y + e.height > bottom:
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
        if r < need and key not in seen and not inactive(o):
            seen.add(key)
            problems.append('%.2f:1 < %.1f:1  %s on %s  %r (%g pt%s)'
                            % (r, need, pixels.hex_colour(text), pixels.hex_colour(background),
                               name[:50], size, ' bold' if bold else ''))
    return problems


def dialogs(demo):
    """The main dialogs and popovers, each as (what, how it opens, what
    shows it is open in the main window or None for a new window), opened
    as test-a11y-tree.py opens them."""
    _ = demo._
    press = tree.press

    def keys(*k):
        return lambda: demo.key(*k, settle=1.0)

    def button(section, label, starts=False):
        def open_it():
            root = demo.go_to(section) if section is not None else demo.window
            b = a11y.find(root, lambda o, role, name: role in ('push button', 'toggle button')
                          and name is not None
                          and (name.replace('_', '').startswith(label) if starts else name == label)
                          and a11y.on_screen(o))
            if b is None:
                raise AssertionError('no button %r' % label)
            press(b)
            return b
        return open_it

    def menu_item(label):
        def open_it():
            button(None, _('Main Menu'))()
            item = demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: role == 'menu item'
                                               and name is not None
                                               and name.replace('_', '').startswith(label.replace('_', ''))),
                             10, 'the menu item %r' % label)
            press(item)
        return open_it

    return [
        ('Preferences', keys('ctrl+comma'), None),
        ('Keyboard Shortcuts', keys('ctrl+question'), None),
        ('Main Menu', button(None, _('Main Menu')), _('_About Carebook').replace('_', '')),
        ('About Carebook', menu_item(_('_About Carebook')), None),
        ('person switcher', button(None, _('Showing the record of %s. Switch person').split('%s')[0], True),
         _('Whose Record')),
        ('Add a Vaccine You Got Elsewhere', button(5, _('Add One I Got Elsewhere')), None),
        ('New Message', button(10, _('New Message')), None),
        ('Schedule an Appointment', button(11, _('_Schedule an Appointment').replace('_', ''), True), None),
    ]


def check_dialogs(demo, style, tap, seen):
    only = os.environ.get('A11Y_DIALOGS')
    for what, open_it, shows in dialogs(demo):
        if only and what not in only.split(','):
            continue
        try:
            before = len(demo.windows())
            opener = open_it()
            if shows is not None:
                demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: name == shows
                                            and a11y.on_screen(o)), 10, '%r on screen' % shows)
            else:
                demo.wait(lambda: len(demo.windows()) > before, 10, 'a new window')
            windows = demo.windows()
            problems = []
            # A new window (a dialog), else a popover in the main one.
            for w in windows[before:] if len(windows) > before else [demo.window]:
                labels, shot = drawn(demo, [w])
                problems += check(shot, w, labels, seen)
            tree.close(demo, before, opener, shows)
        except Exception as e:
            problems = ['could not check it: %s' % e]
        tap.ok(not problems, '%s: %s' % (style, what), problems)


def main():
    only = ','.join(sys.argv[1:]) or os.environ.get('A11Y_STYLES')
    # A11Y_SECTIONS=0,1,5 checks only those sections (indexes in
    # a11y.SECTIONS); A11Y_DIALOGS=Preferences,… only those dialogs.
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
                    page = demo.go_to(index, settle=False)
                    roots = [page] if sidebar_done else [page, demo.sidebar()]
                    sidebar_done = True
                    labels, shot = drawn(demo, roots)
                    problems = check(shot, demo.window, labels, seen)
                except Exception as e:
                    problems = ['could not check it: %s' % e]
                tap.ok(not problems, '%s: %s' % (style, section), problems)
            # A11Y_DIALOGS=none leaves the dialogs out.
            if os.environ.get('A11Y_DIALOGS') != 'none':
                check_dialogs(demo, style, tap, seen)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
