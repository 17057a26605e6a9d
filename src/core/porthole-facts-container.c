/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-facts-container.c: the facts and badges of a container, from its inspect */

#include "config.h"

#include <string.h>

#include "porthole-facts-private.h"

/* An inspect made by hand (tests do) may leave its lists NULL; the
 * parser never does. */
static char *const empty_strv[] = { NULL };
#define STRV(strv) ((strv) != NULL ? (strv) : (char **) empty_strv)
#define N_ITEMS(array) ((array) != NULL ? (array)->len : 0u)

static gboolean
strv_contains_nocase (char * const *strv,
                      const char   *word)
{
  for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (strv[i], word) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The value of "key=value" or "key:value" (the old syntax) among
 * SecurityOpt, or NULL; "" for a bare "key". */
static const char *
security_opt (const PortholeDockerInspect *inspect,
              const char                  *key)
{
  gsize n = strlen (key);

  for (gsize i = 0; STRV (inspect->security_opt)[i] != NULL; i++)
    {
      const char *opt = STRV (inspect->security_opt)[i];

      if (strncmp (opt, key, n) != 0)
        continue;
      if (opt[n] == '\0')
        return opt + n;
      if (opt[n] == '=' || opt[n] == ':')
        return opt + n + 1;
    }

  return NULL;
}

static gboolean
seccomp_unconfined (const PortholeDockerInspect *inspect)
{
  return g_strcmp0 (security_opt (inspect, "seccomp"), "unconfined") == 0;
}

static gboolean
no_new_privileges (const PortholeDockerInspect *inspect)
{
  const char *value = security_opt (inspect, "no-new-privileges");

  return value != NULL && (value[0] == '\0' || g_ascii_strcasecmp (value, "true") == 0);
}

static char *
inspect_command (const char *name,
                 const char *format)
{
  g_autofree char *quoted_format = g_shell_quote (format);
  g_autofree char *quoted_name = porthole_facts_shell_quote (name);

  return g_strdup_printf ("docker inspect -f %s %s", quoted_format, quoted_name);
}

static void
add_inspect_fact (PortholeFactList *list,
                  const char       *name,
                  const char       *id,
                  const char       *label,
                  char             *value,
                  const char       *format)
{
  porthole_fact_list_add (list, id, label, value, inspect_command (name, format));
}

static char *
mode_text (const char *mode,
           const char *when_empty)
{
  return g_strdup (mode != NULL && mode[0] != '\0' ? mode : when_empty);
}

static char *
date_text (GDateTime *dt)
{
  if (dt == NULL)
    return g_strdup ("never");

  return g_date_time_format_iso8601 (dt);
}

/* A host path as one comparable form: no "//", no "/./", no trailing "/". */
static char *
normalize_path (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      g_string_append_c (out, '/');
      g_string_append (out, parts[i]);
    }

  if (out->len == 0)
    g_string_append_c (out, '/');

  return g_string_free (out, FALSE);
}

static const char *const sensitive_paths[] = {
  "/", "/etc", "/proc", "/sys", "/var/run", "/run", "/root", "/home", "/boot",
  "/dev", "/usr", "/var/lib/docker",
};

static const char *const engine_sockets[] = {
  "docker.sock", "podman.sock", "containerd.sock",
};

static const char *
engine_socket_of (const char *path)
{
  const char *base = strrchr (path, '/');

  base = base != NULL ? base + 1 : path;
  for (guint i = 0; i < G_N_ELEMENTS (engine_sockets); i++)
    {
      if (g_str_equal (base, engine_sockets[i]))
        return engine_sockets[i];
    }

  return NULL;
}

static gboolean
is_sensitive_path (const char *path)
{
  g_autofree char *normal = normalize_path (path);

  for (guint i = 0; i < G_N_ELEMENTS (sensitive_paths); i++)
    {
      if (g_str_equal (normal, sensitive_paths[i]))
        return TRUE;
    }

  return FALSE;
}

static void
add_mount_facts (PortholeFactList            *list,
                 const PortholeDockerInspect *inspect,
                 const char                  *name)
{
  GPtrArray *items = g_ptr_array_new ();
  GPtrArray *device_items = g_ptr_array_new ();
  PortholeFact *fact;

  for (guint i = 0; i < N_ITEMS (inspect->mounts); i++)
    {
      const PortholeDockerMount *mount = g_ptr_array_index (inspect->mounts, i);

      g_ptr_array_add (items, g_strdup_printf ("%s \xe2\x86\x92 %s (%s, %s)",
                                               mount->source[0] ? mount->source : mount->type,
                                               mount->destination,
                                               mount->type[0] ? mount->type : "mount",
                                               mount->rw ? "read-write" : "read-only"));
    }
  fact = porthole_fact_list_add (list, "mounts", "Mounts", NULL,
                                 inspect_command (name,
                                                  "{{range .Mounts}}{{.Source}} -> {{.Destination}} rw={{.RW}}\n{{end}}"));
  fact->items = porthole_facts_strv_from_ptr_array (items);
  g_free (fact->value);
  fact->value = fact->items[0] != NULL ? g_strjoinv ("; ", fact->items) : g_strdup ("none");

  for (guint i = 0; i < N_ITEMS (inspect->devices); i++)
    {
      const PortholeDockerDevice *device = g_ptr_array_index (inspect->devices, i);

      g_ptr_array_add (device_items, g_strdup_printf ("%s \xe2\x86\x92 %s (%s)",
                                                      device->path_on_host, device->path_in_container,
                                                      device->permissions));
    }
  fact = porthole_fact_list_add (list, "devices", "Devices", NULL,
                                 inspect_command (name, "{{json .HostConfig.Devices}}"));
  fact->items = porthole_facts_strv_from_ptr_array (device_items);
  g_free (fact->value);
  fact->value = fact->items[0] != NULL ? g_strjoinv ("; ", fact->items) : g_strdup ("none");
}

static void
add_container_badges (PortholeFactList            *list,
                      const PortholeDockerInspect *inspect,
                      const PortholeProcessFacts  *init)
{
  guint64 added = porthole_caps_from_names ((const char * const *) STRV (inspect->cap_add), NULL);
  guint64 dangerous = added & porthole_caps_dangerous ();
  gboolean init_known = init != NULL && init->status_state == PORTHOLE_FACT_OK;
  g_autoptr(GPtrArray) sockets = g_ptr_array_new ();
  g_autoptr(GPtrArray) sensitive = g_ptr_array_new ();

  if (inspect->privileged)
    porthole_fact_list_add_badge (list, "privileged", g_strdup ("Privileged"),
                                  "Started with --privileged: every capability, every host device, no seccomp "
                                  "filter, no AppArmor profile, /sys and /proc writable. Root in it is root on the "
                                  "host in all but name; escaping takes one mount.");

  if (g_strcmp0 (inspect->pid_mode, "host") == 0)
    porthole_fact_list_add_badge (list, "host-pid", g_strdup ("Host PID namespace"),
                                  "It sees every process on the host (--pid=host) and, as root or with "
                                  "SYS_PTRACE, can signal, trace and read the memory of the host's processes.");

  if (g_strcmp0 (inspect->network_mode, "host") == 0)
    porthole_fact_list_add_badge (list, "host-network", g_strdup ("Host network"),
                                  "It uses the host's network stack (--network host): it can bind the host's "
                                  "ports, reach services listening on localhost, and with NET_ADMIN or NET_RAW "
                                  "sniff and change the host's traffic.");

  if (g_strcmp0 (inspect->ipc_mode, "host") == 0)
    porthole_fact_list_add_badge (list, "host-ipc", g_strdup ("Host IPC"),
                                  "It shares the host's System V IPC and POSIX message queues and /dev/shm "
                                  "(--ipc host): it can read and write other processes' shared memory.");

  if ((init_known && init->uid_map_state == PORTHOLE_FACT_OK && porthole_id_map_is_identity (init->uid_map)) ||
      (!(init_known && init->uid_map_state == PORTHOLE_FACT_OK) && g_strcmp0 (inspect->userns_mode, "host") == 0))
    porthole_fact_list_add_badge (list, "no-userns-remap", g_strdup ("No user namespace remapping"),
                                  "Its user ids are the host's: root in the container is root on the host, uid "
                                  "1000 is the host's uid 1000. With remapping (dockerd --userns-remap) root "
                                  "inside would be an unprivileged uid on the host.");

  if (seccomp_unconfined (inspect) || inspect->privileged ||
      (init_known && init->status.seccomp == PORTHOLE_SECCOMP_DISABLED))
    porthole_fact_list_add_badge (list, "seccomp-off", g_strdup ("Seccomp off"),
                                  "No seccomp filter: every system call the kernel has is open to it, including "
                                  "the ones Docker's default profile blocks (mount, unshare, keyctl, bpf, "
                                  "kexec_load, …), each a way to attack the host's kernel.");

  if (inspect->privileged || strv_contains_nocase (STRV (inspect->cap_add), "ALL"))
    {
      porthole_fact_list_add_badge (list, "all-caps", g_strdup ("All capabilities"),
                                    "It was given every capability (--cap-add ALL or --privileged): root in it "
                                    "can load kernel modules, mount file systems, trace any process it sees and "
                                    "change the network: nearly everything root on the host can.");
    }
  else if (dangerous != 0)
    {
      g_auto(GStrv) names = porthole_caps_to_names (dangerous);
      g_autoptr(GString) label = g_string_new ("Adds ");

      for (guint i = 0; names[i] != NULL; i++)
        g_string_append_printf (label, "%s%s", i > 0 ? ", " : "", names[i] + strlen ("CAP_"));

      porthole_fact_list_add_badge (list, "dangerous-caps", g_string_free (g_steal_pointer (&label), FALSE),
                                    "It was given capabilities beyond Docker's default set that reach past the "
                                    "container: SYS_ADMIN mounts and unshares, SYS_PTRACE reads other processes, "
                                    "SYS_MODULE loads kernel code, NET_ADMIN reconfigures the network, "
                                    "DAC_READ_SEARCH opens any file by handle.");
    }

  for (guint i = 0; i < N_ITEMS (inspect->mounts); i++)
    {
      const PortholeDockerMount *mount = g_ptr_array_index (inspect->mounts, i);
      const char *socket = engine_socket_of (mount->source);

      if (socket == NULL)
        socket = engine_socket_of (mount->destination);
      if (socket != NULL && !g_ptr_array_find_with_equal_func (sockets, socket, g_str_equal, NULL))
        g_ptr_array_add (sockets, (gpointer) socket);

      if (mount->rw && g_strcmp0 (mount->type, "bind") == 0 && is_sensitive_path (mount->source))
        g_ptr_array_add (sensitive, mount->source);
    }

  if (sockets->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (sockets, NULL);
      joined = g_strjoinv (", ", (char **) sockets->pdata);
      porthole_fact_list_add_badge (list, "engine-socket", g_strdup_printf ("Mounts %s", joined),
                                    "A container engine's socket is mounted inside: whoever can write to it can "
                                    "ask the engine for a new --privileged container with the host's / mounted. "
                                    "That is root on the host for anyone in this container.");
    }

  if (sensitive->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (sensitive, NULL);
      joined = g_strjoinv (", ", (char **) sensitive->pdata);
      porthole_fact_list_add_badge (list, "sensitive-mount", g_strdup_printf ("Writable host %s", joined),
                                    "A host directory that holds the host's configuration, processes, devices or "
                                    "software is bind-mounted writable: a change made inside is a change to the "
                                    "host (a cron job, an SSH key, a binary).");
    }
}

PortholeFactList *
porthole_fact_list_new_for_container (const PortholeDockerInspect *inspect,
                                      const PortholeProcessFacts  *init)
{
  g_autoptr(PortholeFactList) list = NULL;
  const char *name;
  const char *seccomp;
  const char *apparmor;
  PortholeFact *fact;

  g_return_val_if_fail (inspect != NULL, NULL);

  /* State.Pid is a number the daemon gave a moment ago: by now it may be
   * another process. Only one in the container's cgroup speaks for it. */
  if (init != NULL && g_strcmp0 (init->container_id, inspect->id) != 0)
    init = NULL;

  list = porthole_fact_list_new_empty ();
  /* A container without a name (a hostile or broken daemon) is still
   * reachable by id. */
  name = inspect->name != NULL && inspect->name[0] != '\0' ? inspect->name : inspect->id;

  add_inspect_fact (list, name, "id", "ID", g_strdup (inspect->id), "{{.Id}}");
  add_inspect_fact (list, name, "image", "Image", g_strdup (inspect->image), "{{.Config.Image}}");
  add_inspect_fact (list, name, "image_id", "Image ID", g_strdup (inspect->image_id), "{{.Image}}");
  add_inspect_fact (list, name, "created", "Created", date_text (inspect->created), "{{.Created}}");
  add_inspect_fact (list, name, "started_at", "Started", date_text (inspect->started_at), "{{.State.StartedAt}}");
  add_inspect_fact (list, name, "pid", "First process (host PID)",
                    inspect->pid > 0 ? g_strdup_printf ("%d", inspect->pid) : g_strdup ("none: not running"),
                    "{{.State.Pid}}");
  add_inspect_fact (list, name, "user", "Configured user",
                    mode_text (inspect->user, "not set: the image's user, root unless the image says otherwise"),
                    "{{.Config.User}}");
  add_inspect_fact (list, name, "privileged", "Privileged",
                    g_strdup (inspect->privileged ? "yes" : "no"), "{{.HostConfig.Privileged}}");
  add_inspect_fact (list, name, "pid_mode", "PID namespace",
                    mode_text (inspect->pid_mode, "private"), "{{.HostConfig.PidMode}}");
  add_inspect_fact (list, name, "network_mode", "Network",
                    mode_text (inspect->network_mode, "default"), "{{.HostConfig.NetworkMode}}");
  add_inspect_fact (list, name, "ipc_mode", "IPC namespace",
                    mode_text (inspect->ipc_mode, "private"), "{{.HostConfig.IpcMode}}");
  add_inspect_fact (list, name, "uts_mode", "UTS namespace (host name)",
                    mode_text (inspect->uts_mode, "private"), "{{.HostConfig.UTSMode}}");
  add_inspect_fact (list, name, "userns_mode", "User namespace mode",
                    mode_text (inspect->userns_mode, "the daemon's default"), "{{.HostConfig.UsernsMode}}");

  /* What the daemon's default amounts to, from the first process */
  fact = porthole_fact_list_add (list, "userns", "User namespace", NULL,
                                 inspect->pid > 0 ? g_strdup_printf ("cat /proc/%d/uid_map", inspect->pid) : NULL);
  if (init == NULL)
    porthole_fact_set_state (fact, PORTHOLE_FACT_UNKNOWN, NULL, "its first process could not be read");
  else if (!porthole_fact_set_state (fact, init->uid_map_state, init->reader, "no uid_map"))
    {
      g_autofree char *ranges = porthole_id_map_to_string (init->uid_map);
      g_autofree char *root = porthole_id_map_describe_root (init->uid_map, "uid");

      g_free (fact->value);
      if (porthole_id_map_is_identity (init->uid_map))
        fact->value = g_strdup_printf ("the host's: no remapping, root in the container is root on the host (%s)",
                                       ranges);
      else
        fact->value = g_strdup_printf ("its own: %s (%s)", root, ranges);
    }

  fact = porthole_fact_list_add (list, "cap_add", "Added capabilities", NULL,
                                 inspect_command (name, "{{.HostConfig.CapAdd}}"));
  fact->items = g_strdupv (STRV (inspect->cap_add));
  g_free (fact->value);
  fact->value = STRV (inspect->cap_add)[0] != NULL ? g_strjoinv (", ", STRV (inspect->cap_add)) : g_strdup ("none");

  fact = porthole_fact_list_add (list, "cap_drop", "Dropped capabilities", NULL,
                                 inspect_command (name, "{{.HostConfig.CapDrop}}"));
  fact->items = g_strdupv (STRV (inspect->cap_drop));
  g_free (fact->value);
  fact->value = STRV (inspect->cap_drop)[0] != NULL ? g_strjoinv (", ", STRV (inspect->cap_drop)) : g_strdup ("none");

  seccomp = security_opt (inspect, "seccomp");
  add_inspect_fact (list, name, "seccomp", "Seccomp profile",
                    inspect->privileged ? g_strdup ("unconfined (privileged)")
                    : seccomp == NULL ? g_strdup ("the daemon's default")
                    : g_str_equal (seccomp, "unconfined") ? g_strdup ("unconfined")
                    : g_strdup ("a custom profile"),
                    "{{.HostConfig.SecurityOpt}}");

  apparmor = security_opt (inspect, "apparmor");
  add_inspect_fact (list, name, "apparmor", "AppArmor profile",
                    inspect->privileged ? g_strdup ("unconfined (privileged)")
                    : apparmor == NULL ? g_strdup ("the daemon's default")
                    : g_strdup (apparmor),
                    "{{.AppArmorProfile}}");

  add_inspect_fact (list, name, "no_new_privileges", "No new privileges",
                    g_strdup (no_new_privileges (inspect) ? "yes" : "no"), "{{.HostConfig.SecurityOpt}}");

  fact = porthole_fact_list_add (list, "security_opt", "Security options", NULL,
                                 inspect_command (name, "{{.HostConfig.SecurityOpt}}"));
  fact->items = g_strdupv (STRV (inspect->security_opt));
  g_free (fact->value);
  fact->value = STRV (inspect->security_opt)[0] != NULL ? g_strjoinv (", ", STRV (inspect->security_opt)) : g_strdup ("none");

  add_inspect_fact (list, name, "readonly_rootfs", "Read-only root file system",
                    g_strdup (inspect->readonly_rootfs ? "yes" : "no"), "{{.HostConfig.ReadonlyRootfs}}");

  add_mount_facts (list, inspect, name);

  {
    g_autofree char *quoted = porthole_facts_shell_quote (name);

    fact = porthole_fact_list_add (list, "ports", "Published ports", NULL, g_strdup_printf ("docker port %s", quoted));
    fact->items = g_strdupv (STRV (inspect->ports));
    g_free (fact->value);
    fact->value = STRV (inspect->ports)[0] != NULL ? g_strjoinv ("; ", STRV (inspect->ports)) : g_strdup ("none");
  }

  add_inspect_fact (list, name, "restart_count", "Restarts",
                    g_strdup_printf ("%" G_GINT64_FORMAT, inspect->restart_count), "{{.RestartCount}}");
  add_inspect_fact (list, name, "health", "Health",
                    g_strdup (inspect->health != NULL ? inspect->health : "no health check"),
                    "{{if .State.Health}}{{.State.Health.Status}}{{end}}");

  add_container_badges (list, inspect, init);

  return g_steal_pointer (&list);
}
