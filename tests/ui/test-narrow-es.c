/* test-narrow-es.c — every section in Spanish at 360 px, nothing cut off
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANG=C.UTF-8 LANGUAGE=es and the freshly built catalogue.
 * Spanish words are longer than English ones; a label that does not fit
 * a phone-wide window must wrap or end in "…", never be clipped. Each
 * section of the sidebar is opened at 360 px, then one item of it (a
 * result's detail, a document…) as a notification would open it, and
 * every label on screen is checked: allocated narrower than its natural
 * width without ellipsizing or wrapping, or reaching outside the window,
 * is cut off. The window itself must stay 360 px wide, and show the
 * section's title whole (in the header, or above the page).
 *
 * With CARE_TEST_TEXT_SCALE=1.5 (the `test-narrow-es-large` test) the
 * text is scaled as GNOME's "Large Text" scales it: GtkSettings'
 * gtk-xft-dpi at 96 × 1.5 dpi, what GTK 4.8 reads from Xft/DPI.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "care-cache.h"
#include "care-features.h"
#include "care-notifier.h"
#include "care-resource-item.h"
#include "care-sections.h"
#include "care-window.h"

#include "care-test-family.h"

#define WIDTH 360
#define HEIGHT 720

static CareTestFamily family;
static double text_scale = 1.0;

/* Lets the window lay out what a section loaded: a few frames' time. */
/* Whether a page is still sliding or fading in somewhere under @widget. */
static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

/* Lets the window load and lay out what it shows: @ms, then until no
 * page is moving any more (a loaded machine draws slowly). */
static void
settle (GtkWidget *window,
        guint      ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  gint64 deadline = until + 20 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (20, care_test_family_poll_cb, NULL);

  while (g_get_monotonic_time () < until ||
         (transition_running (window) && g_get_monotonic_time () < deadline))
    g_main_context_iteration (NULL, TRUE);
  /* A frame more, for the last allocation. */
  until = g_get_monotonic_time () + 100 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (poll);
}

/* Whether @widget lies in something that scrolls sideways or slides
 * pages in (where being beyond the window's edge is not being cut). */
static gboolean
in_sideways_scroller (GtkWidget *widget)
{
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      if (GTK_IS_SCROLLED_WINDOW (up))
        {
          GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (up));

          if (gtk_adjustment_get_upper (h) - gtk_adjustment_get_lower (h) > gtk_adjustment_get_page_size (h) + 0.5)
            return TRUE;
        }
      if (ADW_IS_CAROUSEL (up))
        return TRUE;
    }
  return FALSE;
}

static void
check_label (GtkWidget *label,
             GtkWidget *window,
             GPtrArray *problems)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  /* The width inside the label's padding, and its text's. */
  int width = gtk_widget_get_width (label);
  int natural = 0;
  graphene_rect_t bounds;
  PangoRectangle extents;
  gboolean fits_itself;

  if (text == NULL || text[0] == '\0' || width <= 0)
    return;
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &extents);
  natural = extents.width;
  fits_itself = width + 1 >= natural || gtk_label_get_wrap (GTK_LABEL (label)) ||
                gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE;
  if (!fits_itself)
    g_ptr_array_add (problems, g_strdup_printf ("“%s” is %d px wide of %d", text, width, natural));
  else if (gtk_widget_compute_bounds (label, window, &bounds) &&
           (bounds.origin.x < -1 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 1) &&
           !in_sideways_scroller (label))
    g_ptr_array_add (problems, g_strdup_printf ("“%s” reaches outside the window (%.0f to %.0f of %d px)",
                                                text, bounds.origin.x, bounds.origin.x + bounds.size.width,
                                                gtk_widget_get_width (window)));
}

static void
collect_cut (GtkWidget *widget,
             GtkWidget *window,
             GPtrArray *problems)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  /* A folded leaflet keeps the page it slid away from beside the window. */
  if (ADW_IS_LEAFLET (gtk_widget_get_parent (widget)) &&
      adw_leaflet_get_folded (ADW_LEAFLET (gtk_widget_get_parent (widget))) &&
      adw_leaflet_get_visible_child (ADW_LEAFLET (gtk_widget_get_parent (widget))) != widget)
    return;
  if (GTK_IS_LABEL (widget))
    check_label (widget, window, problems);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut (child, window, problems);
}

/* Whether the window shows @title whole (not "Resultados d…"), in a
 * label on screen: a patient must see which section they are in. */
static gboolean
shows_whole (GtkWidget  *widget,
             const char *title)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return FALSE;
  if (ADW_IS_LEAFLET (gtk_widget_get_parent (widget)) &&
      adw_leaflet_get_folded (ADW_LEAFLET (gtk_widget_get_parent (widget))) &&
      adw_leaflet_get_visible_child (ADW_LEAFLET (gtk_widget_get_parent (widget))) != widget)
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), title) == 0 &&
      !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_whole (child, title))
      return TRUE;
  return FALSE;
}

/* The first words inside @widget, to name it in a message. */
static const char *
first_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_text (child);

      if (text != NULL && text[0] != '\0')
        return text;
    }
  return NULL;
}

/* The innermost widgets that ask for more than @width: what keeps the
 * window from being as narrow as a phone. */
static void
collect_too_wide (GtkWidget *widget,
                  int        width,
                  GPtrArray *problems)
{
  gboolean child_too_wide = FALSE;
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum = 0;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
      if (child_minimum > width)
        {
          child_too_wide = TRUE;
          collect_too_wide (child, width, problems);
        }
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (!child_too_wide && minimum > width)
    {
      g_autoptr(GString) parts = g_string_new (NULL);

      /* Together its children ask too much: say what each asks. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum = 0;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
          g_string_append_printf (parts, "%s%s “%s” %d%s", parts->len > 0 ? ", " : "",
                                  G_OBJECT_TYPE_NAME (child), first_text (child) ?: "", child_minimum,
                                  gtk_widget_get_child_visible (child) ? "" : " (hidden)");
        }
      g_ptr_array_add (problems, g_strdup_printf ("%s “%s” in %s asks for %d px (%s)",
                                                  G_OBJECT_TYPE_NAME (widget), first_text (widget) ?: "",
                                                  gtk_widget_get_parent (widget) != NULL ?
                                                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)) : "nothing",
                                                  minimum,
                                                  parts->str));
    }
}

static void
assert_nothing_cut (CareWindow *window,
                    const char *where)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (gtk_widget_get_width (GTK_WIDGET (window)) > WIDTH)
    collect_too_wide (GTK_WIDGET (window), WIDTH, problems);
  else
    collect_cut (GTK_WIDGET (window), GTK_WIDGET (window), problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", where, (char *)problems->pdata[i]);
  if (problems->len > 0)
    g_test_fail_printf ("%s: %u cut off or too wide at %d px in Spanish%s, the first: %s", where,
                        problems->len, WIDTH, text_scale > 1.0 ? " with large text" : "",
                        (char *)problems->pdata[0]);
}

/* The id of one item of @section_id's in the person's cache that a
 * notification would open in this section, else NULL. */
static char *
dup_item (const char  *section_id,
          const char **out_type)
{
  const CareFeature *feature = care_features_lookup (section_id);
  g_auto(GStrv) types = feature != NULL ? care_feature_dup_types (feature) : NULL;
  CareCache *cache = care_record_get_cache (care_context_get_record (family.context));

  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      g_autoptr(CareCacheQuery) query = NULL;
      g_autoptr(GListModel) items = NULL;
      g_autoptr(CareResourceItem) item = NULL;

      if (g_strcmp0 (care_notifier_section_for_type (types[i]), section_id) != 0)
        continue;
      query = care_cache_query_new (types[i]);
      care_cache_query_set_sort (query, CARE_CACHE_SORT_NEWEST);
      items = care_cache_query (cache, query, NULL);
      item = items != NULL && g_list_model_get_n_items (items) > 0 ? g_list_model_get_item (items, 0) : NULL;
      if (item != NULL)
        {
          *out_type = care_notifier_section_for_type (types[i]) != NULL ? g_intern_string (types[i]) : NULL;
          return g_strdup (care_resource_item_get_id (item));
        }
    }
  return NULL;
}

static void
test_section (gconstpointer data)
{
  const CareSection *section = data;
  /* Growth charts are a child's. */
  const char *person = g_str_equal (section->id, "growth") ? "demo:child" : "demo:adult";
  CareWindow *window;
  g_autofree char *id = NULL;
  const char *type = NULL;

  care_test_family_show (&family, person);
  window = g_object_ref_sink (care_window_new (NULL, family.context));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", section->id);
  settle (GTK_WIDGET (window), 1500);
  /* Large text folds the sidebar only once the window is narrower than
   * it and the section side by side: as a user drags the edge again,
   * the window is asked for 360 px once more. */
  if (gtk_widget_get_width (GTK_WIDGET (window)) > WIDTH)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), WIDTH + 1, HEIGHT);
      gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
      settle (GTK_WIDGET (window), 300);
    }
  g_assert_cmpstr (care_window_get_visible_section (window), ==, section->id);
  assert_nothing_cut (window, section->id);
  /* The heading above the page follows the header's squeezer on the
   * next idle: a loaded machine may take a few frames more. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    guint poll = g_timeout_add (20, care_test_family_poll_cb, NULL);

    while (!shows_whole (GTK_WIDGET (window), _(section->title)) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (poll);
  }
  if (!shows_whole (GTK_WIDGET (window), _(section->title)))
    g_test_fail_printf ("%s: its title “%s” is not shown whole at %d px%s", section->id, _(section->title),
                        WIDTH, text_scale > 1.0 ? " with large text" : "");

  id = dup_item (section->id, &type);
  if (id != NULL && care_window_open_item (window, person, type, id))
    {
      g_autofree char *where = g_strdup_printf ("%s, %s/%s", section->id, type, id);

      settle (GTK_WIDGET (window), 1000);
      assert_nothing_cut (window, where);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (g_getenv ("CARE_TEST_TEXT_SCALE") != NULL)
    {
      text_scale = g_ascii_strtod (g_getenv ("CARE_TEST_TEXT_SCALE"), NULL);
      g_assert_cmpfloat (text_scale, >=, 1.0);
      /* Xft/DPI in 1024ths of a dot per inch, as a settings daemon gives it. */
      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int)(96 * 1024 * text_scale), NULL);
    }
  /* The app's style sheet: its classes change what fits. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  for (guint i = 0; i < care_sections_get_n_items (); i++)
    {
      const CareSection *section = care_sections_get (i);
      g_autofree char *path = g_strdup_printf ("/care/ui/narrow-es/%s", section->id);

      g_test_add_data_func (path, section, test_section);
    }

  care_test_family_setup (&family);
  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
