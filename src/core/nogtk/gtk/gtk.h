/* gtk.h — stands in for GTK's header inside src/core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#error "src/core is the GTK-free core library: move GTK code to src/app, src/views or src/widgets"
