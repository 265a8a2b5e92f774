/* care-sandbox-search.c — searching and paging the sandbox's resources
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns FHIR search parameters into SQL over the store's index columns
 * and token table: dates with prefixes on partial dates, tokens with or
 * without a system, comma-separated alternatives, and keyset paging over
 * (sort key, row id) pinned to a snapshot of row ids, so a next link stays
 * right while resources are added. Also the _history reader.
 */
#include "config.h"

#include "care-error.h"
#include "care-sandbox-params.h"
#include "care-sandbox-store.h"

#include <stdio.h>
#include <string.h>

static gboolean
set_sqlite_error (CareSandboxStore  *self,
                  GError           **error)
{
  g_set_error (error, CARE_CACHE_ERROR, CARE_CACHE_ERROR_IO,
               "Sandbox store: %s", sqlite3_errmsg (care_sandbox_store_get_db (self)));
  return FALSE;
}

/* Sorts after every date and time of year 9999, the last FHIR has. */
#define END_OF_TIME "9999-12-31T24"

/* The range [low, high) a FHIR date search value names: "2020" is all of
 * 2020, "2020-03" all of March, a day the whole day, a date-time its
 * second (or its millisecond when it gives one). Date-times compare in
 * UTC, as the store keeps them. */
static gboolean
date_bounds (const char  *value,
             char       **out_low,
             char       **out_high)
{
  int year, month, day;
  GDate date;
  gsize len = strlen (value);

  if (len == 4 && sscanf (value, "%4d", &year) == 1 && year > 0)
    {
      *out_low = g_strdup_printf ("%04d", year);
      *out_high = year == 9999 ? g_strdup (END_OF_TIME) : g_strdup_printf ("%04d", year + 1);
      return TRUE;
    }
  if (len == 7 && sscanf (value, "%4d-%2d", &year, &month) == 2 && month >= 1 && month <= 12)
    {
      *out_low = g_strdup_printf ("%04d-%02d", year, month);
      if (month == 12 && year == 9999)
        *out_high = g_strdup (END_OF_TIME);
      else
        *out_high = month == 12 ? g_strdup_printf ("%04d-01", year + 1)
                                : g_strdup_printf ("%04d-%02d", year, month + 1);
      return TRUE;
    }
  if (len == 10 && sscanf (value, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      *out_low = g_strdup (value);
      g_date_add_days (&date, 1);
      if (g_date_get_year (&date) > 9999)
        *out_high = g_strdup (END_OF_TIME);
      else
        *out_high = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                                     g_date_get_month (&date), g_date_get_day (&date));
      return TRUE;
    }
  if (len > 10 && value[10] == 'T')
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (value, zone);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) next = NULL;
      g_autofree char *low_seconds = NULL;
      g_autofree char *high_seconds = NULL;
      gboolean to_millisecond = strchr (value, '.') != NULL;

      if (when == NULL)
        return FALSE;
      utc = g_date_time_to_utc (when);
      if (!to_millisecond)
        {
          GDateTime *whole = g_date_time_add (utc, -(GTimeSpan)g_date_time_get_microsecond (utc));

          g_date_time_unref (utc);
          utc = whole;
        }
      /* The last second GDateTime holds has no next one: the range runs
       * to the end of time instead. */
      next = g_date_time_add (utc, to_millisecond ? 1000 : G_USEC_PER_SEC);
      low_seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
      *out_low = g_strdup_printf ("%s.%03dZ", low_seconds, g_date_time_get_microsecond (utc) / 1000);
      if (next == NULL)
        {
          *out_high = g_strdup (END_OF_TIME);
          return TRUE;
        }
      high_seconds = g_date_time_format (next, "%Y-%m-%dT%H:%M:%S");
      *out_high = g_strdup_printf ("%s.%03dZ", high_seconds, g_date_time_get_microsecond (next) / 1000);
      return TRUE;
    }

  return FALSE;
}

static gboolean
append_date_condition (GString     *sql,
                       GPtrArray   *binds,
                       const char  *column,
                       const char  *value,
                       GError     **error)
{
  static const char *prefixes[] = { "eq", "ne", "lt", "gt", "le", "ge", "sa", "eb" };
  const char *prefix = "eq";
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (value, prefixes[i]) && g_ascii_isdigit (value[2]))
      {
        prefix = prefixes[i];
        value += 2;
        break;
      }

  if (!date_bounds (value, &low, &high))
    {
      g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_MALFORMED, "Invalid date: %s", value);
      return FALSE;
    }

  /* Resources without a date never match a date condition. The stored
   * value is a point; the search value is the range [low, high). */
  g_string_append_printf (sql, " AND %s <> ''", column);

  if (g_str_equal (prefix, "eq") || g_str_equal (prefix, "ne"))
    {
      g_string_append_printf (sql, " AND %s(%s >= ? AND %s < ?)",
                              g_str_equal (prefix, "ne") ? "NOT " : "", column, column);
      g_ptr_array_add (binds, g_steal_pointer (&low));
      g_ptr_array_add (binds, g_steal_pointer (&high));
    }
  else if (g_str_equal (prefix, "lt") || g_str_equal (prefix, "eb"))
    {
      g_string_append_printf (sql, " AND %s < ?", column);
      g_ptr_array_add (binds, g_steal_pointer (&low));
    }
  else if (g_str_equal (prefix, "le"))
    {
      g_string_append_printf (sql, " AND %s < ?", column);
      g_ptr_array_add (binds, g_steal_pointer (&high));
    }
  else if (g_str_equal (prefix, "gt") || g_str_equal (prefix, "sa"))
    {
      g_string_append_printf (sql, " AND %s >= ?", column);
      g_ptr_array_add (binds, g_steal_pointer (&high));
    }
  else /* ge */
    {
      g_string_append_printf (sql, " AND %s >= ?", column);
      g_ptr_array_add (binds, g_steal_pointer (&low));
    }

  return TRUE;
}

/**
 * care_sandbox_store_search:
 * @self: a #CareSandboxStore
 * @search: what to look for, and which page
 * @error: return location for a #CARE_FHIR_ERROR for bad parameters
 *
 * Returns: (transfer full) (nullable): one page of results
 */
CareSandboxPage *
care_sandbox_store_search (CareSandboxStore         *self,
                           const CareSandboxSearch  *search,
                           GError                  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CareSandboxPage) page = g_new0 (CareSandboxPage, 1);
  const char *sort_column;
  const char *direction;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), NULL);
  g_return_val_if_fail (search != NULL && search->type != NULL, NULL);

  page->resources = g_ptr_array_new_with_free_func (g_free);
  page->ids = g_ptr_array_new_with_free_func (g_free);
  page->snapshot = search->snapshot;
  if (page->snapshot == 0)
    {
      sqlite3_stmt *max = NULL;

      sqlite3_prepare_v2 (care_sandbox_store_get_db (self), "SELECT COALESCE(MAX(rid), 0) FROM resources", -1, &max, NULL);
      if (sqlite3_step (max) == SQLITE_ROW)
        page->snapshot = sqlite3_column_int64 (max, 0);
      sqlite3_finalize (max);
    }

  /* Plain columns, so the (type, patient, sort column, rowid) indexes
   * serve both the order and the keyset cursor: every page costs the same,
   * however deep into the record it is. */
  sort_column = search->sort_last_updated ? "last_updated" : "date";
  direction = search->sort_descending ? "DESC" : "ASC";

  g_string_append_printf (sql, "SELECT rid, %s, json, id FROM resources r "
                               "WHERE type = ? AND deleted = 0 AND rid <= %" G_GINT64_FORMAT,
                          sort_column, page->snapshot);
  g_ptr_array_add (binds, g_strdup (search->type));

  if (search->patient != NULL)
    {
      g_string_append (sql, " AND patient = ?");
      g_ptr_array_add (binds, g_strdup (search->patient));
    }

  if (search->params != NULL)
    {
      g_hash_table_iter_init (&iter, search->params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *name = key;
          CareSandboxParamKind kind;

          if (!care_sandbox_params_lookup (search->type, name, &kind))
            {
              g_set_error (error, CARE_FHIR_ERROR, CARE_FHIR_ERROR_UNSUPPORTED,
                           "Unknown search parameter “%s” for %s", name, search->type);
              return NULL;
            }

          if (kind == CARE_SANDBOX_PARAM_DATE || kind == CARE_SANDBOX_PARAM_LAST_UPDATED)
            {
              g_auto(GStrv) values = g_strsplit (value, "\x1f", -1);

              /* Repeated date parameters (ge… and lt…) all apply. */
              for (guint i = 0; values[i] != NULL; i++)
                {
                  const char *column = kind == CARE_SANDBOX_PARAM_DATE ? "date" : "last_updated";

                  if (!append_date_condition (sql, binds, column, values[i], error))
                    return NULL;
                }
            }
          else if (kind == CARE_SANDBOX_PARAM_ID)
            {
              g_auto(GStrv) ids = g_strsplit (value, ",", -1);

              g_string_append (sql, " AND id IN (");
              for (guint i = 0; ids[i] != NULL; i++)
                {
                  g_string_append (sql, i == 0 ? "?" : ", ?");
                  g_ptr_array_add (binds, g_strdup (ids[i]));
                }
              g_string_append (sql, ")");
            }
          else
            {
              g_auto(GStrv) alternatives = g_strsplit (value, ",", -1);

              /* Comma-separated values are alternatives (OR). */
              g_string_append (sql, " AND EXISTS (SELECT 1 FROM tokens t WHERE t.rid = r.rid "
                                    "AND t.param = ? AND (");
              g_ptr_array_add (binds, g_strdup (name));
              for (guint i = 0; alternatives[i] != NULL; i++)
                {
                  const char *bar = strchr (alternatives[i], '|');

                  if (i > 0)
                    g_string_append (sql, " OR ");
                  if (bar == NULL)
                    {
                      /* code: in any system */
                      g_string_append (sql, "t.code = ?");
                      g_ptr_array_add (binds, g_strdup (alternatives[i]));
                    }
                  else if (bar == alternatives[i])
                    {
                      /* |code: a code without a system */
                      g_string_append (sql, "(t.system IS NULL AND t.code = ?)");
                      g_ptr_array_add (binds, g_strdup (bar + 1));
                    }
                  else if (bar[1] == '\0')
                    {
                      /* system|: any code of that system */
                      g_string_append (sql, "t.system = ?");
                      g_ptr_array_add (binds, g_strndup (alternatives[i], bar - alternatives[i]));
                    }
                  else
                    {
                      g_string_append (sql, "(t.system = ? AND t.code = ?)");
                      g_ptr_array_add (binds, g_strndup (alternatives[i], bar - alternatives[i]));
                      g_ptr_array_add (binds, g_strdup (bar + 1));
                    }
                }
              g_string_append (sql, "))");
            }
        }
    }

  if (search->exclude_category != NULL)
    {
      g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM tokens x WHERE x.rid = r.rid "
                            "AND x.param = 'category' AND x.code = ?)");
      g_ptr_array_add (binds, g_strdup (search->exclude_category));
    }

  if (search->after_key != NULL)
    {
      g_string_append_printf (sql, " AND (%s, rid) %s (?, %" G_GINT64_FORMAT ")",
                              sort_column, search->sort_descending ? "<" : ">",
                              search->after_rid);
      g_ptr_array_add (binds, g_strdup (search->after_key));
    }

  g_string_append_printf (sql, " ORDER BY %s %s, rid %s LIMIT %u",
                          sort_column, direction, direction, search->count + 1);

  rc = sqlite3_prepare_v2 (care_sandbox_store_get_db (self), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n == search->count)
        {
          page->more = TRUE;
          break;
        }

      g_ptr_array_add (page->resources, g_strdup ((const char *)sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (page->ids, g_strdup ((const char *)sqlite3_column_text (stmt, 3)));
      page->last_rid = sqlite3_column_int64 (stmt, 0);
      g_free (page->last_key);
      page->last_key = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      n++;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&page);
}

/**
 * care_sandbox_store_history:
 * @self: a #CareSandboxStore
 * @type: (nullable): a resource type, or %NULL for all
 * @id: (nullable): one resource's id
 * @since: (nullable): only changes after this instant (the store's UTC form)
 * @before_key: (nullable): keyset cursor: only entries older than this
 *   lastUpdated (or as old, with a lower @before_rid)
 * @before_rid: keyset cursor: the history row of the last entry seen
 * @count: the most entries to return
 *
 * Entries come newest first; a page's next one starts after its last
 * entry, so changes made meanwhile (always newer) never shift pages.
 *
 * Returns: (transfer full) (element-type JsonObject): entries, each with
 *   type, id, version, lastUpdated, deleted, json and row
 */
GPtrArray *
care_sandbox_store_history (CareSandboxStore *self,
                            const char       *type,
                            const char       *id,
                            const char       *since,
                            const char       *before_key,
                            gint64            before_rid,
                            guint             count)
{
  g_autoptr(GString) sql = g_string_new ("SELECT type, id, version, last_updated, deleted, json, rowid "
                                         "FROM history WHERE 1");
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  sqlite3_stmt *stmt = NULL;
  int i = 1;

  g_return_val_if_fail (CARE_IS_SANDBOX_STORE (self), entries);

  if (type != NULL)
    g_string_append (sql, " AND type = ?");
  if (id != NULL)
    g_string_append (sql, " AND id = ?");
  if (since != NULL)
    g_string_append (sql, " AND last_updated > ?");
  if (before_key != NULL)
    g_string_append (sql, " AND (last_updated, rowid) < (?, ?)");
  g_string_append_printf (sql, " ORDER BY last_updated DESC, rowid DESC LIMIT %u", count);

  if (sqlite3_prepare_v2 (care_sandbox_store_get_db (self), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return entries;

  if (type != NULL)
    sqlite3_bind_text (stmt, i++, type, -1, SQLITE_STATIC);
  if (id != NULL)
    sqlite3_bind_text (stmt, i++, id, -1, SQLITE_STATIC);
  if (since != NULL)
    sqlite3_bind_text (stmt, i++, since, -1, SQLITE_STATIC);
  if (before_key != NULL)
    {
      sqlite3_bind_text (stmt, i++, before_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, i++, before_rid);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "type", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (entry, "id", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_int_member (entry, "version", sqlite3_column_int (stmt, 2));
      json_object_set_string_member (entry, "lastUpdated", (const char *)sqlite3_column_text (stmt, 3));
      json_object_set_boolean_member (entry, "deleted", sqlite3_column_int (stmt, 4) != 0);
      json_object_set_string_member (entry, "json", (const char *)sqlite3_column_text (stmt, 5));
      json_object_set_int_member (entry, "row", sqlite3_column_int64 (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);

  return entries;
}
