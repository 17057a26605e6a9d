/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-two-containers.h: a monitor on two containers, alpha and bravo
 *
 * The fixture of the monitor's unit tests (test-monitor.c,
 * test-monitor-marks.c): the real monitor, client and scanner on the fake
 * daemon and a fixture /proc holding init, a shim, alpha (ID_A: PID 100
 * with children 101 and 102, grandchild 103 and the `docker exec`'d 110)
 * and bravo (ID_B: PID 200). Tests change the tree and the listing
 * between cycles.
 */
#pragma once

#include "porthole-fake-daemon.h"
#include "porthole-monitor.h"

G_BEGIN_DECLS

#define ID_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHIM_PID 90

typedef struct
{
  PortholeFakeDaemon *daemon;
  char               *proc_root;
  PortholeMonitor    *monitor;
  GPtrArray          *changes;   /* "store-name:position:removed:added" */
} PortholeTestTwoContainers;

void porthole_test_two_containers_set_up    (PortholeTestTwoContainers *fixture,
                                             gconstpointer              data);
void porthole_test_two_containers_tear_down (PortholeTestTwoContainers *fixture,
                                             gconstpointer              data);

/* What GET /containers/json lists from now on */
void porthole_test_two_containers_list      (PortholeTestTwoContainers *fixture,
                                             gboolean                   with_a,
                                             gboolean                   with_b);

/* Records each items-changed of model in fixture->changes, under name */
void porthole_test_two_containers_watch     (PortholeTestTwoContainers *fixture,
                                             GListModel                *model,
                                             const char                *name);

/* Runs one full monitor cycle, which must succeed */
void porthole_test_two_containers_cycle     (PortholeTestTwoContainers *fixture);

/* Transfer none: the process of model (a store of PortholeProcess) with
 * host pid pid, or NULL */
PortholeProcess *porthole_test_find_child   (GListModel                *model,
                                             int                        pid);

G_END_DECLS
