#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifest is well formed and asks for no more than the app needs
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-flatpak.py MANIFEST APP_ID

CI has no network, so it cannot run flatpak-builder. This catches what can be
checked offline: the manifest parses, names the app and its command, targets
the GNOME runtime, has exactly the permissions we allow, builds poppler (which
org.gnome.Platform lacks) and ends with Carebook itself built from this tree.
"""
import json
import re
import sys

EXPECTED_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
]


def check(manifest, app_id):
    errors = []

    if manifest.get('id', manifest.get('app-id')) != app_id:
        errors.append('the manifest does not name ' + app_id)
    if manifest.get('command') != 'carebook':
        errors.append('the command is not carebook')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        errors.append('the runtime is not org.gnome.Platform with org.gnome.Sdk')
    # flatpak-builder rejects a number here, and "master" is not a release.
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not version.isdigit():
        errors.append('runtime-version must be a released GNOME version, as a string')

    # Exactly these, once each: anything more (the secrets bus, the file
    # system) is a permission the app does not need; the keyring goes
    # through the Secret portal and files through the file chooser portal.
    args = manifest.get('finish-args', [])
    if len(args) != len(set(args)):
        errors.append('finish-args has duplicates')
    extra = sorted(set(args) - set(EXPECTED_ARGS))
    missing = sorted(set(EXPECTED_ARGS) - set(args))
    if extra or missing:
        errors.append('finish-args differ: extra %s, missing %s' % (extra, missing))

    cleanup = manifest.get('cleanup', [])
    for path in ('/include', '/lib/pkgconfig'):
        if path not in cleanup:
            errors.append('cleanup does not remove ' + path)

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    if len(modules) != len(manifest.get('modules', [])):
        errors.append('every module must be inline, so this check sees it')
    names = [m.get('name') for m in modules]
    if 'poppler' not in names:
        errors.append('no poppler module: org.gnome.Platform has no poppler-glib')
    if not names or names[-1] != 'carebook':
        errors.append('the last module must be carebook itself')
    else:
        app = modules[-1]
        if app.get('buildsystem') != 'meson':
            errors.append('carebook must be built with meson')
        if app.get('sources') != [{'type': 'dir', 'path': '..'}]:
            errors.append('carebook must be built from this tree (a dir source "..")')

    for m in modules[:-1]:
        for s in m.get('sources', []):
            kind = s.get('type')
            if kind in ('archive', 'file') and not re.fullmatch(r'[0-9a-f]{64}',
                                                                 s.get('sha256', '')):
                errors.append('module %s: %s source without a sha256' % (m.get('name'), kind))
            if kind == 'git' and not (s.get('commit') or s.get('tag')):
                errors.append('module %s: git source without a tag or commit' % m.get('name'))

    return errors


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('%s: %s' % (path, e))
        return 1
    errors = check(manifest, app_id)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
