/* SPDX-License-Identifier: GPL-3.0-or-later */
/* porthole-docker-parse.c: Docker Engine API JSON → plain structs, trusting nothing
 *
 * Here: one reply read into a checked JSON root, the member getters every
 * parser uses, the error domain, error replies and the API version.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "porthole-docker-parse-private.h"

/* json-glib's parser recurses once per nesting level and has no limit of its
 * own: "[[[[…" a hundred thousand deep overflows the stack. Docker's replies
 * nest about six deep, so anything past this is hostile. */
#define MAX_DEPTH 512

/* Longest string we keep from a reply. Names, commands and status texts end
 * up in labels; a daemon that sends megabytes of name gets it cut here, at a
 * character boundary, rather than stalling text layout. */
#define MAX_STRING_BYTES (64 * 1024)

G_DEFINE_QUARK (porthole-docker-parse-error-quark, porthole_docker_parse_error)

typedef enum
{
  PRESCAN_OK,
  PRESCAN_TOO_DEEP,
  PRESCAN_MALFORMED,
} Prescan;

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* The \uXXXX escape at p (pointing at the 'u'), or -1. */
static int
unicode_escape (const char *p,
                const char *end)
{
  int value = 0;

  if (end - p < 5)
    return -1;

  for (int i = 1; i <= 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* Checks what json-glib 1.6 gets wrong before it sees the text: it has no
 * depth limit (about 100,000 nested brackets overflow its stack), it
 * accepts, and leaks, a second value after the first ("{}{}"), and it
 * leaks on a bad escape in a string, on a top-level scalar followed by more
 * and on a lone UTF-16 surrogate escape. Docker sends none of these; all
 * but the last reject the reply, lone surrogates are rewritten to \ufffd in
 * place (same length) when fix is set, as Go's encoder would have written
 * them, and counted in *lone otherwise. */
static Prescan
prescan_json (char       *data,
              gsize       len,
              gboolean    fix,
              guint      *lone)
{
  const char *end = data + len;
  gboolean in_string = FALSE;
  gboolean finished = FALSE;
  guint depth = 0;

  g_assert (data != NULL || len == 0);

  for (char *p = data; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
              finished = depth == 0;
            }
          else if (c == '\\')
            {
              /* json-glib leaks its string buffer on a bad escape */
              if (p + 1 >= end || strchr ("\"\\/bfnrtu", p[1]) == NULL || p[1] == '\0')
                return PRESCAN_MALFORMED;

              p++;
              if (*p == 'u')
                {
                  if (unicode_escape (p, end) < 0)
                    return PRESCAN_MALFORMED;

                  int unit = unicode_escape (p, end);
                  int low = -1;

                  if (unit >= 0xD800 && unit <= 0xDBFF && end - p >= 11 && p[5] == '\\' && p[6] == 'u')
                    low = unicode_escape (p + 6, end);

                  if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF)
                    p += 6;    /* a proper pair */
                  else if (unit >= 0xD800 && unit <= 0xDFFF)
                    {
                      if (fix)
                        memcpy (p + 1, "FFFD", 4);
                      (*lone)++;
                    }

                  if (unit >= 0)
                    p += 4;
                }
            }
          continue;
        }

      if (g_ascii_isspace (c))
        continue;

      if (finished)
        return PRESCAN_MALFORMED;

      /* A top-level scalar (null, 42, 1e400) is one token; json-glib
       * leaks on one followed by more ("1e400[…]"). */
      if (depth == 0 && c != '{' && c != '[' && c != '"')
        {
          while (p + 1 < end && !g_ascii_isspace (p[1]) && strchr ("{}[]\",:", p[1]) == NULL)
            p++;
          finished = TRUE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return PRESCAN_TOO_DEEP;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        finished = --depth == 0;
    }

  return PRESCAN_OK;
}

/* What each kind of reply must be at its root, and whole sentences for
 * what can be wrong with it, so that translations need not glue fragments
 * together. */
static const struct
{
  JsonNodeType  root;
  const char   *empty;
  const char   *too_deep;
  const char   *not_json;  /* %s is json-glib's account of the fault */
  const char   *wrong_root;
} reply_kinds[] = {
  [PORTHOLE_DOCKER_REPLY_CONTAINER_LIST] = {
    JSON_NODE_ARRAY,
    N_("Docker sent a container list that is empty"),
    N_("Docker sent a container list that is nested too deeply"),
    N_("Docker sent a container list that is not valid JSON: %s"),
    N_("Docker sent a container list that is not a JSON array"),
  },
  [PORTHOLE_DOCKER_REPLY_CONTAINER] = {
    JSON_NODE_OBJECT,
    N_("Docker sent a container description that is empty"),
    N_("Docker sent a container description that is nested too deeply"),
    N_("Docker sent a container description that is not valid JSON: %s"),
    N_("Docker sent a container description that is not a JSON object"),
  },
  [PORTHOLE_DOCKER_REPLY_VERSION] = {
    JSON_NODE_OBJECT,
    N_("Docker sent a version reply that is empty"),
    N_("Docker sent a version reply that is nested too deeply"),
    N_("Docker sent a version reply that is not valid JSON: %s"),
    N_("Docker sent a version reply that is not a JSON object"),
  },
  [PORTHOLE_DOCKER_REPLY_ERROR] = {
    JSON_NODE_OBJECT,
    N_("Docker sent an error reply that is empty"),
    N_("Docker sent an error reply that is nested too deeply"),
    N_("Docker sent an error reply that is not valid JSON: %s"),
    N_("Docker sent an error reply that is not a JSON object"),
  },
  [PORTHOLE_DOCKER_REPLY_EVENT] = {
    JSON_NODE_OBJECT,
    N_("Docker sent an empty event"),
    N_("Docker sent an event that is nested too deeply"),
    N_("Docker sent an event that is not valid JSON: %s"),
    N_("Docker sent an event that is not a JSON object"),
  },
};

/* Parses one reply and checks that its root is what @kind must be, so
 * that every caller starts from an array or object it can read. Returns
 * the parser, which owns the root node. */
JsonParser *
porthole_docker_load_reply (const char               *data,
                            gsize                     len,
                            PortholeDockerReplyKind   kind,
                            GError                  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  g_autofree char *fixed = NULL;
  guint lone = 0;

  g_assert (kind < G_N_ELEMENTS (reply_kinds));

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_kinds[kind].empty));
      return NULL;
    }

  switch (len > G_MAXSSIZE ? PRESCAN_TOO_DEEP : prescan_json ((char *)data, len, FALSE, &lone))
    {
    case PRESCAN_OK:
      break;

    case PRESCAN_TOO_DEEP:
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_kinds[kind].too_deep));
      return NULL;

    case PRESCAN_MALFORMED:
    default:
      g_set_error (error,
                   PORTHOLE_DOCKER_PARSE_ERROR,
                   PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                   _(reply_kinds[kind].not_json),
                   _("more than one value, or a bad escape"));
      return NULL;
    }

  if (lone > 0)
    {
      fixed = g_memdup2 (data, len);
      prescan_json (fixed, len, TRUE, &lone);
      data = fixed;
    }

  /* json-glib rejects a whole document over one bad byte. Go's encoder
   * would have written U+FFFD for it, so do the same and let one odd name
   * cost one odd name rather than the whole list. */
  if (!g_utf8_validate_len (data, len, NULL))
    {
      repaired = g_utf8_make_valid (data, len);
      data = repaired;
      len = strlen (repaired);
    }

  parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the offending token, cut anywhere, maybe in the
       * middle of a character: the message is daemon text like any other. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error,
                   PORTHOLE_DOCKER_PARSE_ERROR,
                   PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                   _(reply_kinds[kind].not_json),
                   message);
      return NULL;
    }

  /* Whitespace only parses "successfully" to no root at all. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_kinds[kind].empty));
      return NULL;
    }

  if (JSON_NODE_TYPE (json_parser_get_root (parser)) != reply_kinds[kind].root)
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _(reply_kinds[kind].wrong_root));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

/* A copy of @str that is valid UTF-8 and at most MAX_STRING_BYTES long.
 * json-glib passes "\ud800" through as bytes that are not UTF-8, so
 * validating the document is not enough. */
char *
porthole_docker_sanitize_string (const char *str)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (str == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (str, -1);

  if (strlen (valid) <= MAX_STRING_BYTES)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + MAX_STRING_BYTES + 1);
  return g_strndup (valid, end - valid);
}

/* The object @node holds, or NULL for an absent node or any other type:
 * wherever a reply should have an object, it may have anything. */
JsonObject *
porthole_docker_json_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonObject *
porthole_docker_json_get_object (JsonObject *object,
                                 const char *member)
{
  if (object == NULL)
    return NULL;

  return porthole_docker_json_node_get_object (json_object_get_member (object, member));
}

JsonArray *
porthole_docker_json_get_array (JsonObject *object,
                                const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  /* Docker sends null for unset lists; HOLDS_ARRAY is false for it. */
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

gboolean
porthole_docker_json_node_holds (JsonNode *node,
                                 GType     type)
{
  return node != NULL &&
         JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == type;
}

/* The string member, unsanitized, or NULL if absent or not a string. */
const char *
porthole_docker_json_peek_string (JsonObject *object,
                                  const char *member)
{
  if (object == NULL || !porthole_docker_json_node_holds (json_object_get_member (object, member), G_TYPE_STRING))
    return NULL;

  return json_object_get_string_member_with_default (object, member, NULL);
}

/* A sanitized copy of the string member, "" if absent or not a string. */
char *
porthole_docker_json_dup_string (JsonObject *object,
                                 const char *member)
{
  return porthole_docker_sanitize_string (porthole_docker_json_peek_string (object, member));
}

gboolean
porthole_docker_json_get_boolean (JsonObject *object,
                                  const char *member)
{
  if (object == NULL || !porthole_docker_json_node_holds (json_object_get_member (object, member), G_TYPE_BOOLEAN))
    return FALSE;

  return json_object_get_boolean_member_with_default (object, member, FALSE);
}

/* An integer member within [min, max], else @fallback. Numbers written with
 * a fraction or exponent arrive as doubles; accept them only when they are
 * whole and in range, because casting anything else to an integer is
 * undefined behaviour. */
gint64
porthole_docker_json_get_int (JsonObject *object,
                              const char *member,
                              gint64      min,
                              gint64      max,
                              gint64      fallback)
{
  JsonNode *node;
  gint64 value;

  if (object == NULL)
    return fallback;

  node = json_object_get_member (object, member);

  if (porthole_docker_json_node_holds (node, G_TYPE_INT64))
    {
      value = json_object_get_int_member_with_default (object, member, fallback);
    }
  else if (porthole_docker_json_node_holds (node, G_TYPE_DOUBLE))
    {
      double d = json_object_get_double_member_with_default (object, member, 0.0);

      /* 2^63 itself is out of range; every double below it converts. */
      if (!isfinite (d) || d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return fallback;

      value = (gint64) d;
      if ((double) value != d)
        return fallback;
    }
  else
    {
      return fallback;
    }

  if (value < min || value > max)
    return fallback;

  return value;
}

char *
porthole_docker_strip_slash (const char *name)
{
  if (name != NULL && name[0] == '/')
    name++;

  return porthole_docker_sanitize_string (name);
}

/* What @parse makes of each entry of @array (NULL for none) that is an
 * object, in order. Entries are dropped on their own: one odd container,
 * mount or device should not blank the whole list. */
GPtrArray *
porthole_docker_parse_object_array (JsonArray                    *array,
                                    PortholeDockerParseEntryFunc  parse,
                                    GDestroyNotify                free_func)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;
  GPtrArray *entries = g_ptr_array_new_full (n, free_func);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = porthole_docker_json_node_get_object (json_array_get_element (array, i));
      gpointer entry = object != NULL ? parse (object) : NULL;

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  return entries;
}

char *
porthole_docker_parse_error_message (const char *data,
                                     gsize       len)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *message;

  if (!(parser = porthole_docker_load_reply (data, len, PORTHOLE_DOCKER_REPLY_ERROR, NULL)))
    return NULL;

  message = porthole_docker_json_peek_string (json_node_get_object (json_parser_get_root (parser)), "message");
  if (message == NULL || message[0] == '\0')
    return NULL;

  return porthole_docker_sanitize_string (message);
}

const char *
porthole_docker_api_version_end (const char *str)
{
  const char *p = str;

  if (p == NULL || !g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p++ != '.' || !g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;

  return p;
}

/* "1.41": digits, a dot, digits, nothing else. The version goes into every
 * request path, so it must not carry anything else. */
static gboolean
is_api_version (const char *version)
{
  const char *end = porthole_docker_api_version_end (version);

  return end != NULL && *end == '\0' && end - version <= 16;
}

char *
porthole_docker_parse_api_version (const char  *data,
                                   gsize        len,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *version;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(parser = porthole_docker_load_reply (data, len, PORTHOLE_DOCKER_REPLY_VERSION, error)))
    return NULL;

  version = porthole_docker_json_peek_string (json_node_get_object (json_parser_get_root (parser)), "ApiVersion");
  if (!is_api_version (version))
    {
      g_set_error_literal (error,
                           PORTHOLE_DOCKER_PARSE_ERROR,
                           PORTHOLE_DOCKER_PARSE_ERROR_INVALID,
                           _("Docker sent a version reply without a valid ApiVersion"));
      return NULL;
    }

  return g_strdup (version);
}

char *
porthole_docker_parse_api_version_header (const char *value)
{
  return value != NULL && is_api_version (value) ? g_strdup (value) : NULL;
}
