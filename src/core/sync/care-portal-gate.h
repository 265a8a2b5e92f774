/* care-portal-gate.h — the requests in flight to one server, whoever sends them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARE_PORTAL_GATE_MAX_IN_FLIGHT 4

typedef struct _CarePortalGate CarePortalGate;

/* Starts a task the gate let through; the gate counts it in flight until
 * care_portal_gate_leave(). */
typedef void (*CarePortalGateStart) (GTask *task);

CarePortalGate *care_portal_gate_acquire        (GUri                *uri);
void            care_portal_gate_release        (CarePortalGate      *gate);
void            care_portal_gate_enter          (CarePortalGate      *gate,
                                                 GTask               *task,
                                                 CarePortalGateStart  start);
void            care_portal_gate_leave          (CarePortalGate      *gate);
void            care_portal_gate_hold           (CarePortalGate      *gate,
                                                 guint                delay_ms);
guint           care_portal_gate_get_in_flight  (CarePortalGate      *gate);
guint           care_portal_gate_get_peak       (CarePortalGate      *gate);

guint           care_portal_backoff_delay       (guint                base_ms,
                                                 guint                cap_ms,
                                                 guint                attempt,
                                                 guint                jitter_ms,
                                                 guint                retry_after_ms);

G_END_DECLS
