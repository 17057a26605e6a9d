/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-cpu-history.c: a container's CPU over the last minute */
#include "config.h"

#include "porthole-cpu-history.h"

/* A minute of scans at the default second, with room for faster ones;
 * at the fastest interval (50 ms) the ring holds the last 12 s only,
 * which is still a history. */
#define CAPACITY 1200

typedef struct
{
  gint64  time_us;
  gdouble percent;
} Sample;

struct _PortholeCpuHistory
{
  Sample samples[CAPACITY];
  guint  first;      /* index of the oldest */
  guint  len;
  guint  n_nonzero;  /* samples above 0: none means the picture is flat */
};

G_DEFINE_BOXED_TYPE (PortholeCpuHistory, porthole_cpu_history,
                     porthole_cpu_history_ref, porthole_cpu_history_unref)

PortholeCpuHistory *
porthole_cpu_history_new (void)
{
  return g_rc_box_new0 (PortholeCpuHistory);
}

PortholeCpuHistory *
porthole_cpu_history_ref (PortholeCpuHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

void
porthole_cpu_history_unref (PortholeCpuHistory *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release (self);
}

static void
drop_oldest (PortholeCpuHistory *self)
{
  g_assert (self->len > 0);

  if (self->samples[self->first].percent > 0)
    self->n_nonzero--;
  self->first = (self->first + 1) % CAPACITY;
  self->len--;
}

gboolean
porthole_cpu_history_push (PortholeCpuHistory *self,
                           gint64              time_us,
                           gdouble             percent)
{
  gboolean was_flat;
  Sample *sample;

  g_return_val_if_fail (self != NULL, FALSE);

  percent = MAX (percent, 0);
  was_flat = self->n_nonzero == 0;

  while (self->len > 0 &&
         (self->len == CAPACITY ||
          self->samples[self->first].time_us < time_us - PORTHOLE_CPU_HISTORY_SECONDS * G_USEC_PER_SEC))
    drop_oldest (self);

  sample = &self->samples[(self->first + self->len) % CAPACITY];
  sample->time_us = time_us;
  sample->percent = percent;
  self->len++;
  if (percent > 0)
    self->n_nonzero++;

  return !(was_flat && percent == 0);
}

guint
porthole_cpu_history_get_n_samples (PortholeCpuHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->len;
}

void
porthole_cpu_history_get_sample (PortholeCpuHistory *self,
                                 guint               i,
                                 gint64             *time_us,
                                 gdouble            *percent)
{
  const Sample *sample;

  g_return_if_fail (self != NULL);
  g_return_if_fail (i < self->len);

  sample = &self->samples[(self->first + i) % CAPACITY];
  if (time_us != NULL)
    *time_us = sample->time_us;
  if (percent != NULL)
    *percent = sample->percent;
}

gdouble
porthole_cpu_history_get_max (PortholeCpuHistory *self)
{
  gdouble max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->len; i++)
    max = MAX (max, self->samples[(self->first + i) % CAPACITY].percent);

  return max;
}
