/* care-pdf-view.c — a PDF's pages, drawn with poppler
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages one under another, each drawn by poppler into a Cairo node
 * of the snapshot at the current zoom, with the matches of a find
 * highlighted (the current one stronger). The widget's natural size is
 * the zoomed pages, so a GtkScrolledWindow around it scrolls them.
 */
#include "config.h"

#include "care-pdf-view.h"

#define PAGE_GAP 12.0
#define MIN_ZOOM 0.25
#define MAX_ZOOM 4.0

typedef struct
{
  int              page;
  PopplerRectangle area;   /* top-left origin, in points */
} Match;

struct _CarePdfView
{
  GtkWidget        parent_instance;

  PopplerDocument *document;
  double           zoom;
  GArray          *matches;
  guint            current;
};

G_DEFINE_FINAL_TYPE (CarePdfView, care_pdf_view, GTK_TYPE_WIDGET)

static void
page_size (CarePdfView *self,
           int          index,
           double      *width,
           double      *height)
{
  g_autoptr(CarePopplerPage) page = poppler_document_get_page (self->document, index);

  *width = *height = 0;
  if (page != NULL)
    poppler_page_get_size (page, width, height);
}

static double
page_top (CarePdfView *self,
          int          index)
{
  double y = PAGE_GAP;

  for (int i = 0; i < index; i++)
    {
      double width, height;

      page_size (self, i, &width, &height);
      y += height * self->zoom + PAGE_GAP;
    }
  return y;
}

static void
care_pdf_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CarePdfView *self = CARE_PDF_VIEW (widget);
  double size = 0;

  if (self->document != NULL)
    {
      int n = poppler_document_get_n_pages (self->document);

      for (int i = 0; i < n; i++)
        {
          double width, height;

          page_size (self, i, &width, &height);
          if (orientation == GTK_ORIENTATION_HORIZONTAL)
            size = MAX (size, width * self->zoom + 2 * PAGE_GAP);
          else
            size += height * self->zoom + PAGE_GAP;
        }
      if (orientation == GTK_ORIENTATION_VERTICAL)
        size += PAGE_GAP;
    }
  *minimum = *natural = (int)size;
}

static void
care_pdf_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CarePdfView *self = CARE_PDF_VIEW (widget);
  int available = gtk_widget_get_width (widget);
  double y = PAGE_GAP;
  int n;

  if (self->document == NULL)
    return;

  n = poppler_document_get_n_pages (self->document);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(CarePopplerPage) page = poppler_document_get_page (self->document, i);
      double width = 0, height = 0, x;
      cairo_t *cr;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      x = MAX (PAGE_GAP, (available - width * self->zoom) / 2);

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, width * self->zoom,
                                                                     height * self->zoom));
      cairo_translate (cr, x, y);
      cairo_scale (cr, self->zoom, self->zoom);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      poppler_page_render (page, cr);

      for (guint m = 0; self->matches != NULL && m < self->matches->len; m++)
        {
          Match *match = &g_array_index (self->matches, Match, m);

          if (match->page != i)
            continue;
          if (m == self->current)
            cairo_set_source_rgba (cr, 1.0, 0.55, 0.0, 0.5);
          else
            cairo_set_source_rgba (cr, 1.0, 0.9, 0.0, 0.4);
          cairo_rectangle (cr, match->area.x1, match->area.y1, match->area.x2 - match->area.x1,
                           match->area.y2 - match->area.y1);
          cairo_fill (cr);
        }
      cairo_destroy (cr);
      y += height * self->zoom + PAGE_GAP;
    }
}

static void
care_pdf_view_dispose (GObject *object)
{
  CarePdfView *self = CARE_PDF_VIEW (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (care_pdf_view_parent_class)->dispose (object);
}

static void
care_pdf_view_class_init (CarePdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = care_pdf_view_dispose;
  widget_class->measure = care_pdf_view_measure;
  widget_class->snapshot = care_pdf_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "pdfview");
}

static void
care_pdf_view_init (CarePdfView *self)
{
  self->zoom = 1.0;
}

GtkWidget *
care_pdf_view_new (void)
{
  return g_object_new (CARE_TYPE_PDF_VIEW, NULL);
}

/**
 * care_pdf_view_set_document:
 * @self: a #CarePdfView
 * @document: (nullable): the document to show
 */
void
care_pdf_view_set_document (CarePdfView     *self,
                            PopplerDocument *document)
{
  g_return_if_fail (CARE_IS_PDF_VIEW (self));

  g_set_object (&self->document, document);
  g_clear_pointer (&self->matches, g_array_unref);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

PopplerDocument *
care_pdf_view_get_document (CarePdfView *self)
{
  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), NULL);
  return self->document;
}

int
care_pdf_view_get_n_pages (CarePdfView *self)
{
  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 0);
  return self->document != NULL ? poppler_document_get_n_pages (self->document) : 0;
}

double
care_pdf_view_get_zoom (CarePdfView *self)
{
  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 1.0);
  return self->zoom;
}

void
care_pdf_view_set_zoom (CarePdfView *self,
                        double       zoom)
{
  g_return_if_fail (CARE_IS_PDF_VIEW (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * care_pdf_view_get_fit_zoom:
 * @self: a #CarePdfView
 * @available_width: the width to fit the widest page into
 *
 * Returns: the zoom that fits the pages to @available_width
 */
double
care_pdf_view_get_fit_zoom (CarePdfView *self,
                            int          available_width)
{
  double widest = 0;

  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 1.0);

  for (int i = 0; i < care_pdf_view_get_n_pages (self); i++)
    {
      double width, height;

      page_size (self, i, &width, &height);
      widest = MAX (widest, width);
    }
  if (widest <= 0 || available_width <= 2 * PAGE_GAP)
    return 1.0;
  return CLAMP ((available_width - 2 * PAGE_GAP) / widest, MIN_ZOOM, MAX_ZOOM);
}

/**
 * care_pdf_view_find:
 * @self: a #CarePdfView
 * @text: (nullable): what to find; %NULL or "" clears the matches
 *
 * Returns: the number of matches, all highlighted, the first current
 */
guint
care_pdf_view_find (CarePdfView *self,
                    const char  *text)
{
  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 0);

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = g_array_new (FALSE, FALSE, sizeof (Match));
  self->current = 0;

  for (int i = 0; text != NULL && *text != '\0' && i < care_pdf_view_get_n_pages (self); i++)
    {
      g_autoptr(CarePopplerPage) page = poppler_document_get_page (self->document, i);
      double width = 0, height = 0;
      GList *found;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      found = poppler_page_find_text_with_options (page, text, POPPLER_FIND_DEFAULT);
      for (GList *l = found; l != NULL; l = l->next)
        {
          PopplerRectangle *rect = l->data;
          Match match = { i, { rect->x1, height - rect->y2, rect->x2, height - rect->y1 } };

          g_array_append_val (self->matches, match);
        }
      g_list_free_full (found, (GDestroyNotify)poppler_rectangle_free);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->matches->len;
}

guint
care_pdf_view_get_n_matches (CarePdfView *self)
{
  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 0);
  return self->matches != NULL ? self->matches->len : 0;
}

void
care_pdf_view_set_current_match (CarePdfView *self,
                                 guint        match)
{
  g_return_if_fail (CARE_IS_PDF_VIEW (self));

  if (match < care_pdf_view_get_n_matches (self))
    self->current = match;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * care_pdf_view_get_match_y:
 * @self: a #CarePdfView
 * @match: a match index
 *
 * Returns: where the match is, in the widget's coordinates, to scroll to
 */
double
care_pdf_view_get_match_y (CarePdfView *self,
                           guint        match)
{
  Match *m;

  g_return_val_if_fail (CARE_IS_PDF_VIEW (self), 0);

  if (match >= care_pdf_view_get_n_matches (self))
    return 0;
  m = &g_array_index (self->matches, Match, match);
  return page_top (self, m->page) + m->area.y1 * self->zoom;
}
