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
import socket
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


def extents(o):
    """@o's extents in the window, or None when it has none (a stack
    page's own object has no Component)."""
    try:
        e = Atspi.Component.get_extents(o, Atspi.CoordType.WINDOW)
    except Exception:
        return None
    return (e.x, e.y, e.width, e.height)


def intersect(a, b):
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def page_widget(page):
    """The widget of a GtkStackPage's object (which has no extents)."""
    try:
        return page.get_child_at_index(0) if page.get_child_count() > 0 else None
    except Exception:
        return None


def hidden_by(o, e):
    """Why @o (at @e) is not on screen although AT-SPI gives it extents,
    else None. GTK 4.8 sets no SHOWING state, and gives a widget that is
    not drawn the extents it had when it last was: a stack's page that is
    not the visible one (shown last when the window was wider, or before
    the sidebar folded), a folded leaflet's page beside the one shown.
    What is drawn lies inside each of its ancestors, which are laid out
    around it at their current size; and the page a stack shows takes
    the stack's place and size. So @o is hidden when an ancestor has no
    size or does not overlap it, or when it is on a stack's page other
    than the one that takes the stack's place. A page that asks for
    more than its stack (a real overflow) is larger than the stack: then
    no page takes the stack's place, and none is taken as hidden."""
    shown = e
    child = o
    p = o.get_parent()
    while p is not None:
        try:
            role, name = p.get_role_name(), p.get_name()
        except Exception:
            return None
        if role in a11y.WINDOW_ROLES or role == 'application':
            return None
        pe = extents(p)
        if name == 'GtkStackPage' and pe is None:
            stack = p.get_parent()
            se = extents(stack) if stack is not None else None
            if se is not None and extents(child) != se:
                pages = [stack.get_child_at_index(i) for i in range(stack.get_child_count())]
                if any(q is not None and q != p and extents(page_widget(q)) == se for q in pages):
                    return 'on a stack page not shown (%s, the stack %s)' % (extents(child), se)
        elif pe is not None:
            if pe[2] <= 0 or pe[3] <= 0:
                return 'in a %s with no size' % role
            shown = intersect(shown, pe)
            if shown is None:
                return 'outside its %s %r (%d,%d %dx%d)' % ((role, (name or '')[:30]) + pe)
        child = p
        p = p.get_parent()
    return None


def cut_off(root, width):
    """What the section on screen draws past the window's edges."""
    out, skipped = [], []
    for o in a11y.walk(root):
        try:
            role = o.get_role_name()
            if role not in SHOWN:
                continue
        except Exception:
            continue
        e = extents(o)
        if e is None or e[2] <= 0 or e[3] <= 0:
            continue   # not on screen (another page)
        if e[0] >= -1 and e[0] + e[2] <= width + 1:
            continue
        what = '%s %r at x %d..%d' % (role, (o.get_name() or '')[:40], e[0], e[0] + e[2])
        why = hidden_by(o, e)
        if why is None:
            out.append(what)
        else:
            skipped.append('%s, %s' % (what, why))
    if skipped:
        a11y.log('%d past the edge but not on screen, the first: %s' % (len(skipped), skipped[0]))
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


def narrow_window(app):
    """Sizes the app's windows to 360 px, as a user drags the edge (no
    window manager: the window is placed at 0,0 and sized here); returns
    the main window's extents once it is that narrow, else None."""
    for xid in app.x_windows():
        subprocess.run(['xdotool', 'windowsize', str(xid), str(WIDTH), str(HEIGHT)],
                       check=False, timeout=30)
    e = Atspi.Component.get_extents(app.window, Atspi.CoordType.SCREEN)
    return e if e.width <= WIDTH + 2 else None


def fits(app, root):
    """What keeps @root from fitting a 360 px window: the window widening
    again, or something past its edge."""
    problems = []
    try:
        e = app.wait(lambda: narrow_window(app), 5, 'the window 360 px wide')
        width = e.width
    except Exception:
        e = Atspi.Component.get_extents(app.window, Atspi.CoordType.SCREEN)
        problems.append('the window widens to %d px' % e.width)
        width = WIDTH
    return problems + cut_off(root, width)


def focus_on(app, names):
    f = app.focused()
    return f is not None and any(n in (f.get_name() or '') for n in names)


def first_run(language, scale, tap):
    """The pages of a first run (no --demo): welcome, the health systems
    that match a search, and the sign-in page waiting for the portal and
    after it failed. As test-a11y-tree.py's first run gets there, with
    a portal that takes the connection and never answers."""
    portal = socket.socket()
    portal.bind(('127.0.0.1', 0))
    portal.listen(8)
    url = 'http://127.0.0.1:%d/fhir' % portal.getsockname()[1]
    with a11y.Session(language, size='%dx%d' % (WIDTH, HEIGHT), demo=False, text_scale=scale) as app:
        _ = app._

        def step(what, reach):
            try:
                reach()
                problems = fits(app, app.window)
            except Exception as err:
                problems = ['could not open it: %s' % err]
            tap.ok(not problems, '%s: %s fits %d px with large text' % (language, what, WIDTH),
                   problems)

        def welcome():
            app.wait(lambda: a11y.find(app.window, lambda o, role, name: role in ('text', 'entry')
                                       and name == _('Search health systems')),
                     90, 'the welcome page')
            app.wait(lambda: narrow_window(app), 30, 'the window 360 px wide')

        def matches():
            # The welcome page captures typing into its search.
            app.focus_newest_window()
            app.type('Clinic')
            app.wait(lambda: a11y.find(app.window, lambda o, role, name: role == 'list item'
                                       and o.get_parent() is not None
                                       and o.get_parent().get_name() == _('Health systems')),
                     30, 'health systems that match')

        def waiting():
            # Space opens the row; Tab goes into the address field.
            app.open_address_row(_('Enter an address instead'))
            app.key('Tab', settle=0.5)
            app.type(url)
            app.key('Return', settle=1.0)
            names = {_(b).replace('_', '') for b in ('_Open the Sign-In Page Again', '_Cancel')}
            app.wait(lambda: focus_on(app, names), 30, 'the sign-in page')

        def failed():
            portal.close()
            names = {_(b).replace('_', '') for b in ('_Try Again', '_Back')}
            app.wait(lambda: focus_on(app, names), 90, 'the failure, with the focus on Try Again')

        step('the welcome page', welcome)
        step('the welcome page with health systems found', matches)
        step('the sign-in page, waiting', waiting)
        step('the sign-in page, failed', failed)
    portal.close()


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    # A11Y_SECTIONS=0,1,5 checks only those sections (indexes in a11y.SECTIONS).
    sections = [s for s in os.environ.get('A11Y_SECTIONS', '').split(',') if s]
    # A11Y_TEXT_SCALE=1 runs it with normal text, to compare.
    scale = float(os.environ.get('A11Y_TEXT_SCALE', SCALE))
    tap = a11y.Tap()
    # A process talks to one accessibility bus: the first run (its own
    # Xvfb and bus) is a test of its own, `test-a11y-large-text.py LANG first-run`.
    if sys.argv[2:3] == ['first-run']:
        first_run(language, scale, tap)
        return tap.done()
    with a11y.Demo(language, size='%dx%d' % (WIDTH, HEIGHT), text_scale=scale) as demo:
        measured, what = text_scale(demo)
        tap.ok(measured is not None and measured >= scale * 0.9,
               '%s: the text is drawn %g× as large' % (language, scale),
               ['measured %.2f×: %s' % (measured or 0, what)])

        def narrow():
            return narrow_window(demo)
        try:
            demo.wait(narrow, 30, 'the window 360 px wide')
            tap.ok(True, '%s: the window shrinks to %d px with large text' % (language, WIDTH))
        except Exception as err:
            tap.ok(False, '%s: the window shrinks to %d px with large text' % (language, WIDTH),
                   [str(err)])
        for index, section in enumerate(a11y.SECTIONS):
            if sections and str(index) not in sections:
                continue
            try:
                page = demo.go_to(index)
                # A section that asks for more than 360 px widens the
                # window as soon as it is shown, and keeps it from
                # getting narrower again.
                problems = fits(demo, page)
            except Exception as err:
                problems = ['could not open it: %s' % err]
            tap.ok(not problems, '%s: %s fits %d px with large text' % (language, section, WIDTH),
                   problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
