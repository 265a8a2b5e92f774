/* care-sandbox-faults.c — failures on demand, for testing clients
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A spec such as "latency=200,error=0.1,retry-after=2,429=0.05,drop=0.05,
 * truncate=0.05,malformed=0.05,expire-tokens=0.02,seed=7" gives each
 * fault a share of requests. Draws come from a GRand seeded from the spec,
 * so a test that fails replays the same sequence. "write-error" and
 * "write-drop" do a write and then fail its answer (a 500, a dropped
 * connection), as a proxy in front of a real portal can; they hit writes
 * only. "times=N" stops injecting after N faults.
 */
#include "config.h"

#include "care-error.h"
#include <gio/gio.h>

#include "care-sandbox-faults.h"

#include <string.h>

struct _CareSandboxFaults
{
  GRand  *rand;
  guint   seed;
  guint   latency_ms;
  guint   retry_after;
  guint   times;        /* faults left to inject; 0: no limit */
  gboolean limited;
  double  shares[CARE_SANDBOX_FAULT_WRITE_DROP + 1];
};

static const struct
{
  const char       *name;
  CareSandboxFault  fault;
} names[] = {
  { "error", CARE_SANDBOX_FAULT_ERROR },
  { "429", CARE_SANDBOX_FAULT_TOO_MANY },
  { "drop", CARE_SANDBOX_FAULT_DROP },
  { "truncate", CARE_SANDBOX_FAULT_TRUNCATE },
  { "malformed", CARE_SANDBOX_FAULT_MALFORMED },
  { "expire-tokens", CARE_SANDBOX_FAULT_EXPIRE_TOKEN },
  { "write-error", CARE_SANDBOX_FAULT_WRITE_ERROR },
  { "write-drop", CARE_SANDBOX_FAULT_WRITE_DROP },
};

CareSandboxFaults *
care_sandbox_faults_new (void)
{
  CareSandboxFaults *faults = g_new0 (CareSandboxFaults, 1);

  faults->seed = 1;
  faults->rand = g_rand_new_with_seed (faults->seed);
  return faults;
}

void
care_sandbox_faults_free (CareSandboxFaults *faults)
{
  if (faults == NULL)
    return;

  g_rand_free (faults->rand);
  g_free (faults);
}

/**
 * care_sandbox_faults_parse:
 * @faults: the fault settings
 * @spec: a spec ("" turns every fault off)
 * @error: return location for a #GError
 *
 * Replaces the settings with @spec; on error nothing changes.
 *
 * Returns: %TRUE if @spec was valid
 */
gboolean
care_sandbox_faults_parse (CareSandboxFaults  *faults,
                           const char         *spec,
                           GError            **error)
{
  CareSandboxFaults parsed = { 0 };
  g_auto(GStrv) items = g_strsplit (spec != NULL ? spec : "", ",", -1);
  double total = 0;

  parsed.seed = 1;
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      char *end = NULL;
      gboolean known = FALSE;
      double value;

      if (item[0] == '\0')
        continue;

      pair = g_strsplit (item, "=", 2);
      if (pair[1] == NULL)
        goto invalid;
      value = g_ascii_strtod (pair[1], &end);
      if (end == pair[1] || *end != '\0' || value < 0)
        goto invalid;

      if (g_str_equal (pair[0], "latency"))
        parsed.latency_ms = (guint)value, known = TRUE;
      else if (g_str_equal (pair[0], "retry-after"))
        parsed.retry_after = (guint)value, known = TRUE;
      else if (g_str_equal (pair[0], "seed"))
        parsed.seed = (guint)value, known = TRUE;
      else if (g_str_equal (pair[0], "times"))
        parsed.times = (guint)value, parsed.limited = TRUE, known = TRUE;
      else
        for (guint j = 0; j < G_N_ELEMENTS (names); j++)
          if (g_str_equal (pair[0], names[j].name))
            {
              if (value > 1)
                goto invalid;
              parsed.shares[names[j].fault] = value;
              total += value;
              known = TRUE;
            }

      if (!known)
        goto invalid;
      continue;

    invalid:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid fault “%s”: expected latency=MS, retry-after=S, seed=N, times=N or "
                   "error|429|drop|truncate|malformed|expire-tokens|write-error|write-drop=SHARE "
                   "(0 to 1)", item);
      return FALSE;
    }

  if (total > 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "The fault shares add up to more than 1");
      return FALSE;
    }

  faults->seed = parsed.seed;
  faults->latency_ms = parsed.latency_ms;
  faults->retry_after = parsed.retry_after;
  faults->times = parsed.times;
  faults->limited = parsed.limited;
  memcpy (faults->shares, parsed.shares, sizeof faults->shares);
  g_rand_set_seed (faults->rand, faults->seed);

  return TRUE;
}

/**
 * care_sandbox_faults_to_string:
 * @faults: the fault settings
 *
 * Returns: (transfer full): the settings as a spec
 */
char *
care_sandbox_faults_to_string (CareSandboxFaults *faults)
{
  GString *spec = g_string_new (NULL);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (spec, "latency=%u,retry-after=%u,seed=%u",
                          faults->latency_ms, faults->retry_after, faults->seed);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (spec, ",%s=%s", names[i].name,
                            g_ascii_dtostr (buffer, sizeof buffer, faults->shares[names[i].fault]));
  if (faults->limited)
    g_string_append_printf (spec, ",times=%u", faults->times);

  return g_string_free (spec, FALSE);
}

/**
 * care_sandbox_faults_draw_for:
 * @faults: the fault settings
 * @write: whether the request writes (POST, PUT, DELETE)
 *
 * Returns: the fault for the next request
 */
CareSandboxFault
care_sandbox_faults_draw_for (CareSandboxFaults *faults,
                              gboolean           write)
{
  double x = g_rand_double (faults->rand);
  double acc = 0;

  if (faults->limited && faults->times == 0)
    return CARE_SANDBOX_FAULT_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      acc += faults->shares[names[i].fault];
      if (x < acc)
        {
          if (!write && (names[i].fault == CARE_SANDBOX_FAULT_WRITE_ERROR ||
                         names[i].fault == CARE_SANDBOX_FAULT_WRITE_DROP))
            return CARE_SANDBOX_FAULT_NONE;
          if (faults->limited)
            faults->times--;
          return names[i].fault;
        }
    }

  return CARE_SANDBOX_FAULT_NONE;
}

/**
 * care_sandbox_faults_draw:
 * @faults: the fault settings
 *
 * Returns: the fault for the next request, a read
 */
CareSandboxFault
care_sandbox_faults_draw (CareSandboxFaults *faults)
{
  return care_sandbox_faults_draw_for (faults, FALSE);
}

guint
care_sandbox_faults_get_latency (CareSandboxFaults *faults)
{
  return faults->latency_ms;
}

guint
care_sandbox_faults_get_retry_after (CareSandboxFaults *faults)
{
  return faults->retry_after;
}
