#!/usr/bin/env python3
"""check-flatpak.py MANIFEST APP_ID — the Flatpak manifest parses, names the
app and its command, and asks for no more than the app needs."""
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

errors = []
if manifest.get('id', manifest.get('app-id')) != app_id:
    errors.append('the manifest does not name ' + app_id)
if manifest.get('command') != 'carebook':
    errors.append('the command is not carebook')
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    errors.append('the runtime is not org.gnome.Platform with org.gnome.Sdk')

expected = {'--share=network', '--share=ipc', '--socket=fallback-x11',
            '--socket=wayland', '--device=dri'}
args = set(manifest.get('finish-args', []))
if args != expected:
    errors.append('finish-args differ: extra %s, missing %s'
                  % (sorted(args - expected), sorted(expected - args)))
if any('secrets' in a or 'filesystem' in a for a in args):
    errors.append('the app must not ask for the secrets bus or the file system')

modules = manifest.get('modules', [])
names = [m.get('name') if isinstance(m, dict) else m for m in modules]
if not names or names[-1] != 'carebook':
    errors.append('the last module must be carebook itself')
for m in modules:
    if isinstance(m, dict) and m.get('name') != 'carebook':
        for s in m.get('sources', []):
            if s.get('type') == 'archive' and not s.get('sha256'):
                errors.append('module %s has an archive without sha256' % m.get('name'))

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
