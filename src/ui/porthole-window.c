/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-window.c: the main window, containers above their host processes */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-cell-text.h"
#include "porthole-engine-endpoints.h"
#include "porthole-format.h"
#include "porthole-proc-visibility.h"
#include "porthole-resources.h"
#include "porthole-window-private.h"

#define ZOOM_MIN -2
#define ZOOM_MAX  6

/* The font size of each zoom level, as style.css has it for the lists */
static const double zoom_scales[] = { 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.4 };
G_STATIC_ASSERT (G_N_ELEMENTS (zoom_scales) == ZOOM_MAX - ZOOM_MIN + 1);

struct _PortholeWindow
{
  AdwApplicationWindow   parent_instance;

  PortholeMonitor       *monitor;

  AdwWindowTitle        *window_title;
  GtkPaned              *terminal_paned;
  PortholeCommandPane   *command_pane;
  GtkStack              *stack;
  AdwStatusPage         *disconnected_page;
  GtkSpinner            *connecting_spinner;
  GtkRevealer           *banner_revealer;
  GtkLabel              *banner_label;
  GtkPaned              *panes;
  PortholeContainerList *container_list;
  PortholeProcessTree   *process_tree;
  PortholeDetails       *details;
  GtkSearchBar          *search_bar;
  GtkSearchEntry        *search_entry;

  /* What was selected when the search opened, brought back when it closes:
   * the followed container, or else the one process picked by hand. */
  PortholeContainer     *before_search_container;
  PortholeProcess       *before_search_process;

  /* Why /proc hides processes from us (hidepid), or NULL when it does not */
  char                  *hidden_reason;

  int                    zoom;
  guint                  show_details : 1;
  guint                  show_terminal : 1;
  /* The terminal was shown once: its shell runs, its width is set. */
  guint                  terminal_started : 1;
  /* The monitor counts the processes it could not read ("n-unreadable") */
  guint                  has_n_unreadable : 1;
  /* Set while a process click selects its container, so that the container
   * selection does not in turn select all of the container's processes. */
  guint                  linking;
};

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_SHOW_DETAILS,
  PROP_SHOW_TERMINAL,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PortholeWindow, porthole_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

void
porthole_ui_load_css (void)
{
  static GdkDisplay *loaded_for;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/porthole/Porthole/style.css");
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}

static void
porthole_window_update_details (PortholeWindow *self)
{
  PortholeProcess *process;
  GObject *item;

  g_assert (PORTHOLE_IS_WINDOW (self));

  /* One process picked by hand shows that process; otherwise the
   * container (whose processes are all selected, or whose one process
   * among many was picked) is the more useful thing to describe. */
  process = porthole_process_tree_get_selected_process (self->process_tree);
  if (process != NULL && porthole_process_tree_get_container (self->process_tree) == NULL)
    item = G_OBJECT (process);
  else
    item = G_OBJECT (porthole_container_list_get_selected (self->container_list));

  porthole_details_set_item (self->details, item);
}

static void
porthole_window_update_details_cb (PortholeWindow *self)
{
  porthole_window_update_details (self);
}

static void
porthole_window_container_selected_cb (PortholeWindow *self)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  if (self->linking == 0)
    porthole_process_tree_select_container (self->process_tree,
                                            porthole_container_list_get_selected (self->container_list));

  porthole_window_update_details (self);
}

static void
porthole_window_container_clicked_cb (PortholeWindow    *self,
                                      PortholeContainer *container)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  /* A click on the container that a process click selected lights up all
   * of its processes again. */
  if (porthole_process_tree_get_container (self->process_tree) != container)
    {
      porthole_process_tree_select_container (self->process_tree, container);
      porthole_window_update_details (self);
    }
}

static void
porthole_window_process_selection_cb (PortholeWindow *self)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  self->linking++;
  porthole_container_list_set_selected (self->container_list,
                                        porthole_process_tree_get_selected_container (self->process_tree));
  self->linking--;

  porthole_window_update_details (self);
}

static void
porthole_window_search_changed_cb (PortholeWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  PortholeProcess *first;

  g_assert (PORTHOLE_IS_WINDOW (self));

  porthole_container_list_set_search (self->container_list, text);
  first = porthole_process_tree_set_search (self->process_tree, text);

  /* The first match is selected, its container follows: a PID typed is
   * a process found. */
  if (first != NULL)
    porthole_process_tree_select_process (self->process_tree, first);
}

static void
porthole_window_search_mode_cb (PortholeWindow *self)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      g_set_object (&self->before_search_container, porthole_process_tree_get_container (self->process_tree));
      g_set_object (&self->before_search_process, porthole_process_tree_get_selected_process (self->process_tree));
      if (self->before_search_container != NULL)
        g_clear_object (&self->before_search_process);
      return;
    }

  /* Esc: every row back, and the selection from before */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  porthole_container_list_set_search (self->container_list, NULL);
  porthole_process_tree_set_search (self->process_tree, NULL);

  if (self->before_search_container != NULL)
    {
      porthole_container_list_set_selected (self->container_list, self->before_search_container);
      porthole_process_tree_select_container (self->process_tree, self->before_search_container);
    }
  else if (self->before_search_process != NULL)
    porthole_process_tree_select_process (self->process_tree, self->before_search_process);
  else
    {
      porthole_container_list_set_selected (self->container_list, NULL);
      porthole_process_tree_unselect_all (self->process_tree);
    }

  g_clear_object (&self->before_search_container);
  g_clear_object (&self->before_search_process);
  porthole_window_update_details (self);
}

static void
porthole_window_find_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PortholeWindow *self = PORTHOLE_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
porthole_window_set_page (PortholeWindow *self,
                          const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->connecting_spinner, g_str_equal (name, "connecting"));
  /* There is nothing to show details of on the status pages. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.show-details", g_str_equal (name, "main"));
}

static void
porthole_window_update_state (PortholeWindow *self)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  switch (porthole_monitor_get_state (self->monitor))
    {
    case PORTHOLE_MONITOR_CONNECTING:
      porthole_window_set_page (self, "connecting");
      break;

    case PORTHOLE_MONITOR_DISCONNECTED:
      {
        PortholeDockerClient *client = porthole_monitor_get_client (self->monitor);
        const GError *error = porthole_monitor_get_error (self->monitor);
        g_autoptr(GError) unknown = NULL;
        g_autofree char *title = NULL;
        g_autofree char *detail = NULL;
        g_autofree char *escaped = NULL;

        if (error == NULL)
          error = unknown = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 _("The connection to Docker was lost"));

        porthole_docker_describe_error (error,
                                        client ? porthole_docker_client_get_endpoint (client) : NULL,
                                        &title, &detail);

        /* The status page takes markup; the detail is plain text that
         * quotes paths and daemon messages. */
        escaped = g_markup_escape_text (detail ? detail : "", -1);
        adw_status_page_set_title (self->disconnected_page, title ? title : _("Cannot Reach Docker"));
        adw_status_page_set_description (self->disconnected_page, escaped);
        porthole_window_set_page (self, "disconnected");
      }
      break;

    case PORTHOLE_MONITOR_CONNECTED:
    default:
      if (g_list_model_get_n_items (porthole_monitor_get_containers (self->monitor)) == 0)
        porthole_window_set_page (self, "empty");
      else
        porthole_window_set_page (self, "main");
      break;
    }
}

static void
porthole_window_state_cb (PortholeWindow  *self,
                          GParamSpec      *pspec,
                          PortholeMonitor *monitor)
{
  porthole_window_update_state (self);
}

static void
porthole_window_containers_changed_cb (PortholeWindow *self,
                                       guint           position,
                                       guint           removed,
                                       guint           added,
                                       GListModel     *containers)
{
  porthole_window_update_state (self);
}

static void
porthole_window_cycle_finished_cb (PortholeWindow  *self,
                                   PortholeMonitor *monitor)
{
  g_assert (PORTHOLE_IS_WINDOW (self));

  /* The error can change while the state stays DISCONNECTED (the socket
   * appears but nobody listens yet). */
  porthole_window_update_state (self);
  porthole_process_tree_resort (self->process_tree);
  porthole_container_list_resort (self->container_list);
}

static guint
porthole_window_get_n_unreadable (PortholeWindow *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (!self->has_n_unreadable)
    return 0;

  /* A GValue of our own: g_object_get_property converts, should the
   * property come as another integer type than planned. */
  g_value_init (&value, G_TYPE_UINT);
  g_object_get_property (G_OBJECT (self->monitor), "n-unreadable", &value);

  return g_value_get_uint (&value);
}

/* The banner says what the lists cannot show: processes that /proc hides
 * from us (hidepid) or that could not be read. Plain text: it may quote
 * nothing from a container, but a label that parses markup is one
 * mistake away from doing so. */
static void
porthole_window_update_banner (PortholeWindow *self)
{
  g_autofree char *text = NULL;
  guint n_unreadable;

  g_assert (PORTHOLE_IS_WINDOW (self));

  n_unreadable = porthole_window_get_n_unreadable (self);

  if (self->monitor != NULL && !porthole_monitor_get_reads_processes (self->monitor) &&
      porthole_monitor_get_client (self->monitor) != NULL)
    {
      /* Another machine's engine: its processes are not ours to read. The
       * host comes from the user's configuration: shown as text, bounded. */
      PortholeDockerClient *client = porthole_monitor_get_client (self->monitor);
      g_autofree char *host = porthole_engine_url_dup_host (porthole_docker_client_get_endpoint (client));
      g_autofree char *shown = porthole_format_display_text (host, PORTHOLE_CELL_MAX_CHARS);

      /* Translators: %s is a host name or address, e.g. 192.0.2.7 */
      text = g_strdup_printf (_("This engine runs on %s: its containers are listed without their processes, "
                                "which Porthole cannot read from this machine yet."),
                              shown);
    }
  else if (n_unreadable > 0 && self->hidden_reason != NULL)
    /* Translators: %u is a number of processes; %s says why, e.g.
     * "/proc is mounted with hidepid=invisible: …" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u process of the containers is not shown. %s.",
                                         "%u processes of the containers are not shown. %s.",
                                         n_unreadable),
                            n_unreadable, self->hidden_reason);
  else if (n_unreadable > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u process of the containers could not be read from /proc and is not shown.",
                                         "%u processes of the containers could not be read from /proc and are not shown.",
                                         n_unreadable),
                            n_unreadable);
  else if (self->hidden_reason != NULL)
    /* Translators: %s says why processes may be missing, e.g.
     * "/proc is mounted with hidepid=invisible: …" */
    text = g_strdup_printf (_("Some processes of the containers may not be shown. %s."),
                            self->hidden_reason);

  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
}

static void
porthole_window_n_unreadable_cb (PortholeWindow  *self,
                                 GParamSpec      *pspec,
                                 PortholeMonitor *monitor)
{
  porthole_window_update_banner (self);
}

void
porthole_window_set_proc_visibility (PortholeWindow               *self,
                                     const PortholeProcVisibility *visibility,
                                     gboolean                      hides_from_us)
{
  g_return_if_fail (PORTHOLE_IS_WINDOW (self));

  g_clear_pointer (&self->hidden_reason, g_free);
  if (visibility != NULL && hides_from_us)
    self->hidden_reason = porthole_proc_visibility_describe (visibility);

  porthole_window_update_banner (self);
}

static void
porthole_window_read_proc_visibility (PortholeWindow *self)
{
  PortholeProcVisibility visibility;
  g_autoptr(GError) error = NULL;

  /* The monitor's scanner reads the real /proc (the application makes it
   * so); what its mount options hide from us is what the lists miss. */
  if (!porthole_proc_visibility_read (NULL, &visibility, &error))
    {
      /* Without a mount table nothing is known either way: say nothing. */
      g_debug ("Cannot tell whether /proc hides processes: %s", error->message);
      return;
    }

  porthole_window_set_proc_visibility (self, &visibility,
                                       porthole_proc_visibility_hides_from_self (&visibility));
}

static void
porthole_window_set_show_terminal (PortholeWindow *self,
                                   gboolean        show_terminal)
{
  show_terminal = !!show_terminal;

  if (self->show_terminal == show_terminal)
    return;

  self->show_terminal = show_terminal;

  if (show_terminal && !self->terminal_started)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->terminal_paned));

      self->terminal_started = TRUE;
      /* Two fifths of the window: room for a `docker run` line, while the
       * lists keep most of it. The user moves the handle from there. */
      if (width > 0)
        gtk_paned_set_position (self->terminal_paned, width * 2 / 5);
      porthole_command_pane_spawn (self->command_pane);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->command_pane), show_terminal);
  if (show_terminal)
    gtk_widget_grab_focus (GTK_WIDGET (self->command_pane));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TERMINAL]);
}

static void
porthole_window_apply_zoom (PortholeWindow *self)
{
  static const char * const classes[] = {
    "zoom-m2", "zoom-m1", NULL, "zoom-p1", "zoom-p2", "zoom-p3", "zoom-p4", "zoom-p5", "zoom-p6",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (classes) == ZOOM_MAX - ZOOM_MIN + 1);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (classes[i] != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), classes[i]);
    }

  if (classes[self->zoom - ZOOM_MIN] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), classes[self->zoom - ZOOM_MIN]);

  /* The terminal is not styled by CSS: it grows with the lists by hand. */
  porthole_command_pane_set_font_scale (self->command_pane, zoom_scales[self->zoom - ZOOM_MIN]);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.zoom-out", self->zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.zoom-reset", self->zoom != 0);
}

static void
porthole_window_zoom_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PortholeWindow *self = PORTHOLE_WINDOW (widget);

  if (g_str_equal (action_name, "window.zoom-in"))
    self->zoom = MIN (self->zoom + 1, ZOOM_MAX);
  else if (g_str_equal (action_name, "window.zoom-out"))
    self->zoom = MAX (self->zoom - 1, ZOOM_MIN);
  else
    self->zoom = 0;

  porthole_window_apply_zoom (self);
}

static void
porthole_window_clear_selection_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  PortholeWindow *self = PORTHOLE_WINDOW (widget);

  porthole_container_list_set_selected (self->container_list, NULL);
  porthole_process_tree_unselect_all (self->process_tree);
  porthole_window_update_details (self);
}

static void
porthole_window_about_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  static const char *developers[] = { "The Porthole authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", widget,
                        "modal", TRUE,
                        "application-name", _("Porthole"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Porthole authors"),
                        "developers", developers,
                        "comments", _("See the containers running on a host beside their host processes: "
                                      "select a container to light up its processes, "
                                      "select a process to find its container."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
porthole_window_set_show_details (PortholeWindow *self,
                                  gboolean        show_details)
{
  show_details = !!show_details;

  if (self->show_details == show_details)
    return;

  self->show_details = show_details;
  gtk_widget_set_visible (GTK_WIDGET (self->details), show_details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_DETAILS]);
}

static void
porthole_window_constructed (GObject *object)
{
  PortholeWindow *self = (PortholeWindow *)object;
  PortholeDockerClient *client;

  G_OBJECT_CLASS (porthole_window_parent_class)->constructed (object);

  g_return_if_fail (PORTHOLE_IS_MONITOR (self->monitor));

  if ((client = porthole_monitor_get_client (self->monitor)))
    {
      const char *endpoint = porthole_docker_client_get_endpoint (client);

      adw_window_title_set_subtitle (self->window_title, endpoint);
      /* What the presenter runs in the terminal goes where the window
       * looks. */
      porthole_command_pane_set_docker_host (self->command_pane, endpoint);
    }

  /* The facts of the selected item come from the same daemon and the
   * same /proc as the lists; they refresh with them. */
  {
    PortholeProcScanner *scanner = porthole_monitor_get_scanner (self->monitor);
    g_autoptr(PortholeInspector) inspector =
      porthole_inspector_new (client, porthole_proc_scanner_get_root (scanner));

    porthole_details_set_inspector (self->details, inspector);
    g_object_bind_property (self->monitor, "interval", self->details, "interval", G_BINDING_SYNC_CREATE);
  }

  porthole_container_list_set_model (self->container_list,
                                     porthole_monitor_get_containers (self->monitor));
  porthole_process_tree_set_model (self->process_tree,
                                   porthole_monitor_get_process_roots (self->monitor));

  /* The host view is the monitor's to switch: monitor.host-view (F8, the
   * header bar's button) toggles its property. */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GPropertyAction) action = g_property_action_new ("host-view", self->monitor, "host-view");

    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "monitor", G_ACTION_GROUP (group));
    g_object_bind_property (self->monitor, "host-view", self->process_tree, "host-view", G_BINDING_SYNC_CREATE);
  }

  g_signal_connect_object (self->monitor,
                           "notify::state",
                           G_CALLBACK (porthole_window_state_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor,
                           "cycle-finished",
                           G_CALLBACK (porthole_window_cycle_finished_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (porthole_monitor_get_containers (self->monitor),
                           "items-changed",
                           G_CALLBACK (porthole_window_containers_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  /* The monitor will count the processes it could not read; until it
   * does, there is only the hidepid check. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->monitor), "n-unreadable"))
    {
      self->has_n_unreadable = TRUE;
      g_signal_connect_object (self->monitor,
                               "notify::n-unreadable",
                               G_CALLBACK (porthole_window_n_unreadable_cb),
                               self,
                               G_CONNECT_SWAPPED);
    }
  porthole_window_read_proc_visibility (self);
  /* Whether the processes are ours to read at all */
  porthole_window_update_banner (self);

  porthole_window_update_state (self);
}

static void
porthole_window_dispose (GObject *object)
{
  PortholeWindow *self = (PortholeWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_WINDOW);
  /* Its property action holds the monitor */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "monitor", NULL);

  g_clear_object (&self->monitor);
  g_clear_object (&self->before_search_container);
  g_clear_object (&self->before_search_process);
  g_clear_pointer (&self->hidden_reason, g_free);

  G_OBJECT_CLASS (porthole_window_parent_class)->dispose (object);
}

static void
porthole_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PortholeWindow *self = PORTHOLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_SHOW_DETAILS:
      g_value_set_boolean (value, self->show_details);
      break;

    case PROP_SHOW_TERMINAL:
      g_value_set_boolean (value, self->show_terminal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PortholeWindow *self = PORTHOLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    case PROP_SHOW_DETAILS:
      porthole_window_set_show_details (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_TERMINAL:
      porthole_window_set_show_terminal (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
porthole_window_class_init (PortholeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = porthole_window_constructed;
  object_class->dispose = porthole_window_dispose;
  object_class->get_property = porthole_window_get_property;
  object_class->set_property = porthole_window_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         PORTHOLE_TYPE_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_DETAILS] =
    g_param_spec_boolean ("show-details", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The terminal on the left, hidden until first asked for; its shell
   * starts then. */
  properties[PROP_SHOW_TERMINAL] =
    g_param_spec_boolean ("show-terminal", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links its object file in from the static
   * library; the constructor in there registers it. */
  if (porthole_get_resource () == NULL)
    g_critical ("Porthole was built without its resources");

  g_type_ensure (PORTHOLE_TYPE_CONTAINER_LIST);
  g_type_ensure (PORTHOLE_TYPE_PROCESS_TREE);
  g_type_ensure (PORTHOLE_TYPE_DETAILS);
  g_type_ensure (PORTHOLE_TYPE_COMMAND_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, terminal_paned);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, command_pane);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, disconnected_page);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, panes);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, container_list);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, process_tree);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, details);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_container_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_container_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_process_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_update_details_cb);

  gtk_widget_class_install_action (widget_class, "window.zoom-in", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-out", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-reset", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.clear-selection", NULL, porthole_window_clear_selection_action);
  gtk_widget_class_install_action (widget_class, "window.about", NULL, porthole_window_about_action);
  gtk_widget_class_install_action (widget_class, "window.find", NULL, porthole_window_find_action);
  gtk_widget_class_install_property_action (widget_class, "window.show-details", "show-details");
  gtk_widget_class_install_property_action (widget_class, "window.show-terminal", "show-terminal");
  /* GtkWindow's own "fullscreened": set, it asks the window manager */
  gtk_widget_class_install_property_action (widget_class, "window.fullscreen", "fullscreened");

  /* Escape bubbles: the shell in the terminal pane keeps it. The other
   * keys are in porthole_window_add_shortcuts(). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.clear-selection", NULL);
  /* Bubbles too: in the terminal, Ctrl+F is the shell's (forward a
   * character) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "window.find", NULL);
}

/* The window's keys, taken before any widget inside sees them (the
 * capture phase). The terminal takes every key it sees for the shell, F4
 * and Ctrl+plus included (as escape sequences), and GtkPaned binds F8 to
 * focusing its handle, so with the focus in a list or the terminal, keys
 * bound the usual way never reached the window. Escape is not here: it
 * stays with the shell. */
static void
porthole_window_add_shortcuts (PortholeWindow *self)
{
  static const struct {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
  } keys[] = {
    { GDK_KEY_F4, 0, "window.show-terminal" },
    { GDK_KEY_F9, 0, "window.show-details" },
    { GDK_KEY_F8, 0, "monitor.host-view" },
    { GDK_KEY_F11, 0, "window.fullscreen" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "window.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "window.zoom-in" },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "window.zoom-in" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "window.zoom-out" },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "window.zoom-out" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "window.zoom-reset" },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "window.zoom-reset" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
porthole_window_init (PortholeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  porthole_ui_load_css ();
  porthole_window_add_shortcuts (self);
  porthole_window_apply_zoom (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

PortholeWindow *
porthole_window_new (GtkApplication  *application,
                     PortholeMonitor *monitor)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PORTHOLE_IS_MONITOR (monitor), NULL);

  return g_object_new (PORTHOLE_TYPE_WINDOW,
                       "application", application,
                       "monitor", monitor,
                       NULL);
}

void
porthole_window_bind_settings (PortholeWindow *self,
                               GSettings      *settings)
{
  g_return_if_fail (PORTHOLE_IS_WINDOW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  porthole_container_list_bind_settings (self->container_list, settings);
  porthole_process_tree_bind_settings (self->process_tree, settings);
}

GtkSearchBar *
porthole_window_get_search_bar (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->search_bar;
}

GtkSearchEntry *
porthole_window_get_search_entry (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->search_entry;
}

PortholeMonitor *
porthole_window_get_monitor (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->monitor;
}

PortholeContainerList *
porthole_window_get_container_list (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->container_list;
}

PortholeProcessTree *
porthole_window_get_process_tree (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->process_tree;
}

PortholeCommandPane *
porthole_window_get_command_pane (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->command_pane;
}

PortholeDetails *
porthole_window_get_details (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return self->details;
}

const char *
porthole_window_get_page_name (PortholeWindow *self)
{
  g_return_val_if_fail (PORTHOLE_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
