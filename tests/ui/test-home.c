/* test-home.c — Home, on the demo family's synced record
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "care-home-view.h"

#include "../care-test-utils.h"
#include "care-test-family.h"

static CareTestFamily family;

/* The titles of a list's rows, joined by newlines, with the overdue ones
 * marked "!" so a test can tell that it is marked in more than words. */
static char *
dup_titles (CareHomeView *view,
            const char   *name)
{
  GtkListBox *list = care_home_view_get_list (view, name);
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_string_append (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      if (gtk_widget_has_css_class (row, "care-overdue"))
        g_string_append_c (titles, '!');
      g_string_append_c (titles, '\n');
    }
  return g_string_free (titles, FALSE);
}

static char *
dup_subtitles (CareHomeView *view,
               const char   *name)
{
  GtkListBox *list = care_home_view_get_list (view, name);
  GString *subtitles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      g_string_append (subtitles, subtitle != NULL ? subtitle : "");
      g_string_append_c (subtitles, '\n');
    }
  return g_string_free (subtitles, FALSE);
}

static void
test_adult (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (care_home_view_new (G_OBJECT (family.context)));
  g_autofree char *news = NULL;
  g_autofree char *appointment = NULL;
  g_autofree char *due = NULL;

  care_test_family_show (&family, "demo:adult");
  news = dup_titles (CARE_HOME_VIEW (view), "new");
  appointment = dup_titles (CARE_HOME_VIEW (view), "appointment");
  due = dup_titles (CARE_HOME_VIEW (view), "care-due");

  /* The adult's quarterly labs were drawn within the last month. */
  g_assert_nonnull (strstr (news, "Hemoglobin A1c"));
  g_assert_cmpstr (appointment, !=, "No upcoming appointments\n");
  /* The pneumococcal vaccine is overdue, in words and marked as such. */
  g_assert_nonnull (strstr (due, "Pneumococcal vaccine (recommended with diabetes)!"));
  g_assert_nonnull (strstr (due, "Flu vaccine\n"));
  /* Her own record: nothing to say about proxies. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (
    gtk_widget_get_parent (GTK_WIDGET (care_home_view_get_list (CARE_HOME_VIEW (view), "access")))))));
}

static void
test_teen (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (care_home_view_new (G_OBJECT (family.context)));
  g_autofree char *access = NULL;
  g_autofree char *subtitles = NULL;
  g_autofree char *news = NULL;

  care_test_family_show (&family, "demo:teen");
  access = dup_titles (CARE_HOME_VIEW (view), "access");
  subtitles = dup_subtitles (CARE_HOME_VIEW (view), "access");
  news = dup_titles (CARE_HOME_VIEW (view), "new");

  /* What is withheld, and why, instead of lists that look empty. */
  g_assert_nonnull (strstr (access, "Not shared with proxies\n"));
  g_assert_nonnull (strstr (subtitles, "Medications"));
  g_assert_nonnull (strstr (subtitles, "from age 12 to 17"));
  /* And when the parent's access ends. */
  g_assert_nonnull (strstr (access, "turns 18 on"));
  g_assert_cmpstr (news, ==, "Results and messages are not shared with proxies\n");
}

static void
test_child (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (care_home_view_new (G_OBJECT (family.context)));
  g_autofree char *access = NULL;

  care_test_family_show (&family, "demo:child");
  access = dup_titles (CARE_HOME_VIEW (view), "access");

  g_assert_nonnull (strstr (access, "Mateo Reyes turns 12 on"));
  g_assert_null (strstr (access, "Not shared with proxies"));
}

static void
test_follows_person (void)
{
  g_autoptr(GtkWidget) view = g_object_ref_sink (care_home_view_new (G_OBJECT (family.context)));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  care_test_family_show (&family, "demo:adult");
  before = dup_titles (CARE_HOME_VIEW (view), "care-due");
  care_test_family_show (&family, "demo:teen");
  after = dup_titles (CARE_HOME_VIEW (view), "care-due");

  g_assert_cmpstr (before, !=, after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/care/ui/home/adult", test_adult);
  g_test_add_func ("/care/ui/home/teen", test_teen);
  g_test_add_func ("/care/ui/home/child", test_child);
  g_test_add_func ("/care/ui/home/follows-person", test_follows_person);

  /* One synced family for every case: signing in and syncing is what
   * takes time, and the cases only read. */
  care_test_family_setup (&family);
  status = g_test_run ();
  care_test_family_teardown (&family);
  return status;
}
