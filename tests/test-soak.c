/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-soak.c: 10,000 monitor cycles against a churning /proc tree and daemon, memory flat
 *
 * Porthole runs for hours on a presenter's laptop, one cycle a second or
 * faster. This drives the real monitor, client, event stream and scanner
 * through PORTHOLE_SOAK_CYCLES cycles (10,000 by default), as fast as they
 * go, with the monitor's own 50 ms poll, its tick and the event stream
 * running besides. Between cycles the fixture /proc tree and the fake
 * daemon change: containers come and go, processes start, exit, are
 * reparented (inside their container and out to the shim), and pids are
 * reused with a new start time; ghosts and new-marks come and expire.
 *
 * It checks that
 *  - memory stays flat: VmRSS after a warm-up of 500 cycles and at the
 *    end differ by less than 2 MB (not under AddressSanitizer, whose
 *    quarantine and shadow memory make RSS meaningless: there the
 *    sanitizer's leak check at exit is the memory check instead);
 *  - nothing is leaked: the monitor finalizes, and the sanitizer build
 *    (build-aux/dev test --sanitize) runs this under LeakSanitizer;
 *  - the picture is still exact afterwards: the models hold exactly the
 *    tree's processes of exactly the listed containers.
 *
 * build-aux/dev sets PORTHOLE_SOAK_CYCLES lower for sanitizer runs, where
 * a cycle costs several times as much.
 */
#include "config.h"

#include <string.h>

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"
#include "porthole-test-util.h"

#define DEFAULT_CYCLES 10000
#define WARM_UP_CYCLES 500
#define MAX_RSS_GROWTH_KB 2048
#define N_CONTAINERS 6
#define N_SLOTS 20
#define SHIM_PID 90
#define SEED 20240607

typedef struct
{
  char     id[65];
  char     name[32];
  int      main_pid;
  guint    period;     /* listed for period cycles, then not for period cycles */
  gboolean listed;
  /* The container's other processes: slot j is pid main_pid + 1 + j */
  gboolean exists[N_SLOTS];
  int      ppid[N_SLOTS];
} Container;

typedef struct
{
  PortholeFakeDaemon *daemon;
  PortholeTestTree   *tree;
  PortholeMonitor    *monitor;
  Container           containers[N_CONTAINERS];
  GRand              *rand;
  guint64             next_start_ticks;
  guint               cycles;          /* every cycle the monitor finished */
  guint               failed_cycles;
  guint64             n_requests;
  guint               n_reuses;
  guint               n_reparents;
  guint               n_starts;
  guint               n_exits;
  guint               n_container_changes;
} Soak;

static void
cycle_finished_cb (PortholeMonitor *monitor,
                   Soak            *soak)
{
  soak->cycles++;
  if (porthole_monitor_get_error (monitor) != NULL)
    soak->failed_cycles++;
}

static int
slot_pid (Container *c,
          guint      slot)
{
  return c->main_pid + 1 + slot;
}

static void
start_process (Soak      *soak,
               Container *c,
               guint      slot,
               int        ppid)
{
  g_autofree char *cmdline = g_strdup_printf ("sh -c worker-%u", slot);

  porthole_test_tree_write (soak->tree, slot_pid (c, slot), ppid, soak->next_start_ticks++,
                            2 + slot, c->id, cmdline);
  c->exists[slot] = TRUE;
  c->ppid[slot] = ppid;
}

/* A parent for a new or reparented process: PID 1 of its container,
 * another of its processes, or the shim outside (a double-forked daemon). */
static int
pick_parent (Soak      *soak,
             Container *c,
             guint      slot)
{
  guint other = g_rand_int_range (soak->rand, 0, N_SLOTS);

  switch (g_rand_int_range (soak->rand, 0, 4))
    {
    case 0:
      return SHIM_PID;
    case 1:
      if (other != slot && c->exists[other])
        return slot_pid (c, other);
      G_GNUC_FALLTHROUGH;
    default:
      return c->main_pid;
    }
}

static void
container_up (Soak      *soak,
              Container *c)
{
  porthole_test_tree_write (soak->tree, c->main_pid, SHIM_PID, soak->next_start_ticks++, 1, c->id, "sh -c main");
  for (guint j = 0; j < N_SLOTS / 2; j++)
    start_process (soak, c, j, c->main_pid);
  c->listed = TRUE;
}

static void
container_down (Soak      *soak,
                Container *c)
{
  porthole_test_tree_remove (soak->tree, c->main_pid);
  for (guint j = 0; j < N_SLOTS; j++)
    {
      if (c->exists[j])
        porthole_test_tree_remove (soak->tree, slot_pid (c, j));
      c->exists[j] = FALSE;
    }
  c->listed = FALSE;
}

static void
set_listing (Soak *soak)
{
  g_autoptr(GString) list = g_string_new ("[");

  for (int k = N_CONTAINERS - 1; k >= 0; k--)
    {
      Container *c = &soak->containers[k];
      g_autofree char *entry = NULL;

      if (!c->listed)
        continue;

      entry = porthole_test_container_json (c->id, c->name, 1000 + k);
      if (list->len > 1)
        g_string_append_c (list, ',');
      g_string_append (list, entry);
    }
  g_string_append_c (list, ']');

  porthole_fake_daemon_set_reply (soak->daemon, "/containers/json", 200, list->str);
}

/* The world moves on between two cycles. */
static void
churn (Soak  *soak,
       guint  cycle)
{
  gboolean listing_changed = FALSE;

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      Container *c = &soak->containers[k];
      gboolean listed = (cycle / c->period) % 2 == 0;

      if (listed != c->listed)
        {
          if (listed)
            container_up (soak, c);
          else
            container_down (soak, c);
          listing_changed = TRUE;
          soak->n_container_changes++;
        }

      if (!c->listed)
        continue;

      for (guint op = 0; op < 3; op++)
        {
          guint slot = g_rand_int_range (soak->rand, 0, N_SLOTS);
          int pid = slot_pid (c, slot);

          if (!c->exists[slot])
            {
              start_process (soak, c, slot, pick_parent (soak, c, slot));
              soak->n_starts++;
              continue;
            }

          switch (g_rand_int_range (soak->rand, 0, 4))
            {
            case 0:
            case 1:
              porthole_test_tree_remove (soak->tree, pid);
              c->exists[slot] = FALSE;
              soak->n_exits++;
              break;

            case 2:
              c->ppid[slot] = pick_parent (soak, c, slot);
              porthole_test_tree_reparent (soak->tree, pid, c->ppid[slot]);
              soak->n_reparents++;
              break;

            default:
              /* exits, and a new process gets its pid at once */
              start_process (soak, c, slot, pick_parent (soak, c, slot));
              soak->n_reuses++;
              break;
            }
        }
    }

  if (listing_changed)
    set_listing (soak);
}

static void
run_cycle (Soak *soak)
{
  /* Failures show in the cycle counts; the picture is checked at the end. */
  g_autoptr(GError) error = porthole_test_refresh (soak->monitor, 60000 * porthole_test_time_factor ());
}

/* No ghost is left in the models: every mark of the churn has ended. */
static gboolean
no_ghosts (gpointer data)
{
  Soak *soak = data;
  GListModel *containers = porthole_monitor_get_containers (soak->monitor);

  for (guint i = 0; i < g_list_model_get_n_items (containers); i++)
    {
      g_autoptr(PortholeContainer) container = g_list_model_get_item (containers, i);
      GListModel *processes = porthole_container_get_processes (container);

      if (porthole_container_get_lifecycle (container) == PORTHOLE_LIFECYCLE_GONE)
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (processes); j++)
        {
          g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, j);

          if (porthole_process_get_lifecycle (process) == PORTHOLE_LIFECYCLE_GONE)
            return FALSE;
        }
    }

  return TRUE;
}

static void
take_requests (Soak *soak)
{
  /* The fake daemon logs every request; forget them, or the log would be
   * the growth we measure. */
  soak->n_requests += porthole_fake_daemon_get_requests (soak->daemon)->len;
  porthole_fake_daemon_clear_requests (soak->daemon);
}

/* The models show exactly the listed containers, each with exactly its
 * processes in the tree, each once in the tree of rows. */
static void
assert_exact (Soak *soak)
{
  GListModel *containers = porthole_monitor_get_containers (soak->monitor);
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n_listed = 0;
  guint n_rows = 0;
  guint n_expected_rows = 0;

  g_assert_cmpint (porthole_monitor_get_state (soak->monitor), ==, PORTHOLE_MONITOR_CONNECTED);

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      Container *c = &soak->containers[k];
      PortholeContainer *container = porthole_monitor_find_container (soak->monitor, c->id);
      g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
      GListModel *processes;

      if (!c->listed)
        {
          g_assert_null (container);
          continue;
        }

      n_listed++;
      g_assert_nonnull (container);
      g_assert_cmpint (porthole_container_get_lifecycle (container), !=, PORTHOLE_LIFECYCLE_GONE);

      g_hash_table_add (expected, GINT_TO_POINTER (c->main_pid));
      for (guint j = 0; j < N_SLOTS; j++)
        if (c->exists[j])
          g_hash_table_add (expected, GINT_TO_POINTER (slot_pid (c, j)));

      processes = porthole_container_get_processes (container);
      g_assert_cmpuint (g_list_model_get_n_items (processes), ==, g_hash_table_size (expected));
      for (guint i = 0; i < g_list_model_get_n_items (processes); i++)
        {
          g_autoptr(PortholeProcess) process = g_list_model_get_item (processes, i);

          g_assert_true (g_hash_table_contains (expected, GINT_TO_POINTER (porthole_process_get_pid (process))));
          g_assert_cmpint (porthole_process_get_lifecycle (process), !=, PORTHOLE_LIFECYCLE_GONE);
        }
      n_expected_rows += g_hash_table_size (expected);
    }

  g_assert_cmpuint (g_list_model_get_n_items (containers), ==, n_listed);

  /* Walk the tree of rows: every process once, none else. */
  g_ptr_array_add (stack, porthole_monitor_get_process_roots (soak->monitor));
  while (stack->len > 0)
    {
      GListModel *model = g_ptr_array_steal_index (stack, stack->len - 1);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(PortholeProcess) process = g_list_model_get_item (model, i);

          g_assert_false (g_hash_table_contains (rows, process));
          g_hash_table_add (rows, process);
          n_rows++;
          g_ptr_array_add (stack, porthole_process_get_children (process));
        }
    }
  g_assert_cmpuint (n_rows, ==, n_expected_rows);
}

static guint
soak_cycles (void)
{
  const char *text = g_getenv ("PORTHOLE_SOAK_CYCLES");
  guint64 n;

  if (text == NULL || text[0] == '\0')
    return DEFAULT_CYCLES;
  if (!g_ascii_string_to_unsigned (text, 10, 100, G_MAXUINT, &n, NULL))
    g_error ("PORTHOLE_SOAK_CYCLES=%s is not a number of cycles from 100 up", text);

  return n;
}

static void
test_soak (void)
{
  Soak soak = { 0 };
  g_autoptr(GString) events = g_string_new ("");
  g_autoptr(GBytes) events_body = NULL;
  guint n_cycles = soak_cycles ();
  guint warm_up = MIN (WARM_UP_CYCLES, n_cycles / 5);
  gint64 rss_warm = -1;
  gint64 rss_end;
  gint64 start, warm_time = 0, elapsed;
  guint i;

  soak.rand = g_rand_new_with_seed (SEED);
  soak.next_start_ticks = 1000;
  soak.daemon = porthole_fake_daemon_new ();
  soak.tree = porthole_test_tree_new ();
  porthole_test_tree_write (soak.tree, 1, 0, 1, 0, NULL, "/sbin/init");
  porthole_test_tree_write (soak.tree, SHIM_PID, 1, 50, 0, NULL, "/usr/bin/containerd-shim-runc-v2 -namespace moby");

  for (guint k = 0; k < N_CONTAINERS; k++)
    {
      static const guint periods[N_CONTAINERS] = { 5, 7, 11, 13, 17, 19 };
      Container *c = &soak.containers[k];

      memset (c->id, "0123456789abcdef"[10 + k], 64);
      g_snprintf (c->name, sizeof c->name, "soak-%u", k);
      c->main_pid = 1000 + 100 * k;
      c->period = periods[k];
      porthole_test_serve_inspect (soak.daemon, c->id, c->name, c->main_pid);

      /* The stream reports each container once; it ends after these lines
       * and the client reconnects, again and again, all along. */
      g_string_append_printf (events,
                              "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"%s\","
                              "\"Attributes\":{\"name\":\"%s\"}},\"time\":1700000000}\n",
                              c->id, c->name);
    }
  events_body = g_bytes_new (events->str, events->len);
  porthole_fake_daemon_set_reply_bytes (soak.daemon, "/events", 200, events_body);
  churn (&soak, 0);
  set_listing (&soak);

  soak.monitor = porthole_test_monitor_new (soak.daemon, porthole_test_tree_get_root (soak.tree));
  g_object_set (soak.monitor, "interval", 50, "new-duration", 150, "ghost-duration", 150, NULL);
  g_signal_connect (soak.monitor, "cycle-finished", G_CALLBACK (cycle_finished_cb), &soak);
  porthole_monitor_start (soak.monitor);

  start = g_get_monotonic_time ();
  for (i = 1; soak.cycles < n_cycles; i++)
    {
      run_cycle (&soak);
      churn (&soak, i);

      if (i % 100 == 0)
        take_requests (&soak);

      if (rss_warm < 0 && soak.cycles >= warm_up)
        {
          rss_warm = porthole_test_rss_kb ();
          warm_time = g_get_monotonic_time ();
          g_test_message ("after %u cycles (%.1f s): VmRSS %" G_GINT64_FORMAT " kB",
                          soak.cycles, (warm_time - start) / 1e6, rss_warm);
        }
    }
  elapsed = g_get_monotonic_time () - start;
  rss_end = porthole_test_rss_kb ();
  take_requests (&soak);

  g_test_message ("%u cycles (%u by this test, the rest by the poll and the event stream) in %.1f s, "
                  "%.0f cycles/s; %u failed",
                  soak.cycles, i - 1, elapsed / 1e6, soak.cycles / (elapsed / 1e6), soak.failed_cycles);
  g_test_message ("churn: %u container changes, %u starts, %u exits, %u reparents, %u pid reuses; "
                  "%" G_GUINT64_FORMAT " requests to the daemon",
                  soak.n_container_changes, soak.n_starts, soak.n_exits, soak.n_reparents,
                  soak.n_reuses, soak.n_requests);
  g_test_message ("VmRSS after warm-up %" G_GINT64_FORMAT " kB, at the end %" G_GINT64_FORMAT " kB: "
                  "growth %" G_GINT64_FORMAT " kB over %u cycles",
                  rss_warm, rss_end, rss_end - rss_warm, soak.cycles - warm_up);

  /* Every cycle ran against a daemon that answered: none may fail. */
  g_assert_cmpuint (soak.failed_cycles, ==, 0);
  g_assert_cmpuint (soak.cycles, >=, n_cycles);
  g_assert_cmpuint (soak.n_reuses, >, 0);
  g_assert_cmpuint (soak.n_container_changes, >, 0);

  if (porthole_test_under_asan ())
    g_test_message ("AddressSanitizer build: RSS growth not checked (LeakSanitizer checks at exit)");
  else
    g_assert_cmpint (rss_end - rss_warm, <, MAX_RSS_GROWTH_KB);

  /* The churn stops; once the last ghosts have expired (however late the
   * machine lets the monitor's timers run), the picture is exactly the
   * tree's. */
  run_cycle (&soak);
  g_assert_cmpint (porthole_test_spin_until (no_ghosts, &soak, 30000 * porthole_test_time_factor ()), >=, 0);
  run_cycle (&soak);
  g_assert_cmpint (porthole_test_spin_until (no_ghosts, &soak, 30000 * porthole_test_time_factor ()), >=, 0);
  assert_exact (&soak);

  porthole_monitor_stop (soak.monitor);
  g_signal_handlers_disconnect_by_data (soak.monitor, &soak);
  porthole_test_wait_unshared (soak.monitor, 30000);
  g_assert_finalize_object (soak.monitor);

  g_rand_free (soak.rand);
  porthole_fake_daemon_free (soak.daemon);
  porthole_test_tree_free (soak.tree);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/soak/cycles", test_soak);

  return g_test_run ();
}
