/* porthole-window.c: the main window, containers above their host processes */

#include "config.h"

#include <glib/gi18n.h>

#include "porthole-resources.h"
#include "porthole-window.h"

#define ZOOM_MIN -2
#define ZOOM_MAX  6

struct _PortholeWindow
{
  AdwApplicationWindow   parent_instance;

  PortholeMonitor       *monitor;

  AdwWindowTitle        *window_title;
  GtkStack              *stack;
  AdwStatusPage         *disconnected_page;
  GtkSpinner            *connecting_spinner;
  GtkPaned              *panes;
  PortholeContainerList *container_list;
  PortholeProcessTree   *process_tree;
  PortholeDetails       *details;

  int                    zoom;
  guint                  show_details : 1;
  /* Set while a process click selects its container, so that the container
   * selection does not in turn select all of the container's processes. */
  guint                  linking;
};

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_SHOW_DETAILS,
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
    adw_window_title_set_subtitle (self->window_title,
                                   porthole_docker_client_get_endpoint (client));

  porthole_container_list_set_model (self->container_list,
                                     porthole_monitor_get_containers (self->monitor));
  porthole_process_tree_set_model (self->process_tree,
                                   porthole_monitor_get_process_roots (self->monitor));

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

  porthole_window_update_state (self);
}

static void
porthole_window_dispose (GObject *object)
{
  PortholeWindow *self = (PortholeWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PORTHOLE_TYPE_WINDOW);

  g_clear_object (&self->monitor);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource links its object file in from the static
   * library; the constructor in there registers it. */
  if (porthole_get_resource () == NULL)
    g_critical ("Porthole was built without its resources");

  g_type_ensure (PORTHOLE_TYPE_CONTAINER_LIST);
  g_type_ensure (PORTHOLE_TYPE_PROCESS_TREE);
  g_type_ensure (PORTHOLE_TYPE_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/porthole/Porthole/porthole-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, disconnected_page);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, panes);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, container_list);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, process_tree);
  gtk_widget_class_bind_template_child (widget_class, PortholeWindow, details);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_container_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_container_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_process_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, porthole_window_update_details_cb);

  gtk_widget_class_install_action (widget_class, "window.zoom-in", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-out", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.zoom-reset", NULL, porthole_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "window.clear-selection", NULL, porthole_window_clear_selection_action);
  gtk_widget_class_install_action (widget_class, "window.about", NULL, porthole_window_about_action);
  gtk_widget_class_install_property_action (widget_class, "window.show-details", "show-details");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "window.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "window.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "window.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "window.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "window.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.clear-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "window.show-details", NULL);
}

static void
porthole_window_init (PortholeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  porthole_ui_load_css ();
  porthole_window_apply_zoom (self);
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
