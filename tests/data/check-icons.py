#!/usr/bin/env python3
# check-icons.py — the app icons are where the desktop file looks and drawn as the HIG asks
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-icons.py SRCDIR APP_ID

The full-colour icon is a 128×128 SVG and the symbolic one a 16×16 SVG, both
under data/icons/hicolor named after the app id (the desktop file's Icon=).
Neither may contain text (it does not translate and is unreadable when small)
or embedded bitmaps; the symbolic one is a single flat colour GTK can
recolour, so no gradients, patterns or filters.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def size(root):
    view_box = root.get('viewBox', '').split()
    return (root.get('width'), root.get('height'), view_box)


def check_icon(path, px, symbolic):
    errors = []
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return ['%s: %s' % (path, e)]
    name = os.path.basename(path)
    if root.tag != SVG + 'svg':
        errors.append(name + ': not an SVG document')
    width, height, view_box = size(root)
    if (width, height) != (str(px), str(px)) or view_box != ['0', '0', str(px), str(px)]:
        errors.append('%s: not %d×%d (width, height and viewBox)' % (name, px, px))
    banned = {'text', 'image', 'foreignObject'}
    if symbolic:
        banned |= {'linearGradient', 'radialGradient', 'pattern', 'filter'}
    for el in root.iter():
        tag = el.tag.replace(SVG, '')
        if tag in banned:
            errors.append('%s: has a <%s> element' % (name, tag))
    if symbolic:
        colours = set()
        for el in root.iter():
            for attr in ('fill', 'stroke'):
                value = el.get(attr)
                if value and value != 'none':
                    colours.add(value.lower())
            for m in re.finditer(r'(fill|stroke)\s*:\s*([^;]+)', el.get('style', '')):
                if m.group(2).strip() != 'none':
                    colours.add(m.group(2).strip().lower())
        if len(colours) > 1:
            errors.append('%s: more than one colour: %s' % (name, ', '.join(sorted(colours))))
    return errors


def main():
    srcdir, app_id = sys.argv[1], sys.argv[2]
    icons = os.path.join(srcdir, 'data', 'icons', 'hicolor')
    errors = check_icon(os.path.join(icons, 'scalable', 'apps', app_id + '.svg'), 128, False)
    errors += check_icon(os.path.join(icons, 'symbolic', 'apps', app_id + '-symbolic.svg'),
                         16, True)
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
