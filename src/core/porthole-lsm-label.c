/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-lsm-label.c: the LSM label of /proc/PID/attr/current: AppArmor, SELinux or another */

#include "config.h"

#include <string.h>

#include "porthole-security-parse.h"

static const char *const apparmor_modes[] = {
  "enforce", "complain", "kill", "unconfined", "mixed", "prompt", "user",
};

void
porthole_lsm_parse_label (const char       *buf,
                          gsize             len,
                          PortholeLsmLabel *out)
{
  g_autofree char *label = NULL;
  gsize n;
  const char *open;

  g_return_if_fail (buf != NULL || len == 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);

  /* AppArmor ends the label with a newline, SELinux with a NUL. */
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\0'))
    len--;

  label = porthole_security_escape_bytes (buf, len);
  n = strlen (label);

  if (n == 0)
    {
      out->kind = PORTHOLE_LSM_NONE;
      out->label = g_steal_pointer (&label);
      return;
    }

  if (g_str_equal (label, "unconfined"))
    {
      out->kind = PORTHOLE_LSM_APPARMOR;
      out->profile = g_strdup ("unconfined");
      out->confined = FALSE;
      out->label = g_steal_pointer (&label);
      return;
    }

  /* "docker-default (enforce)" */
  open = g_strrstr (label, " (");
  if (open != NULL && label[n - 1] == ')')
    {
      g_autofree char *mode = g_strndup (open + 2, label + n - 1 - (open + 2));

      for (guint i = 0; i < G_N_ELEMENTS (apparmor_modes); i++)
        {
          if (g_str_equal (mode, apparmor_modes[i]))
            {
              out->kind = PORTHOLE_LSM_APPARMOR;
              out->profile = g_strndup (label, open - label);
              out->mode = g_steal_pointer (&mode);
              out->confined = !g_str_equal (out->mode, "unconfined");
              out->label = g_steal_pointer (&label);
              return;
            }
        }
    }

  /* "system_u:system_r:container_t:s0:c1,c2": user:role:type[:level] */
  if (strchr (label, ' ') == NULL)
    {
      g_auto(GStrv) parts = g_strsplit (label, ":", 4);

      if (g_strv_length (parts) >= 3 && parts[0][0] && parts[1][0] && parts[2][0])
        {
          out->kind = PORTHOLE_LSM_SELINUX;
          out->profile = g_strdup (parts[2]);
          out->confined = !g_str_equal (parts[2], "unconfined_t") &&
                          !g_str_equal (parts[2], "spc_t");
          out->label = g_steal_pointer (&label);
          return;
        }
    }

  out->kind = PORTHOLE_LSM_OTHER;
  out->confined = TRUE;
  out->label = g_steal_pointer (&label);
}

void
porthole_lsm_label_clear (PortholeLsmLabel *label)
{
  g_return_if_fail (label != NULL);

  g_clear_pointer (&label->label, g_free);
  g_clear_pointer (&label->profile, g_free);
  g_clear_pointer (&label->mode, g_free);
}
