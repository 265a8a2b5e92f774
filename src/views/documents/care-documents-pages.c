/* care-documents-pages.c — Visits & Documents: the pages beside the list
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row opens its document (a visit, its after-visit summary) in the
 * viewer page, a notification opens one straight from the cache, "Health
 * Summary" opens the one-page summary; Back (the view's own, Alt+Left, or
 * the folded window's) returns to the list and to the row it came from.
 * The list itself is care-documents-view.c's.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "care-documents-view.h"
#include "care-documents-view-private.h"
#include "care-fhir.h"

/**
 * care_documents_view_open_row:
 * @self: a #CareDocumentsView
 * @row: a row of the list
 *
 * Opens the row's document (a visit's summary) in the viewer.
 */
void
care_documents_view_open_row (CareDocumentsView *self,
                              GtkWidget         *row)
{
  JsonObject *document = care_documents_row_get_document (row);
  JsonObject *attachment;
  const char *title;

  g_return_if_fail (CARE_IS_DOCUMENTS_VIEW (self));

  if (document == NULL)
    return;
  attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  if (care_documents_classify (document) == CARE_DOCUMENT_KIND_SUMMARY)
    title = _("After-Visit Summary");
  care_document_viewer_open (self->viewer, care_context_get_record (self->context), document, attachment, title);
  gtk_stack_set_visible_child_name (self->pages, "viewer");
  g_set_weak_pointer (&self->opened_row, row);
}

/**
 * care_documents_view_open_document:
 * @self: a #CareDocumentsView
 * @id: a DocumentReference's id
 *
 * Opens the document in the viewer straight from the cache, whether or
 * not the list has loaded yet (a notification opens it while the view
 * reloads for the person it switched to).
 *
 * Returns: %TRUE if the document is in the person's cache and is shown;
 *   otherwise the list is
 */
gboolean
care_documents_view_open_document (CareDocumentsView *self,
                                   const char        *id)
{
  CareRecord *record;
  CareCache *cache;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *title = NULL;
  JsonObject *attachment;

  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  record = care_context_get_record (self->context);
  cache = record != NULL ? care_record_get_cache (record) : NULL;
  if (cache == NULL)
    return FALSE;
  document = care_cache_lookup (cache, "DocumentReference", id, NULL);
  if (document == NULL)
    {
      /* Not another document for this one: the list. */
      gtk_widget_activate_action (GTK_WIDGET (self), "documents.back", NULL);
      return FALSE;
    }

  /* The title the document's row gives it. */
  attachment = care_fhir_get_object (care_fhir_get_array_object (document, "content", 0), "attachment");
  title = care_documents_classify (document) == CARE_DOCUMENT_KIND_SUMMARY ? g_strdup (_("After-Visit Summary"))
                                                                          : care_documents_dup_title (document);

  care_document_viewer_open (self->viewer, record, document, attachment, title);
  gtk_stack_set_visible_child_name (self->pages, "viewer");
  g_clear_weak_pointer (&self->opened_row);
  return TRUE;
}

void
care_documents_view_back_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (widget);
  GtkWidget *row = self->opened_row;
  gboolean was_viewer = g_str_equal (gtk_stack_get_visible_child_name (self->pages), "viewer");

  care_document_viewer_close (self->viewer);
  gtk_stack_set_visible_child_name (self->pages, "list");
  /* Back where the user was, for keyboard users. */
  if (was_viewer && row != NULL && gtk_widget_get_parent (row) != NULL)
    gtk_widget_grab_focus (row);
  g_clear_weak_pointer (&self->opened_row);
}

gboolean
care_documents_view_back_shortcut_cb (GtkWidget *widget,
                                      GVariant  *args,
                                      gpointer   user_data)
{
  /* On the list, Alt+Left goes on to the window (its sidebar). */
  return care_documents_view_go_back (CARE_DOCUMENTS_VIEW (widget));
}

void
care_documents_view_health_summary_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (widget);
  GDate today;

  care_context_get_today (self->context, &today);
  care_health_summary_page_show_record (self->summary_page, care_context_get_record (self->context), &today);
  gtk_stack_set_visible_child_name (self->pages, "summary");
}

void
care_documents_view_find_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CareDocumentsView *self = CARE_DOCUMENTS_VIEW (widget);

  gtk_stack_set_visible_child_name (self->pages, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * care_documents_view_get_page:
 * @self: a #CareDocumentsView
 *
 * Returns: "list", "viewer" or "summary"
 */
const char *
care_documents_view_get_page (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

CareDocumentViewer *
care_documents_view_get_viewer (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), NULL);
  return self->viewer;
}

CareHealthSummaryPage *
care_documents_view_get_summary_page (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), NULL);
  return self->summary_page;
}

/**
 * care_documents_view_set_folded:
 * @self: a #CareDocumentsView
 * @folded: whether the window shows one pane at a time
 *
 * A folded window has Back in its header, which calls
 * care_documents_view_go_back() first; the viewer's own Back then hides.
 */
void
care_documents_view_set_folded (CareDocumentsView *self,
                                gboolean           folded)
{
  g_return_if_fail (CARE_IS_DOCUMENTS_VIEW (self));

  folded = !!folded;
  if (self->folded == folded)
    return;
  self->folded = folded;
  care_document_viewer_set_show_back (self->viewer, !folded);
  care_health_summary_page_set_show_back (self->summary_page, !folded);
  g_object_notify (G_OBJECT (self), "folded");
}

/**
 * care_documents_view_go_back:
 * @self: a #CareDocumentsView
 *
 * From the viewer or the health summary back to the list.
 *
 * Returns: %TRUE if there was somewhere to go back to
 */
gboolean
care_documents_view_go_back (CareDocumentsView *self)
{
  g_return_val_if_fail (CARE_IS_DOCUMENTS_VIEW (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "list") == 0)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "documents.back", NULL);
  return TRUE;
}

static gboolean
section_page_go_back (CareSectionPage *page)
{
  return care_documents_view_go_back (CARE_DOCUMENTS_VIEW (page));
}

static gboolean
section_page_open_item (CareSectionPage *page,
                        const char      *type,
                        const char      *id)
{
  return care_documents_view_open_document (CARE_DOCUMENTS_VIEW (page), id);
}

void
care_documents_view_section_page_init (CareSectionPageInterface *iface)
{
  iface->go_back = section_page_go_back;
  iface->open_item = section_page_open_item;
}
