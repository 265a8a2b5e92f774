#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists exactly the files with translatable strings
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-potfiles.py SRCDIR

Every file with translatable strings is in po/POTFILES.in (a forgotten file
means Spanish users see English), every file listed there exists, and the
list is sorted with no duplicates, as STYLE.md asks.
"""
import os
import re
import sys

# _( N_( C_( NC_( and the plural call; \b keeps g_( or foo_( from matching.
C_MARKS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(|\bg_dngettext\s*\(')
C_COMMENTS = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
# The data files i18n.merge_file and gettext's ITS rules translate.
DATA_SUFFIXES = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')


def has_strings(path, name):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    if name.endswith(('.c', '.h')):
        # Comments may mention _() without marking anything.
        text = C_COMMENTS.sub('', text)
        return C_MARKS.search(text) is not None
    if name.endswith('.ui'):
        return 'translatable="yes"' in text
    return name.endswith(DATA_SUFFIXES)


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        lines = [l.strip() for l in f if l.strip() and not l.lstrip().startswith('#')]
    listed = set(lines)

    found = set()
    for top in ('src', 'ui', 'data'):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                if has_strings(path, name):
                    found.add(os.path.relpath(path, root))

    errors = []
    for rel in sorted(found - listed):
        errors.append('not in po/POTFILES.in: ' + rel)
    for rel in sorted(listed):
        if not os.path.exists(os.path.join(root, rel)):
            errors.append('listed in po/POTFILES.in but missing: ' + rel)
    if len(lines) != len(listed):
        errors.append('po/POTFILES.in lists a file twice')
    if lines != sorted(lines):
        errors.append('po/POTFILES.in is not sorted')
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
