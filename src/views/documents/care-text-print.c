/* care-text-print.c — prints a text document, paginated with Pango
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Notes, letters and HTML documents are shown as text; this lays that
 * text out for the printer's page size when printing begins, breaks it
 * into pages between lines, and draws each page with the document's
 * title at the top. The same operation exports to PDF, which is how it is
 * tested.
 */
#include "config.h"

#include "care-text-print.h"

#define BODY_FONT "Sans 10.5"
#define TITLE_FONT "Sans Bold 13"

typedef struct
{
  char        *title;
  char        *text;
  PangoLayout *title_layout;
  PangoLayout *layout;
  double       title_height;
  GArray      *page_starts;   /* index of each page's first line */
} TextPrint;

static void
text_print_free (gpointer data,
                 GClosure *closure)
{
  TextPrint *print = data;

  g_free (print->title);
  g_free (print->text);
  g_clear_object (&print->title_layout);
  g_clear_object (&print->layout);
  g_clear_pointer (&print->page_starts, g_array_unref);
  g_free (print);
}

static PangoLayout *
make_layout (GtkPrintContext *context,
             const char      *font,
             const char      *text)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
line_height (PangoLayoutLine *line)
{
  PangoRectangle logical;

  pango_layout_line_get_extents (line, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                TextPrint         *print)
{
  double page_height = gtk_print_context_get_height (context);
  double used = 0;
  int n_lines;
  int start = 0;

  g_clear_object (&print->title_layout);
  g_clear_object (&print->layout);
  print->title_layout = make_layout (context, TITLE_FONT, print->title);
  print->layout = make_layout (context, BODY_FONT, print->text);
  {
    int height = 0;

    pango_layout_get_size (print->title_layout, NULL, &height);
    /* The title, and a blank line's worth of space under it. */
    print->title_height = (double) height / PANGO_SCALE * 1.6;
  }

  g_array_set_size (print->page_starts, 0);
  g_array_append_val (print->page_starts, start);
  used = print->title_height;
  n_lines = pango_layout_get_line_count (print->layout);
  for (int i = 0; i < n_lines; i++)
    {
      double height = line_height (pango_layout_get_line_readonly (print->layout, i));

      /* A line that does not fit starts the next page (a line taller than
       * a page still gets one to itself). */
      if (used + height > page_height && i > start)
        {
          start = i;
          g_array_append_val (print->page_starts, start);
          used = print->title_height;
        }
      used += height;
    }

  gtk_print_operation_set_n_pages (operation, print->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              TextPrint         *print)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first;
  int end;
  double y;

  if (print->layout == NULL || page_nr < 0 || (guint) page_nr >= print->page_starts->len)
    return;

  first = g_array_index (print->page_starts, int, page_nr);
  end = (guint) page_nr + 1 < print->page_starts->len
        ? g_array_index (print->page_starts, int, page_nr + 1)
        : pango_layout_get_line_count (print->layout);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, print->title_layout);

  y = print->title_height;
  for (int i = first; i < end; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (print->layout, i);
      PangoRectangle logical;

      pango_layout_line_get_extents (line, NULL, &logical);
      /* show_layout_line draws from the baseline. */
      cairo_move_to (cr, (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, line);
      y += (double) logical.height / PANGO_SCALE;
    }
}

/**
 * care_text_print_prepare:
 * @operation: a print operation not run yet
 * @title: the document's title, printed on every page
 * @text: the text to print
 *
 * Makes @operation print @text, paginated for its page setup.
 */
void
care_text_print_prepare (GtkPrintOperation *operation,
                         const char        *title,
                         const char        *text)
{
  TextPrint *print;

  g_return_if_fail (GTK_IS_PRINT_OPERATION (operation));
  g_return_if_fail (text != NULL);

  print = g_new0 (TextPrint, 1);
  print->title = g_strdup (title != NULL ? title : "");
  print->text = g_strdup (text);
  print->page_starts = g_array_new (FALSE, FALSE, sizeof (int));

  /* The data lives as long as the operation's first handler. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb), print,
                         text_print_free, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
}
