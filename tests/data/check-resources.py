#!/usr/bin/env python3
# check-resources.py — the GResource bundles every .ui, icon and stylesheet under ui/
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-resources.py SRCDIR — every .ui file and icon under ui/ is bundled in
ui/carebook.gresource.xml, and everything bundled exists."""
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
ui = os.path.join(root, 'ui')
tree = ET.parse(os.path.join(ui, 'carebook.gresource.xml'))
bundled = {os.path.normpath(f.text) for f in tree.iter('file')}

errors = []
for path in bundled:
    if not os.path.exists(os.path.join(ui, path)):
        errors.append('bundled but missing: ' + path)
for dirpath, _, files in os.walk(ui):
    for name in files:
        if name.endswith(('.ui', '.svg', '.css')):
            rel = os.path.normpath(os.path.relpath(os.path.join(dirpath, name), ui))
            if rel not in bundled:
                errors.append('not bundled: ' + rel)
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
