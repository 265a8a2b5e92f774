#!/usr/bin/env python3
# test-a11y-tree.py LANGUAGE — every section and dialog of the demo, as
# AT-SPI shows it to a screen reader, audited by carebook_a11y.audit().
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import socket
import sys
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


# AdwPreferencesWindow 1.2 keeps its search entry and results list in the
# tree even with search turned off; the app cannot name or remove them.
OWNED = {'Preferences': {('entry', 'GtkSearchEntry'), ('list', 'GtkListBox')}}


# What opens inside a section's page rather than in a window or popover.
IN_PAGE = {'a questionnaire': ('Questionnaires', 'To Answer')}


def press(o):
    """Activates @o as a screen reader does (its first AT-SPI action). A
    GtkMenuButton is a box around the toggle button that has the action."""
    for node in [o] + [c for c in a11y.walk(o)]:
        try:
            if node.get_action_iface() is not None and Atspi.Action.get_n_actions(node) > 0:
                Atspi.Action.do_action(node, 0)
                return
        except Exception:
            continue
    Atspi.Action.do_action(o, 0)


def named(root, text, roles=('push button', 'toggle button', 'menu item')):
    return a11y.find(root, lambda o, role, name: role in roles and name is not None
                     and a11y.squash(name) == a11y.squash(text))


def find_named_on_screen(demo, text):
    return a11y.find(demo.window, lambda o, role, name: name == text and a11y.on_screen(o))


def close(demo, before, opener, shows=None, back_to=None):
    """Closes what was opened: Escape in a new window (given the keyboard
    first, as a window manager would), its Cancel or Close otherwise; a
    popover by pressing its button again."""
    _ = demo._
    if len(demo.windows()) > before:
        demo.focus_newest_window()
        demo.key('Escape', settle=0.8)
        if len(demo.windows()) > before:
            w = demo.windows()[-1]
            for label in (_('_Cancel'), _('_Close')):
                b = named(w, label.replace('_', ''))
                if b is not None:
                    press(b)
                    break
        demo.wait(lambda: len(demo.windows()) <= before, 10, 'the window closed')
        demo.focus_main_window()
    elif opener is not None:
        press(opener)
    elif back_to is not None:
        # A page in the section: its back button, then the list again.
        back = named(demo.window, shows)
        if back is not None:
            press(back)
        demo.wait(lambda: find_named_on_screen(demo, back_to), 10, '%r again' % back_to)
        shows = None
    else:
        demo.key('Escape', settle=0.6)
    if shows is not None and opener is not None:
        # A popover that is still going keeps the keyboard.
        demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: name == shows
                                    and a11y.on_screen(o)) is None, 10, '%r gone' % shows)
    # The keyboard goes back to the main window, as a window manager gives
    # it back (X leaves it on the closed window otherwise).
    demo.focus_main_window()


def focus_on(app, names):
    """Whether the focus is on a button that says one of @names (GTK 4.8
    names a button with a mnemonic "_Cancel Cancel")."""
    f = app.focused()
    return f is not None and any(n in (f.get_name() or '') for n in names)


def first_run(language, tap, seen):
    """The welcome page of a first run (no --demo), and the sign-in page
    while it waits for the portal and after the portal failed."""
    # A portal that takes the connection and never answers keeps the
    # sign-in page waiting; closing it turns the wait into an error.
    portal = socket.socket()
    portal.bind(('127.0.0.1', 0))
    portal.listen(8)
    url = 'http://127.0.0.1:%d/fhir' % portal.getsockname()[1]
    with a11y.Session(language, demo=False) as app:
        _ = app._
        problems = []
        try:
            search = app.wait(lambda: a11y.find(app.window, lambda o, role, name: role in ('text', 'entry')
                                                and name == _('Search health systems')),
                              90, 'the welcome page')
            problems = a11y.audit(app.window, seen)
        except Exception as e:
            problems = ['could not open it: %s' % e]
        tap.ok(not problems, '%s: welcome page (first run)' % language, problems)

        # The directory's matches, from the keyboard.
        problems = []
        try:
            app.focus_newest_window()
            f = None
            for _i in range(30):
                f = app.focused()
                if f is not None and f.get_role_name() in ('text', 'entry') and \
                        f.get_name() == _('Search health systems'):
                    break
                app.key('Tab', settle=0.15)
            else:
                raise AssertionError('Tab never reached the search (focus on %s)' % a11y.path_of(f))
            app.type('Clinic')
            app.wait(lambda: a11y.find(app.window, lambda o, role, name: role == 'list item'
                                       and o.get_parent() is not None
                                       and o.get_parent().get_name() == _('Health systems')),
                     30, 'health systems that match')
            problems = a11y.audit(app.window, seen)
        except Exception as e:
            problems = ['could not search: %s' % e]
        tap.ok(not problems, '%s: welcome page with matches' % language, problems)

        # Signing in: the address row, Connect, then the sign-in page.
        problems = []
        try:
            # Space opens the row (as it does a GtkExpander); Tab then
            # goes into the address field.
            app.open_address_row(_('Enter an address instead'))
            web = _('Web address')
            # GTK 4.8 neither says an entry row's text has the focus nor
            # gives its text: the sign-in page coming up says it worked.
            app.key('Tab', settle=0.5)
            app.type(url)
            app.key('Return', settle=1.0)
            # The page that replaced the welcome page has the focus.
            waiting = {_(b).replace('_', '') for b in ('_Open the Sign-In Page Again', '_Cancel')}
            app.wait(lambda: focus_on(app, waiting),
                     30, 'the focus on the sign-in page')
            problems = a11y.audit(app.window, seen)
        except Exception as e:
            problems = ['could not open it: %s' % e]
        tap.ok(not problems, '%s: sign-in page, waiting' % language, problems)

        problems = []
        try:
            portal.close()
            failed = {_(b).replace('_', '') for b in ('_Try Again', '_Back')}
            app.wait(lambda: focus_on(app, failed),
                     90, 'the failure, with the focus on Try Again')
            problems = a11y.audit(app.window, seen)
        except Exception as e:
            problems = ['could not open it: %s' % e]
        tap.ok(not problems, '%s: sign-in page, failed' % language, problems)
    portal.close()


def signed_in(language, tap, seen):
    """A profile signed in to a portal (not the demo, which hides Sign
    Out): the main menu with "Sign Out of This Person…", and its dialog.
    The portal is a closed port, so nothing is synced or signed out; the
    person comes from the connections file alone, as after a restart."""
    import json
    app = a11y.Session(language, demo=False)
    config = os.path.join(app.tmp, 'config', 'carebook')
    os.makedirs(config, mode=0o700)
    base = 'http://127.0.0.1:9/fhir'
    with open(os.path.join(config, 'connections.json'), 'w') as f:
        json.dump({'version': 1, 'connections': [{
            'id': base + '|walk', 'fhir-base': base, 'patient-id': 'walk',
            'display-name': 'Alex Walker', 'birth-date': '1980-04-02', 'relationship': 'self',
            'access-level': 'full', 'state': 'connected'}]}, f)
    with app:
        _ = app._
        problems = []
        try:
            menu = app.wait(lambda: a11y.find(app.window, lambda o, role, name: role in (
                'push button', 'toggle button') and name == _('Main Menu') and a11y.on_screen(o)),
                90, 'the main window with its menu')
            press(menu)
            label = _('_Sign Out of This Person…').replace('_', '')
            item = app.wait(lambda: a11y.find(app.window, lambda o, role, name: role == 'menu item'
                                              and (name or '').replace('_', '').startswith(label)),
                            10, 'the menu item %r' % label)
            problems = a11y.audit(app.window, seen)
            before = len(app.windows())
            press(item)
            app.wait(lambda: len(app.windows()) > before, 10, 'the sign-out dialog')
            dialog = app.windows()[-1]
            a11y.log('the dialog: %s' % a11y.describe(dialog))
            if a11y.no_name(dialog.get_name()):
                problems.append('the sign-out dialog has no title')
            problems += a11y.audit(dialog, seen)
            # Escape (the default response is Cancel) keeps the person.
            app.focus_newest_window()
            app.key('Escape', settle=0.8)
            app.wait(lambda: len(app.windows()) == before, 10, 'the dialog closed by Escape')
            if a11y.find(app.window, lambda o, role, name: 'Alex Walker' in (name or '')) is None:
                problems.append('Escape in the sign-out dialog signed the person out')
        except Exception as e:
            problems.append('could not open it: %s' % e)
        tap.ok(not problems, '%s: Sign Out of This Person (signed in, not the demo)' % language,
               problems)


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    tap = a11y.Tap()
    seen = set()
    # A process talks to one accessibility bus: the first run (its own
    # Xvfb and bus) is a test of its own, `test-a11y-tree.py LANG first-run`.
    if sys.argv[2:3] == ['first-run']:
        first_run(language, tap, seen)
        return tap.done()
    if sys.argv[2:3] == ['signed-in']:
        signed_in(language, tap, seen)
        return tap.done()
    with a11y.Demo(language) as demo:
        _ = demo._
        header = demo.window
        only = os.environ.get('A11Y_SECTIONS')
        for index, section in enumerate(a11y.SECTIONS):
            if only and str(index) not in only.split(','):
                continue
            try:
                page = demo.go_to(index)
                problems = a11y.audit(page, seen)
            except Exception as e:
                problems = ['could not open it: %s' % e]
            tap.ok(not problems, '%s: %s' % (language, section), problems)

        # The window around the sections: headers, sidebar, banners.
        problems = a11y.audit(demo.window, seen, skip=a11y.page_names(demo))
        tap.ok(not problems, '%s: window, sidebar and headers' % language, problems)

        # Dialogs and popovers: the window-wide ones from their keys, the
        # others with the button that opens them, pressed as a screen
        # reader presses it (its AT-SPI action).
        def keys(*k):
            return lambda: demo.key(*k, settle=1.0)

        def button(section, label, starts=False):
            def open_it():
                root = demo.go_to(section) if section is not None else demo.window
                # The one on screen: the narrow layout's header has its own.
                b = a11y.find(root, lambda o, role, name: role in ('push button', 'toggle button')
                              and name is not None
                              and (name.replace('_', '').startswith(label) if starts else name == label)
                              and a11y.on_screen(o))
                if b is None:
                    raise AssertionError('no button %r' % label)
                press(b)
                return b
            return open_it

        def first_row(section, list_name):
            def open_it():
                root = demo.go_to(section)
                # A list row has no AT-SPI action in GTK 4.8: Tab to it and
                # press Enter, as a keyboard user does.
                row = demo.tab_to(lambda f: f.get_role_name() == 'list item'
                                  and f.get_parent() is not None
                                  and f.get_parent().get_name() == list_name)
                if row is None:
                    raise AssertionError('Tab never reached a row in %r' % list_name)
                demo.key('Return', settle=1.0)
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

        dialogs = [
            # What it is, how it opens, whether the toolkit builds its
            # insides, and the name of something that shows it is open.
            ('Preferences', keys('ctrl+comma'), False, None),
            # GTK builds the shortcuts window's search and back button
            # itself; its title and the shortcuts are ours.
            ('Keyboard Shortcuts', keys('ctrl+question'), True, None),
            ('Main Menu', button(None, _('Main Menu')), False, _('_About Carebook').replace('_', '')),
            ('About Carebook', menu_item(_('_About Carebook')), True, None),
            ('Import Readings', menu_item(_('_Import Readings from a File…')), False, None),
            ('person switcher', button(None, _('Showing the record of %s. Switch person').split('%s')[0], True),
             False, _('Whose Record')),
            ('Add a Vaccine You Got Elsewhere', button(5, _('Add One I Got Elsewhere')), False, None),
            ('Add an Allergy', button(3, _('Add an Allergy')), False, None),
            ('New Message', button(10, _('New Message')), False, None),
            ('Schedule an Appointment', button(11, _('_Schedule an Appointment').replace('_', ''), True),
             False, None),
            ('Pay a Statement', button(12, _('Pay the %s').split('%s')[0], True), False, None),
            # A questionnaire opens in its section's page, in place of the list.
            ('a questionnaire', first_row(14, _('To Answer')), False, _('Back to Questionnaires')),
            # Last: the search bar keeps the window in search mode.
            ('Search This Record', keys('ctrl+f'), False, _('Search this record')),
        ]
        # "Sign Out of This Person…" is hidden in the demo (its family lives
        # in memory: nothing to sign out of): `test-a11y-tree.py LANG
        # signed-in` walks it on a profile that is not the demo.
        only = os.environ.get('A11Y_DIALOGS')
        if only:
            dialogs = [d for d in dialogs if d[0] in only.split(',')]
        for what, open_it, toolkit, shows in dialogs:
            try:
                before = len(demo.windows())
                opener = open_it()
                time.sleep(1.0)
                demo.pump()
                if shows is not None:
                    # A popover opens in the window: what it shows must be
                    # on screen, or the walk would read the window alone.
                    demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: name == shows
                                                and a11y.on_screen(o)), 10, '%r on screen' % shows)
                else:
                    demo.wait(lambda: len(demo.windows()) > before, 10, 'a new window')
                windows = demo.wait(lambda: demo.windows(), 5, 'the windows')
                problems = []
                skip = a11y.page_names(demo)
                roots = windows[1:] if len(windows) > before else [demo.window]
                if what in IN_PAGE:
                    roots = [demo.section_page(_(IN_PAGE[what][0]))]
                for w in roots:
                    problems += a11y.audit(w, seen, skip, toolkit, OWNED.get(what, ()))
                close(demo, before, opener, shows, _(IN_PAGE[what][1]) if what in IN_PAGE else None)
            except Exception as e:
                problems = ['could not open it: %s' % e]
            tap.ok(not problems, '%s: %s' % (language, what), problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
