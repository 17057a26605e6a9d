/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-events.c: follows the daemon's /events stream */
#include "config.h"

#include "porthole-docker-events.h"

/* Backoff between reconnects: quick at first (a daemon restart takes about
 * a second), then no more than every few seconds. */
#define FIRST_RETRY_MS   100
#define MAX_RETRY_MS    3000

#define EVENTS_PATH "/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D"

struct _PortholeDockerEvents
{
  GObject               parent_instance;

  PortholeDockerClient *client;
  GCancellable         *cancellable;
  GDataInputStream     *stream;
  guint                 retry_source;
  guint                 retry_ms;
  gboolean              connected;
};

enum {
  EVENT,
  CONNECTED,
  DISCONNECTED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PortholeDockerEvents, porthole_docker_events, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void open_stream (PortholeDockerEvents *self);

static gboolean
retry_cb (gpointer user_data)
{
  PortholeDockerEvents *self = user_data;

  self->retry_source = 0;
  open_stream (self);

  return G_SOURCE_REMOVE;
}

static void
disconnect_and_retry (PortholeDockerEvents *self,
                      const GError         *error)
{
  g_clear_object (&self->stream);
  self->connected = FALSE;

  g_signal_emit (self, signals[DISCONNECTED], 0, error);

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (self->retry_ms, retry_cb, self);
  self->retry_ms = MIN (self->retry_ms * 2, MAX_RETRY_MS);
}

static void read_next_line (PortholeDockerEvents *self);

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PortholeDockerEvents) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (object), result, &length, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stream == NULL)
    return;

  if (line == NULL)
    {
      /* libsoup 3.2 reports a daemon killed mid-stream as a clean end of
       * stream, so an end is a disconnect like any error. */
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                     "The Docker daemon closed the event stream");
      disconnect_and_retry (self, error);
      return;
    }

  if (length > 0)
    {
      g_autoptr(PortholeDockerEvent) event = NULL;
      g_autoptr(GError) parse_error = NULL;

      event = porthole_docker_parse_event (line, length, &parse_error);

      if (event == NULL)
        g_debug ("Ignoring an event line: %s", parse_error->message);
      else if (event->relevant)
        g_signal_emit (self, signals[EVENT], 0, event->action, event->id);
    }

  read_next_line (self);
}

static void
read_next_line (PortholeDockerEvents *self)
{
  g_data_input_stream_read_line_async (self->stream,
                                       G_PRIORITY_DEFAULT,
                                       self->cancellable,
                                       read_line_cb,
                                       g_object_ref (self));
}

static void
open_stream_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PortholeDockerEvents) self = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = porthole_docker_client_open_stream_finish (PORTHOLE_DOCKER_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stream == NULL)
    {
      disconnect_and_retry (self, error);
      return;
    }

  self->stream = g_data_input_stream_new (stream);
  g_data_input_stream_set_newline_type (self->stream, G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (self->stream), 64 * 1024);
  self->connected = TRUE;
  self->retry_ms = FIRST_RETRY_MS;

  g_signal_emit (self, signals[CONNECTED], 0);

  read_next_line (self);
}

static void
open_stream (PortholeDockerEvents *self)
{
  porthole_docker_client_open_stream_async (self->client,
                                            EVENTS_PATH,
                                            self->cancellable,
                                            open_stream_cb,
                                            g_object_ref (self));
}

static void
porthole_docker_events_dispose (GObject *object)
{
  PortholeDockerEvents *self = (PortholeDockerEvents *)object;

  porthole_docker_events_stop (self);

  G_OBJECT_CLASS (porthole_docker_events_parent_class)->dispose (object);
}

static void
porthole_docker_events_finalize (GObject *object)
{
  PortholeDockerEvents *self = (PortholeDockerEvents *)object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (porthole_docker_events_parent_class)->finalize (object);
}

static void
porthole_docker_events_class_init (PortholeDockerEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = porthole_docker_events_dispose;
  object_class->finalize = porthole_docker_events_finalize;

  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[DISCONNECTED] =
    g_signal_new ("disconnected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
porthole_docker_events_init (PortholeDockerEvents *self)
{
  self->retry_ms = FIRST_RETRY_MS;
}

PortholeDockerEvents *
porthole_docker_events_new (PortholeDockerClient *client)
{
  PortholeDockerEvents *self;

  g_return_val_if_fail (PORTHOLE_IS_DOCKER_CLIENT (client), NULL);

  self = g_object_new (PORTHOLE_TYPE_DOCKER_EVENTS, NULL);
  self->client = g_object_ref (client);

  return self;
}

void
porthole_docker_events_start (PortholeDockerEvents *self)
{
  g_return_if_fail (PORTHOLE_IS_DOCKER_EVENTS (self));

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->retry_ms = FIRST_RETRY_MS;
  open_stream (self);
}

void
porthole_docker_events_stop (PortholeDockerEvents *self)
{
  g_return_if_fail (PORTHOLE_IS_DOCKER_EVENTS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_object (&self->stream);
  self->connected = FALSE;
}

gboolean
porthole_docker_events_get_connected (PortholeDockerEvents *self)
{
  g_return_val_if_fail (PORTHOLE_IS_DOCKER_EVENTS (self), FALSE);
  return self->connected;
}
