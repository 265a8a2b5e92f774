/* sandbox-fill.c — fills a sandbox database with one patient's long history
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by sandbox-paging.sh: N Observations (laboratory and vital signs,
 * a realistic ~600 bytes each) for Patient/bench, in one transaction.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "care-sandbox.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CareSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  CareSandboxStore *store;
  int n;

  if (argc != 3)
    {
      g_printerr ("usage: sandbox-fill DATA-DIR COUNT\n");
      return 2;
    }
  n = atoi (argv[2]);

  sandbox = care_sandbox_new (argv[1], &error);
  if (sandbox == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  store = care_sandbox_get_store (sandbox);

  care_sandbox_store_begin (store, NULL);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *json = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonObject) stored = NULL;
      gboolean lab = i % 3 != 0;

      json = g_strdup_printf (
        "{\"resourceType\":\"Observation\",\"id\":\"obs-%d\",\"status\":\"final\","
        "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
        "\"code\":\"%s\",\"display\":\"%s\"}]}],"
        "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\",\"display\":\"%s\"}],"
        "\"text\":\"%s\"},\"subject\":{\"reference\":\"Patient/bench\"},"
        "\"effectiveDateTime\":\"%04d-%02d-%02dT09:%02d:00Z\",\"issued\":\"%04d-%02d-%02dT12:00:00Z\","
        "\"valueQuantity\":{\"value\":%d.%d,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%s\"},"
        "\"referenceRange\":[{\"low\":{\"value\":4.0,\"unit\":\"%s\"},\"high\":{\"value\":5.6,\"unit\":\"%s\"}}],"
        "\"interpretation\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\",\"code\":\"H\"}]}]}",
        i, lab ? "laboratory" : "vital-signs", lab ? "Laboratory" : "Vital Signs",
        lab ? "4548-4" : "29463-7", lab ? "Hemoglobin A1c" : "Body weight",
        lab ? "Hemoglobin A1c/Hemoglobin.total in Blood" : "Body weight",
        1990 + (i / 3650) % 36, 1 + (i / 300) % 12, 1 + (i / 10) % 28, i % 60,
        1990 + (i / 3650) % 36, 1 + (i / 300) % 12, 1 + (i / 10) % 28,
        5 + i % 4, i % 10, lab ? "%" : "kg", lab ? "%" : "kg", lab ? "%" : "kg", lab ? "%" : "kg");

      if (!json_parser_load_from_data (parser, json, -1, &error))
        g_error ("%s", error->message);
      stored = care_sandbox_store_put (store, json_node_get_object (json_parser_get_root (parser)),
                                       &error);
      if (stored == NULL)
        g_error ("%s", error->message);
    }
  care_sandbox_store_commit (store, NULL);

  return 0;
}
