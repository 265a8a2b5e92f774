/* care-portal-gate.c — the requests in flight to one server, whoever sends them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FHIR-CLIENT.md 19 limits the requests in flight per *server*: a parent
 * signed in for two children at one portal has two connections, two sync
 * engines and two portal clients, and together they still send at most
 * four at a time. Every CarePortalClient of one origin (scheme, host and
 * port) shares one gate: a first-come queue of the requests waiting, the
 * count of those in flight, and a time before which nothing is sent
 * because the server asked for a pause (a 429 or 503 with Retry-After
 * slows every connection to that server, not just the one it answered).
 *
 * Gates live on the main thread, like the clients, in a table keyed by
 * origin; a gate goes when its last client does.
 */
#include "config.h"

#include "care-portal-gate.h"

#include <string.h>

/* However long a server asks to wait, no more than this. */
#define HOLD_CAP_MS (5 * 60 * 1000)

struct _CarePortalGate
{
  gatomicrefcount  ref_count;
  char            *origin;
  GQueue           queue;      /* Waiting, head first */
  guint            in_flight;
  guint            peak;
  gint64           resume_at;  /* monotonic µs; 0 when not holding */
  guint            resume_id;
};

typedef struct
{
  GTask               *task;
  CarePortalGateStart  start;
} Waiting;

static GHashTable *gates;  /* origin → CarePortalGate, not owned */

static void pump (CarePortalGate *gate);

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);

  if (port > 0)
    return port;
  if (scheme != NULL && g_ascii_strcasecmp (scheme, "https") == 0)
    return 443;
  return 80;
}

static char *
dup_origin (GUri *uri)
{
  g_autofree char *scheme = g_ascii_strdown (g_uri_get_scheme (uri) != NULL ? g_uri_get_scheme (uri) : "", -1);
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "", -1);

  return g_strdup_printf ("%s://%s:%d", scheme, host, effective_port (uri));
}

/**
 * care_portal_gate_acquire:
 * @uri: (nullable): an address at the server, such as its FHIR base
 *
 * Returns: (transfer full): the gate of @uri's origin, shared with every
 *   other holder; release it with care_portal_gate_release()
 */
CarePortalGate *
care_portal_gate_acquire (GUri *uri)
{
  g_autofree char *origin = uri != NULL ? dup_origin (uri) : g_strdup ("");
  CarePortalGate *gate;

  if (gates == NULL)
    gates = g_hash_table_new (g_str_hash, g_str_equal);
  gate = g_hash_table_lookup (gates, origin);
  if (gate != NULL)
    {
      g_atomic_ref_count_inc (&gate->ref_count);
      return gate;
    }

  gate = g_new0 (CarePortalGate, 1);
  g_atomic_ref_count_init (&gate->ref_count);
  gate->origin = g_steal_pointer (&origin);
  g_queue_init (&gate->queue);
  g_hash_table_insert (gates, gate->origin, gate);
  return gate;
}

/**
 * care_portal_gate_release:
 * @gate: a gate
 *
 * Drops a holder's reference. Nothing may be waiting or in flight when
 * the last one goes: waiting tasks hold their client, and so the gate.
 */
void
care_portal_gate_release (CarePortalGate *gate)
{
  g_return_if_fail (gate != NULL);

  if (!g_atomic_ref_count_dec (&gate->ref_count))
    return;
  g_assert (g_queue_is_empty (&gate->queue));
  g_hash_table_remove (gates, gate->origin);
  if (g_hash_table_size (gates) == 0)
    g_clear_pointer (&gates, g_hash_table_unref);
  g_clear_handle_id (&gate->resume_id, g_source_remove);
  g_free (gate->origin);
  g_free (gate);
}

static gboolean
resume_cb (gpointer data)
{
  CarePortalGate *gate = data;

  gate->resume_id = 0;
  pump (gate);
  return G_SOURCE_REMOVE;
}

/* Whether the server asked for a pause that has not ended; if so, pump()
 * is called again when it ends. */
static gboolean
is_holding (CarePortalGate *gate)
{
  gint64 now = g_get_monotonic_time ();

  if (gate->resume_at <= now)
    {
      gate->resume_at = 0;
      return FALSE;
    }
  if (gate->resume_id == 0)
    gate->resume_id = g_timeout_add ((guint)((gate->resume_at - now + 999) / 1000), resume_cb, gate);
  return TRUE;
}

static void
pump (CarePortalGate *gate)
{
  while (gate->in_flight < CARE_PORTAL_GATE_MAX_IN_FLIGHT && !g_queue_is_empty (&gate->queue))
    {
      Waiting *waiting;
      GTask *task;
      CarePortalGateStart start;

      if (is_holding (gate))
        return;
      waiting = g_queue_pop_head (&gate->queue);
      task = waiting->task;
      start = waiting->start;
      g_free (waiting);

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          continue;
        }
      gate->in_flight++;
      gate->peak = MAX (gate->peak, gate->in_flight);
      start (task);
    }
}

/**
 * care_portal_gate_enter:
 * @gate: a gate
 * @task: (transfer full): a request's task
 * @start: what starts it
 *
 * Queues @task behind those waiting for the server; @start runs once
 * fewer than four are in flight and the server is not asking for a
 * pause. A task cancelled while waiting returns its error instead.
 */
void
care_portal_gate_enter (CarePortalGate      *gate,
                        GTask               *task,
                        CarePortalGateStart  start)
{
  Waiting *waiting;

  g_return_if_fail (gate != NULL);
  g_return_if_fail (G_IS_TASK (task));

  waiting = g_new0 (Waiting, 1);
  waiting->task = task;
  waiting->start = start;
  g_queue_push_tail (&gate->queue, waiting);
  pump (gate);
}

/**
 * care_portal_gate_leave:
 * @gate: a gate
 *
 * A request that care_portal_gate_enter() started is no longer in flight.
 */
void
care_portal_gate_leave (CarePortalGate *gate)
{
  g_return_if_fail (gate != NULL);
  g_return_if_fail (gate->in_flight > 0);

  gate->in_flight--;
  pump (gate);
}

/**
 * care_portal_gate_hold:
 * @gate: a gate
 * @delay_ms: how long the server asked every client to wait (Retry-After)
 *
 * Starts nothing new for @delay_ms (five minutes at most); what is in
 * flight goes on. A shorter hold than one already asked for changes
 * nothing.
 */
void
care_portal_gate_hold (CarePortalGate *gate,
                       guint           delay_ms)
{
  gint64 until;

  g_return_if_fail (gate != NULL);

  until = g_get_monotonic_time () + (gint64)MIN (delay_ms, HOLD_CAP_MS) * 1000;
  if (until <= gate->resume_at)
    return;
  gate->resume_at = until;
  g_clear_handle_id (&gate->resume_id, g_source_remove);
}

/**
 * care_portal_gate_get_in_flight:
 * @gate: a gate
 *
 * Returns: how many requests to the server are in flight now
 */
guint
care_portal_gate_get_in_flight (CarePortalGate *gate)
{
  g_return_val_if_fail (gate != NULL, 0);
  return gate->in_flight;
}

/**
 * care_portal_gate_get_peak:
 * @gate: a gate
 *
 * Returns: the most requests that were in flight to the server at once
 */
guint
care_portal_gate_get_peak (CarePortalGate *gate)
{
  g_return_val_if_fail (gate != NULL, 0);
  return gate->peak;
}

/**
 * care_portal_backoff_delay:
 * @base_ms: the first retry's delay
 * @cap_ms: the longest the backoff grows to
 * @attempt: the attempt that failed, from 1
 * @jitter_ms: a random part, so that waiting requests do not all return
 *   at once
 * @retry_after_ms: what the server's Retry-After asked, or 0
 *
 * Doubles from @base_ms each attempt, never past @cap_ms (jitter
 * included), and never shorter than the server asked, up to five minutes.
 *
 * Returns: how long to wait before the next attempt, in milliseconds
 */
guint
care_portal_backoff_delay (guint base_ms,
                           guint cap_ms,
                           guint attempt,
                           guint jitter_ms,
                           guint retry_after_ms)
{
  guint64 backoff;

  backoff = (guint64)base_ms << MIN (MAX (attempt, 1u) - 1, 20u);
  backoff = MIN (backoff + jitter_ms, (guint64)cap_ms);
  return (guint)MAX (backoff, (guint64)MIN (retry_after_ms, HOLD_CAP_MS));
}
