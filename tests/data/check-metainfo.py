#!/usr/bin/env python3
# check-metainfo.py — the built AppStream file agrees with the project and is translated
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-metainfo.py METAINFO SRCDIR APP_ID VERSION LANG

appstreamcli validates the format; this checks what it cannot know: the ids
match the desktop file and the binary, the newest release is this version
(so a version bump without release notes fails), each screenshot is a file
in this repository, and the built file carries a LANG translation of every
translatable element.
"""
import os
import sys
import xml.etree.ElementTree as ET

LANG_ATTR = '{http://www.w3.org/XML/1998/namespace}lang'
SCREENSHOT_BASE = 'https://raw.githubusercontent.com/carebook/carebook/main/'


def version_key(version):
    return [int(p) if p.isdigit() else p for p in version.split('.')]


def untranslated_and_translated(parent, tag, lang):
    plain = [e for e in parent.findall(tag) if LANG_ATTR not in e.attrib]
    local = [e for e in parent.findall(tag) if e.get(LANG_ATTR) == lang]
    return plain, local


def check(root, srcdir, app_id, version, lang):
    errors = []
    if root.findtext('id') != app_id:
        errors.append('id is not ' + app_id)
    launchables = [l.text for l in root.findall('launchable[@type="desktop-id"]')]
    if launchables != [app_id + '.desktop']:
        errors.append('the launchable is not %s.desktop' % app_id)
    if [b.text for b in root.findall('provides/binary')] != ['carebook']:
        errors.append('it does not provide the binary carebook')

    releases = root.findall('releases/release')
    if not releases:
        errors.append('no release')
    else:
        newest = max(releases, key=lambda r: version_key(r.get('version', '0')))
        if newest.get('version') != version:
            errors.append('the newest release is %s, the project is %s: add release notes'
                          % (newest.get('version'), version))
        if releases[0] is not newest:
            errors.append('releases must be listed newest first')
        for r in releases:
            if not r.get('date'):
                errors.append('release %s has no date' % r.get('version'))
            if r.find('description') is None:
                errors.append('release %s has no description' % r.get('version'))

    images = root.findall('screenshots/screenshot/image')
    if not images:
        errors.append('no screenshot')
    for image in images:
        url = (image.text or '').strip()
        if not url.startswith(SCREENSHOT_BASE):
            errors.append('screenshot %s is not in this repository' % url)
        elif not os.path.isfile(os.path.join(srcdir, url[len(SCREENSHOT_BASE):])):
            errors.append('screenshot %s: no such file in the tree' % url)

    # Every translatable element, wherever it sits, has its LANG sibling.
    checks = [(root, 'name'), (root, 'summary'), (root, 'developer_name')]
    checks += [(d, 'p') for d in root.iter('description')]
    checks += [(d, 'li') for d in root.iter('ul')]
    checks += [(s, 'caption') for s in root.iter('screenshot')]
    for parent, tag in checks:
        plain, local = untranslated_and_translated(parent, tag, lang)
        if len(local) < len(plain):
            errors.append('%d of %d <%s> in <%s> have no %s translation'
                          % (len(plain) - len(local), len(plain), tag, parent.tag, lang))
    return errors


def main():
    path, srcdir, app_id, version, lang = sys.argv[1:6]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print('%s: %s' % (path, e))
        return 1
    errors = check(root, srcdir, app_id, version, lang)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
