/* care-questionnaire-renderer.c — a questionnaire as a form to fill in
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds widgets for a CareQuestionnaireForm, every R4 item type: groups
 * (nested, and repeating with Add Another and Remove), display text, and
 * the questions (care-questionnaire-question.c: one question's widgets
 * per type). The form is the truth: widgets write answers into it and
 * follow its "changed" signal to show or hide what enableWhen decides
 * (a hidden question's answers are cleared, and its widgets with them).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-questionnaire-renderer-private.h"

G_DEFINE_FINAL_TYPE (CareQuestionnaireRenderer, care_questionnaire_renderer, ADW_TYPE_BIN)

static GPtrArray *
siblings_of (CareQuestionnaireRenderer *self,
             CareQuestionnaireNode     *node)
{
  return node->parent != NULL ? node->parent->children : care_questionnaire_form_get_nodes (self->form);
}

static CareQuestionnaireNode *
last_instance (CareQuestionnaireRenderer *self,
               CareQuestionnaireItem     *item,
               GPtrArray                 *siblings)
{
  CareQuestionnaireNode *last = NULL;

  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == item)
      last = g_ptr_array_index (siblings, i);
  return last;
}

static void build_group (CareQuestionnaireRenderer *self, GtkWidget *into, CareQuestionnaireNode *node,
                         GtkWidget *after);

static void
add_instance_clicked_cb (GtkButton              *button,
                         CareQuestionnaireField *field)
{
  CareQuestionnaireRenderer *self = field->self;
  GtkWidget *into = field->container;
  CareQuestionnaireNode *last = last_instance (self, field->node->item, siblings_of (self, field->node));
  CareQuestionnaireField *last_field = g_hash_table_lookup (self->fields, last);
  CareQuestionnaireNode *added = care_questionnaire_form_add_instance (self->form, last);
  CareQuestionnaireField *added_field;

  if (added == NULL)
    return;
  build_group (self, into, added, last_field->row);
  /* The new instance's first field takes the focus. */
  added_field = g_hash_table_lookup (self->fields, added);
  gtk_widget_child_focus (added_field->row, GTK_DIR_TAB_FORWARD);
}

static void
forget_fields (CareQuestionnaireRenderer *self,
               CareQuestionnaireNode     *node)
{
  for (guint i = 0; i < node->children->len; i++)
    forget_fields (self, g_ptr_array_index (node->children, i));
  g_hash_table_remove (self->fields, node);
}

static void
remove_instance_clicked_cb (GtkButton              *button,
                            CareQuestionnaireField *field)
{
  CareQuestionnaireRenderer *self = field->self;
  CareQuestionnaireNode *node = field->node;
  GtkWidget *row = field->row;
  g_autoptr(GPtrArray) remaining = g_ptr_array_new ();
  GPtrArray *siblings = siblings_of (self, node);

  for (guint i = 0; i < siblings->len; i++)
    if (((CareQuestionnaireNode *)g_ptr_array_index (siblings, i))->item == node->item)
      g_ptr_array_add (remaining, g_ptr_array_index (siblings, i));
  if (remaining->len < 2)
    return;
  g_object_ref (row);
  forget_fields (self, node);
  if (care_questionnaire_form_remove_instance (self->form, node))
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (row)), row);
  g_object_unref (row);
}

static void
build_group (CareQuestionnaireRenderer *self,
             GtkWidget                 *into,
             CareQuestionnaireNode     *node,
             GtkWidget                 *after)
{
  CareQuestionnaireItem *item = node->item;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *children = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  CareQuestionnaireField *field = care_questionnaire_field_add (self, node, row);
  g_autofree char *text = care_questionnaire_dup_question_text (item);

  field->container = into;
  gtk_widget_add_css_class (row, "care-question-group");
  if (text[0] != '\0')
    {
      field->label = g_object_new (GTK_TYPE_LABEL, "label", text, "wrap", TRUE, "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      gtk_widget_add_css_class (field->label, node->parent == NULL ? "title-3" : "title-4");
      gtk_box_append (GTK_BOX (row), field->label);
    }
  if (item->help != NULL)
    gtk_box_append (GTK_BOX (row), care_questionnaire_new_label (item->help, "dim-label"));
  field->error = care_questionnaire_new_label (NULL, "error");
  gtk_widget_set_visible (field->error, FALSE);
  gtk_box_append (GTK_BOX (row), field->error);
  if (node->parent != NULL)
    gtk_widget_set_margin_start (children, 12);
  care_questionnaire_renderer_build_nodes (self, children, node->children);
  gtk_box_append (GTK_BOX (row), children);

  if (item->repeats && !self->read_only)
    {
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove This One"));

      gtk_widget_set_halign (remove, GTK_ALIGN_START);
      gtk_widget_add_css_class (remove, "flat");
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_instance_clicked_cb), field);
      gtk_box_append (GTK_BOX (row), remove);
    }
  if (after != NULL)
    gtk_box_insert_child_after (GTK_BOX (into), row, after);
  else
    gtk_box_append (GTK_BOX (into), row);
}

static void
add_field_free_cb (gpointer data,
                   GClosure *closure)
{
  care_questionnaire_field_free (data);
}

void
care_questionnaire_renderer_build_nodes (CareQuestionnaireRenderer *self,
                                         GtkWidget                 *into,
                                         GPtrArray                 *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      CareQuestionnaireNode *node = g_ptr_array_index (nodes, i);
      CareQuestionnaireNode *next = i + 1 < nodes->len ? g_ptr_array_index (nodes, i + 1) : NULL;

      if (node->item->type == CARE_QUESTIONNAIRE_GROUP)
        build_group (self, into, node, NULL);
      else if (node->item->type == CARE_QUESTIONNAIRE_DISPLAY)
        {
          GtkWidget *label = care_questionnaire_new_label (node->item->text, NULL);

          care_questionnaire_field_add (self, node, label);
          gtk_box_append (GTK_BOX (into), label);
        }
      else
        care_questionnaire_renderer_build_question (self, into, node);

      /* After the last instance of a repeating group: a way to add one. */
      if (node->item->type == CARE_QUESTIONNAIRE_GROUP && node->item->repeats && !self->read_only &&
          (next == NULL || next->item != node->item))
        {
          g_autofree char *text = g_strdup_printf (_("Add Another: %s"),
                                                   node->item->text != NULL ? node->item->text : node->item->link_id);
          GtkWidget *add = gtk_button_new_with_label (text);
          CareQuestionnaireField *field = g_hash_table_lookup (self->fields, node);
          GtkWidget *add_row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          CareQuestionnaireField *add_field_ = g_new0 (CareQuestionnaireField, 1);

          /* The button shows and hides with its group. */
          add_field_->self = self;
          add_field_->node = node;
          add_field_->container = into;
          gtk_widget_set_halign (add, GTK_ALIGN_START);
          g_signal_connect_data (add, "clicked", G_CALLBACK (add_instance_clicked_cb), add_field_,
                                 add_field_free_cb, 0);
          gtk_box_append (GTK_BOX (add_row), add);
          gtk_box_append (GTK_BOX (into), add_row);
          g_object_bind_property (field->row, "visible", add_row, "visible", G_BINDING_SYNC_CREATE);
        }
    }
}

static void
form_changed_cb (CareQuestionnaireForm     *form,
                 CareQuestionnaireRenderer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CareQuestionnaireField *field = value;
      gboolean enabled = field->node->enabled;

      if (enabled != field->was_enabled)
        gtk_widget_set_visible (field->row, enabled);
      /* Hidden answers were cleared: so are their widgets. */
      if (!enabled && field->was_enabled)
        {
          g_clear_pointer (&field->pending, g_free);
          care_questionnaire_field_show_error (field, NULL);
          care_questionnaire_field_refresh (field, TRUE);
        }
      else if (field->value != NULL || field->node->item->calculated != NULL)
        care_questionnaire_field_refresh (field, FALSE);
      field->was_enabled = enabled;
    }
}

static void
care_questionnaire_renderer_dispose (GObject *object)
{
  CareQuestionnaireRenderer *self = CARE_QUESTIONNAIRE_RENDERER (object);

  if (self->form != NULL)
    g_clear_signal_handler (&self->changed_id, self->form);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_object (&self->form);
  G_OBJECT_CLASS (care_questionnaire_renderer_parent_class)->dispose (object);
}

static void
care_questionnaire_renderer_class_init (CareQuestionnaireRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = care_questionnaire_renderer_dispose;
}

static void
care_questionnaire_renderer_init (CareQuestionnaireRenderer *self)
{
  self->fields = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify)care_questionnaire_field_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

/**
 * care_questionnaire_renderer_new:
 * @form: the answers to show and change
 * @read_only: show the answers only (a sent response)
 *
 * Returns: (transfer floating): the form's widgets
 */
GtkWidget *
care_questionnaire_renderer_new (CareQuestionnaireForm *form,
                                 gboolean              read_only)
{
  CareQuestionnaireRenderer *self;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_FORM (form), NULL);

  self = g_object_new (CARE_TYPE_QUESTIONNAIRE_RENDERER, NULL);
  self->form = g_object_ref (form);
  self->read_only = read_only;
  care_questionnaire_renderer_build_nodes (self, self->box, care_questionnaire_form_get_nodes (form));
  self->changed_id = g_signal_connect (form, "changed", G_CALLBACK (form_changed_cb), self);
  return GTK_WIDGET (self);
}

CareQuestionnaireForm *
care_questionnaire_renderer_get_form (CareQuestionnaireRenderer *self)
{
  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);
  return self->form;
}

/**
 * care_questionnaire_renderer_show_problems:
 * @self: a renderer
 *
 * Checks the answers, shows what is wrong next to each item and moves the
 * focus to the first one.
 *
 * Returns: how many items have a problem
 */
guint
care_questionnaire_renderer_show_problems (CareQuestionnaireRenderer *self)
{
  CareQuestionnaireNode *first = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n;
  CareQuestionnaireField *first_field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), 0);

  n = care_questionnaire_form_validate (self->form, &first);
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CareQuestionnaireField *field = value;
      const char *message = field->node->enabled ? (field->pending != NULL ? field->pending : field->node->message)
                                                 : NULL;

      if (field->field != NULL)
        care_questionnaire_field_show_error (field, message);
      else if (field->error != NULL)
        {
          gtk_label_set_text (GTK_LABEL (field->error), message != NULL ? message : "");
          gtk_widget_set_visible (field->error, message != NULL);
        }
    }
  first_field = first != NULL ? g_hash_table_lookup (self->fields, first) : NULL;
  if (first_field != NULL)
    {
      if (first_field->field != NULL)
        gtk_widget_grab_focus (first_field->field);
      else
        gtk_widget_child_focus (first_field->row, GTK_DIR_TAB_FORWARD);
    }
  return n;
}

static CareQuestionnaireField *
find_field (CareQuestionnaireRenderer *self,
            const char                *link_id)
{
  CareQuestionnaireNode *node = care_questionnaire_form_find (self->form, link_id);

  return node != NULL ? g_hash_table_lookup (self->fields, node) : NULL;
}

/**
 * care_questionnaire_renderer_get_field:
 * @self: a renderer
 * @link_id: an item
 * @n: which choice (for radio buttons and check boxes)
 *
 * Returns: (transfer none) (nullable): the widget a person answers the
 *   item's first instance with
 */
GtkWidget *
care_questionnaire_renderer_get_field (CareQuestionnaireRenderer *self,
                                       const char                *link_id,
                                       guint                     n)
{
  CareQuestionnaireField *field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);

  field = find_field (self, link_id);
  if (field == NULL)
    return NULL;
  if (field->choices != NULL && n < field->choices->len)
    return g_ptr_array_index (field->choices, n);
  return field->field != NULL ? field->field : field->value;
}

/**
 * care_questionnaire_renderer_get_row:
 * @self: a renderer
 * @link_id: an item
 *
 * Returns: (transfer none) (nullable): what shows and hides with the item
 */
GtkWidget *
care_questionnaire_renderer_get_row (CareQuestionnaireRenderer *self,
                                     const char                *link_id)
{
  CareQuestionnaireField *field;

  g_return_val_if_fail (CARE_IS_QUESTIONNAIRE_RENDERER (self), NULL);

  field = find_field (self, link_id);
  return field != NULL ? field->row : NULL;
}
