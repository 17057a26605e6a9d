/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-command-pane.c: a terminal beside the views, for `docker run` on stage
 *
 * The setup Porthole replaces was three tmux panes: `watch docker ps`, a
 * process script, and a shell to type in. This is the third pane: the
 * user's own shell in a VTE terminal, with DOCKER_HOST set to the daemon
 * the window shows. Nothing from containers is ever written to it.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include <vte/vte.h>

#include "porthole-command-pane.h"

struct _PortholeCommandPane
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  VteTerminal  *terminal;
  GCancellable *cancellable;
  char         *docker_host;
  GPid          child_pid;
  guint         spawning : 1;
};

enum {
  PROP_0,
  PROP_DOCKER_HOST,
  PROP_CHILD_PID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeCommandPane, porthole_command_pane, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

static char *
user_shell (void)
{
  const char *shell = g_getenv ("SHELL");
  struct passwd *entry;

  if (shell != NULL && g_path_is_absolute (shell) && g_file_test (shell, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (shell);

  entry = getpwuid (getuid ());
  if (entry != NULL && entry->pw_shell != NULL && g_file_test (entry->pw_shell, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (entry->pw_shell);

  return g_strdup ("/bin/sh");
}

static void
porthole_command_pane_set_child_pid (PortholeCommandPane *self,
                                     GPid                 pid)
{
  if (self->child_pid == pid)
    return;

  self->child_pid = pid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD_PID]);
}

static void
porthole_command_pane_spawn_cb (VteTerminal *terminal,
                                GPid         pid,
                                GError      *error,
                                gpointer     user_data)
{
  g_autoptr(PortholeCommandPane) self = user_data;

  self->spawning = FALSE;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = g_strdup_printf ("\r\n%s %s\r\n", _("Could not start a shell:"), error->message);
      vte_terminal_feed (terminal, message, -1);
      return;
    }

  porthole_command_pane_set_child_pid (self, pid);
}

static void
porthole_command_pane_child_exited_cb (PortholeCommandPane *self,
                                       int                  status,
                                       VteTerminal         *terminal)
{
  g_autofree char *message = NULL;

  g_assert (PORTHOLE_IS_COMMAND_PANE (self));

  porthole_command_pane_set_child_pid (self, -1);
  message = g_strdup_printf ("\r\n%s\r\n", _("The shell has exited. Press Enter for a new one."));
  vte_terminal_feed (terminal, message, -1);
}

/* After the shell exited, the next Enter starts a new one, as GNOME
 * Console offers. */
static void
porthole_command_pane_commit_cb (PortholeCommandPane *self,
                                 const char          *text,
                                 guint                size,
                                 VteTerminal         *terminal)
{
  g_assert (PORTHOLE_IS_COMMAND_PANE (self));

  if (self->child_pid == -1 && !self->spawning && memchr (text, '\r', size) != NULL)
    porthole_command_pane_spawn (self);
}

/* The terminal in the colours of the rest of the window: the audience
 * should see one window, not a window and a black hole. Dark when the
 * desktop is dark. */
static void
porthole_command_pane_update_colors (PortholeCommandPane *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style_manager);
  gboolean high_contrast = adw_style_manager_get_high_contrast (style_manager);
  GdkRGBA foreground;
  GdkRGBA background;

  /* Adwaita's view colours (@view_fg_color, @view_bg_color) */
  if (dark)
    {
      gdk_rgba_parse (&foreground, "#ffffff");
      gdk_rgba_parse (&background, high_contrast ? "#000000" : "#1e1e1e");
    }
  else
    {
      gdk_rgba_parse (&foreground, high_contrast ? "#000000" : "#1e1e1e");
      gdk_rgba_parse (&background, "#ffffff");
    }

  vte_terminal_set_colors (self->terminal, &foreground, &background, NULL, 0);
}

static void
porthole_command_pane_style_cb (PortholeCommandPane *self,
                                GParamSpec          *pspec,
                                AdwStyleManager     *style_manager)
{
  porthole_command_pane_update_colors (self);
}

static gboolean
porthole_command_pane_copy_cb (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  PortholeCommandPane *self = PORTHOLE_COMMAND_PANE (widget);

  if (!vte_terminal_get_has_selection (self->terminal))
    return FALSE;

  vte_terminal_copy_clipboard_format (self->terminal, VTE_FORMAT_TEXT);
  return TRUE;
}

static gboolean
porthole_command_pane_paste_cb (GtkWidget *widget,
                                GVariant  *args,
                                gpointer   user_data)
{
  PortholeCommandPane *self = PORTHOLE_COMMAND_PANE (widget);

  vte_terminal_paste_clipboard (self->terminal);
  return TRUE;
}

void
porthole_command_pane_spawn (PortholeCommandPane *self)
{
  g_autofree char *shell = NULL;
  g_auto(GStrv) env = NULL;
  const char *argv[2];

  g_return_if_fail (PORTHOLE_IS_COMMAND_PANE (self));

  if (self->child_pid != -1 || self->spawning)
    return;

  shell = user_shell ();
  argv[0] = shell;
  argv[1] = NULL;

  env = g_get_environ ();
  /* DOCKER_HOST wins over DOCKER_CONTEXT and the current context in the
   * docker CLI: `docker run` here goes to the daemon the window shows. */
  if (self->docker_host != NULL)
    env = g_environ_setenv (env, "DOCKER_HOST", self->docker_host, TRUE);

  self->spawning = TRUE;
  vte_terminal_reset (self->terminal, TRUE, TRUE);
  /* The callback holds a reference: VTE calls it exactly once, also when
   * dispose cancelled the spawn. */
  vte_terminal_spawn_async (self->terminal,
                            VTE_PTY_DEFAULT,
                            g_get_home_dir (),
                            (char **)argv,
                            env,
                            G_SPAWN_DEFAULT,
                            NULL, NULL, NULL,
                            -1,
                            self->cancellable,
                            porthole_command_pane_spawn_cb,
                            g_object_ref (self));
}

static gboolean
porthole_command_pane_grab_focus (GtkWidget *widget)
{
  PortholeCommandPane *self = PORTHOLE_COMMAND_PANE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
}

static void
porthole_command_pane_dispose (GObject *object)
{
  PortholeCommandPane *self = (PortholeCommandPane *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (porthole_command_pane_parent_class)->dispose (object);
}

static void
porthole_command_pane_finalize (GObject *object)
{
  PortholeCommandPane *self = (PortholeCommandPane *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->docker_host, g_free);

  G_OBJECT_CLASS (porthole_command_pane_parent_class)->finalize (object);
}

static void
porthole_command_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PortholeCommandPane *self = PORTHOLE_COMMAND_PANE (object);

  switch (prop_id)
    {
    case PROP_DOCKER_HOST:
      g_value_set_string (value, self->docker_host);
      break;

    case PROP_CHILD_PID:
      g_value_set_int (value, self->child_pid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_command_pane_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PortholeCommandPane *self = PORTHOLE_COMMAND_PANE (object);

  switch (prop_id)
    {
    case PROP_DOCKER_HOST:
      porthole_command_pane_set_docker_host (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_command_pane_class_init (PortholeCommandPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = porthole_command_pane_dispose;
  object_class->finalize = porthole_command_pane_finalize;
  object_class->get_property = porthole_command_pane_get_property;
  object_class->set_property = porthole_command_pane_set_property;

  widget_class->grab_focus = porthole_command_pane_grab_focus;

  properties[PROP_DOCKER_HOST] =
    g_param_spec_string ("docker-host", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHILD_PID] =
    g_param_spec_int ("child-pid", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "portholecommandpane");
}

static void
porthole_command_pane_init (PortholeCommandPane *self)
{
  GtkEventController *shortcuts;

  self->child_pid = -1;
  self->cancellable = g_cancellable_new ();

  self->terminal = VTE_TERMINAL (vte_terminal_new ());
  vte_terminal_set_scrollback_lines (self->terminal, 10000);
  vte_terminal_set_scroll_on_output (self->terminal, TRUE);
  vte_terminal_set_scroll_on_keystroke (self->terminal, TRUE);
  /* Nobody on stage wants a beep through the PA. */
  vte_terminal_set_audible_bell (self->terminal, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->terminal), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->terminal), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->terminal),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Terminal"),
                                  -1);
  g_signal_connect_object (self->terminal,
                           "child-exited",
                           G_CALLBACK (porthole_command_pane_child_exited_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->terminal,
                           "commit",
                           G_CALLBACK (porthole_command_pane_commit_cb),
                           self,
                           G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->terminal));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  g_signal_connect_object (adw_style_manager_get_default (),
                           "notify::dark",
                           G_CALLBACK (porthole_command_pane_style_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (),
                           "notify::high-contrast",
                           G_CALLBACK (porthole_command_pane_style_cb),
                           self,
                           G_CONNECT_SWAPPED);
  porthole_command_pane_update_colors (self);

  /* Copy and paste as in GNOME Console. In the capture phase: VTE takes
   * every key it sees for the shell (Ctrl+Shift+C would be ^C). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (porthole_command_pane_copy_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_callback_action_new (porthole_command_pane_paste_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
porthole_command_pane_new (void)
{
  return g_object_new (PORTHOLE_TYPE_COMMAND_PANE, NULL);
}

void
porthole_command_pane_set_docker_host (PortholeCommandPane *self,
                                       const char          *endpoint)
{
  g_return_if_fail (PORTHOLE_IS_COMMAND_PANE (self));

  if (g_strcmp0 (self->docker_host, endpoint) == 0)
    return;

  g_free (self->docker_host);
  self->docker_host = g_strdup (endpoint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCKER_HOST]);
}

const char *
porthole_command_pane_get_docker_host (PortholeCommandPane *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_PANE (self), NULL);

  return self->docker_host;
}

GPid
porthole_command_pane_get_child_pid (PortholeCommandPane *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_PANE (self), -1);

  return self->child_pid;
}

void
porthole_command_pane_set_font_scale (PortholeCommandPane *self,
                                      double               scale)
{
  g_return_if_fail (PORTHOLE_IS_COMMAND_PANE (self));

  vte_terminal_set_font_scale (self->terminal, scale);
}

double
porthole_command_pane_get_font_scale (PortholeCommandPane *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_PANE (self), 1.0);

  return vte_terminal_get_font_scale (self->terminal);
}

void
porthole_command_pane_type (PortholeCommandPane *self,
                            const char          *text)
{
  g_return_if_fail (PORTHOLE_IS_COMMAND_PANE (self));
  g_return_if_fail (text != NULL);

  vte_terminal_feed_child (self->terminal, text, -1);
}

char *
porthole_command_pane_dup_text (PortholeCommandPane *self)
{
  g_return_val_if_fail (PORTHOLE_IS_COMMAND_PANE (self), NULL);

  return vte_terminal_get_text (self->terminal, NULL, NULL, NULL);
}
