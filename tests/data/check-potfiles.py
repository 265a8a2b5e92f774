#!/usr/bin/env python3
"""check-potfiles.py SRCDIR — every file with translatable strings is in
po/POTFILES.in, and every file listed there exists (a forgotten file means
Spanish users see English)."""
import os
import re
import sys

root = sys.argv[1]
marks = re.compile(r'\b(?:_|N_|C_)\s*\(|g_dngettext\s*\(|translatable="yes"')
listed = set()
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.add(line)

found = set()
for top in ('src', 'ui', 'data'):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if not name.endswith(('.c', '.ui', '.in')) or name.endswith('.h'):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            if name.endswith('.c') and marks.search(text):
                found.add(rel)
            elif name.endswith('.ui') and 'translatable="yes"' in text:
                found.add(rel)

ok = True
for rel in sorted(found - listed):
    print(f'not in po/POTFILES.in: {rel}')
    ok = False
for rel in sorted(listed):
    if not os.path.exists(os.path.join(root, rel)):
        print(f'listed in po/POTFILES.in but missing: {rel}')
        ok = False
if sorted(listed) != [l for l in sorted(listed)]:
    ok = False
sys.exit(0 if ok else 1)
