#!/usr/bin/env python3
# check-desktop.py — the built desktop file is clean, launches the app and is translated
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-desktop.py DESKTOP_FILE APP_ID LANG

desktop-file-validate exits 0 on warnings and hints, so any output at all
fails here. Then what the app relies on: it starts `carebook` with the URIs
it is given, it receives the sign-in redirect scheme that
src/core/auth/care-authorizer.c registers, and i18n.merge_file put the
translation of every translatable key into the built file.
"""
import configparser
import subprocess
import sys

REDIRECT_SCHEME = 'x-scheme-handler/org.carebook.carebook'
TRANSLATED_KEYS = ('Name', 'GenericName', 'Comment', 'Keywords')


def main():
    path, app_id, lang = sys.argv[1], sys.argv[2], sys.argv[3]
    errors = []

    result = subprocess.run(['desktop-file-validate', path],
                            capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output:
        errors.append('desktop-file-validate: ' + (output or 'failed'))

    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    try:
        parser.read(path, encoding='utf-8')
        entry = parser['Desktop Entry']
    except (configparser.Error, KeyError) as e:
        print('%s: %s' % (path, e))
        return 1

    if entry.get('Icon') != app_id:
        errors.append('Icon is not ' + app_id)
    if entry.get('Exec') != 'carebook %U':
        errors.append('Exec is not "carebook %U"')
    mime = [m for m in entry.get('MimeType', '').split(';') if m]
    if REDIRECT_SCHEME not in mime:
        errors.append('MimeType lacks ' + REDIRECT_SCHEME + ', so the sign-in redirect is lost')
    if entry.get('DBusActivatable', 'false') != 'false':
        errors.append('DBusActivatable needs a D-Bus service file, which Carebook does not have')
    for key in TRANSLATED_KEYS:
        if key not in entry:
            errors.append('no %s key' % key)
        elif not entry.get('%s[%s]' % (key, lang)):
            errors.append('%s has no %s translation in the built file' % (key, lang))
    # The translated keywords must keep working for people who search in English.
    keywords = set(entry.get('Keywords', '').split(';')) - {''}
    translated = set(entry.get('Keywords[%s]' % lang, '').split(';')) - {''}
    if keywords and translated and not keywords & translated:
        errors.append('Keywords[%s] shares no term with Keywords' % lang)

    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
