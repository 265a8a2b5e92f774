/* care-sections.c — the feature areas of the sidebar
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table drives the sidebar, the page stack, the window's
 * win.show-section action and the keyboard shortcuts, so adding a feature
 * area is one line here.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-allergies-view.h"
#include "care-appointments-view.h"
#include "care-billing-view.h"
#include "care-documents-view.h"
#include "care-growth-view.h"
#include "care-home-view.h"
#include "care-immunizations-view.h"
#include "care-issues-view.h"
#include "care-medications-view.h"
#include "care-messages-view.h"
#include "care-outbox-view.h"
#include "care-plan-view.h"
#include "care-questionnaires-view.h"
#include "care-results-view.h"
#include "care-sections.h"
#include "care-sharing-view.h"
#include "care-trends-view.h"

static const CareSection sections[] = {
  { "home", N_("Home"), "go-home-symbolic",
    N_("Your Health at a Glance"),
    N_("New test results, messages from your care team, your next appointment and the care "
       "that is due will be shown here once your record has synced."),
    N_("Sync Now"), "win.refresh", care_home_view_new },
  { "results", N_("Test Results"), "care-results-symbolic",
    N_("No Test Results Yet"),
    N_("Lab and imaging results from your health system will be listed here, newest first, "
       "with their reference ranges and your clinician’s comments."),
    N_("Sync Now"), "win.refresh", care_results_view_create },
  { "medications", N_("Medications"), "care-medications-symbolic",
    N_("No Medications Yet"),
    N_("Your current and past medications, with how to take them and who prescribed them, "
       "will be listed here."),
    N_("Sync Now"), "win.refresh", care_medications_view_new },
  { "allergies", N_("Allergies"), "care-allergies-symbolic",
    N_("No Allergies Recorded"),
    N_("Allergies your health system knows about, with reactions and severity, will be "
       "listed here."),
    N_("Sync Now"), "win.refresh", care_allergies_view_new },
  { "issues", N_("Health Issues"), "care-issues-symbolic",
    N_("No Health Issues Recorded"),
    N_("Current and past conditions, procedures and family history will be listed here."),
    N_("Sync Now"), "win.refresh", care_issues_view_new },
  { "immunizations", N_("Immunizations"), "care-immunizations-symbolic",
    N_("No Immunizations Yet"),
    N_("Vaccines you received, and those that are due or overdue, will be listed here."),
    N_("Sync Now"), "win.refresh", care_immunizations_view_new },
  { "plan", N_("Plan of Care"), "care-plan-symbolic",
    N_("No Plan of Care Yet"),
    N_("Care plans, the goals you and your care team set, and who is on your care team will "
       "be listed here."),
    N_("Sync Now"), "win.refresh", care_plan_view_new },
  { "trends", N_("Health Trends"), "care-trends-symbolic",
    N_("No Measurements to Chart"),
    N_("Lab values and vital signs such as A1c, blood pressure and weight will be charted "
       "here over time."),
    N_("Show Test Results"), "win.show-section::results", care_trends_view_new },
  { "growth", N_("Growth Charts"), "care-growth-symbolic",
    N_("No Growth Measurements"),
    N_("A child’s weight, height and head size from well-child visits will be drawn here "
       "against the WHO and CDC percentile curves."),
    N_("Sync Now"), "win.refresh", care_growth_view_new },
  { "documents", N_("Visits & Documents"), "folder-documents-symbolic",
    N_("No Visits or Documents Yet"),
    N_("Past visits with their after-visit summaries, clinical notes, letters and other "
       "documents will be listed here."),
    N_("Sync Now"), "win.refresh", care_documents_view_create },
  { "messages", N_("Messages"), "mail-unread-symbolic",
    N_("No Messages"),
    N_("Conversations with your care team will be shown here."),
    N_("Sync Now"), "win.refresh", care_messages_view_new },
  { "appointments", N_("Appointments"), "x-office-calendar-symbolic",
    N_("No Appointments"),
    N_("Upcoming and past appointments with your care team will be listed here."),
    N_("Sync Now"), "win.refresh", care_appointments_view_new },
  { "billing", N_("Billing & Insurance"), "care-billing-symbolic",
    N_("No Bills or Insurance Details"),
    N_("Statements, payments, insurance coverage and claims will be listed here."),
    N_("Sync Now"), "win.refresh", care_billing_view_new },
  { "sharing", N_("Sharing & Access"), "system-users-symbolic",
    N_("Nobody Else Has Access"),
    N_("People who can see this record, and a log of every sign-in, sync and export, "
       "will be listed here."),
    N_("Sync Now"), "win.refresh", care_sharing_view_new },
  { "questionnaires", N_("Questionnaires"), "x-office-document-symbolic",
    N_("No Questionnaires"),
    N_("Forms your care team asks you to fill in before a visit will be listed here."),
    N_("Sync Now"), "win.refresh", care_questionnaires_view_new },
  { "outbox", N_("Outbox"), "mail-send-symbolic",
    N_("Nothing Waiting to Be Sent"),
    N_("What you send to your care team from Carebook waits here while you are offline, and "
       "stays here if your health system does not accept it."),
    N_("Sync Now"), "win.refresh", care_outbox_view_new },
};

guint
care_sections_get_n_items (void)
{
  return G_N_ELEMENTS (sections);
}

/**
 * care_sections_get:
 * @position: an index below care_sections_get_n_items()
 *
 * Returns: (transfer none): the section
 */
const CareSection *
care_sections_get (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (sections), NULL);

  return &sections[position];
}

/**
 * care_sections_lookup:
 * @id: a section id such as "results"
 * @position: (out) (optional): its index
 *
 * Returns: (transfer none) (nullable): the section, or %NULL if @id is unknown
 */
const CareSection *
care_sections_lookup (const char *id,
                      guint      *position)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_str_equal (sections[i].id, id))
        {
          if (position != NULL)
            *position = i;
          return &sections[i];
        }
    }

  return NULL;
}
