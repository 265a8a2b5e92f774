/* care-sandbox-load.c — how many requests the portal is answering at once
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is in flight from the moment the server has read it until its
 * answer is written or the connection drops, latency faults included, so
 * tests can check a client's limit per server (FHIR-CLIENT.md 19) from the
 * server's side: every connection of every client counts.
 */
#include "config.h"

#include "care-sandbox-load.h"

#define COUNTED "care-sandbox-load-counted"

static void
request_read_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 CareSandboxLoad   *load)
{
  g_object_set_data (G_OBJECT (msg), COUNTED, GINT_TO_POINTER (TRUE));
  load->n_requests++;
  load->in_flight++;
  load->peak = MAX (load->peak, load->in_flight);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 CareSandboxLoad   *load)
{
  /* An idle connection that closes aborts a request never read. */
  if (g_object_get_data (G_OBJECT (msg), COUNTED) == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), COUNTED, NULL);
  g_assert (load->in_flight > 0);
  load->in_flight--;
}

/**
 * care_sandbox_load_watch:
 * @load: the counts, which must outlive @server's signals
 * @server: the portal's server
 */
void
care_sandbox_load_watch (CareSandboxLoad *load,
                         SoupServer      *server)
{
  g_signal_connect (server, "request-read", G_CALLBACK (request_read_cb), load);
  g_signal_connect (server, "request-finished", G_CALLBACK (request_done_cb), load);
  g_signal_connect (server, "request-aborted", G_CALLBACK (request_done_cb), load);
}
