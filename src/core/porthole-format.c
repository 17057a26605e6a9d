/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-format.c: the text docker and ps print, re-done so it can stay live between polls; hostile text made plain */
#include "config.h"

#include <string.h>

#include "porthole-format.h"

/* Go's time.Time{}.Sub() saturates at the largest time.Duration (2^63-1 ns);
 * docker shows a running container with a zero StartedAt as "Up 292 years".
 * In GTimeSpan units that is: */
#define GO_MAX_DURATION (G_MAXINT64 / 1000)

/* Not marked for translation, on purpose, nor are the statuses below built
 * from it: they mirror what `docker ps` prints ("Up 3 minutes", "Exited (0)
 * 2 hours ago"), and the docker CLI prints them in English whatever the
 * locale. On stage the audience compares the window with the terminal: a
 * translated status would read as a different one. */
char *
porthole_format_human_duration (GTimeSpan duration)
{
  gint64 seconds;
  gint64 minutes;
  gint64 hours;

  /* Go truncates d.Seconds() and d.Minutes() towards zero; integer division
   * of the microseconds does the same. */
  seconds = duration / G_TIME_SPAN_SECOND;
  if (seconds < 1)
    return g_strdup ("Less than a second");
  if (seconds == 1)
    return g_strdup ("1 second");
  if (seconds < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT " seconds", seconds);

  minutes = duration / G_TIME_SPAN_MINUTE;
  if (minutes == 1)
    return g_strdup ("About a minute");
  if (minutes < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT " minutes", minutes);

  /* int(d.Hours() + 0.5), with d.Hours() computed the way Go does it: whole
   * hours plus the remainder as a fraction, so a half hour rounds up exactly. */
  hours = (gint64) ((gdouble) (duration / G_TIME_SPAN_HOUR) +
                    (gdouble) (duration % G_TIME_SPAN_HOUR) / G_TIME_SPAN_HOUR +
                    0.5);
  if (hours == 1)
    return g_strdup ("About an hour");
  if (hours < 48)
    return g_strdup_printf ("%" G_GINT64_FORMAT " hours", hours);
  if (hours < 24 * 7 * 2)
    return g_strdup_printf ("%" G_GINT64_FORMAT " days", hours / 24);
  if (hours < 24 * 30 * 2)
    return g_strdup_printf ("%" G_GINT64_FORMAT " weeks", hours / 24 / 7);
  if (hours < 24 * 365 * 2)
    return g_strdup_printf ("%" G_GINT64_FORMAT " months", hours / 24 / 30);

  /* Years use the unrounded hours. */
  return g_strdup_printf ("%" G_GINT64_FORMAT " years",
                          (duration / G_TIME_SPAN_HOUR) / 24 / 365);
}

static GTimeSpan
since (GDateTime *now,
       GDateTime *then)
{
  if (then == NULL)
    return GO_MAX_DURATION;

  return g_date_time_difference (now, then);
}

char *
porthole_format_container_status (const PortholeDockerInspect *state,
                                  GDateTime                   *now)
{
  g_autoptr(GDateTime) now_owned = NULL;
  g_autofree char *duration = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  if (now == NULL)
    now = now_owned = g_date_time_new_now_utc ();

  /* The order of the checks is moby's container/state.go State.String(). */
  if (state->running)
    {
      if (state->paused)
        {
          duration = porthole_format_human_duration (since (now, state->started_at));
          return g_strdup_printf ("Up %s (Paused)", duration);
        }

      if (state->restarting)
        {
          duration = porthole_format_human_duration (since (now, state->finished_at));
          return g_strdup_printf ("Restarting (%d) %s ago", state->exit_code, duration);
        }

      duration = porthole_format_human_duration (since (now, state->started_at));

      if (state->health != NULL)
        return g_strdup_printf ("Up %s (%s)", duration,
                                g_strcmp0 (state->health, "starting") == 0
                                  ? "health: starting"
                                  : state->health);

      return g_strdup_printf ("Up %s", duration);
    }

  if (state->removing)
    return g_strdup ("Removal In Progress");

  if (state->dead)
    return g_strdup ("Dead");

  if (state->started_at == NULL)
    return g_strdup ("Created");

  if (state->finished_at == NULL)
    return g_strdup ("");

  duration = porthole_format_human_duration (since (now, state->finished_at));
  return g_strdup_printf ("Exited (%d) %s ago", state->exit_code, duration);
}

char *
porthole_format_etime (gint64 seconds)
{
  gint64 days;
  guint hh;
  guint mm;
  guint ss;

  /* A start time a little in the future (clock rounding) reads as zero, as
   * it does in ps. */
  if (seconds < 0)
    seconds = 0;

  ss = seconds % 60;
  mm = (seconds / 60) % 60;
  hh = (seconds / 3600) % 24;
  days = seconds / 86400;

  if (days > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "-%02u:%02u:%02u", days, hh, mm, ss);
  if (hh > 0)
    return g_strdup_printf ("%02u:%02u:%02u", hh, mm, ss);
  return g_strdup_printf ("%02u:%02u", mm, ss);
}

/* Go's utf8.DecodeRuneInString(): a valid sequence gives its rune, anything
 * else gives U+FFFD and consumes exactly one byte. Go rejects overlong forms,
 * surrogates and values past U+10FFFF, which g_utf8_get_char_validated() also
 * does, but it reports the length of the bad sequence differently, and the
 * byte count matters for Ellipsis and Quote. */
static gsize
go_decode_rune (const guchar *s,
                gsize         len,
                gunichar     *rune)
{
  guchar b0 = s[0];
  guchar lo = 0x80;
  guchar hi = 0xBF;
  gsize size;
  gunichar r;

  g_assert (len > 0);

  if (b0 < 0x80)
    {
      *rune = b0;
      return 1;
    }

  if (b0 >= 0xC2 && b0 <= 0xDF)
    {
      size = 2;
      r = b0 & 0x1F;
    }
  else if (b0 >= 0xE0 && b0 <= 0xEF)
    {
      size = 3;
      r = b0 & 0x0F;
      if (b0 == 0xE0)
        lo = 0xA0;
      else if (b0 == 0xED)
        hi = 0x9F;
    }
  else if (b0 >= 0xF0 && b0 <= 0xF4)
    {
      size = 4;
      r = b0 & 0x07;
      if (b0 == 0xF0)
        lo = 0x90;
      else if (b0 == 0xF4)
        hi = 0x8F;
    }
  else
    {
      *rune = 0xFFFD;
      return 1;
    }

  if (len < size)
    {
      *rune = 0xFFFD;
      return 1;
    }

  for (gsize i = 1; i < size; i++)
    {
      guchar b = s[i];
      guchar min = i == 1 ? lo : 0x80;
      guchar max = i == 1 ? hi : 0xBF;

      if (b < min || b > max)
        {
          *rune = 0xFFFD;
          return 1;
        }
      r = (r << 6) | (b & 0x3F);
    }

  *rune = r;
  return size;
}

/* Go's unicode.IsPrint(): letters, marks, numbers, punctuation, symbols and
 * the ASCII space. GLib's tables may be a newer Unicode version than the Go
 * that built a given docker CLI; only newly assigned characters differ. */
static gboolean
go_is_print (gunichar r)
{
  if (r == ' ')
    return TRUE;

  switch (g_unichar_type (r))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
      return TRUE;

    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return FALSE;
    }
}

static void
append_rune (GString  *str,
             gunichar  rune)
{
  char buf[6];
  gint n = g_unichar_to_utf8 (rune, buf);

  g_string_append_len (str, buf, n);
}

/* docker CLI's formatter.Ellipsis(s, max_width): cut to max_width display
 * columns (East Asian wide and fullwidth characters take two) ending in "…".
 * Like Go, a string that is cut is rebuilt from its runes, so invalid bytes
 * in the kept part turn into U+FFFD; an uncut string is returned as is. */
static char *
go_ellipsis (const char *s,
             guint       max_width)
{
  const guchar *p = (const guchar *) s;
  gsize len = strlen (s);
  g_autoptr(GArray) runes = g_array_new (FALSE, FALSE, sizeof (gunichar));
  GString *out;
  guint keep = 0;
  guint width = 0;

  g_assert (max_width > 1);

  for (gsize i = 0; i < len;)
    {
      gunichar r;

      i += go_decode_rune (p + i, len - i, &r);
      g_array_append_val (runes, r);
    }

  if (runes->len == len)
    {
      /* Every rune is one byte: ASCII, or invalid bytes counted one each. */
      if (len <= max_width)
        return g_strdup (s);
      keep = max_width - 1;
    }
  else
    {
      guint total = 0;

      for (guint i = 0; i < runes->len; i++)
        total += g_unichar_iswide (g_array_index (runes, gunichar, i)) ? 2 : 1;

      if (total <= max_width)
        return g_strdup (s);

      /* Keep the longest prefix that fits in max_width - 1 columns, leaving
       * one for the ellipsis. A wide character that would straddle the limit
       * is dropped with everything after it. */
      for (keep = 0; keep < runes->len; keep++)
        {
          guint w = g_unichar_iswide (g_array_index (runes, gunichar, keep)) ? 2 : 1;

          if (width + w > max_width - 1)
            break;
          width += w;
        }
    }

  out = g_string_sized_new (keep * 3 + 4);
  for (guint i = 0; i < keep; i++)
    append_rune (out, g_array_index (runes, gunichar, i));
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/* Go's strconv.Quote(). */
static char *
go_quote (const char *s)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) s;
  gsize len = strlen (s);
  GString *out = g_string_sized_new (len + 2);

  g_string_append_c (out, '"');

  for (gsize i = 0; i < len;)
    {
      gunichar r;
      gsize width = go_decode_rune (p + i, len - i, &r);

      if (width == 1 && r == 0xFFFD)
        {
          /* an invalid byte, not an encoded U+FFFD */
          g_string_append_printf (out, "\\x%c%c", hex[p[i] >> 4], hex[p[i] & 0xF]);
          i++;
          continue;
        }
      i += width;

      if (r == '"' || r == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, r);
          continue;
        }

      if (go_is_print (r))
        {
          append_rune (out, r);
          continue;
        }

      switch (r)
        {
        case '\a': g_string_append (out, "\\a"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\v': g_string_append (out, "\\v"); break;
        default:
          if (r < ' ' || r == 0x7F)
            g_string_append_printf (out, "\\x%c%c", hex[r >> 4], hex[r & 0xF]);
          else if (r < 0x10000)
            g_string_append_printf (out, "\\u%04x", r);
          else
            g_string_append_printf (out, "\\U%08x", r);
          break;
        }
    }

  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

char *
porthole_format_docker_command (const char *command,
                                gboolean    full)
{
  g_autofree char *cut = NULL;

  if (command == NULL)
    command = "";

  if (full)
    return go_quote (command);

  cut = go_ellipsis (command, 20);
  return go_quote (cut);
}

/* docker's stringid.TruncateID(): drop an "algorithm:" prefix, keep 12 characters. */
static char *
truncate_id (const char *id)
{
  const char *colon = strchr (id, ':');

  if (colon != NULL)
    id = colon + 1;

  /* Ids are hex; should one not be, cut on a character boundary anyway. */
  if (g_utf8_validate (id, -1, NULL))
    return g_utf8_substring (id, 0, MIN (g_utf8_strlen (id, -1), 12));

  return g_strndup (id, 12);
}

char *
porthole_format_docker_image (const char *image,
                              const char *image_id)
{
  g_autofree char *short_image = NULL;
  g_autofree char *short_image_id = NULL;
  const char *at;
  const char *name;

  if (image == NULL || image[0] == '\0')
    return g_strdup ("<no image>");

  /* A container made from an image id shows the short id. */
  short_image = truncate_id (image);
  short_image_id = truncate_id (image_id != NULL ? image_id : "");
  if (strcmp (short_image, short_image_id) == 0)
    return g_steal_pointer (&short_image);
  if (g_str_has_prefix (image, "sha256:"))
    return g_steal_pointer (&short_image);

  /* The CLI prints the reference without its digest, and in its familiar
   * form: "docker.io/library/busybox:1.36@sha256:…" is "busybox:1.36". */
  at = strchr (image, '@');
  name = image;
  if (g_str_has_prefix (name, "docker.io/"))
    name += strlen ("docker.io/");
  else if (g_str_has_prefix (name, "index.docker.io/"))
    name += strlen ("index.docker.io/");
  if (g_str_has_prefix (name, "library/"))
    {
      const char *rest = name + strlen ("library/");
      const char *slash = strchr (rest, '/');

      if (slash == NULL || (at != NULL && slash > at))
        name = rest;
    }

  if (at != NULL)
    return g_strndup (name, at - name);

  return g_strdup (name);
}

char *
porthole_format_short_id (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return truncate_id (id);
}

/* Display text */

#define ELLIPSIS "\xe2\x80\xa6"   /* … */

/* Bidi controls are format characters too, but they are the reason this
 * function exists: list them so that they stay visible whatever Unicode
 * version GLib's tables are. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C ||
         c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

/* Characters above U+009F that must not reach the screen as themselves:
 * they reorder the text around them, break the line, or are drawn as
 * nothing and so hide (or fake) what sits beside them. */
static gboolean
needs_placeholder (gunichar c)
{
  if (c <= 0x9F)
    return c >= 0x80;   /* C1 controls; C0 and DEL have pictures */

  if (is_bidi_control (c))
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;

    default:
      break;
    }

  /* Default-ignorable code points that are letters or marks rather than
   * format characters, yet render as nothing: the Hangul fillers (a
   * favourite for blank-looking names), the combining grapheme joiner and
   * the Khmer inherent vowels. The unassigned parts of the blocks kept for
   * future format characters count too, in case the text is of a newer
   * Unicode than these tables. Variation selectors are not here on
   * purpose: they only pick the look of the character before them. */
  return c == 0x034F ||
         c == 0x115F || c == 0x1160 ||
         c == 0x17B4 || c == 0x17B5 ||
         c == 0x3164 || c == 0xFFA0 ||
         (c >= 0x2060 && c <= 0x206F) ||
         (c >= 0xFFF0 && c <= 0xFFF8) ||
         (c >= 0xE0000 && c <= 0xE0FFF && !(c >= 0xE0100 && c <= 0xE01EF));
}

char *
porthole_format_display_text (const char *text,
                              gsize       max_chars)
{
  GString *out;
  gsize n_chars = 0;      /* characters in out */
  gsize cut = 0;          /* bytes of out to keep, should the text not fit */
  gboolean cut_short = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (max_chars > 0 ? MIN (max_chars, 4096) * 2 : 64);

  for (const char *p = text; *p != '\0';)
    {
      /* One unit: a character as it is, or what stands for it. */
      char unit[32];
      gsize unit_len;
      gsize unit_chars = 1;
      gboolean is_mark = FALSE;
      guchar b = (guchar) *p;

      if (b >= 0x20 && b < 0x7F)
        {
          /* Most text is printable ASCII: no table lookups for it. */
          unit[0] = *p;
          unit_len = 1;
          p++;
        }
      else if (b < 0x20 || b == 0x7F)
        {
          /* U+2400 + code, and U+2421 for DEL: three bytes, E2 90 xx. */
          unit[0] = '\xe2';
          unit[1] = '\x90';
          unit[2] = (char) (0x80 + (b == 0x7F ? 0x21 : b));
          unit_len = 3;
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);
          gsize c_len;

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              c = 0xFFFD;
              c_len = 1;
            }
          else
            {
              c_len = g_utf8_skip[b];
            }

          if (needs_placeholder (c))
            {
              gint n = g_snprintf (unit, sizeof unit, "\xe2\x9f\xa8U+%04X\xe2\x9f\xa9", c);

              unit_len = n;
              /* "⟨U+" and "⟩" (three bytes, one character each for the
               * brackets) around 4 to 6 hex digits */
              unit_chars = n - 4;
            }
          else if (c == 0xFFFD && c_len == 1)
            {
              memcpy (unit, "\xef\xbf\xbd", 3);
              unit_len = 3;
            }
          else
            {
              memcpy (unit, p, c_len);
              unit_len = c_len;
              is_mark = g_unichar_ismark (c);
            }

          p += c_len;
        }

      if (max_chars > 0)
        {
          /* A cut may fall before anything but a combining mark, and must
           * leave room for the ellipsis. */
          if (!is_mark && n_chars < max_chars)
            cut = out->len;

          if (n_chars + unit_chars > max_chars)
            {
              cut_short = TRUE;
              break;
            }
        }

      g_string_append_len (out, unit, unit_len);
      n_chars += unit_chars;
    }

  if (cut_short)
    {
      g_string_truncate (out, cut);
      g_string_append (out, ELLIPSIS);
    }

  return g_string_free (out, FALSE);
}

char *
porthole_format_size (guint64 bytes)
{
  return g_format_size (bytes);
}

char *
porthole_format_cpu_percent (gdouble percent)
{
  return g_strdup_printf ("%.1f", MAX (percent, 0));
}
