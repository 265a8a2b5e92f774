/* care-schedule-who.c — the scheduling dialog's "With whom?" and offline pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "With whom?" offers any clinician, then the person's favourites (a star
 * keeps one first), then the clinicians of their past visits, then anyone
 * else with open times (care-clinician-order.c), each with their first
 * open time. Offline, the dialog shows a page of its own: open times are
 * only true now, so nothing from before is shown.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-schedule-dialog-private.h"

#include "care-clinician-order.h"

static gboolean
refill_who_cb (gpointer user_data)
{
  care_schedule_dialog_fill_who (user_data);
  return G_SOURCE_REMOVE;
}

static void
star_toggled_cb (GtkToggleButton    *button,
                 CareScheduleDialog *self)
{
  const char *reference = g_object_get_data (G_OBJECT (button), "reference");
  g_autoptr(GError) error = NULL;

  if (self->cache == NULL || reference == NULL)
    return;
  if (!care_clinician_set_favourite (self->cache, reference, gtk_toggle_button_get_active (button), &error))
    {
      care_schedule_dialog_set_message (self, error->message);
      return;
    }
  /* Favourites first: the list is sorted again, after this handler. */
  g_idle_add_full (G_PRIORITY_DEFAULT, refill_who_cb, g_object_ref (self), g_object_unref);
}

typedef struct
{
  char              *reference;
  guint              first;     /* index of its first open time */
  CareClinicianRank  rank;
} Clinician;

static void
clinician_free (Clinician *clinician)
{
  g_free (clinician->reference);
  g_free (clinician);
}

static int
compare_clinicians (gconstpointer a,
                    gconstpointer b)
{
  const Clinician *one = *(Clinician **)a;
  const Clinician *two = *(Clinician **)b;

  if (one->rank != two->rank)
    return (int)one->rank - (int)two->rank;
  return (int)one->first - (int)two->first;
}

static GtkWidget *
new_star (CareScheduleDialog *self,
          const char         *reference,
          const char         *name,
          gboolean            favourite)
{
  GtkWidget *star = gtk_toggle_button_new ();
  /* Translators: a star button's spoken name; %s is a clinician */
  g_autofree char *label = g_strdup_printf (_("Favourite: %s"), name);

  gtk_button_set_icon_name (GTK_BUTTON (star), favourite ? "starred-symbolic" : "non-starred-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), favourite);
  gtk_widget_add_css_class (star, "flat");
  gtk_widget_set_valign (star, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (star, favourite ? _("Favourite: shown first") : _("Make a favourite"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (star), "reference", g_strdup (reference), g_free);
  g_signal_connect_object (star, "toggled", G_CALLBACK (star_toggled_cb), self, 0);
  return star;
}

/* "With whom?": any clinician, then favourites, those seen before, and
 * the rest, each with their first open time and a star. */
void
care_schedule_dialog_fill_who (CareScheduleDialog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) clinicians = g_ptr_array_new_with_free_func ((GDestroyNotify)clinician_free);
  GtkWidget *row;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->who_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->who_list), child);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Any clinician"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The soonest open time"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (self->who_list), row);
  for (guint i = 0; i < self->proposals->len; i++)
    {
      g_autofree char *reference = NULL;
      g_autofree char *name = care_appointment_dup_actor (g_ptr_array_index (self->proposals, i), "Practitioner",
                                                          &reference);
      Clinician *clinician;

      if (reference == NULL || g_hash_table_contains (seen, reference))
        continue;
      clinician = g_new0 (Clinician, 1);
      clinician->reference = g_steal_pointer (&reference);
      clinician->first = i;
      clinician->rank = self->cache != NULL ? care_clinician_rank (self->cache, clinician->reference)
                                            : CARE_CLINICIAN_OTHER;
      g_hash_table_add (seen, clinician->reference);
      g_ptr_array_add (clinicians, clinician);
    }
  g_ptr_array_sort (clinicians, compare_clinicians);
  for (guint i = 0; i < clinicians->len; i++)
    {
      const Clinician *clinician = g_ptr_array_index (clinicians, i);
      JsonObject *proposal = g_ptr_array_index (self->proposals, clinician->first);
      g_autofree char *name = care_appointment_dup_actor (proposal, "Practitioner", NULL);
      g_autofree char *place = care_appointment_dup_actor (proposal, "Location", NULL);
      g_autofree char *first = care_schedule_dialog_dup_time (proposal, _("%A, %B %-d, %Y, %H:%M"));
      g_autofree char *subtitle = NULL;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : clinician->reference);
      if (clinician->rank == CARE_CLINICIAN_SEEN)
        /* Translators: %1$s is a clinic, %2$s the first open time there */
        subtitle = g_strdup_printf (_("Seen before · %1$s · First open: %2$s"), place != NULL ? place : "", first);
      else
        /* Translators: %1$s is a clinic, %2$s the first open time there */
        subtitle = g_strdup_printf (_("%1$s · First open: %2$s"), place != NULL ? place : "", first);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (self->cache != NULL)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                   new_star (self, clinician->reference, name != NULL ? name : clinician->reference,
                                             clinician->rank == CARE_CLINICIAN_FAVOURITE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "reference", g_strdup (clinician->reference), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->who_list), row);
    }
}

GtkWidget *
care_schedule_dialog_new_offline_page (void)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Again"));

  gtk_box_append (GTK_BOX (page), header);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "network-offline-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("You’re Offline"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Open times change all the time, so they are only shown while you are "
                                     "online. Connect to the internet and try again, or call the clinic."));
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "schedule.retry");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (page), status);
  return page;
}

/**
 * care_schedule_dialog_set_cache:
 * @self: the dialog
 * @cache: the person's cache: their favourite clinicians and past visits
 *   come first in "With whom?", and a star keeps one there
 */
void
care_schedule_dialog_set_cache (CareScheduleDialog *self,
                                CareCache          *cache)
{
  g_return_if_fail (CARE_IS_SCHEDULE_DIALOG (self));

  g_set_object (&self->cache, cache);
  if (self->proposals->len > 0)
    care_schedule_dialog_fill_who (self);
}

/* For tests: the clinicians of "With whom?" in their order, "Practitioner/id". */
GStrv
care_schedule_dialog_dup_clinicians (CareScheduleDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CARE_IS_SCHEDULE_DIALOG (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (self->who_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "reference") != NULL)
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "reference"));
  return g_strv_builder_end (builder);
}
