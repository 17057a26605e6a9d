/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-report.c: the monitor's picture as text or JSON */
#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "porthole-facts.h"
#include "porthole-format.h"
#include "porthole-report.h"

/* Calls func for each process of container in tree pre-order. */
typedef void (*VisitFunc) (PortholeProcess *process,
                           guint            depth,
                           gpointer         user_data);

static void
visit_subtree (PortholeProcess *process,
               guint            depth,
               VisitFunc        func,
               gpointer         user_data)
{
  GListModel *children = porthole_process_get_children (process);

  func (process, depth, user_data);

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(PortholeProcess) child = g_list_model_get_item (children, i);
      visit_subtree (child, depth + 1, func, user_data);
    }
}

static void
visit_container_processes (PortholeMonitor   *monitor,
                           PortholeContainer *container,
                           VisitFunc          func,
                           gpointer           user_data)
{
  GListModel *roots = porthole_monitor_get_process_roots (monitor);

  for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
    {
      g_autoptr(PortholeProcess) root = g_list_model_get_item (roots, i);

      if (porthole_process_get_container (root) == container)
        visit_subtree (root, 0, func, user_data);
    }
}

/* Text goes to a terminal, and every string in it comes from a container
 * or a process: one could otherwise move the cursor, retitle or clear the
 * window, reorder the line with bidi overrides or print a megabyte. Each
 * field goes through porthole_format_display_text(), bounded. */
static char *
display (const char *text,
         gsize       max_chars)
{
  return porthole_format_display_text (text, max_chars);
}

/* Columns a display text takes in a terminal: East Asian wide characters
 * take two, combining marks none. Display text has no controls left. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        width++;
      else if (g_unichar_iszerowidth (c))
        continue;
      else
        width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static void
append_field (GString    *out,
              const char *text,
              gsize       max_chars)
{
  g_autofree char *shown = display (text, max_chars);

  g_string_append (out, shown);
}

static void
append_padded (GString    *out,
               const char *text,
               gsize       width)
{
  g_autofree char *shown = display (text, PORTHOLE_REPORT_MAX_FIELD_CHARS);

  g_string_append (out, shown);
  for (gsize i = display_width (shown); i < width; i++)
    g_string_append_c (out, ' ');
}

typedef struct
{
  GString *out;
} TextState;

static void
append_process_line_cb (PortholeProcess *process,
                        guint            depth,
                        gpointer         user_data)
{
  TextState *state = user_data;
  gint32 ns_pid = porthole_process_get_ns_pid (process);
  g_autofree char *ns_pid_text = ns_pid >= 0 ? g_strdup_printf ("%d", ns_pid) : g_strdup ("?");

  g_string_append_printf (state->out, "  %11s %7d %7d %7s ",
                          porthole_process_get_elapsed (process),
                          porthole_process_get_pid (process),
                          porthole_process_get_ppid (process),
                          ns_pid_text);
  append_padded (state->out, porthole_process_get_user (process), 9);
  g_string_append_c (state->out, ' ');
  /* ps -H indents children by two spaces per level. */
  for (guint i = 0; i < depth; i++)
    g_string_append (state->out, "  ");
  append_field (state->out, porthole_process_get_command (process),
                PORTHOLE_REPORT_MAX_COMMAND_CHARS);
  g_string_append_c (state->out, '\n');
}

char *
porthole_report_text (PortholeMonitor *monitor)
{
  GListModel *containers;
  guint n_containers;
  gsize widths[3] = { strlen ("NAMES"), strlen ("IMAGE"), strlen ("COMMAND") };
  gsize status_width = strlen ("STATUS");
  gboolean any_engine = FALSE;
  TextState state;

  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);

  containers = porthole_monitor_get_containers (monitor);
  n_containers = g_list_model_get_n_items (containers);

  for (guint i = 0; i < n_containers; i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      const char *columns[3] = {
        porthole_container_get_name (container),
        porthole_container_get_image (container),
        porthole_container_get_command (container),
      };

      g_autofree char *status = display (porthole_container_get_status (container),
                                         PORTHOLE_REPORT_MAX_FIELD_CHARS);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *shown = display (columns[c], PORTHOLE_REPORT_MAX_FIELD_CHARS);
          widths[c] = MAX (widths[c], display_width (shown));
        }
      status_width = MAX (status_width, display_width (status));
      any_engine |= porthole_container_get_engine (container) != NULL;
    }

  state.out = g_string_new (NULL);

  /* The same table as
   * docker ps --format 'table {{.Names}}\t{{.Image}}\t{{.Command}}\t{{.Status}}'
   * (three spaces between columns), each container followed by its
   * processes as `ps -Ho etime,pid,ppid,user,cmd` would show them. */
  append_padded (state.out, "NAMES", widths[0] + 3);
  append_padded (state.out, "IMAGE", widths[1] + 3);
  append_padded (state.out, "COMMAND", widths[2] + 3);
  /* ENGINE only when a container is not the engine's own (one the host
   * records): otherwise the table is docker ps's, to the byte. */
  if (any_engine)
    {
      append_padded (state.out, "STATUS", status_width + 3);
      g_string_append (state.out, "ENGINE");
    }
  else
    g_string_append (state.out, "STATUS");
  g_string_append_c (state.out, '\n');

  for (guint i = 0; i < n_containers; i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      append_padded (state.out, porthole_container_get_name (container), widths[0] + 3);
      append_padded (state.out, porthole_container_get_image (container), widths[1] + 3);
      append_padded (state.out, porthole_container_get_command (container), widths[2] + 3);
      if (any_engine)
        {
          append_padded (state.out, porthole_container_get_status (container), status_width + 3);
          if (porthole_container_get_engine (container) != NULL)
            append_field (state.out, porthole_container_get_engine (container),
                          PORTHOLE_REPORT_MAX_FIELD_CHARS);
          /* trailing spaces would differ from the line without them */
          while (state.out->len > 0 && state.out->str[state.out->len - 1] == ' ')
            g_string_truncate (state.out, state.out->len - 1);
        }
      else
        append_field (state.out, porthole_container_get_status (container),
                      PORTHOLE_REPORT_MAX_FIELD_CHARS);
      g_string_append_c (state.out, '\n');

      g_string_append_printf (state.out, "  %11s %7s %7s %7s %-9s %s\n",
                              "ELAPSED", "PID", "PPID", "NSPID", "USER", "CMD");
      visit_container_processes (monitor, container, append_process_line_cb, &state);
    }

  return g_string_free (state.out, FALSE);
}

/* Every string goes through porthole_facts_json_add_string(): the guard
 * against invalid UTF-8 for what the parsers do not cover (the endpoint
 * comes from the environment). */
static void
add_string (JsonBuilder *builder,
            const char  *text)
{
  porthole_facts_json_add_string (builder, text);
}

/* What the JSON of one container's processes needs besides the builder:
 * where and whether to read the facts, and the facts already read (the
 * first process's, read for the container). */
typedef struct
{
  JsonBuilder         *builder;
  const char          *proc_root;
  PortholeNsReference *reference;   /* NULL: no facts */
  GHashTable          *read;        /* pid → PortholeProcessFacts, or absent */
  gint32               init_pid;
  gboolean             with_cpu;    /* two scans measured CPU; else cpu_percent is null */
} JsonState;

/* One decimal, as the window shows it: more would be noise from the
 * clock tick. */
static void
add_cpu (JsonBuilder *builder,
         gboolean     with_cpu,
         gdouble      percent)
{
  json_builder_set_member_name (builder, "cpu_percent");
  if (with_cpu)
    json_builder_add_double_value (builder, round (percent * 10.0) / 10.0);
  else
    json_builder_add_null_value (builder);
}

/* The facts of pid, read once per report. NULL with error when the
 * process is gone. */
static const PortholeProcessFacts *
lookup_facts (JsonState  *state,
              gint32      pid,
              GError    **error)
{
  PortholeProcessFacts *facts;

  if (g_hash_table_lookup_extended (state->read, GINT_TO_POINTER (pid), NULL, (gpointer *) &facts))
    return facts;

  facts = porthole_process_facts_read (state->proc_root, pid, state->reference, error);
  if (facts != NULL)
    g_hash_table_insert (state->read, GINT_TO_POINTER (pid), facts);

  return facts;
}

static void
add_facts_json (JsonState              *state,
                const PortholeFactList *list,
                const GError           *error)
{
  if (list != NULL)
    {
      porthole_fact_list_add_json (list, state->builder);
      return;
    }

  /* The process went away between the scan and now. */
  json_builder_set_member_name (state->builder, "facts");
  json_builder_add_null_value (state->builder);
  json_builder_set_member_name (state->builder, "facts_error");
  add_string (state->builder, error != NULL ? error->message : "");
  json_builder_set_member_name (state->builder, "badges");
  json_builder_begin_array (state->builder);
  json_builder_end_array (state->builder);
}

static void
add_process_json_cb (PortholeProcess *process,
                     guint            depth,
                     gpointer         user_data)
{
  JsonState *state = user_data;
  JsonBuilder *builder = state->builder;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, porthole_process_get_pid (process));
  json_builder_set_member_name (builder, "ppid");
  json_builder_add_int_value (builder, porthole_process_get_ppid (process));
  json_builder_set_member_name (builder, "ns_pid");
  if (porthole_process_get_ns_pid (process) >= 0)
    json_builder_add_int_value (builder, porthole_process_get_ns_pid (process));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "uid");
  json_builder_add_int_value (builder, porthole_process_get_uid (process));
  json_builder_set_member_name (builder, "user");
  add_string (builder, porthole_process_get_user (process));
  json_builder_set_member_name (builder, "start_time");
  json_builder_add_int_value (builder, porthole_process_get_start_time (process));
  json_builder_set_member_name (builder, "etime");
  add_string (builder, porthole_process_get_elapsed (process));
  json_builder_set_member_name (builder, "cmd");
  add_string (builder, porthole_process_get_command (process));
  json_builder_set_member_name (builder, "depth");
  json_builder_add_int_value (builder, depth);
  add_cpu (builder, state->with_cpu, porthole_process_get_cpu_percent (process));
  json_builder_set_member_name (builder, "rss_bytes");
  json_builder_add_int_value (builder, porthole_process_get_rss_bytes (process));
  json_builder_set_member_name (builder, "threads");
  json_builder_add_int_value (builder, porthole_process_get_threads (process));

  if (state->reference != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PortholeFactList) list = NULL;
      const PortholeProcessFacts *facts;
      PortholeProcessContext context = { state->init_pid };

      facts = lookup_facts (state, porthole_process_get_pid (process), &error);
      if (facts != NULL)
        list = porthole_fact_list_new_for_process (facts, &context);
      add_facts_json (state, list, error);
    }

  json_builder_end_object (builder);
}

/* A container no API lists says so, and what the host records of it.
 * One an API lists has no such members: the endpoint is its engine. */
static void
add_host_record_json (JsonBuilder       *builder,
                      PortholeContainer *container)
{
  const PortholeHostRecord *record = porthole_container_get_host_record (container);

  if (record == NULL)
    return;

  json_builder_set_member_name (builder, "engine");
  add_string (builder, record->engine);
  json_builder_set_member_name (builder, "source");
  add_string (builder, "host records");
  json_builder_set_member_name (builder, "named");
  json_builder_add_boolean_value (builder, record->named);
  json_builder_set_member_name (builder, "pod");
  if (record->pod_name != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "namespace");
      add_string (builder, record->pod_namespace != NULL ? record->pod_namespace : "");
      json_builder_set_member_name (builder, "name");
      add_string (builder, record->pod_name);
      json_builder_set_member_name (builder, "uid");
      if (record->pod_uid != NULL)
        add_string (builder, record->pod_uid);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "container");
      if (record->container_name != NULL)
        add_string (builder, record->container_name);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  if (record->bundle_error != NULL)
    {
      json_builder_set_member_name (builder, "bundle_error");
      add_string (builder, record->bundle_error);
    }
}

static char *build_json (PortholeMonitor             *monitor,
                         gboolean                     with_facts,
                         gboolean                     with_cpu,
                         const char                  *proc_root,
                         const PortholeReportWarning *warnings,
                         gsize                        n_warnings);

char *
porthole_report_json (PortholeMonitor *monitor)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);

  return porthole_report_json_full (monitor, NULL, 0);
}

char *
porthole_report_json_full (PortholeMonitor             *monitor,
                           const PortholeReportWarning *warnings,
                           gsize                        n_warnings)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (warnings != NULL || n_warnings == 0, NULL);

  return build_json (monitor, FALSE, FALSE, NULL, warnings, n_warnings);
}

char *
porthole_report_json_with_facts (PortholeMonitor             *monitor,
                                 const char                  *proc_root,
                                 const PortholeReportWarning *warnings,
                                 gsize                        n_warnings)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (warnings != NULL || n_warnings == 0, NULL);

  return build_json (monitor, TRUE, FALSE, proc_root, warnings, n_warnings);
}

char *
porthole_report_json_with_cpu (PortholeMonitor             *monitor,
                               const char                  *proc_root,
                               const PortholeReportWarning *warnings,
                               gsize                        n_warnings)
{
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);
  g_return_val_if_fail (warnings != NULL || n_warnings == 0, NULL);

  return build_json (monitor, TRUE, TRUE, proc_root, warnings, n_warnings);
}

static char *
build_json (PortholeMonitor             *monitor,
            gboolean                     with_facts,
            gboolean                     with_cpu,
            const char                  *proc_root,
            const PortholeReportWarning *warnings,
            gsize                        n_warnings)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PortholeNsReference) reference = NULL;
  g_autoptr(GHashTable) read = NULL;
  GListModel *containers;

  containers = porthole_monitor_get_containers (monitor);
  builder = json_builder_new ();
  read = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) porthole_process_facts_free);
  if (with_facts)
    reference = porthole_ns_reference_read (proc_root);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "endpoint");
  add_string (builder, porthole_docker_client_get_endpoint (porthole_monitor_get_client (monitor)));
  json_builder_set_member_name (builder, "containers");
  json_builder_begin_array (builder);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      add_string (builder, porthole_container_get_id (container));
      json_builder_set_member_name (builder, "name");
      add_string (builder, porthole_container_get_name (container));
      json_builder_set_member_name (builder, "image");
      add_string (builder, porthole_container_get_image (container));
      json_builder_set_member_name (builder, "command");
      add_string (builder, porthole_container_get_command (container));
      json_builder_set_member_name (builder, "state");
      add_string (builder, porthole_container_get_state (container));
      json_builder_set_member_name (builder, "status");
      add_string (builder, porthole_container_get_status (container));
      json_builder_set_member_name (builder, "pid");
      json_builder_add_int_value (builder, porthole_container_get_pid (container));
      add_cpu (builder, with_cpu, porthole_container_get_cpu_percent (container));
      json_builder_set_member_name (builder, "memory_bytes");
      json_builder_add_int_value (builder, porthole_container_get_memory_bytes (container));
      json_builder_set_member_name (builder, "pids");
      json_builder_add_int_value (builder, porthole_container_get_n_pids (container));
      add_host_record_json (builder, container);
      JsonState state = { builder, proc_root, reference, read, porthole_container_get_pid (container), with_cpu };
      const PortholeDockerInspect *inspect = porthole_container_get_inspect (container);

      if (with_facts)
        {
          g_autoptr(PortholeFactList) list = NULL;
          const PortholeProcessFacts *init = NULL;

          /* Without an inspect (it failed) there is nothing to tell. */
          if (state.init_pid > 0)
            init = lookup_facts (&state, state.init_pid, NULL);
          if (inspect != NULL)
            {
              list = porthole_fact_list_new_for_container (inspect, init);
              porthole_fact_list_add_json (list, builder);
            }
        }

      json_builder_set_member_name (builder, "processes");
      json_builder_begin_array (builder);
      visit_container_processes (monitor, container, add_process_json_cb, &state);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);

  /* Always there, empty when all is well, so a script need not ask
   * whether it exists before it asks whether it is empty. */
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < n_warnings; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      add_string (builder, warnings[i].kind);
      json_builder_set_member_name (builder, "message");
      add_string (builder, warnings[i].message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
