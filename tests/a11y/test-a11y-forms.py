#!/usr/bin/env python3
# test-a11y-forms.py — the demo's forms driven with key presses only (Tab,
# arrows, Space, Enter, typing and the app's shortcuts), each checked at
# its end state through AT-SPI: adding a vaccine, sending a message (and
# the focus kept through the list's reload that follows), booking a visit
# and answering a questionnaire, and the Pay window's fields (labelled, a
# wrong card number said and tied to its field; paying itself is driven in
# test-a11y-keyboard.py). The reading flows are test-a11y-keyboard.py;
# both use carebook_a11y.py's harness.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


def open_window(demo, button_name, what, starts=False):
    """Tab to the button, Enter, and give the new window the keyboard (Xvfb
    has no window manager to do it)."""
    def matches(f):
        name = (f.get_name() or '').replace('_', '')
        return name.startswith(button_name) if starts else f.get_name() == button_name
    button = demo.tab_to(matches)
    if button is None:
        raise AssertionError('Tab never reached %r' % button_name)
    before = len(demo.windows())
    demo.key('Return', settle=1.0)
    demo.wait(lambda: len(demo.windows()) > before, 15, what)
    demo.focus_newest_window()
    return before, demo.windows()[-1]


def back_in_main(demo, before, what):
    demo.wait(lambda: len(demo.windows()) == before, 30, '%s closed' % what)
    # The keyboard goes back to the main window, as a window manager gives it.
    demo.focus_main_window()


def vaccine(demo, tap):
    """Ctrl+6, Tab to "Add One I Got Elsewhere", Enter; type in each field,
    a wrong date is said in words and tied to its field; Add sends it,
    and the focus comes back to the button."""
    _ = demo._
    details = []
    try:
        demo.go_to(5)
        before, dialog = open_window(demo, _('Add One I Got Elsewhere'), 'the vaccine form')

        def field(label):
            return a11y.find(dialog, lambda o, role, name: role == 'text' and label in (name or ''))
        if field(_('Vaccine')) is None or field(_('Date (year-month-day)')) is None:
            raise AssertionError('the form has no labelled vaccine and date fields')
        date = field(_('Date (year-month-day)'))
        # The form opens in the vaccine field. (GTK 4.8 reports no focus
        # for an AdwEntryRow's text, nor its text: what was typed is
        # checked by what it does, the wrong date, then the vaccine listed.)
        demo.type('Tdap')
        demo.key('Tab', settle=0.4)
        demo.type('3/15/2024')
        demo.wait(lambda: a11y.in_error(date), 10, 'the date marked wrong')
        if not [e for e in a11y.error_messages(date) if re.search(r'\d{4}-\d{2}-\d{2}', e)]:
            details.append('the wrong date is not tied to a message that says how: %r'
                           % a11y.error_messages(date))
        demo.key('ctrl+a', settle=0.2)
        demo.type('2024-03-15')
        demo.wait(lambda: not a11y.in_error(date), 10, 'the date accepted')
        add = demo.tab_to(lambda f: _('_Add').replace('_', '') in (f.get_name() or '')
                          and f.get_role_name() == 'push button', limit=12)
        if add is None:
            raise AssertionError('Tab never reached Add')
        demo.key('Return', settle=1.0)
        back_in_main(demo, before, 'the form')
        demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: role == 'list item'
                                    and 'Tdap' in (name or '')), 30, 'the vaccine in the list')
        f = demo.wait(lambda: demo.focused(), 10, 'the focus back in the window')
        if f.get_name() != _('Add One I Got Elsewhere'):
            details.append('after Add the focus is on %s' % a11y.describe(f))
    except Exception as e:
        details.append(str(e))
    tap.ok(not details, 'a vaccine is added from the keyboard, a wrong date said in words', details)


def message(demo, tap):
    """Messages, Tab to New Message, Enter; Tab to Subject and Message,
    type, Ctrl+Enter sends. The conversation is listed, and the focus is
    back on New Message though the list reloaded when the sync brought
    the message back."""
    _ = demo._
    details = []
    subject = 'Keyboard only question'
    try:
        demo.go_to(10)
        before, window = open_window(demo, _('New Message'), 'the compose window')
        # To and Kind keep the first recipient and kind; Subject is the
        # field after them (GTK 4.8 says no focus for an entry row).
        if demo.tab_to(lambda f: f.get_role_name() == 'combo box' and f.get_name() == _('Kind'),
                       limit=10) is None:
            raise AssertionError('Tab never reached Kind')
        demo.key('Tab', settle=0.3)
        demo.type(subject)
        demo.key('Tab', settle=0.3)
        f = demo.focused()
        if f is None or f.get_role_name() != 'text' or _('Message') not in (f.get_name() or ''):
            raise AssertionError('Tab after Subject is on %s, not the message' % a11y.describe(f))
        demo.type('Sent with the keyboard alone.')
        demo.key('ctrl+Return', settle=1.0)
        back_in_main(demo, before, 'the compose window')
        demo.wait(lambda: a11y.find(demo.window, lambda o, role, name: role == 'list item'
                                    and o.get_parent() is not None
                                    and o.get_parent().get_name() == _('Conversations')
                                    and subject in (name or '')), 60, 'the conversation listed')
        # The sync that brings the sent message back from the portal
        # reloads the list (at once in the demo): the focus must still be
        # on New Message, not back at the top of the window.
        time.sleep(5)
        f = demo.wait(lambda: demo.focused(), 10, 'the focus in the window')
        if f.get_name() != _('New Message'):
            details.append('after sending, the focus is on %s, not New Message' % a11y.describe(f))
    except Exception as e:
        details.append(str(e))
    tap.ok(not details, 'a message is sent from the keyboard and the focus stays', details)


def book(demo, tap):
    """Appointments, Tab to "Schedule an Appointment", Enter; ↓ and Enter
    through what for and with whom, Tab to a time, Enter; Tab to "Book
    Appointment", Enter. The visit is listed; the focus is back on the
    button."""
    _ = demo._
    details = []
    try:
        demo.go_to(11)
        schedule = _('_Schedule an Appointment').replace('_', '')
        before, dialog = open_window(demo, schedule, 'the scheduling window', starts=True)
        first = demo.tab_to(lambda f: f.get_role_name() == 'list item'
                            and f.get_parent() is not None
                            and f.get_parent().get_name() == _('Kinds of visit'), limit=10)
        if first is None:
            raise AssertionError('Tab never reached the kinds of visit')
        demo.key('Down', settle=0.3)
        kind = demo.focused().get_name()
        demo.key('Return', settle=1.5)
        who = demo.tab_to(lambda f: f.get_role_name() == 'list item'
                          and f.get_parent() is not None
                          and f.get_parent().get_name() == _('Clinicians'), limit=10)
        if who is None:
            raise AssertionError('Tab never reached the clinicians after %r' % kind)
        demo.key('Return', settle=1.5)
        # Each time is one Tab stop, named with its day and clinician.
        when = demo.wait(lambda: demo.tab_to(lambda f: f.get_role_name() == 'push button'
                                             and ' ' + _('with') + ' ' in (f.get_name() or '')
                                             and re.search(r'\d\d:\d\d', f.get_name() or ''),
                                             limit=8), 30, 'an open time')
        said = when.get_name()
        problems = a11y.audit(dialog, set(), toolkit=False)
        if problems:
            details.extend('the open times: ' + p for p in problems)
        demo.key('Return', settle=1.5)
        book_button = demo.tab_to(lambda f: _('_Book Appointment').replace('_', '') in (f.get_name() or ''),
                                  limit=10)
        if book_button is None:
            raise AssertionError('Tab never reached Book Appointment')
        demo.key('Return', settle=1.0)
        back_in_main(demo, before, 'the scheduling window')
        # The visit is the portal's: Ctrl+R syncs it into the list.
        demo.key('ctrl+r', settle=1.0)
        day = said.split(' ' + _('at') + ' ')[0]
        clock = re.search(r'\d\d:\d\d', said).group()
        demo.wait(lambda: a11y.find(demo.section_page(_('Appointments')),
                                    lambda o, role, name: role == 'list item'
                                    and day in (o.get_description() or '')
                                    and clock in (o.get_description() or '')),
                  60, 'the visit %r listed' % said)
        f = demo.wait(lambda: demo.focused(), 10, 'the focus in the window')
        if not (f.get_name() or '').replace('_', '').startswith(schedule):
            details.append('after booking, the focus is on %s' % a11y.describe(f))
    except Exception as e:
        details.append(str(e))
    tap.ok(not details, 'a visit is booked from the keyboard', details)


def questionnaire(demo, tap):
    """Questionnaires, Tab to the GAD-7, Enter; Space ticks an answer, Tab
    goes on; Tab to Submit, Enter: the score is said, with the focus on it."""
    _ = demo._
    details = []
    try:
        demo.go_to(14)
        row = demo.tab_to(lambda f: f.get_role_name() == 'list item' and 'GAD-7' in (f.get_name() or '')
                          and f.get_parent() is not None
                          and f.get_parent().get_name() == _('To Answer'))
        if row is None:
            raise AssertionError('Tab never reached the GAD-7')
        demo.key('Return', settle=1.5)
        first = demo.wait(lambda: demo.focused(), 10, 'the first answer')
        if first.get_role_name() not in ('check box', 'radio button'):
            raise AssertionError('the questionnaire opened with the focus on %s' % a11y.describe(first))
        answer = first.get_name()
        # Seven questions of four answers: tick the first of each.
        for question in range(7):
            demo.key('space', settle=0.3)
            if not a11y.has_state(demo.focused(), a11y.Atspi.StateType.CHECKED):
                details.append('Space did not tick question %d' % (question + 1))
            for _i in range(4):
                demo.key('Tab', settle=0.15)
                f = demo.focused()
                if f.get_name() == answer or f.get_role_name() not in ('check box', 'radio button'):
                    break
        submit = demo.tab_to(lambda f: _('_Submit').replace('_', '') in (f.get_name() or ''), limit=10)
        if submit is None:
            raise AssertionError('Tab never reached Submit')
        demo.key('Return', settle=1.5)
        sent = demo.wait(lambda: (lambda f: f if f is not None and re.search(r'\d', f.get_name() or '')
                                  and f.get_role_name() == 'label' else None)(demo.focused()),
                         30, 'the answers sent, with the score')
        if ' 0' not in sent.get_name():
            details.append('the score said is not 0: %r' % sent.get_name())
    except Exception as e:
        details.append(str(e))
    tap.ok(not details, 'a questionnaire is answered and sent from the keyboard', details)


def pay(demo, tap):
    """Billing, Tab to Pay…, Enter: every field is named; a card number whose
    check digit is wrong is marked and tied to a message when Enter asks
    for the review; Escape closes the window and the focus comes back."""
    _ = demo._
    details = []
    try:
        demo.go_to(12)
        before, dialog = open_window(demo, _('Pay the %s').split('%s')[0], 'the Pay window', starts=True)

        def field(label):
            return a11y.find(dialog, lambda o, role, name: role == 'text' and label in (name or ''))
        for label in (_('Amount to pay'), _('Card number'), _('Expiry date (MM/YY)'), _('Security code'),
                      _('Name on the card')):
            if field(label) is None:
                details.append('no field is labelled %r' % label)
        number = field(_('Card number'))
        demo.key('Tab', settle=0.3)
        demo.type('4242 4242 4242 4241')
        demo.key('Return', settle=1.0)
        demo.wait(lambda: a11y.in_error(number), 10, 'the card number marked wrong')
        if not [e for e in a11y.error_messages(number) if _('This card number is not right. Check each digit against the card.') in e]:
            details.append('the wrong card number is not tied to its message: %r' % a11y.error_messages(number))
        demo.key('Escape', settle=1.0)
        back_in_main(demo, before, 'the Pay window')
        f = demo.wait(lambda: demo.focused(), 10, 'the focus back in the window')
        if not demo.in_window(f):
            details.append('after Escape the focus is on %s' % a11y.describe(f))
    except Exception as e:
        details.append(str(e))
    tap.ok(not details, "the Pay window's fields are labelled and say what is wrong", details)


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    tap = a11y.Tap()
    # A11Y_FLOWS=book,questionnaire runs only those (when working on one).
    only = os.environ.get('A11Y_FLOWS')
    with a11y.Demo(language) as demo:
        for flow in (vaccine, message, book, questionnaire, pay):
            if not only or flow.__name__ in only.split(','):
                flow(demo, tap)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
