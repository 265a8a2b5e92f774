/* care-outbox-view.c — what this record waits to send, sent, or could not send
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox page: the items of the person's CareOutbox in three groups.
 * "Needs your attention" holds what the portal refused, with its reason in
 * words and a way out (open the portal, try again after fixing it there,
 * or discard), and updates in conflict, with what each version says and a
 * choice between them. "Waiting" holds what goes out when the network
 * returns; "Sent", what the portal holds. Everything here lives in the
 * cache, so it is the same after a restart.
 *
 * CareOutboxBadge is the sidebar's count of what waits.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-outbox-view.h"
#include "care-record.h"

struct _CareOutboxView
{
  AdwBin                parent_instance;

  CareContext          *context;
  CareRecord           *record;
  CareOutbox           *outbox;
  GSignalGroup         *outbox_signals;
  GPtrArray            *rows;
  GHashTable           *row_entries;
  GCancellable         *cancellable;
  guint                 rebuild_id;

  GtkStack             *stack;
  AdwPreferencesGroup  *attention_group;
  AdwPreferencesGroup  *waiting_group;
  AdwPreferencesGroup  *sent_group;
};

G_DEFINE_FINAL_TYPE (CareOutboxView, care_outbox_view, ADW_TYPE_BIN)

static void rebuild (CareOutboxView *self);

static void
show_toast (CareOutboxView *self,
            const char     *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CareOutboxView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!care_outbox_send_finish (CARE_OUTBOX (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    show_toast (self, _("Will be sent when you are back online"));
}

static void
send (CareOutboxView *self)
{
  if (self->outbox != NULL)
    care_outbox_send_async (self->outbox, self->cancellable, sent_cb, g_object_ref (self));
}

static CareOutboxEntry *
entry_of (CareOutboxView *self,
          GtkWidget      *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_ROW);

  return row != NULL ? g_hash_table_lookup (self->row_entries, row) : NULL;
}

static void
report (CareOutboxView *self,
        GError         *error)
{
  if (error != NULL)
    show_toast (self, error->message);
}

static void
on_retry_clicked_cb (GtkButton      *button,
                     CareOutboxView *self)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = entry_of (self, GTK_WIDGET (button));

  if (entry != NULL && care_outbox_retry (self->outbox, entry, &error))
    send (self);
  report (self, error);
}

static void
on_keep_mine_clicked_cb (GtkButton      *button,
                         CareOutboxView *self)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = entry_of (self, GTK_WIDGET (button));

  if (entry != NULL && care_outbox_keep_mine (self->outbox, entry, &error))
    send (self);
  report (self, error);
}

static void
on_discard_clicked_cb (GtkButton      *button,
                       CareOutboxView *self)
{
  g_autoptr(GError) error = NULL;
  CareOutboxEntry *entry = entry_of (self, GTK_WIDGET (button));

  if (entry != NULL && care_outbox_discard (self->outbox, entry, &error))
    {
      show_toast (self, _("Discarded"));
      /* A conflict discarded: the portal's version comes with the next sync. */
      if (self->record != NULL)
        care_record_sync (self->record, CARE_SYNC_DEFAULT);
    }
  report (self, error);
}

static void
on_open_portal_clicked_cb (GtkButton      *button,
                           CareOutboxView *self)
{
  CareConnection *connection = self->record != NULL ? care_record_get_connection (self->record) : NULL;
  const char *base = connection != NULL ? care_connection_get_fhir_base (connection) : NULL;
  g_autoptr(GUri) uri = base != NULL ? g_uri_parse (base, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autofree char *site = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (uri == NULL)
    {
      show_toast (self, _("This record is not connected to its portal."));
      return;
    }
  /* The portal's website is the FHIR server's host. */
  site = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri), g_uri_get_port (uri),
                     "/", NULL, NULL);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, site, GDK_CURRENT_TIME);
}

/* At most two buttons a row, under its words, so a 360 px window keeps
 * the words whole and the buttons on screen. */
static GtkWidget *
add_button (GtkWidget      *buttons,
            const char     *label,
            const char     *style,
            GCallback       callback,
            CareOutboxView *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  /* A label that may wrap: the buttons fit a narrow window side by side. */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), button);
  gtk_button_set_child (GTK_BUTTON (button), text);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  g_signal_connect (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_widget_set_visible (buttons, TRUE);
  return button;
}

static char *
dup_state_text (CareOutboxEntry *entry)
{
  const char *error = care_outbox_entry_get_error (entry);

  switch (care_outbox_entry_get_state (entry))
    {
    case CARE_OUTBOX_SENDING:
      return g_strdup (_("Sending…"));
    case CARE_OUTBOX_SENT:
      return g_strdup (_("Your health system has it"));
    case CARE_OUTBOX_REFUSED:
      /* Translators: %s is the health system's reason, in its words */
      return g_strdup_printf (_("Not accepted: %s"), error != NULL ? error : _("no reason given"));
    case CARE_OUTBOX_CONFLICT:
      {
        g_auto(GStrv) lines = care_outbox_entry_dup_conflict_lines (entry);
        g_autofree char *joined = g_strjoinv ("\n", lines);

        return g_strdup_printf ("%s\n%s", error != NULL ? error : "", joined);
      }
    case CARE_OUTBOX_DRAFT:
      return g_strdup (_("Draft, not sent"));
    case CARE_OUTBOX_PENDING:
    default:
      return g_strdup (_("Waiting to be sent"));
    }
}

static GtkWidget *
create_row (CareOutboxView  *self,
            CareOutboxEntry *entry)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (care_outbox_entry_get_summary (entry));
  GtkWidget *subtitle;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *state = dup_state_text (entry);
  const char *icon = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), care_outbox_entry_get_summary (entry));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  subtitle = gtk_label_new (state);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_visible (buttons, FALSE);

  g_hash_table_insert (self->row_entries, row, g_object_ref (entry));

  switch (care_outbox_entry_get_state (entry))
    {
    case CARE_OUTBOX_REFUSED:
      icon = "dialog-warning-symbolic";
      {
        /* Where to fix what the portal named: a link under its words. */
        GtkWidget *portal = gtk_button_new_with_mnemonic (_("_Open in Your Portal"));

        gtk_widget_add_css_class (portal, "link");
        gtk_widget_set_halign (portal, GTK_ALIGN_START);
        g_signal_connect (portal, "clicked", G_CALLBACK (on_open_portal_clicked_cb), self);
        gtk_box_append (GTK_BOX (text), portal);
      }
      add_button (buttons, _("_Try Again"), NULL, G_CALLBACK (on_retry_clicked_cb), self);
      add_button (buttons, _("_Discard"), "destructive-action", G_CALLBACK (on_discard_clicked_cb), self);
      break;
    case CARE_OUTBOX_CONFLICT:
      icon = "dialog-warning-symbolic";
      add_button (buttons, _("Keep _Mine"), "suggested-action", G_CALLBACK (on_keep_mine_clicked_cb), self);
      add_button (buttons, _("Keep the _Portal’s"), NULL, G_CALLBACK (on_discard_clicked_cb), self);
      break;
    case CARE_OUTBOX_PENDING:
    case CARE_OUTBOX_DRAFT:
      add_button (buttons, _("_Discard"), NULL, G_CALLBACK (on_discard_clicked_cb), self);
      break;
    case CARE_OUTBOX_SENT:
      icon = "emblem-ok-symbolic";
      break;
    case CARE_OUTBOX_SENDING:
    default:
      break;
    }

  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (top), image);
    }
  /* Buttons under the words, so narrow windows keep the words whole. */
  gtk_box_append (GTK_BOX (top), text);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
clear_rows (CareOutboxView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->row_entries);
}

static void
rebuild (CareOutboxView *self)
{
  guint n = self->outbox != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->outbox)) : 0;
  guint n_attention = 0, n_waiting = 0, n_sent = 0;

  clear_rows (self);
  /* Newest first: what the user just did is on top. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(CareOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->outbox), i - 1);
      GtkWidget *row = create_row (self, entry);
      AdwPreferencesGroup *group;

      switch (care_outbox_entry_get_state (entry))
        {
        case CARE_OUTBOX_REFUSED:
        case CARE_OUTBOX_CONFLICT:
          group = self->attention_group;
          n_attention++;
          break;
        case CARE_OUTBOX_SENT:
          group = self->sent_group;
          n_sent++;
          break;
        default:
          group = self->waiting_group;
          n_waiting++;
          break;
        }
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_group), n_attention > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), n_waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sent_group), n_sent > 0);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "items" : "empty");
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  CareOutboxView *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* A send moves several items at once: one rebuild for the lot, and never
 * from inside a button's own handler. */
static void
on_outbox_changed_cb (CareOutboxView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle_cb, self);
}

static void
on_items_changed_cb (CareOutboxView *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  on_outbox_changed_cb (self);
}

static void
on_record_changed_cb (CareOutboxView *self)
{
  CareRecord *record = care_context_get_record (self->context);

  g_set_object (&self->record, record);
  {
    CareOutbox *outbox = record != NULL ? care_record_get_outbox (record) : NULL;

    g_set_object (&self->outbox, outbox);
  }
  g_signal_group_set_target (self->outbox_signals, self->outbox);
  rebuild (self);
}

static void
care_outbox_view_dispose (GObject *object)
{
  CareOutboxView *self = (CareOutboxView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->rows != NULL)
    clear_rows (self);
  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->outbox);
  g_clear_object (&self->record);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARE_TYPE_OUTBOX_VIEW);

  G_OBJECT_CLASS (care_outbox_view_parent_class)->dispose (object);
}

static void
care_outbox_view_finalize (GObject *object)
{
  CareOutboxView *self = (CareOutboxView *)object;

  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->row_entries);

  G_OBJECT_CLASS (care_outbox_view_parent_class)->finalize (object);
}

static void
care_outbox_view_class_init (CareOutboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_outbox_view_dispose;
  object_class->finalize = care_outbox_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/views/outbox/care-outbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CareOutboxView, stack);
  gtk_widget_class_bind_template_child (widget_class, CareOutboxView, attention_group);
  gtk_widget_class_bind_template_child (widget_class, CareOutboxView, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, CareOutboxView, sent_group);
}

static void
care_outbox_view_init (CareOutboxView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->row_entries = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->outbox_signals = g_signal_group_new (CARE_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  g_signal_group_connect_swapped (self->outbox_signals, "notify::n-waiting", G_CALLBACK (on_outbox_changed_cb),
                                  self);
}

/**
 * care_outbox_view_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer floating): the outbox page of the person on screen
 */
GtkWidget *
care_outbox_view_new (GObject *context)
{
  CareOutboxView *self;

  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  self = g_object_new (CARE_TYPE_OUTBOX_VIEW, NULL);
  self->context = g_object_ref (CARE_CONTEXT (context));
  g_signal_connect_object (context, "notify::record", G_CALLBACK (on_record_changed_cb), self, G_CONNECT_SWAPPED);
  on_record_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * care_outbox_view_get_outbox:
 * @self: a #CareOutboxView
 *
 * Returns: (transfer none) (nullable): the outbox on screen
 */
CareOutbox *
care_outbox_view_get_outbox (CareOutboxView *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_VIEW (self), NULL);
  return self->outbox;
}

/**
 * care_outbox_view_get_n_rows:
 * @self: a #CareOutboxView
 *
 * Returns: how many items the page shows now, for tests
 */
guint
care_outbox_view_get_n_rows (CareOutboxView *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_VIEW (self), 0);
  return self->rows->len;
}

struct _CareOutboxBadge
{
  AdwBin        parent_instance;

  CareContext  *context;
  CareOutbox   *outbox;
  GSignalGroup *outbox_signals;
  GtkLabel     *label;
  guint         count;
};

G_DEFINE_FINAL_TYPE (CareOutboxBadge, care_outbox_badge, ADW_TYPE_BIN)

static void
update_badge (CareOutboxBadge *self)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  self->count = self->outbox != NULL ? care_outbox_get_n_waiting (self->outbox) : 0;
  text = g_strdup_printf ("%u", self->count);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), self->count > 0);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item waiting to be sent",
                                              "%u items waiting to be sent", self->count), self->count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
}

static void
on_badge_record_changed_cb (CareOutboxBadge *self)
{
  CareRecord *record = care_context_get_record (self->context);

  {
    CareOutbox *outbox = record != NULL ? care_record_get_outbox (record) : NULL;

    g_set_object (&self->outbox, outbox);
  }
  g_signal_group_set_target (self->outbox_signals, self->outbox);
  update_badge (self);
}

static void
care_outbox_badge_dispose (GObject *object)
{
  CareOutboxBadge *self = (CareOutboxBadge *)object;

  if (self->outbox_signals != NULL)
    g_signal_group_set_target (self->outbox_signals, NULL);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->outbox);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (care_outbox_badge_parent_class)->dispose (object);
}

static void
care_outbox_badge_class_init (CareOutboxBadgeClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_outbox_badge_dispose;
}

static void
care_outbox_badge_init (CareOutboxBadge *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "care-badge");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->label));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_END);
  self->outbox_signals = g_signal_group_new (CARE_TYPE_OUTBOX);
  g_signal_group_connect_swapped (self->outbox_signals, "notify::n-waiting", G_CALLBACK (update_badge), self);
}

/**
 * care_outbox_badge_new:
 * @context: the window's #CareContext
 *
 * Returns: (transfer floating): how many items the person on screen has
 *   waiting to be sent; hidden at zero
 */
GtkWidget *
care_outbox_badge_new (CareContext *context)
{
  CareOutboxBadge *self;

  g_return_val_if_fail (CARE_IS_CONTEXT (context), NULL);

  self = g_object_new (CARE_TYPE_OUTBOX_BADGE, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "notify::record", G_CALLBACK (on_badge_record_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_badge_record_changed_cb (self);
  return GTK_WIDGET (self);
}

guint
care_outbox_badge_get_count (CareOutboxBadge *self)
{
  g_return_val_if_fail (CARE_IS_OUTBOX_BADGE (self), 0);
  return self->count;
}
