/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-settings.c: the application's GSettings, installed schema or not
 *
 * g_settings_new() aborts the program when its schema is not installed,
 * which is exactly the case of a user who built Porthole and runs
 * _build/src/porthole. A missing schema costs that user only the saving of
 * settings: the window is what they came for.
 */
#include "config.h"

#include <glib/gi18n.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "porthole-schema-resources.h"
#include "porthole-settings.h"

/* GSettingsSchemaSource reads a directory, not bytes: the built-in
 * gschemas.compiled goes to a private temporary directory, is mapped, and
 * the directory is removed again at once (the mapping stays valid). */
static GSettingsSchemaSource *
built_in_schema_source (GError **error)
{
  g_autoptr(GBytes) compiled = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GSettingsSchemaSource *source;
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      porthole_schema_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  compiled = g_resources_lookup_data (PORTHOLE_SETTINGS_BUILT_IN_SCHEMA,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (compiled == NULL)
    return NULL;

  dir = g_dir_make_tmp ("porthole-schema-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "gschemas.compiled", NULL);

  if (g_file_set_contents (path, g_bytes_get_data (compiled, NULL), g_bytes_get_size (compiled), error))
    source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, error);
  else
    source = NULL;

  g_unlink (path);
  g_rmdir (dir);

  return source;
}

GSettings *
porthole_settings_new (const char *schema_id)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) built_in = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) memory = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (schema_id != NULL, NULL);

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, schema_id, TRUE);
  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  built_in = built_in_schema_source (&error);
  if (built_in != NULL)
    schema = g_settings_schema_source_lookup (built_in, schema_id, FALSE);
  if (schema == NULL)
    {
      /* Only a broken build gets here: the schema is compiled in. */
      g_error ("Settings schema '%s' is neither installed nor built in: %s", schema_id,
               error != NULL ? error->message : "not in the built-in copy");
    }

  g_printerr ("porthole: ");
  /* Translators: %s is the schema id, io.github.porthole.Porthole */
  g_printerr (_("the settings schema %s is not installed: starting with its defaults; "
                "changed settings will not be saved (install Porthole, or set "
                "GSETTINGS_SCHEMA_DIR to a directory that holds the compiled schema, "
                "such as _build/data)"), schema_id);
  g_printerr ("\n");

  memory = g_memory_settings_backend_new ();
  return g_settings_new_full (schema, memory, NULL);
}

void
porthole_settings_bind_monitor (GSettings       *settings,
                                PortholeMonitor *monitor)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (PORTHOLE_IS_MONITOR (monitor));

  g_settings_bind (settings, "refresh-interval", monitor, "interval", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "new-mark-duration", monitor, "new-duration", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "ghost-duration", monitor, "ghost-duration", G_SETTINGS_BIND_GET);
}
