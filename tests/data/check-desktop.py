#!/usr/bin/env python3
# check-desktop.py — the built desktop file is clean, launches the app and is translated
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-desktop.py DESKTOP_FILE APP_ID LANG SERVICE_FILE

desktop-file-validate exits 0 on warnings and hints, so any output at all
fails here. Then what the app relies on: it starts `carebook` with the URIs
it is given, it receives the sign-in redirect scheme that
src/core/auth/care-authorizer.c registers, and i18n.merge_file put the
translation of every translatable key into the built file. The desktop file
is DBusActivatable, so the D-Bus service file must name the app id and start
the installed executable as a GApplication service (how a notification
clicked after the app quit reaches app.open-item).
"""
import configparser
import subprocess
import sys

REDIRECT_SCHEME = 'x-scheme-handler/org.carebook.carebook'
TRANSLATED_KEYS = ('Name', 'GenericName', 'Comment', 'Keywords')


def check_service(path, app_id):
    """The D-Bus service file D-Bus activates the app id with."""
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    try:
        with open(path, encoding='utf-8') as f:
            parser.read_file(f)
        service = parser['D-BUS Service']
    except (OSError, configparser.Error, KeyError) as e:
        return ['%s: %s' % (path, e)]
    errors = []
    if not path.endswith('/' + app_id + '.service'):
        errors.append('the service file is not named %s.service' % app_id)
    if service.get('Name') != app_id:
        errors.append('the service file\'s Name is not ' + app_id)
    argv = service.get('Exec', '').split()
    if len(argv) != 2 or not argv[0].startswith('/') or not argv[0].endswith('/carebook') \
            or argv[1] != '--gapplication-service':
        errors.append('the service file\'s Exec is not "<bindir>/carebook --gapplication-service"')
    return errors


def main():
    path, app_id, lang, service_path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
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
    if entry.get('DBusActivatable') != 'true':
        errors.append('DBusActivatable is not true: notifications cannot start the app')
    errors += check_service(service_path, app_id)
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
