/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-docker-inspect.c: libFuzzer target for porthole_docker_parse_inspect() */

#include "porthole-fuzz.h"

#include "porthole-docker-parse.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PortholeDockerInspect) inspect = NULL;

  inspect = porthole_docker_parse_inspect ((const char *) data, size, &error);

  if (inspect == NULL)
    {
      g_assert_error (error, PORTHOLE_DOCKER_PARSE_ERROR, PORTHOLE_DOCKER_PARSE_ERROR_INVALID);
      porthole_fuzz_check_utf8 (error->message);
      return 0;
    }

  g_assert_no_error (error);

  porthole_fuzz_check_utf8 (inspect->id);
  porthole_fuzz_check_utf8 (inspect->name);
  porthole_fuzz_check_utf8 (inspect->health);
  /* "" when unset, so never NULL */
  g_assert_nonnull (inspect->user);
  porthole_fuzz_check_utf8 (inspect->user);
  g_assert_nonnull (inspect->pid_mode);
  porthole_fuzz_check_utf8 (inspect->pid_mode);
  porthole_fuzz_check_strv_utf8 ((const char * const *) inspect->cap_add);
  porthole_fuzz_check_strv_utf8 ((const char * const *) inspect->cap_drop);
  porthole_fuzz_check_strv_utf8 ((const char * const *) inspect->security_opt);
  porthole_fuzz_check_strv_utf8 ((const char * const *) inspect->ports);
  g_assert_nonnull (inspect->image);
  porthole_fuzz_check_utf8 (inspect->image);
  porthole_fuzz_check_utf8 (inspect->image_id);
  porthole_fuzz_check_utf8 (inspect->network_mode);
  porthole_fuzz_check_utf8 (inspect->ipc_mode);
  porthole_fuzz_check_utf8 (inspect->uts_mode);
  porthole_fuzz_check_utf8 (inspect->userns_mode);
  g_assert_cmpint (inspect->restart_count, >=, 0);
  g_assert_nonnull (inspect->mounts);
  for (guint i = 0; i < inspect->mounts->len; i++)
    {
      const PortholeDockerMount *mount = g_ptr_array_index (inspect->mounts, i);

      porthole_fuzz_check_utf8 (mount->type);
      porthole_fuzz_check_utf8 (mount->source);
      porthole_fuzz_check_utf8 (mount->destination);
      porthole_fuzz_check_utf8 (mount->mode);
    }
  g_assert_nonnull (inspect->devices);
  for (guint i = 0; i < inspect->devices->len; i++)
    {
      const PortholeDockerDevice *device = g_ptr_array_index (inspect->devices, i);

      porthole_fuzz_check_utf8 (device->path_on_host);
      porthole_fuzz_check_utf8 (device->path_in_container);
      porthole_fuzz_check_utf8 (device->permissions);
    }

  /* exercise the dates the way the UI does */
  if (inspect->started_at != NULL)
    g_free (g_date_time_format_iso8601 (inspect->started_at));
  if (inspect->finished_at != NULL)
    g_free (g_date_time_format_iso8601 (inspect->finished_at));

  return 0;
}
