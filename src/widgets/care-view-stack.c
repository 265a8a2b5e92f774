/* care-view-stack.c — a record view's content and its other states
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every record view shows one of: its content, "loading" while the first
 * sync runs, "none yet", "withheld from proxy access, because …", "not
 * shared at sign-in", "not offered by this health system", a sync error,
 * a damaged offline copy (with Rebuild), or "no matches" for a search.
 * care_view_stack_update() chooses from the record and the sync state of
 * the view's resource types, so no view shows an empty list that looks
 * like "no data" when the data is hidden.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-view-stack.h"

#include "care-a11y.h"

struct _CareViewStack
{
  AdwBin         parent_instance;

  GtkStack      *stack;
  AdwStatusPage *status_page;
  GtkButton     *button;
  GtkWidget     *content;
  GtkWidget     *incomplete;        /* above the content: "may be incomplete" */
  GtkLabel      *incomplete_label;
  char          *icon_name;
  char          *empty_title;
  char          *empty_description;
  char          *empty_action_label;
  char          *empty_action_name;
  CareViewState  state;
};

G_DEFINE_FINAL_TYPE (CareViewStack, care_view_stack, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Busy for assistive technologies while the view waits for its data and
 * while it fades from one state to the next: a screen reader may wait for
 * it, and the a11y tests read the page only after (halfway through the
 * fade from "Getting your record…" the text has half its contrast). */
static void
update_busy (CareViewStack *self)
{
  gboolean busy = self->state == CARE_VIEW_STATE_LOADING ||
                  gtk_stack_get_transition_running (self->stack);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, busy, -1);
}

static void
on_transition_running_cb (CareViewStack *self)
{
  update_busy (self);
}

static void
care_view_stack_finalize (GObject *object)
{
  CareViewStack *self = (CareViewStack *)object;

  g_free (self->icon_name);
  g_free (self->empty_title);
  g_free (self->empty_description);
  g_free (self->empty_action_label);
  g_free (self->empty_action_name);

  G_OBJECT_CLASS (care_view_stack_parent_class)->finalize (object);
}

static void
care_view_stack_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CareViewStack *self = CARE_VIEW_STACK (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
care_view_stack_class_init (CareViewStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = care_view_stack_finalize;
  object_class->get_property = care_view_stack_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      CARE_VIEW_STATE_LOADING, CARE_VIEW_STATE_NO_RESULTS, CARE_VIEW_STATE_LOADING,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
care_view_stack_init (CareViewStack *self)
{
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (_("Getting your record from your health system…"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  g_signal_connect_object (self->stack, "notify::transition-running",
                           G_CALLBACK (on_transition_running_cb), self, G_CONNECT_SWAPPED);

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (loading), spinner);
  gtk_box_append (GTK_BOX (loading), label);
  gtk_stack_add_named (self->stack, loading, "loading");

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "suggested-action");
  /* Hidden until it has words: an empty button says nothing to anyone. */
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  adw_status_page_set_child (self->status_page, GTK_WIDGET (self->button));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  care_a11y_hide_unseen_pages (self->stack);
  self->state = CARE_VIEW_STATE_LOADING;
  update_busy (self);
}

/**
 * care_view_stack_new:
 * @icon_name: the view's icon, for its empty state
 * @empty_title: what the empty state says, "No Allergies Recorded"
 * @empty_description: what will appear here
 *
 * Returns: (transfer full): a new #CareViewStack showing "loading"
 */
GtkWidget *
care_view_stack_new (const char *icon_name,
                     const char *empty_title,
                     const char *empty_description)
{
  CareViewStack *self = g_object_new (CARE_TYPE_VIEW_STACK, NULL);

  self->icon_name = g_strdup (icon_name);
  self->empty_title = g_strdup (empty_title);
  self->empty_description = g_strdup (empty_description);
  return GTK_WIDGET (self);
}

/* The content, under a notice for a list the portal said may be
 * incomplete (FHIR-CLIENT.md 17), shown only then. */
static GtkWidget *
make_content_page (CareViewStack *self,
                   GtkWidget     *content)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->incomplete = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->incomplete_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->incomplete_label, TRUE);
  gtk_label_set_xalign (self->incomplete_label, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (self->incomplete_label), TRUE);
  gtk_box_append (GTK_BOX (self->incomplete), icon);
  gtk_box_append (GTK_BOX (self->incomplete), GTK_WIDGET (self->incomplete_label));
  gtk_widget_add_css_class (self->incomplete, "care-incomplete");
  gtk_widget_add_css_class (self->incomplete, "warning");
  gtk_widget_set_margin_start (self->incomplete, 12);
  gtk_widget_set_margin_end (self->incomplete, 12);
  gtk_widget_set_margin_top (self->incomplete, 6);
  gtk_widget_set_margin_bottom (self->incomplete, 6);
  gtk_widget_set_visible (self->incomplete, FALSE);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (page), self->incomplete);
  gtk_box_append (GTK_BOX (page), content);
  return page;
}

static void
show_incomplete (CareViewStack *self,
                 CareRecord    *record,
                 const char * const *types)
{
  g_autofree char *said = NULL;
  gboolean incomplete = FALSE;

  for (guint i = 0; record != NULL && types[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      if (care_record_get_type_status (record, types[i], &message) != CARE_TYPE_STATUS_INCOMPLETE)
        continue;
      incomplete = TRUE;
      if (said == NULL)
        said = g_steal_pointer (&message);
    }
  if (self->incomplete == NULL)
    return;
  gtk_widget_set_visible (self->incomplete, incomplete);
  if (!incomplete)
    return;
  if (said != NULL)
    {
      /* Translators: %s is what the health system said about the list */
      g_autofree char *text = g_strdup_printf (_("This list may be incomplete. Your health system "
                                                 "says: “%s”"), said);

      gtk_label_set_label (self->incomplete_label, text);
    }
  else
    gtk_label_set_label (self->incomplete_label,
                         _("This list may be incomplete: your health system did not send all of it."));
}

/**
 * care_view_stack_get_incomplete_text:
 * @self: a #CareViewStack
 *
 * Returns: (nullable): the "may be incomplete" notice over the content,
 *   when it shows
 */
const char *
care_view_stack_get_incomplete_text (CareViewStack *self)
{
  g_return_val_if_fail (CARE_IS_VIEW_STACK (self), NULL);

  if (self->incomplete == NULL || !gtk_widget_get_visible (self->incomplete))
    return NULL;
  return gtk_label_get_label (self->incomplete_label);
}

/**
 * care_view_stack_set_content:
 * @self: a #CareViewStack
 * @content: what the view shows when it has data
 */
void
care_view_stack_set_content (CareViewStack *self,
                             GtkWidget     *content)
{
  g_return_if_fail (CARE_IS_VIEW_STACK (self));
  g_return_if_fail (GTK_IS_WIDGET (content));
  g_return_if_fail (self->content == NULL);

  self->content = content;
  gtk_stack_add_named (self->stack, make_content_page (self, content), "content");
}

/**
 * care_view_stack_set_empty_action:
 * @self: a #CareViewStack
 * @label: (nullable): the button of the empty state, "Add an Allergy"
 * @action_name: (nullable): what it does
 */
void
care_view_stack_set_empty_action (CareViewStack *self,
                                  const char    *label,
                                  const char    *action_name)
{
  g_return_if_fail (CARE_IS_VIEW_STACK (self));

  g_free (self->empty_action_label);
  g_free (self->empty_action_name);
  self->empty_action_label = g_strdup (label);
  self->empty_action_name = g_strdup (action_name);
}

static void
show_status (CareViewStack *self,
             CareViewState  state,
             const char    *icon_name,
             const char    *title,
             const char    *description,
             const char    *button_label,
             const char    *action_name)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL && action_name != NULL);
  if (button_label != NULL)
    gtk_button_set_label (self->button, button_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
  gtk_stack_set_visible_child_name (self->stack, "status");

  if (self->state != state)
    {
      self->state = state;
      update_busy (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
show_named (CareViewStack *self,
            CareViewState  state,
            const char    *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  if (self->state != state)
    {
      self->state = state;
      update_busy (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static char *
dup_withheld_text (CareRecord *record)
{
  CarePerson *person = care_record_get_person (record);

  if (care_person_get_relationship (person) == CARE_RELATIONSHIP_CHILD)
    /* Translators: %s is a teenager's name */
    return g_strdup_printf (_("%s’s health system does not share this part of the record with "
                              "parents or other proxies while they are 12 to 17 years old. "
                              "They can see it in their own account."),
                            care_person_get_display_name (person));

  /* Translators: %s is a person's name */
  return g_strdup_printf (_("%s’s health system does not share this part of the record with "
                            "proxies."),
                          care_person_get_display_name (person));
}

/**
 * care_view_stack_update:
 * @self: a #CareViewStack
 * @record: (nullable): the record on screen
 * @types: (array zero-terminated=1): the resource types the view shows
 * @n_items: how many items the view has to show now
 *
 * Chooses what to show. With items there is content; without, the sync
 * state of @types says why: withheld, not shared, not offered, failed,
 * still loading, or truly none.
 *
 * Returns: the state now shown
 */
CareViewState
care_view_stack_update (CareViewStack      *self,
                        CareRecord         *record,
                        const char * const *types,
                        guint               n_items)
{
  gboolean any_unknown = FALSE;
  gboolean any_withheld = FALSE;
  gboolean any_not_shared = FALSE;
  gboolean all_unsupported = TRUE;
  g_autofree char *failure = NULL;

  g_return_val_if_fail (CARE_IS_VIEW_STACK (self), CARE_VIEW_STATE_EMPTY);
  g_return_val_if_fail (record == NULL || CARE_IS_RECORD (record), CARE_VIEW_STATE_EMPTY);
  g_return_val_if_fail (types != NULL, CARE_VIEW_STATE_EMPTY);

  if (record != NULL && care_record_get_cache_error (record) != NULL)
    {
      show_status (self, CARE_VIEW_STATE_BROKEN, "dialog-warning-symbolic",
                   _("The Offline Copy Is Damaged"),
                   care_record_get_cache_error (record),
                   _("Rebuild From Health System"), "record.rebuild");
      return self->state;
    }

  if (n_items > 0 && self->content != NULL)
    {
      show_incomplete (self, record, types);
      show_named (self, CARE_VIEW_STATE_CONTENT, "content");
      return self->state;
    }

  if (record == NULL)
    {
      show_status (self, CARE_VIEW_STATE_EMPTY, self->icon_name, self->empty_title,
                   self->empty_description, NULL, NULL);
      return self->state;
    }

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *message = NULL;
      CareTypeStatus status = care_record_get_type_status (record, types[i], &message);

      if (status != CARE_TYPE_STATUS_UNSUPPORTED)
        all_unsupported = FALSE;
      switch (status)
        {
        case CARE_TYPE_STATUS_UNKNOWN:
          any_unknown = TRUE;
          break;
        case CARE_TYPE_STATUS_WITHHELD:
          any_withheld = TRUE;
          break;
        case CARE_TYPE_STATUS_NOT_SHARED:
          any_not_shared = TRUE;
          break;
        case CARE_TYPE_STATUS_FAILED:
          if (failure == NULL)
            failure = g_steal_pointer (&message);
          break;
        case CARE_TYPE_STATUS_OK:
        case CARE_TYPE_STATUS_INCOMPLETE:
        case CARE_TYPE_STATUS_UNSUPPORTED:
        default:
          break;
        }
    }

  if (any_withheld)
    {
      g_autofree char *text = dup_withheld_text (record);

      show_status (self, CARE_VIEW_STATE_WITHHELD, "changes-prevent-symbolic",
                   _("Not Shared With Proxies"), text, NULL, NULL);
    }
  else if (any_not_shared)
    show_status (self, CARE_VIEW_STATE_NOT_SHARED, "changes-prevent-symbolic",
                 _("Not Shared With Carebook"),
                 _("This part of the record was not ticked on the health system’s “Allow "
                   "access” page when you signed in. Sign in again to share it."),
                 NULL, NULL);
  else if (all_unsupported)
    show_status (self, CARE_VIEW_STATE_UNSUPPORTED, self->icon_name,
                 _("Not Offered by This Health System"),
                 _("This health system does not make this part of the record available to "
                   "apps. You may find it on your portal’s website."),
                 NULL, NULL);
  else if (failure != NULL)
    show_status (self, CARE_VIEW_STATE_ERROR, "network-error-symbolic",
                 _("This Part of the Record Could Not Be Updated"), failure,
                 _("Try Again"), "win.refresh");
  else if (any_unknown && care_record_get_engine (record) != NULL)
    show_named (self, CARE_VIEW_STATE_LOADING, "loading");
  else
    show_status (self, CARE_VIEW_STATE_EMPTY, self->icon_name, self->empty_title,
                 self->empty_description, self->empty_action_label, self->empty_action_name);

  return self->state;
}

/**
 * care_view_stack_show_no_results:
 * @self: a #CareViewStack
 * @search_text: what was searched for
 */
void
care_view_stack_show_no_results (CareViewStack *self,
                                 const char    *search_text)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CARE_IS_VIEW_STACK (self));

  /* Translators: %s is what the user searched for */
  text = g_strdup_printf (_("Nothing here matches “%s”."), search_text != NULL ? search_text : "");
  show_status (self, CARE_VIEW_STATE_NO_RESULTS, "edit-find-symbolic",
               _("No Matches"), text, NULL, NULL);
}

/**
 * care_view_stack_show_error:
 * @self: a #CareViewStack
 * @message: what went wrong, for the user
 */
void
care_view_stack_show_error (CareViewStack *self,
                            const char    *message)
{
  g_return_if_fail (CARE_IS_VIEW_STACK (self));

  show_status (self, CARE_VIEW_STATE_ERROR, "dialog-warning-symbolic",
               _("This Could Not Be Shown"), message, NULL, NULL);
}

CareViewState
care_view_stack_get_state (CareViewStack *self)
{
  g_return_val_if_fail (CARE_IS_VIEW_STACK (self), CARE_VIEW_STATE_LOADING);

  return self->state;
}

/**
 * care_view_stack_get_title:
 * @self: a #CareViewStack
 *
 * Returns: (nullable): the title of the status shown, for tests
 */
const char *
care_view_stack_get_title (CareViewStack *self)
{
  g_return_val_if_fail (CARE_IS_VIEW_STACK (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

const char *
care_view_stack_get_description (CareViewStack *self)
{
  g_return_val_if_fail (CARE_IS_VIEW_STACK (self), NULL);

  return adw_status_page_get_description (self->status_page);
}
