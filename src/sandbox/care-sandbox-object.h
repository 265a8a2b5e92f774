/* care-sandbox-object.h — the sandbox object's fields, for its own files
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only care-sandbox.c (the object) and care-sandbox-serve.c (its request
 * handler) include this; the other parts go through care-sandbox-private.h.
 */
#pragma once

#include "care-sandbox.h"
#include "care-sandbox-faults.h"
#include "care-sandbox-load.h"

G_BEGIN_DECLS

struct _CareSandbox
{
  GObject           parent_instance;

  CareSandboxStore *store;
  CareSandboxMessages *messages;
  SoupServer       *server;
  GHashTable       *grants;   /* access token → CareSandboxGrant */
  CareSandboxFaults *faults;
  char             *base_url;
  char             *fhir_base;
  gint64            clock_offset;
  int               token_lifetime;
  guint             offers_id;
  int               reply_after;   /* < 0: not set; demo mode answers after 30 s */
  guint             demo : 1;
  guint             testing : 1;
  guint             print_messages : 1;
  guint             refuse_loopback : 1;
  CareSandboxLoad   load;
};

G_END_DECLS
