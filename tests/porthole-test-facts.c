/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-test-facts.c: the /proc files that only process facts read, for fixture trees */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-security-parse.h"
#include "porthole-test-facts.h"

const char *
porthole_test_facts_unreadable_file (void)
{
  /* Write-only sysctls: procfs checks their mode without the DAC
   * override, so root too gets EACCES on opening one for reading. */
  static const char *const candidates[] = {
    "/proc/sys/vm/compact_memory",
    "/proc/sys/vm/drop_caches",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      int fd = open (candidates[i], O_RDONLY | O_CLOEXEC);

      if (fd >= 0)
        close (fd);
      else if (errno == EACCES)
        return candidates[i];
    }

  return NULL;
}

const PortholeFact *
porthole_test_fact (const PortholeFactList *list,
                    const char             *id)
{
  const PortholeFact *found = porthole_fact_list_lookup (list, id);

  if (found == NULL)
    g_error ("no fact %s", id);

  return found;
}

void
porthole_test_facts_write_file (const char *root,
                                int         pid,
                                const char *name,
                                const char *contents,
                                gssize      len)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/%s", root, pid, name);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

void
porthole_test_facts_write_link (const char *root,
                                int         pid,
                                const char *name,
                                const char *target)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/%s", root, pid, name);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_unlink (path);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

void
porthole_test_facts_write_ns (const char         *root,
                              int                 pid,
                              const char * const *own)
{
  for (guint i = 0; i < PORTHOLE_NS_N_TYPES; i++)
    {
      const char *type = porthole_ns_type_name (i);
      g_autofree char *name = g_strconcat ("ns/", type, NULL);
      g_autofree char *target = NULL;

      target = g_strdup_printf ("%s:[%u]", type,
                                own != NULL && g_strv_contains (own, type)
                                ? PORTHOLE_TEST_CONTAINER_NS_INODE (i)
                                : PORTHOLE_TEST_HOST_NS_INODE (i));
      porthole_test_facts_write_link (root, pid, name, target);
    }
}

void
porthole_test_facts_write_status (const char *root,
                                  int         pid,
                                  int         ppid,
                                  guint32     uid,
                                  const char *nspid,
                                  const char *cap_eff,
                                  int         seccomp)
{
  g_autofree char *status = g_strdup_printf (
    "Name:\tsleep\n"
    "State:\tS (sleeping)\n"
    "PPid:\t%d\n"
    "Uid:\t%u\t%u\t%u\t%u\n"
    "Gid:\t%u\t%u\t%u\t%u\n"
    "Groups:\t\n"
    "NSpid:\t%s\n"
    "Threads:\t1\n"
    "CapInh:\t0000000000000000\n"
    "CapPrm:\t%s\n"
    "CapEff:\t%s\n"
    "CapBnd:\t00000000a80425fb\n"
    "CapAmb:\t0000000000000000\n"
    "NoNewPrivs:\t0\n"
    "Seccomp:\t%d\n"
    "Seccomp_filters:\t%d\n",
    ppid, uid, uid, uid, uid, uid, uid, uid, uid, nspid,
    cap_eff, cap_eff, seccomp, seccomp == 2 ? 1 : 0);

  porthole_test_facts_write_file (root, pid, "status", status, -1);
}
