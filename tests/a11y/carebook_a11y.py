# carebook_a11y.py — runs the demo as a screen reader sees it
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The a11y suite's harness. Each test gets a display and a session bus of
# its own (Xvfb and dbus-run-session, started here), so key presses sent
# with XTest reach only this app and the accessibility bus (at-spi2-core)
# is this test's: nothing leaks between tests running in parallel. The app
# is the real `carebook --demo`; the test reads it only through AT-SPI, as
# Orca does, and drives it only with key presses, as a keyboard user does.
#
# Every wait is bounded: a condition polled until a deadline, never a
# bare sleep that hopes the app is ready.

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

BUILD = os.environ.get('CAREBOOK_BUILDDIR', '')
SRCDIR = os.environ.get('CAREBOOK_SRCDIR', '')

# GTK 4.8 names a widget that has no accessible name after its type.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Care)[A-Z][A-Za-z]*$')

CONTROL_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'menu item',
    'check menu item', 'radio menu item', 'combo box', 'slider', 'spin button',
    'link', 'switch', 'page tab', 'list item', 'table cell', 'tree item', 'image',
    'entry', 'text', 'password text', 'list', 'tree', 'table', 'tree table',
}
FIELD_ROLES = {'text', 'password text', 'spin button', 'combo box'}
WINDOW_ROLES = {'frame', 'dialog', 'alert', 'window', 'file chooser'}


def log(*args):
    print('#', *args, flush=True)


def no_name(name):
    return name is None or name.strip() == '' or TYPE_NAME.match(name.strip()) is not None


def squash(text):
    return ' '.join((text or '').split()).casefold()


class Catalogue:
    """The app's own translations, so a test can look for a label in the
    language the app shows."""

    def __init__(self, language):
        self.t = gettext.NullTranslations()
        if language and language != 'en':
            try:
                self.t = gettext.translation('carebook', os.path.join(BUILD, 'po'),
                                             languages=[language])
            except OSError:
                log('no catalogue for', language)

    def __call__(self, msgid, context=None):
        if context is not None:
            return self.t.pgettext(context, msgid)
        return self.t.gettext(msgid)


class Session:
    """Xvfb + a session bus + the demo, torn down whatever happens."""

    def __init__(self, language='en', size='1280x900', env=None, demo=True, text_scale=None):
        self.language = language
        self.demo = demo
        # GNOME's "Large Text" (text scaling 1.5): GTK 4.8 on X11 reads it
        # as Xft.dpi (96 times the factor), from a settings daemon's
        # Xft/DPI or else the X resources on the root window (set_xft_dpi()).
        self.text_scale = text_scale
        self.size = size
        self.extra_env = env or {}
        self.procs = []
        self.tmp = tempfile.mkdtemp(prefix='carebook-a11y-')
        self._ = Catalogue(language)
        self.app = None
        self.display = None

    # -- processes -------------------------------------------------------
    def start(self):
        read, write = os.pipe()
        xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write), '-screen', '0',
                                 self.size + 'x24', '-nolisten', 'tcp', '-noreset'],
                                pass_fds=[write], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.procs.append(xvfb)
        os.close(write)
        number = b''
        deadline = time.time() + 30
        while not number.endswith(b'\n') and time.time() < deadline:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
        os.close(read)
        if not number.strip():
            raise RuntimeError('Xvfb did not start')
        self.display = ':' + number.decode().strip()
        os.environ['DISPLAY'] = self.display
        if self.text_scale:
            set_xft_dpi(self.display, round(96 * self.text_scale))

        # A session bus of our own; at-spi2-core's org.a11y.Bus is
        # activated on it when the app first asks for the accessibility bus.
        out = subprocess.run(['dbus-daemon', '--session', '--fork', '--print-address=1',
                              '--print-pid=1'], capture_output=True, text=True, check=True)
        address, pid = out.stdout.split('\n')[:2]
        self.dbus_pid = int(pid)
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = address.strip()
        os.environ.pop('AT_SPI_BUS_ADDRESS', None)

        env = dict(os.environ)
        for key in ('NO_AT_BRIDGE', 'GTK_A11Y'):
            env.pop(key, None)
        env.update({
            'GSETTINGS_BACKEND': 'memory',
            'GSETTINGS_SCHEMA_DIR': os.path.join(BUILD, 'data'),
            'CAREBOOK_LOCALEDIR': os.path.join(BUILD, 'po'),
            # The clinic directory the welcome page searches, from the tree.
            'CAREBOOK_DATADIR': os.path.join(SRCDIR, 'data'),
            'LANG': 'C.UTF-8',
            'LANGUAGE': self.language,
            'XDG_DATA_HOME': os.path.join(self.tmp, 'data'),
            'XDG_CONFIG_HOME': os.path.join(self.tmp, 'config'),
            'XDG_CACHE_HOME': os.path.join(self.tmp, 'cache'),
            # Software GL redraws a spinner at a high cost on a busy CI
            # machine; Cairo draws the same pixels for less.
            'GSK_RENDERER': 'cairo',
            'G_DEBUG': '',
        })
        env.update(self.extra_env)
        args = [os.path.join(BUILD, 'src', 'carebook')] + (['--demo'] if self.demo else [])
        self.app_proc = subprocess.Popen(args,
                                         env=env, stdout=subprocess.DEVNULL,
                                         stderr=open(os.path.join(self.tmp, 'app.log'), 'w'))
        self.procs.append(self.app_proc)
        Atspi.init()
        # The focus is followed from the app's own focus events, as a
        # screen reader follows it, rather than by searching the tree.
        self.focus = None
        self.listener = Atspi.EventListener.new(self._on_focus)
        self.listener.register('object:state-changed:focused')
        self.app = self.wait(self._find_app, 180, 'the app on the accessibility bus')
        self.window = self.wait(self._find_window, 60, 'the main window')
        return self

    def stop(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
        if getattr(self, 'dbus_pid', None):
            try:
                os.kill(self.dbus_pid, 15)
            except OSError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

    # -- waiting ---------------------------------------------------------
    def wait(self, predicate, timeout, what):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            if self.app_proc.poll() is not None:
                raise RuntimeError('the app exited (%d) while waiting for %s'
                                   % (self.app_proc.returncode, what))
            try:
                if self.app is not None:
                    self.app.clear_cache()
                result = predicate()
                if result:
                    return result
            except Exception as e:  # the app was busy or an object went away
                last = e
            time.sleep(0.3)
            self.pump()
        raise TimeoutError('waited %d s for %s (%s)' % (timeout, what, last))

    def _on_focus(self, event):
        if event.detail1 == 1:
            self.focus = event.source
        elif event.source == self.focus:
            self.focus = None

    def pump(self):
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)

    def _find_app(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_name() == 'carebook':
                a.get_child_count()   # answers: it is ready
                return a
        return None

    def _find_window(self):
        for i in range(self.app.get_child_count()):
            w = self.app.get_child_at_index(i)
            if w is not None and w.get_role_name() == 'frame':
                return w
        return None

    def windows(self):
        self.app.clear_cache()
        return [self.app.get_child_at_index(i) for i in range(self.app.get_child_count())]

    # -- keys ------------------------------------------------------------
    def key(self, *keys, settle=0.4):
        for k in keys:
            subprocess.run(['xdotool', 'key', '--clearmodifiers', k], check=True)
            end = time.time() + settle
            while time.time() < end:
                self.pump()
                time.sleep(0.05)
            self.pump()

    def type(self, text):
        subprocess.run(['xdotool', 'type', '--delay', '30', text], check=True)

    def x_windows(self):
        """The app's X windows on screen (xdotool wants a pattern, even an
        empty one, beside --pid)."""
        out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(self.app_proc.pid),
                              ''], capture_output=True, text=True, timeout=30)
        return [int(i) for i in out.stdout.split() if i.isdigit()]

    def focus_newest_window(self):
        """Gives the keyboard to the app's newest window, as a window
        manager does when a dialog opens (Xvfb runs none, and without one
        X sends key presses to whatever window the pointer is over)."""
        ids = self.x_windows()
        if not ids:
            return False
        # X hands out a client's window ids in increasing order.
        newest = str(max(ids))
        try:
            subprocess.run(['xdotool', 'windowraise', newest], check=False, timeout=10)
            subprocess.run(['xdotool', 'windowfocus', '--sync', newest], check=False, timeout=10)
        except subprocess.TimeoutExpired:
            return False
        self.pump()
        return True

    def focus_main_window(self):
        """Gives the keyboard back to the main window once a dialog has
        gone, as a window manager does (X otherwise leaves it nowhere)."""
        if getattr(self, 'main_xid', None) is None:
            # The main window is the one titled; the app's other X windows
            # are GDK's own (a 1x1 one, a leader) and its dialogs.
            for xid in self.x_windows():
                out = subprocess.run(['xdotool', 'getwindowname', str(xid)], capture_output=True,
                                     text=True, timeout=30).stdout.strip()
                if out == 'Carebook':
                    self.main_xid = str(xid)
                    break
            else:
                return False
        try:
            subprocess.run(['xdotool', 'windowfocus', '--sync', self.main_xid], check=False, timeout=10)
        except subprocess.TimeoutExpired:
            return False
        self.pump()
        return True

    def screenshot(self, path):
        subprocess.run(['import', '-display', self.display, '-window', 'root', path], check=True)

    # -- reading the tree ------------------------------------------------
    def focused(self):
        """The object with keyboard focus, in any of the app's windows."""
        self.pump()
        if self.focus is not None and has_state(self.focus, Atspi.StateType.FOCUSED):
            return self.focus
        for w in self.windows():
            if w is None:
                continue
            found = find(w, lambda o, role, name: has_state(o, Atspi.StateType.FOCUSED))
            if found is not None:
                return found
        return None

    def open_address_row(self, title):
        """Tabs to the first run's "Enter an address instead" row (its
        translated @title) and opens it with Space, as a GtkExpander."""
        for _i in range(60):
            f = self.focused()
            if f is not None and f.get_role_name() == 'list item' and \
                    (f.get_name() or '').startswith(title):
                break
            self.key('Tab', settle=0.15)
        else:
            raise AssertionError('Tab never reached the address row')
        self.key('space', settle=1.5)

    def section_title(self):
        """What the content header's title says: the section on screen."""
        # The title is found once: each search walks the window.
        title = getattr(self, '_title', None)
        if title is None:
            title = find(self.window, lambda o, role, name: role == 'filler'
                         and name == 'AdwWindowTitle'
                         and o.get_parent() is not None and _in_content_header(o))
            if title is None:
                return None
            self._title = title
        labels = list(walk(title))
        try:
            names = [o.get_name() for o in labels if o.get_role_name() == 'label']
        except Exception:
            self._title = None   # gone with its window
            raise
        return names[0] if names else None


def set_xft_dpi(display, dpi):
    """Puts "Xft.dpi: @dpi" in the X resources of @display's screen, as
    `xrdb -merge` does (the RESOURCE_MANAGER property of the root window),
    before an app opens the display: GTK 4.8 reads it there when no
    settings daemon runs (its gtk-xft-dpi setting; GDK_DPI_SCALE is gone
    in GTK 4). Through libX11 itself, so no xrdb is needed."""
    import ctypes
    import ctypes.util
    x11 = ctypes.CDLL(ctypes.util.find_library('X11') or 'libX11.so.6')
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XChangeProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                                    ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    dpy = x11.XOpenDisplay(display.encode())
    if not dpy:
        raise RuntimeError('cannot open display %s' % display)
    try:
        data = ('Xft.dpi:\t%d\n' % dpi).encode()
        xa_string = 31   # XA_STRING
        x11.XChangeProperty(dpy, x11.XDefaultRootWindow(dpy),
                            x11.XInternAtom(dpy, b'RESOURCE_MANAGER', 0), xa_string, 8,
                            0, data, len(data))   # PropModeReplace
        x11.XSync(dpy, 0)
    finally:
        x11.XCloseDisplay(dpy)


def _in_content_header(o):
    # The sidebar's header holds the person switcher; the content's holds
    # the section's title. The content header has the search button.
    p = o.get_parent()
    while p is not None and p.get_role_name() in ('panel', 'filler'):
        if find(p, lambda c, role, name: role == 'push button' and 'Search' in (c.get_description() or '')
                or 'Buscar' in (c.get_description() or ''), depth=3):
            return True
        p = p.get_parent()
    return False


def describe(o):
    if o is None:
        return 'nothing'
    try:
        return '%s %r' % (o.get_role_name(), o.get_name())
    except Exception:
        return 'an object that went away'


def in_error(o):
    """Whether a field is marked wrong. GTK 4.8 gives its "invalid" state to
    AT-SPI as INVALID (later GTKs as INVALID_ENTRY), and its error-message
    relation not at all: the message is tied by described-by."""
    try:
        states = o.get_state_set()
        return states.contains(Atspi.StateType.INVALID_ENTRY) or \
            states.contains(Atspi.StateType.INVALID)
    except Exception:
        return False


def error_messages(o):
    """The words tied to a field in error (error-message or described-by)."""
    rels = relations(o)
    out = []
    for t in rels.get('error-message', []) + rels.get('described-by', []):
        try:
            if (t.get_name() or '').strip():
                out.append(t.get_name())
        except Exception:
            pass
    return out


def has_state(o, state):
    try:
        return o.get_state_set().contains(state)
    except Exception:
        return False


def on_screen(o):
    """Whether @o takes room on screen: GTK 4.8 says "visible" of a widget
    in a hidden header (the narrow layout's, a folded sidebar's) too, and
    never "showing"; an unmapped widget has no size."""
    try:
        e = Atspi.Component.get_extents(o, Atspi.CoordType.WINDOW)
        return e.width > 0 and e.height > 0
    except Exception:
        return False


def walk(o, depth=0, max_depth=80):
    if o is None:
        return
    yield o
    if depth >= max_depth:
        return
    try:
        n = o.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            c = o.get_child_at_index(i)
        except Exception:
            continue
        if c is not None:
            yield from walk(c, depth + 1, max_depth)


def find(root, predicate, depth=80):
    for o in walk(root, max_depth=depth):
        try:
            if predicate(o, o.get_role_name(), o.get_name()):
                return o
        except Exception:
            continue
    return None


def find_all(root, predicate, depth=80):
    out = []
    for o in walk(root, max_depth=depth):
        try:
            if predicate(o, o.get_role_name(), o.get_name()):
                out.append(o)
        except Exception:
            continue
    return out


def relations(o):
    out = {}
    try:
        for r in o.get_relation_set() or []:
            targets = [r.get_target(i) for i in range(r.get_n_targets())]
            out.setdefault(r.get_relation_type().value_nick, []).extend(t for t in targets if t)
    except Exception:
        pass
    return out


def path_of(o):
    parts = []
    while o is not None and len(parts) < 6:
        try:
            role, name = o.get_role_name(), o.get_name()
        except Exception:
            break
        if role == 'application':
            break
        parts.append('%s %r' % (role, (name or '')[:40]))
        o = o.get_parent()
    return ' < '.join(parts)


class Tap:
    """Just enough TAP for meson."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, details=(), todo=None):
        """@todo names a known defect: a failure is then reported as TAP's
        "not ok … # TODO", which meson counts as an expected failure, in
        the log for everyone to see, until the defect is fixed."""
        self.n += 1
        if not cond and todo is None:
            self.failed += 1
        print('%s %d - %s%s' % ('ok' if cond else 'not ok', self.n, what,
                                ' # TODO ' + todo if todo and not cond else ''), flush=True)
        for d in list(details)[:80]:
            print('#   ' + d, flush=True)
        return cond

    def done(self):
        print('1..%d' % self.n, flush=True)
        return 1 if self.failed else 0


def label_weight(o):
    """The weight a label is drawn with, from its text attributes."""
    try:
        attrs = Atspi.Text.get_default_attributes(o) or {}
        return int(attrs.get('weight', '400'))
    except Exception:
        return 400


# Widgets whose insides GTK 4.8 and libadwaita 1.2 build and leave
# unnamed, where the app cannot reach: a drop-down's button and popup
# list, the shortcuts window's own search entry and back button. The
# widget itself is audited; its insides are the toolkit's. An AdwAvatar
# draws initials, or an icon when it has no name: it is always beside
# the name it stands for, and libadwaita 1.2 does not let the app mark
# its image as decoration.
TOOLKIT_OWNED = {'GtkShortcutsWindow', 'GtkColumnListView', 'AdwIndicatorBin', 'AdwAvatar'}


def titles(o, text):
    """Whether a bold label is the title of what holds it: libadwaita's
    groups and status pages make their title label themselves, and name
    their list or page after it, which is what a screen reader says."""
    p = o.get_parent()
    near = None
    for level in range(8):
        if p is None:
            break
        try:
            if p.get_name() == text:
                return True
        except Exception:
            return False
        if level == 3:
            near = p
        p = p.get_parent()
    return near is not None and find(near, lambda c, role, name: name == text and role != 'label',
                                     depth=4) is not None


def nested_in_row(o):
    p = o.get_parent()
    for _ in range(3):
        if p is None:
            return False
        if p.get_role_name() == 'list item':
            return True
        p = p.get_parent()
    return False


def row_labels(row):
    """The words a row shows, leaving out rows nested in it (an expander
    row's children say their own)."""
    out = []

    def visit(o, depth):
        for i in range(o.get_child_count()):
            c = o.get_child_at_index(i)
            if c is None:
                continue
            role = c.get_role_name()
            if role in ('list', 'list item', 'table', 'tree table'):
                continue
            # A named button in a row is a control of its own, reached with
            # Tab and announced by its own name ("Enter Blood Pressure").
            if role in ('push button', 'toggle button') and not no_name(c.get_name()):
                continue
            # An avatar's initials stand for the name beside them.
            if c.get_name() == 'AdwAvatar':
                continue
            if role == 'label':
                out.append(c.get_name())
            elif depth < 12:
                visit(c, depth + 1)

    try:
        visit(row, 0)
    except Exception:
        pass
    return out


def page_names(demo):
    """The section pages (audited one by one as they are opened) and the
    pages the demo never shows (welcome, sign-in)."""
    return {demo._(s) for s in SECTIONS} | {'CareWelcomePage', 'CareSignInPage'}


def audit(root, seen=None, skip=(), toolkit=False, owned=()):
    """Everything under @root a screen reader user would trip on, as a
    list of sentences. @seen (a set) skips objects reported already."""
    problems = []
    if seen is None:
        seen = set()

    def report(o, what):
        key = (what, path_of(o))
        if key in seen:
            return
        seen.add(key)
        problems.append('%s: %s' % (what, key[1]))

    def visit(o, depth, in_button, in_title, in_toolkit):
        try:
            role = o.get_role_name()
            name = o.get_name() or ''
            states = o.get_state_set()
            n = o.get_child_count()
        except Exception:
            return
        if depth > 0 and name in skip and role in ('panel', 'filler'):
            return
        if (role, name) in owned:
            return
        focusable = states.contains(Atspi.StateType.FOCUSABLE)
        rels = None
        wrapped = ''

        def rel():
            nonlocal rels
            if rels is None:
                rels = relations(o)
            return rels

        def description():
            text = (o.get_description() or '') + ' ' + wrapped
            for t in rel().get('described-by', []):
                try:
                    text += ' ' + (t.get_name() or '')
                except Exception:
                    pass
            return text

        if role in WINDOW_ROLES and no_name(name):
            report(o, 'window or dialog without a title')
        if role in ('list item', 'table cell') and no_name(name) and n == 1:
            # A list view's row is a wrapper around the row widget, named
            # after it, as screen readers do (name from contents).
            try:
                inner = o.get_child_at_index(0)
                name = inner.get_name() or ''
                wrapped = inner.get_description() or ''
            except Exception:
                pass
        if (role == 'list' and no_name(name) and nested_in_row(o)) or name in TOOLKIT_OWNED:
            in_toolkit = True
        if focusable and role in CONTROL_ROLES and no_name(name) and not in_toolkit:
            report(o, 'focusable %s without an accessible name' % role)
        if role == 'image' and no_name(name) and not description().strip() and not in_toolkit:
            report(o, 'image with neither label nor description (mark it presentation if it is decoration)')
        if role == 'image' and focusable and not description().strip() and no_name(name):
            report(o, 'chart or picture with no text alternative')
        # A form field is something the user types in or picks from; a
        # read-only text (a document's words) is not one.
        if (role in FIELD_ROLES and not in_button
                and (role == 'combo box' or states.contains(Atspi.StateType.EDITABLE))):
            labelled = [t for t in rel().get('labelled-by', []) if not no_name(t.get_name())]
            # A drop-down has no visible label to point at in GTK 4.8; its
            # own accessible label is what a screen reader says.
            if role == 'combo box' and not no_name(name):
                labelled = [o]
            if not labelled:
                report(o, 'form field without a label relation')
        if role == 'entry' and no_name(name) and not rel().get('labelled-by') and not in_toolkit:
            report(o, 'entry without a label')
        if in_error(o):
            targets = rel().get('error-message', []) + rel().get('described-by', [])
            if not [t for t in targets if (t.get_name() or '').strip()]:
                report(o, 'field in error with no error message related to it')
        if (role == 'label' and not in_button and not in_title and not in_toolkit
                and not no_name(name) and label_weight(o) >= 700 and not titles(o, name)):
            report(o, 'bold label %r not marked as a heading' % name[:40])
        if role in ('list item', 'table cell', 'tree item') and not no_name(name):
            said = squash(name + ' ' + description())
            shown = row_labels(o)
            missing = [s for s in shown if s and squash(s) not in said]
            if missing:
                report(o, 'row says %r but shows %r' % (name[:60], missing[:3]))

        child_in_button = in_button or role in ('push button', 'toggle button', 'link', 'menu item',
                                                'list item', 'table cell', 'page tab', 'check box',
                                                'radio button')
        child_in_title = in_title or (role == 'filler' and name in ('AdwWindowTitle', 'AdwAvatar',
                                                                    'GtkColumnViewTitle'))
        child_in_toolkit = (in_toolkit or role == 'combo box' or name in TOOLKIT_OWNED
                            or (depth == 0 and toolkit)
                            # AdwExpanderRow 1.2 makes its arrow and its
                            # list of child rows itself.
                            or (role == 'list item' and states.contains(Atspi.StateType.EXPANDABLE)))
        for i in range(n):
            try:
                c = o.get_child_at_index(i)
            except Exception:
                continue
            if c is not None and depth < 80:
                visit(c, depth + 1, child_in_button, child_in_title, child_in_toolkit)

    visit(root, 0, False, False, False)
    return problems


SECTIONS = ['Home', 'Test Results', 'Medications', 'Allergies', 'Health Issues', 'Immunizations',
            'Plan of Care', 'Health Trends', 'Growth Charts', 'Visits & Documents', 'Messages',
            'Appointments', 'Billing & Insurance', 'Sharing & Access', 'Questionnaires', 'Track My Health',
            'End-of-Life Planning', 'Outbox']


def node_count(root, limit=20000):
    n = 0
    for _ in walk(root):
        n += 1
        if n >= limit:
            break
    return n


class Demo(Session):
    """The demo with helpers to get around it from the keyboard."""

    def start(self):
        super().start()
        self.wait(lambda: self.sidebar() is not None and self.section_title(), 120,
                  'the demo family signed in')
        return self

    def sidebar(self):
        name = self._('Sections')
        return find(self.window, lambda o, role, nm: role == 'list' and nm == name)

    def section_page(self, title):
        # The pages are the section stack's children: once one is found,
        # the others are looked for there, not in a walk of the window
        # (which reads every section opened so far).
        stack = getattr(self, '_section_stack', None)
        if stack is not None:
            try:
                for i in range(stack.get_child_count()):
                    p = stack.get_child_at_index(i)
                    if p is not None and p.get_name() == title and p.get_role_name() == 'panel' \
                            and p.get_child_count() > 0:
                        return p
            except Exception:
                self._section_stack = None
        stack_pages = find_all(self.window, lambda o, role, nm: role == 'panel' and nm == title)
        for p in stack_pages:
            if p.get_child_count() > 0:
                self._section_stack = p.get_parent()
                return p
        return None

    def settle(self, root_fn, timeout=90):
        """Waits until the app is idle (its lists are built in idle steps on
        the main loop, so an app that answers at once has finished) and
        root_fn() finds the page."""
        deadline = time.time() + timeout
        quick = 0
        while time.time() < deadline:
            t = time.time()
            self.app.clear_cache()
            try:
                self.window.get_child_count()
            except Exception:
                pass
            quick = quick + 1 if time.time() - t < 0.15 else 0
            if quick >= 4:
                root = root_fn()
                if root is not None:
                    return root
            time.sleep(0.4)
        raise TimeoutError('the app stayed busy for %d s' % timeout)

    def tab_to(self, predicate, limit=60, key='Tab'):
        """Presses @key until the focused object satisfies @predicate;
        returns it, or None after @limit presses."""
        for _ in range(limit):
            f = self.focused()
            if f is not None and predicate(f):
                return f
            self.key(key, settle=0.15)
        return None

    def in_window(self, o):
        """Whether @o is inside one of the app's windows (focus not lost)."""
        p = o
        for _ in range(80):
            if p is None:
                return False
            try:
                if p.get_role_name() in WINDOW_ROLES:
                    return True
                p = p.get_parent()
            except Exception:
                return False
        return False

    def focus_sidebar(self):
        """Tab until a sidebar row has the focus."""
        sections = [self._(s) for s in SECTIONS]
        for _ in range(40):
            f = self.focused()
            if f is not None and f.get_role_name() == 'list item' and f.get_name() in sections:
                return f
            # A narrow window shows the section or the sidebar: Back
            # goes from one to the other.
            if f is not None and f.get_role_name() == 'push button' and \
                    f.get_name() == self._('Back'):
                self.key('Return', settle=0.6)
                continue
            self.key('Tab', settle=0.15)
        raise AssertionError('Tab never reached the sidebar')

    def go_to(self, index, settle=True):
        """Shows section @index (in SECTIONS) with the keys a user would press;
        with @settle false, returns its page as soon as it is there."""
        title = self._(SECTIONS[index])
        if index < 9:
            self.key('ctrl+%d' % (index + 1))
        else:
            row = self.focus_sidebar()
            current = SECTIONS.index(next(s for s in SECTIONS if self._(s) == row.get_name()))
            key = 'Down' if index > current else 'Up'
            for _ in range(abs(index - current)):
                self.key(key, settle=0.15)
            self.key('Return')
        self.wait(lambda: self.section_title() == title, 30, 'the section %s' % title)
        if not settle:
            return self.wait(lambda: self.section_page(title), 30, 'the page %s' % title)
        return self.settle(lambda: self.section_page(title))
