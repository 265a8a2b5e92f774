/* care-sandbox-scheduling-private.h — shared by the scheduling files
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "care-sandbox-scheduling.h"

G_BEGIN_DECLS

const char *sched_str              (JsonObject             *object,
                                    const char             *member);
JsonObject *sched_obj              (JsonObject             *object,
                                    const char             *member);
JsonArray  *sched_array            (JsonObject             *object,
                                    const char             *member);
JsonObject *sched_extension        (JsonObject             *object,
                                    const char             *url);
void        sched_remove_extension (JsonObject             *object,
                                    const char             *url);
void        sched_add_extension    (JsonObject             *object,
                                    JsonObject             *extension);
gint64      sched_parse_time       (const char             *text);
char       *sched_format_time      (gint64                  seconds);
JsonObject *sched_parse            (const char             *json);
GPtrArray  *sched_list             (CareSandboxStore       *store,
                                    const char             *type,
                                    const char             *patient);
const char *sched_visit_code       (JsonObject             *appointment);
JsonObject *sched_visit_type       (CareSandboxStore       *store,
                                    const char             *code);
gboolean    sched_has_code         (JsonObject             *object,
                                    const char             *member,
                                    const char             *code);
int         sched_minutes          (JsonObject             *visit_type);
gboolean    sched_may_book         (CareSandboxStore       *store,
                                    const CareSandboxGrant *grant,
                                    JsonObject             *visit_type,
                                    guint                  *out_status,
                                    const char            **out_text);
gboolean    sched_slot_open        (JsonObject             *slot,
                                    gint64                  now,
                                    const char             *patient);
GPtrArray  *sched_slots_of         (CareSandboxStore       *store,
                                    JsonObject             *appointment);
gboolean    sched_set_slots        (CareSandboxStore       *store,
                                    GPtrArray              *slots,
                                    const char             *status,
                                    const char             *patient,
                                    gint64                  until);
JsonObject *sched_proposal         (CareSandboxStore       *store,
                                    JsonObject             *visit_type,
                                    JsonObject             *schedule,
                                    GPtrArray              *slots,
                                    guint                   first,
                                    guint                   n,
                                    const char             *patient);
void        sched_add_runs         (CareSandboxStore       *store,
                                    JsonObject             *visit_type,
                                    JsonObject             *schedule,
                                    GPtrArray              *slots,
                                    gint64                  from,
                                    gint64                  to,
                                    gint64                  now,
                                    const char             *patient,
                                    JsonArray              *out);
GHashTable *sched_slots_by_schedule (CareSandboxStore      *store);
void        sched_send_return      (SoupServerMessage      *msg,
                                    JsonObject             *resource);

/* care-sandbox-scheduling-rules.c */
JsonObject *sched_appointment_parameter (JsonObject        *parameters,
                                         gboolean           cancelled);
void        sched_check_in         (CareSandboxStore       *store,
                                    const CareSandboxGrant *grant,
                                    SoupServerMessage      *msg,
                                    JsonObject             *parameters);
gboolean    sched_book             (CareSandboxStore       *store,
                                    const CareSandboxGrant *grant,
                                    SoupServerMessage      *msg,
                                    JsonObject             *parameters);

G_END_DECLS
