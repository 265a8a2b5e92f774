#!/usr/bin/env python3
# test-a11y-keyboard.py — the demo's flows driven with key presses only
# (Tab, arrows, Enter, Escape and the app's shortcuts), each checked at its
# end state through AT-SPI, and the focus checked after every page change.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    tap = a11y.Tap()
    with a11y.Demo(language) as demo:
        _ = demo._

        # Every section from the keyboard: the focus stays in the window.
        lost = []
        # A11Y_QUICK=1 leaves this, the slowest flow, out (when working on
        # another one).
        for index, section in enumerate([] if os.environ.get('A11Y_QUICK') else a11y.SECTIONS):
            try:
                demo.go_to(index)
                f = demo.wait(lambda: demo.focused(), 10, 'the focus')
                if not demo.in_window(f):
                    lost.append('%s: focus on %s' % (section, a11y.describe(f)))
            except Exception as e:
                lost.append('%s: %s' % (section, e))
        tap.ok(not lost, 'every section opens from the keyboard and keeps the focus', lost)

        # Reading a result: Ctrl+2, Tab to a result, Enter, then Escape.
        details = []
        demo.go_to(1)
        row = demo.tab_to(lambda f: f.get_role_name() == 'list item' and f.get_parent() is not None
                     and f.get_parent().get_name() == _('Test results'))
        if row is None:
            details.append('Tab never reached a test result')
        else:
            said = a11y.squash(row.get_name() or row.get_child_at_index(0).get_name())
            demo.key('Return', settle=1.0)
            try:
                # The detail's title is a heading with the result's name.
                demo.wait(lambda: a11y.find(demo.section_page(_('Test Results')),
                                            lambda o, role, name: role == 'heading' and name
                                            and said.startswith(a11y.squash(name))),
                          20, 'the result detail')
                f = demo.focused()
                if f is None or not demo.in_window(f):
                    details.append('the detail opened with the focus on %s' % a11y.describe(f))
            except Exception as e:
                details.append(str(e))
            demo.key('Escape', settle=1.0)
            f = demo.wait(lambda: demo.focused(), 10, 'the focus back in the list')
            if f.get_role_name() != 'list item':
                details.append('Escape left the focus on %s, not on the result' % a11y.describe(f))
        tap.ok(not details, 'a result opens with Enter and closes with Escape', details)

        # A chart: Tab to it, the arrows move point to point and say each.
        details = []
        demo.go_to(7)
        chart = demo.tab_to(lambda f: f.get_role_name() == 'image')
        if chart is None:
            details.append('Tab never reached the chart')
        else:
            before = chart.get_name()
            demo.key('Right', settle=0.6)
            first = demo.focused().get_name()
            demo.key('Right', settle=0.6)
            second = demo.focused().get_name()
            if first == before or second == first:
                details.append('the arrows did not change what the chart says: %r, %r, %r'
                               % (before, first, second))
            if not re.search(r'\d', first or ''):
                details.append('the focused point says no value: %r' % first)
            table = a11y.find(demo.window, lambda o, role, name: name == _('Show as Table')
                              and role in ('toggle button', 'push button'))
            if table is None:
                details.append('no "Show as Table" beside the chart')
        tap.ok(not details, 'a chart moves point to point with the arrow keys', details)

        # Opening a document: Visits & Documents, Tab to one, Enter.
        details = []
        demo.go_to(9)
        sections = {_(t) for t in a11y.SECTIONS}
        row = demo.tab_to(lambda f: f.get_role_name() == 'list item'
                     and f.get_name() not in sections and f.get_parent() is not None
                     and f.get_parent().get_name() != _('Sections'))
        if row is None:
            details.append('Tab never reached a document')
        else:
            name = row.get_name()
            demo.key('Return', settle=1.5)
            f = demo.wait(lambda: demo.focused(), 15, 'the focus in the document')
            if not demo.in_window(f) or f.get_name() == name:
                details.append('Enter on %r left the focus on %s' % (name, a11y.describe(f)))
            demo.key('Escape', settle=1.0)
            f = demo.wait(lambda: demo.focused(), 10, 'the focus back in the list')
            if not demo.in_window(f):
                details.append('Escape lost the focus')
        tap.ok(not details, 'a document opens with Enter and closes with Escape', details)

        # Paying a bill: Billing, Tab to the statement's Pay…, Enter; the
        # amount is preset, so Tab to the card's fields and type them; Enter
        # reviews, Enter pays; the receipt is said, Enter closes it, and
        # the statement is listed as paid once the record has synced.
        details = []
        try:
            demo.go_to(12)
            prefix = _('Pay the %s').split('%s')[0]
            pay = demo.tab_to(lambda f: f.get_role_name() == 'push button'
                              and (f.get_name() or '').startswith(prefix))
            if pay is None:
                raise AssertionError('Tab never reached a Pay button')
            title = pay.get_name()[len(prefix):].rstrip('»').strip()
            before = len(demo.windows())
            demo.key('Return', settle=1.0)
            demo.wait(lambda: len(demo.windows()) > before, 15, 'the Pay window')
            demo.focus_newest_window()
            dialog = demo.windows()[-1]
            for label, text in ((_('Card number'), '4242 4242 4242 4242'), (_('Expiry date (MM/YY)'), '12/35'),
                                (_('Security code'), '737'), (_('Name on the card'), 'Maria Reyes')):
                demo.key('Tab', settle=0.3)
                demo.type(text)
            demo.key('Return', settle=1.0)
            f = demo.wait(lambda: (lambda o: o if o is not None and (o.get_name() or '').startswith(
                _('Pay %s').split('%s')[0]) and o.get_role_name() == 'push button' else None)(demo.focused()),
                10, 'the review, with the focus on Pay')
            demo.key('Return', settle=1.5)
            receipt = demo.wait(lambda: a11y.find(dialog, lambda o, role, name: 'PaymentNotice/' in (name or '')),
                                60, 'the receipt')
            if 'Visa' not in (receipt.get_name() or ''):
                details.append('the receipt does not name the card: %r' % receipt.get_name())
            # The list behind reloads with the sync and reports its own
            # focus to AT-SPI meanwhile (GTK 4.8 under Xvfb gives neither
            # window's Close a FOCUSED state to check): that Enter closes the
            # receipt is what shows the keyboard is on it.
            demo.key('Return', settle=1.0)
            demo.wait(lambda: len(demo.windows()) == before, 15, 'the Pay window closed')
            demo.focus_main_window()
            demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: role == 'list item'
                                        and title in (name or '')
                                        and _('Paid') in (name or '') + (o.get_description() or '')),
                      60, 'the statement listed as paid')
        except Exception as e:
            details.append(str(e))
        tap.ok(not details, 'a statement is paid from the keyboard', details)

        # Switching person: Tab to the person switcher, Enter, Down, Enter.
        details = []
        demo.go_to(0)
        switcher = demo.tab_to(lambda f: f.get_role_name() in ('push button', 'toggle button')
                          and 'Switch' in (f.get_name() or '') or 'Cambiar' in (f.get_name() or ''))
        if switcher is None:
            details.append('Tab never reached the person switcher')
        else:
            before = switcher.get_name()
            demo.key('Return', settle=1.0)
            demo.key('Down', settle=0.4)
            demo.key('Return', settle=1.5)
            try:
                demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: name != before and
                                            role in ('push button', 'toggle button') and
                                            ('Switch' in (name or '') or 'Cambiar' in (name or ''))),
                          30, 'another person on screen')
            except Exception as e:
                details.append(str(e))
            f = demo.focused()
            if f is None or not demo.in_window(f):
                details.append('after switching, the focus is on %s' % a11y.describe(f))
        tap.ok(not details, 'the person on screen changes from the keyboard', details)

        # A growth chart (the person now on screen is a child): the arrows
        # say value, percentile and date; "Show as Table" lists them.
        details = []
        try:
            demo.go_to(8)
            chart = demo.tab_to(lambda f: f.get_role_name() == 'image')
            if chart is None:
                raise AssertionError('Tab never reached the growth chart')
            demo.key('End', settle=0.6)
            last = demo.focused().get_name() or ''
            demo.key('Left', settle=0.6)
            said = demo.focused().get_name() or ''
            if said == last or not re.search(r'\d', said):
                details.append('the arrows did not move to another point: %r, %r' % (last, said))
            # "62nd percentile", "percentil 62" in Spanish.
            if 'percentil' not in said.casefold():
                details.append('the point says no percentile: %r' % said)
            table = demo.tab_to(lambda f: f.get_name() == _('Show as Table'), key='shift+Tab')
            if table is None:
                raise AssertionError('shift+Tab never reached "Show as Table"')
            demo.key('space', settle=1.0)
            rows = demo.wait(lambda: a11y.find_all(demo.section_page(_('Growth Charts')),
                                                   lambda o, role, name: role == 'list item'
                                                   and o.get_parent() is not None
                                                   and o.get_parent().get_name() == _('Measurements')),
                             15, 'the table of measurements')
            first = a11y.squash((rows[0].get_name() or '') + ' ' + (rows[0].get_description() or ''))
            if a11y.squash(last.split('.')[0]) not in first:
                details.append("the table's first row %r is not the latest point %r" % (first, last))
            demo.key('space', settle=0.6)
        except Exception as e:
            details.append(str(e))
        # Xvfb's pointer rests mid-screen, on a point of this chart: the
        # keys must move the point all the same (they once did not, and
        # End said the age-4 point; tests/ui/test-charts.c keys-over-hover).
        tap.ok(not details, 'a growth chart moves point to point and shows as a table', details)

        # The forms (vaccine, message, booking, questionnaire) are
        # tests/a11y/test-a11y-forms.py, a launch of their own.
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
