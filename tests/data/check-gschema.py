#!/usr/bin/env python3
# check-gschema.py — the settings schema follows the rules glib-compile-schemas does not check
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-gschema.py SCHEMA APP_ID

glib-compile-schemas --strict checks types, defaults, ranges and choices. This
checks what STYLE.md adds: the schema id is the app id, the path follows it,
strings are translated in our gettext domain, and every key has a summary and
a description, since dconf-editor and translators show both.
"""
import sys
import xml.etree.ElementTree as ET


def check(root, app_id):
    errors = []
    if root.get('gettext-domain') != 'carebook':
        errors.append('the schemalist has no gettext-domain="carebook"')
    schemas = root.findall('schema')
    ids = [s.get('id') for s in schemas]
    if app_id not in ids:
        errors.append('no schema with id ' + app_id)
    for schema in schemas:
        sid = schema.get('id', '')
        if not sid.startswith(app_id):
            errors.append('schema %s is not under %s' % (sid, app_id))
        expected_path = '/' + sid.replace('.', '/') + '/'
        if schema.get('path') != expected_path:
            errors.append('schema %s: path is %s, not %s'
                          % (sid, schema.get('path'), expected_path))
        for key in schema.findall('key'):
            name = key.get('name')
            for part in ('summary', 'description'):
                el = key.find(part)
                if el is None or not (el.text or '').strip():
                    errors.append('key %s has no %s' % (name, part))
    for enum in root.findall('enum'):
        if not enum.get('id', '').startswith(app_id + '.'):
            errors.append('enum %s is not under %s' % (enum.get('id'), app_id))
    return errors


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print('%s: %s' % (path, e))
        return 1
    errors = check(root, app_id)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
