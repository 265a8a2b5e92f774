#!/usr/bin/env python3
# test-a11y-vaccine.py — the vaccine form driven with key presses only (Tab,
# Enter, typing), checked at its end state through AT-SPI; the demo's other
# flows are test-a11y-keyboard.py. Both use carebook_a11y.py's harness.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    tap = a11y.Tap()
    with a11y.Demo(language) as demo:
        _ = demo._
        # The vaccine form: Ctrl+6, Tab to "Add One I Got Elsewhere",
        # Enter; type in each field, a wrong date is said in words and
        # tied to its field; Add sends it, and the focus comes back.
        details = []
        try:
            demo.go_to(5)
            add = demo.tab_to(lambda f: f.get_name() == _('Add One I Got Elsewhere'))
            if add is None:
                raise AssertionError('Tab never reached "Add One I Got Elsewhere"')
            before = len(demo.windows())
            demo.key('Return', settle=1.0)
            demo.wait(lambda: len(demo.windows()) > before, 15, 'the vaccine form')
            # Xvfb has no window manager to give a new window the keyboard.
            demo.focus_newest_window()
            dialog = demo.windows()[-1]

            def field(label):
                return a11y.find(dialog, lambda o, role, name: role == 'text'
                                 and label in (name or ''))
            if field(_('Vaccine')) is None or field(_('Date (year-month-day)')) is None:
                raise AssertionError('the form has no labelled vaccine and date fields')
            # The error is the entry row's (the field as a whole), not its
            # text's.
            date = a11y.find(dialog, lambda o, role, name: role == 'list item'
                             and _('Date (year-month-day)') in (name or ''))
            date = date or field(_('Date (year-month-day)'))
            # The form opens in the vaccine field. (GTK 4.8 reports no focus
            # for an AdwEntryRow's text, so what was typed is checked by
            # what it does: the wrong date, then the vaccine in the list.)
            demo.type('Tdap')
            demo.key('Tab', settle=0.4)
            demo.type('3/15/2024')
            try:
                demo.wait(lambda: a11y.has_state(date, a11y.Atspi.StateType.INVALID_ENTRY), 10,
                          'the date marked wrong')
            except Exception:
                demo.screenshot(os.path.join(os.environ.get('MESON_BUILD_ROOT', '/tmp'),
                                             'a11y-vaccine-form.png'))
                raise
            errors = [t.get_name() for t in a11y.relations(date).get('error-message', [])]
            if not [e for e in errors if e and re.search(r'\d{4}-\d{2}-\d{2}', e)]:
                details.append('the wrong date is not tied to a message that says how: %r' % errors)
            demo.key('ctrl+a', settle=0.2)
            demo.type('2024-03-15')
            demo.wait(lambda: not a11y.has_state(date, a11y.Atspi.StateType.INVALID_ENTRY), 10,
                      'the date accepted')
            add_button = demo.tab_to(lambda f: _('_Add').replace('_', '') in (f.get_name() or '')
                                and f.get_role_name() == 'push button', limit=12)
            if add_button is None:
                raise AssertionError('Tab never reached Add')
            demo.key('Return', settle=1.0)
            demo.wait(lambda: len(demo.windows()) == before, 15, 'the form closed')
            demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: role == 'list item'
                                        and 'Tdap' in (name or '')), 30, 'the vaccine in the list')
            f = demo.wait(lambda: demo.focused(), 10, 'the focus back in the window')
            if f.get_name() != _('Add One I Got Elsewhere'):
                details.append('after Add the focus is on %s' % a11y.describe(f))
        except Exception as e:
            details.append(str(e))
        tap.ok(not details, 'a vaccine is added from the keyboard, a wrong date said in words', details)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
