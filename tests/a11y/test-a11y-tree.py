#!/usr/bin/env python3
# test-a11y-tree.py LANGUAGE — every section and dialog of the demo, as
# AT-SPI shows it to a screen reader, audited by carebook_a11y.audit().
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import carebook_a11y as a11y  # noqa: E402


# AdwPreferencesWindow 1.2 keeps its search entry and results list in the
# tree even with search turned off; the app cannot name or remove them.
OWNED = {'Preferences': {('entry', 'GtkSearchEntry'), ('list', 'GtkListBox')}}


def main():
    language = sys.argv[1] if len(sys.argv) > 1 else 'en'
    tap = a11y.Tap()
    seen = set()
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

        # Dialogs and popovers, each opened and closed from the keyboard.
        dialogs = [
            ('Preferences', ['ctrl+comma'], ['Escape'], False),
            # GTK builds the shortcuts window's search and back button
            # itself; its title and the shortcuts are ours.
            ('Keyboard Shortcuts', ['ctrl+question'], ['Escape'], True),
            ('Search This Record', ['ctrl+f'], ['Escape'], False),
        ]
        for what, open_keys, close_keys, toolkit in dialogs:
            try:
                before = len(demo.windows())
                demo.key(*open_keys, settle=1.0)
                windows = demo.windows()
                problems = []
                skip = a11y.page_names(demo)
                for w in windows[1:] if len(windows) > before else [demo.window]:
                    problems += a11y.audit(w, seen, skip, toolkit, OWNED.get(what, ()))
                demo.key(*close_keys, settle=0.6)
            except Exception as e:
                problems = ['could not open it: %s' % e]
            tap.ok(not problems, '%s: %s' % (language, what), problems)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
