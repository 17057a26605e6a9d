/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-engine-endpoints.c: finding the engine as the docker CLI does (--host, --context, DOCKER_HOST, DOCKER_CONTEXT, config.json), and the engine sockets on this machine */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "porthole-docker-client.h"
#include "porthole-engine-endpoints.h"
#include "porthole-monitor.h"
#include "porthole-test-proc.h"
#include "porthole-test-util.h"

/* Everything the resolver reads from the environment: each test starts
 * from none of it, and sets what it is about. */
static const char * const resolver_variables[] = {
  "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
};

typedef struct
{
  char *home;        /* a temporary HOME */
  char *config_dir;  /* HOME/.docker */
} Fixture;

static void
write_file (const char *path,
            const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
context_dir (const char *config_dir,
             const char *store,
             const char *name)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

  return g_build_filename (config_dir, "contexts", store, hash, NULL);
}

/* A context as `docker context create NAME --docker host=HOST` stores it. */
static void
write_context (const char *config_dir,
               const char *name,
               const char *host)
{
  g_autofree char *dir = context_dir (config_dir, "meta", name);
  g_autofree char *path = g_build_filename (dir, "meta.json", NULL);
  g_autofree char *json = g_strdup_printf ("{\"Name\":\"%s\",\"Metadata\":{\"Description\":\"a test\"},"
                                           "\"Endpoints\":{\"docker\":{\"Host\":\"%s\",\"SkipTLSVerify\":false}}}",
                                           name, host);

  write_file (path, json);
}

static void
write_meta (const char *config_dir,
            const char *name,
            const char *json)
{
  g_autofree char *dir = context_dir (config_dir, "meta", name);
  g_autofree char *path = g_build_filename (dir, "meta.json", NULL);

  write_file (path, json);
}

static void
write_config (const char *config_dir,
              const char *json)
{
  g_autofree char *path = g_build_filename (config_dir, "config.json", NULL);

  write_file (path, json);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (resolver_variables); i++)
    g_unsetenv (resolver_variables[i]);

  fixture->home = g_dir_make_tmp ("porthole-engines-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->config_dir = g_build_filename (fixture->home, ".docker", NULL);
  g_setenv ("HOME", fixture->home, TRUE);

  /* Two contexts, the second current, as `docker context use remote`
   * leaves them. */
  write_context (fixture->config_dir, "local", "unix:///run/local-test.sock");
  write_context (fixture->config_dir, "remote", "tcp://192.0.2.7:2375");
  write_config (fixture->config_dir,
                "{\"auths\":{},\"currentContext\":\"remote\"}");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (resolver_variables); i++)
    g_unsetenv (resolver_variables[i]);

  porthole_test_remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->config_dir);
}

static void
assert_resolves (const char *host,
                 const char *context,
                 const char *url,
                 const char *source)
{
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = porthole_engine_endpoints_resolve (host, context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (endpoint);
  g_assert_cmpstr (endpoint->url, ==, url);
  g_assert_cmpstr (endpoint->source, ==, source);
  g_assert_nonnull (endpoint->kind);
}

static void
assert_fails (const char *host,
              const char *context,
              GQuark      domain,
              int         code,
              const char *in_message)
{
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = porthole_engine_endpoints_resolve (host, context, &error);
  g_assert_error (error, domain, code);
  g_assert_null (endpoint);
  if (in_message != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, in_message));
    }
}

static void
test_precedence (Fixture       *fixture,
                 gconstpointer  data)
{
  /* The current context of config.json. */
  assert_resolves (NULL, NULL, "tcp://192.0.2.7:2375", "context remote");

  /* DOCKER_CONTEXT over it. */
  g_setenv ("DOCKER_CONTEXT", "local", TRUE);
  assert_resolves (NULL, NULL, "unix:///run/local-test.sock", "context local");

  /* DOCKER_HOST over both. */
  g_setenv ("DOCKER_HOST", "unix:///run/env-test.sock", TRUE);
  assert_resolves (NULL, NULL, "unix:///run/env-test.sock", "DOCKER_HOST");

  /* --context over the environment, --host over everything. */
  assert_resolves (NULL, "remote", "tcp://192.0.2.7:2375", "context remote");
  assert_resolves ("tcp://127.0.0.1:2375", NULL, "tcp://127.0.0.1:2375", "--host");

  /* Both at once is the docker CLI's usage error too. */
  assert_fails ("tcp://127.0.0.1:2375", "local",
                PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_CONFLICT, "--context");

  /* Empty is unset, for every one of them. */
  g_setenv ("DOCKER_HOST", "", TRUE);
  g_setenv ("DOCKER_CONTEXT", "", TRUE);
  assert_resolves ("", "", "tcp://192.0.2.7:2375", "context remote");

  /* "default" is the default socket, wherever it is named. */
  g_setenv ("DOCKER_CONTEXT", "default", TRUE);
  assert_resolves (NULL, NULL, PORTHOLE_ENGINE_DEFAULT_HOST, "context default");
  g_unsetenv ("DOCKER_CONTEXT");
  write_config (fixture->config_dir, "{\"currentContext\":\"default\"}");
  assert_resolves (NULL, NULL, PORTHOLE_ENGINE_DEFAULT_HOST, "context default");

  /* No current context, or no config.json at all: the default socket. */
  write_config (fixture->config_dir, "{\"auths\":{}}");
  assert_resolves (NULL, NULL, PORTHOLE_ENGINE_DEFAULT_HOST, "default socket");
  {
    g_autofree char *path = g_build_filename (fixture->config_dir, "config.json", NULL);

    g_assert_cmpint (g_unlink (path), ==, 0);
    assert_resolves (NULL, NULL, PORTHOLE_ENGINE_DEFAULT_HOST, "default socket");
  }
}

/* DOCKER_CONFIG replaces ~/.docker: its contexts and config.json. */
static void
test_docker_config (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->home, "elsewhere", NULL);
  g_autofree char *dir = NULL;

  write_context (other, "elsewhere-ctx", "unix:///run/elsewhere.sock");
  write_config (other, "{\"currentContext\":\"elsewhere-ctx\"}");

  g_setenv ("DOCKER_CONFIG", other, TRUE);
  dir = porthole_engine_endpoints_get_config_dir ();
  g_assert_cmpstr (dir, ==, other);
  assert_resolves (NULL, NULL, "unix:///run/elsewhere.sock", "context elsewhere-ctx");
  /* ~/.docker's contexts are not looked at any more. */
  assert_fails (NULL, "remote", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, "remote");
}

static void
test_bad_config (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *config_path = g_build_filename (fixture->config_dir, "config.json", NULL);
  static const char *not_objects[] = {
    "{\"currentContext\":",           /* cut short */
    "not json at all",
    "[\"currentContext\",\"remote\"]",
    "\"remote\"",
    "",
  };

  /* A context that is not there, by each way of naming it. */
  assert_fails (NULL, "missing", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, "missing");
  g_setenv ("DOCKER_CONTEXT", "missing-too", TRUE);
  assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, "missing-too");
  g_unsetenv ("DOCKER_CONTEXT");
  write_config (fixture->config_dir, "{\"currentContext\":\"gone\"}");
  assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, "gone");

  /* config.json that is not a JSON object, or whose member is no string. */
  for (guint i = 0; i < G_N_ELEMENTS (not_objects); i++)
    {
      g_test_message ("config.json: %s", not_objects[i]);
      write_config (fixture->config_dir, not_objects[i]);
      assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, config_path);
    }
  write_config (fixture->config_dir, "{\"currentContext\":42}");
  assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "currentContext");
  write_config (fixture->config_dir, "{\"currentContext\":{\"Name\":\"remote\"}}");
  assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "currentContext");

  /* Unreadable: a directory where the file should be (root reads any
   * file, so a mode would not do). */
  g_assert_cmpint (g_unlink (config_path), ==, 0);
  g_assert_cmpint (g_mkdir (config_path, 0700), ==, 0);
  assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, config_path);
  g_assert_cmpint (g_rmdir (config_path), ==, 0);

  /* meta.json: not JSON, no Endpoints.docker.Host, a Host of the wrong
   * type, another context's name inside, TLS verification turned off. */
  write_meta (fixture->config_dir, "broken", "{\"Name\":\"broken\",");
  assert_fails (NULL, "broken", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "meta.json");
  write_meta (fixture->config_dir, "hostless", "{\"Name\":\"hostless\",\"Endpoints\":{}}");
  assert_fails (NULL, "hostless", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "Endpoints.docker.Host");
  write_meta (fixture->config_dir, "numeric",
              "{\"Name\":\"numeric\",\"Endpoints\":{\"docker\":{\"Host\":2375}}}");
  assert_fails (NULL, "numeric", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "Host");
  write_meta (fixture->config_dir, "endpoints-list",
              "{\"Name\":\"endpoints-list\",\"Endpoints\":[\"docker\"]}");
  assert_fails (NULL, "endpoints-list", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "Endpoints");
  write_meta (fixture->config_dir, "impostor",
              "{\"Name\":\"remote\",\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/x.sock\"}}}");
  assert_fails (NULL, "impostor", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "impostor");
  write_meta (fixture->config_dir, "careless",
              "{\"Name\":\"careless\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://192.0.2.7:2376\",\"SkipTLSVerify\":true}}}");
  assert_fails (NULL, "careless", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "TLS");
  /* A SkipTLSVerify that is no boolean is not "true". */
  write_meta (fixture->config_dir, "odd-skip",
              "{\"Name\":\"odd-skip\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://192.0.2.7:2376\",\"SkipTLSVerify\":{}}}}");
  assert_resolves (NULL, "odd-skip", "tcp://192.0.2.7:2376", "context odd-skip");
}

/* Strings from the environment and the store that are no engine's
 * address, or no context's name: each an error, none a crash. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *long_path = g_strnfill (5000, 'a');
  g_autofree char *long_host = g_strconcat ("unix:///", long_path, NULL);
  g_autofree char *long_name = g_strnfill (300, 'n');
  static const char *bad_hosts[] = {
    "unix://relative/docker.sock",
    "unix://",
    "/var/run/docker.sock",
    "http://127.0.0.1:2375",
    "tcp://",
    "tcp://127.0.0.1:2375/v1.41/containers",
    "tcp://user:secret@127.0.0.1:2375",
    "tcp://127.0.0.1:99999",
    "tcp://127.0.0.1:2375?x=1",
    "unix:///run/docker.sock\n\x1b[2J",
    "unix:///run/\xff\xfe.sock",
    "tcp://[::1:2375",
  };
  static const char *bad_names[] = {
    "../../../etc",
    "a",
    "-rf",
    "name with space",
    "\x1b]0;owned\x07",
    "caf\xc3\xa9",
    ".hidden",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_hosts); i++)
    {
      g_autoptr(GString) meta = g_string_new ("{\"Name\":\"hostile\",\"Endpoints\":{\"docker\":{\"Host\":");
      g_autofree char *escaped = g_strescape (bad_hosts[i], NULL);

      g_test_message ("host: %s", escaped);
      assert_fails (bad_hosts[i], NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS, NULL);
      g_setenv ("DOCKER_HOST", bad_hosts[i], TRUE);
      assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS, NULL);
      g_unsetenv ("DOCKER_HOST");

      /* The same in a context's meta.json: the file is at fault (or, for
       * bytes that are not UTF-8, already its JSON). */
      porthole_test_append_json_string (meta, bad_hosts[i]);
      g_string_append (meta, "}}}");
      write_meta (fixture->config_dir, "hostile", meta->str);
      assert_fails (NULL, "hostile", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, NULL);
    }

  assert_fails (long_host, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_ADDRESS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autofree char *escaped = g_strescape (bad_names[i], NULL);
      g_autoptr(GString) config = g_string_new ("{\"currentContext\":");

      porthole_test_append_json_string (config, bad_names[i]);
      g_string_append_c (config, '}');
      g_test_message ("context: %s", escaped);
      assert_fails (NULL, bad_names[i], PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, NULL);
      write_config (fixture->config_dir, config->str);
      assert_fails (NULL, NULL, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, NULL);
    }
  assert_fails (NULL, long_name, PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_NO_CONTEXT, NULL);

  /* A huge meta.json is refused before it is read. */
  {
    GString *huge = g_string_new ("{\"Name\":\"huge\",\"Pad\":\"");

    while (huge->len < 2 * 1024 * 1024)
      g_string_append (huge, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    g_string_append (huge, "\"}");
    write_meta (fixture->config_dir, "huge", huge->str);
    g_string_free (huge, TRUE);
    assert_fails (NULL, "huge", PORTHOLE_ENGINE_ERROR, PORTHOLE_ENGINE_ERROR_BAD_CONFIG, "larger");
  }

  /* ssh:// is an address; the client turns it down, in words. */
  {
    g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
    g_autoptr(PortholeDockerClient) client = NULL;
    g_autoptr(GError) error = NULL;

    endpoint = porthole_engine_endpoints_resolve ("ssh://me@192.0.2.7", NULL, &error);
    g_assert_no_error (error);
    client = porthole_docker_client_new_for_endpoint (endpoint, &error);
    g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_BAD_ENDPOINT);
    g_assert_nonnull (strstr (error->message, "ssh:// yet"));
    g_assert_null (client);
  }
}

/* TLS as the docker CLI turns it on: DOCKER_TLS_VERIFY with
 * DOCKER_CERT_PATH (else the config directory) for an address, a context's
 * tls directory for a context. */
static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(PortholeEngineEndpoint) endpoint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tls_dir = context_dir (fixture->config_dir, "tls", "secure");
  g_autofree char *tls_docker = g_build_filename (tls_dir, "docker", NULL);
  g_autofree char *ca = g_build_filename (tls_docker, "ca.pem", NULL);

  endpoint = porthole_engine_endpoints_resolve ("tcp://192.0.2.7:2376", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (endpoint->tls);
  g_clear_pointer (&endpoint, porthole_engine_endpoint_free);

  g_setenv ("DOCKER_TLS_VERIFY", "1", TRUE);
  endpoint = porthole_engine_endpoints_resolve ("tcp://192.0.2.7:2376", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (endpoint->tls);
  g_assert_cmpstr (endpoint->tls_dir, ==, fixture->config_dir);
  g_clear_pointer (&endpoint, porthole_engine_endpoint_free);

  g_setenv ("DOCKER_CERT_PATH", "/etc/porthole-test-certs", TRUE);
  g_setenv ("DOCKER_HOST", "tcp://192.0.2.7:2376", TRUE);
  endpoint = porthole_engine_endpoints_resolve (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (endpoint->tls);
  g_assert_cmpstr (endpoint->tls_dir, ==, "/etc/porthole-test-certs");
  g_clear_pointer (&endpoint, porthole_engine_endpoint_free);

  /* A unix socket never speaks TLS. */
  endpoint = porthole_engine_endpoints_resolve ("unix:///run/x.sock", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (endpoint->tls);
  g_clear_pointer (&endpoint, porthole_engine_endpoint_free);

  /* A context: TLS when its tls/…/docker directory exists, whatever the
   * environment says. */
  g_unsetenv ("DOCKER_TLS_VERIFY");
  g_unsetenv ("DOCKER_CERT_PATH");
  g_unsetenv ("DOCKER_HOST");
  write_context (fixture->config_dir, "secure", "tcp://192.0.2.7:2376");
  endpoint = porthole_engine_endpoints_resolve (NULL, "secure", &error);
  g_assert_no_error (error);
  g_assert_false (endpoint->tls);
  g_clear_pointer (&endpoint, porthole_engine_endpoint_free);

  write_file (ca, "not a certificate\n");
  endpoint = porthole_engine_endpoints_resolve (NULL, "secure", &error);
  g_assert_no_error (error);
  g_assert_true (endpoint->tls);
  g_assert_cmpstr (endpoint->tls_dir, ==, tls_docker);

  /* ... and a CA file that is no certificate is the client's clear error. */
  {
    g_autoptr(PortholeDockerClient) client = porthole_docker_client_new_for_endpoint (endpoint, &error);

    g_assert_error (error, PORTHOLE_DOCKER_ERROR, PORTHOLE_DOCKER_ERROR_TLS);
    g_assert_nonnull (strstr (error->message, ca));
    g_assert_null (client);
  }
}

static void
test_is_local (void)
{
  static const struct { const char *url; gboolean local; } cases[] = {
    { "unix:///var/run/docker.sock", TRUE },
    { "tcp://127.0.0.1:2375", TRUE },
    { "tcp://127.1.2.3:2375", TRUE },
    { "tcp://localhost:2375", TRUE },
    { "tcp://LOCALHOST", TRUE },
    { "tcp://[::1]:2375", TRUE },
    { "tcp://192.0.2.7:2375", FALSE },
    { "tcp://[2001:db8::1]:2375", FALSE },
    /* A name could resolve to anything: not ours to assume. */
    { "tcp://docker.example:2375", FALSE },
    { "tcp://localhost.example:2375", FALSE },
    { "ssh://me@localhost", FALSE },
    { "tcp://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (porthole_engine_url_is_local (cases[i].url), ==, cases[i].local);
    }
}

static char *
make_socket (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (path);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  /* Bound is enough: the listing looks at the file, not at a daemon. */

  return g_steal_pointer (&path);
}

static const PortholeEngineEndpoint *
find_url (GPtrArray  *endpoints,
          const char *url)
{
  for (guint i = 0; i < endpoints->len; i++)
    {
      const PortholeEngineEndpoint *endpoint = g_ptr_array_index (endpoints, i);

      if (strcmp (endpoint->url, url) == 0)
        return endpoint;
    }

  return NULL;
}

static void
test_local_sockets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("porthole-sockets-XXXXXX", &error);
  g_autofree char *runtime = NULL;
  g_autofree char *rootless_docker = NULL;
  g_autofree char *rootless_podman = NULL;
  g_autofree char *system_docker = NULL;
  g_autofree char *system_podman = NULL;
  g_autofree char *other_user = NULL;
  g_autofree char *not_a_socket = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) as_user = NULL;
  const PortholeEngineEndpoint *endpoint;
  g_autofree char *me = g_strdup (g_get_user_name ());

  g_assert_no_error (error);

  /* This user's runtime directory, the system's sockets under the root
   * given, and another user's rootless Docker under run/user. */
  runtime = g_build_filename (root, "xdg", NULL);
  rootless_docker = make_socket (runtime, "docker.sock");
  rootless_podman = make_socket (runtime, "podman/podman.sock");
  system_docker = make_socket (root, "var/run/docker.sock");
  system_podman = make_socket (root, "run/podman/podman.sock");
  other_user = make_socket (root, "run/user/4242/docker.sock");
  /* A file named like a socket is no engine. */
  not_a_socket = g_build_filename (root, "run", "user", "4243", "docker.sock", NULL);
  write_file (not_a_socket, "");
  g_assert_cmpint (chown (other_user, 4242, 4242), ==, geteuid () == 0 ? 0 : -1);

  found = porthole_engine_endpoints_list_local_full (root, runtime, TRUE);
  g_assert_cmpuint (found->len, ==, 5);

  /* In the documented order. */
  url = g_strconcat ("unix://", rootless_docker, NULL);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[0])->url, ==, url);
  g_clear_pointer (&url, g_free);
  url = g_strconcat ("unix://", system_docker, NULL);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[1])->url, ==, url);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[1])->kind, ==, "Docker");
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[1])->source, ==, "default socket");
  g_clear_pointer (&url, g_free);
  url = g_strconcat ("unix://", system_podman, NULL);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[2])->url, ==, url);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[2])->kind, ==, "Podman");
  g_clear_pointer (&url, g_free);
  url = g_strconcat ("unix://", rootless_podman, NULL);
  g_assert_cmpstr (((PortholeEngineEndpoint *) found->pdata[3])->url, ==, url);
  g_clear_pointer (&url, g_free);

  /* The rootless ones name their user: the socket's owner. */
  url = g_strconcat ("unix://", rootless_docker, NULL);
  endpoint = find_url (found, url);
  g_clear_pointer (&url, g_free);
  if (geteuid () != 0)
    {
      g_autofree char *kind = g_strdup_printf ("rootless Docker of user %s", me);

      g_assert_cmpstr (endpoint->kind, ==, kind);
    }
  else
    g_assert_cmpstr (endpoint->kind, ==, "Docker");

  url = g_strconcat ("unix://", other_user, NULL);
  endpoint = find_url (found, url);
  g_assert_nonnull (endpoint);
  g_assert_cmpstr (endpoint->source, ==, "/run/user");
  if (geteuid () == 0)
    {
      /* uid 4242 has no name here, most likely; either way it is named. */
      g_assert_true (g_str_has_prefix (endpoint->kind, "rootless Docker of user "));
      g_assert_cmpstr (endpoint->kind, !=, "rootless Docker of user root");
    }

  /* Not root: other users' sockets are not looked for. */
  as_user = porthole_engine_endpoints_list_local_full (root, runtime, FALSE);
  g_assert_cmpuint (as_user->len, ==, 4);
  g_assert_null (find_url (as_user, url));
  g_clear_pointer (&url, g_free);

  /* The same socket under two names is listed once. */
  {
    g_autofree char *link = g_build_filename (runtime, "docker.sock", NULL);
    g_autoptr(GPtrArray) deduped = NULL;

    g_assert_cmpint (g_unlink (link), ==, 0);
    g_assert_cmpint (symlink (system_docker, link), ==, 0);
    deduped = porthole_engine_endpoints_list_local_full (root, runtime, FALSE);
    g_assert_cmpuint (deduped->len, ==, 3);
  }

  porthole_test_remove_tree (root);
}

/* A remote engine's containers are listed, and our /proc's processes,
 * even in their cgroups, are not taken for theirs. */
static void
test_remote_monitor (PortholeTestMonitorFixture *fixture,
                     gconstpointer               data)
{
  g_autofree PortholeTestContainer *containers = NULL;
  static const char cmdline[] = "sleep\0" "1000\0";
  guint n;

  n = porthole_test_make_hostile_containers (&containers);
  porthole_test_serve_containers (fixture->daemon, containers, n);
  porthole_test_proc_write_process (fixture->proc_root, 100, 90, containers[0].id,
                                    "sleep", cmdline, sizeof cmdline - 1);

  g_assert_true (porthole_monitor_get_reads_processes (fixture->monitor));
  porthole_monitor_set_reads_processes (fixture->monitor, FALSE);
  g_assert_false (porthole_monitor_get_reads_processes (fixture->monitor));
  porthole_test_monitor_fixture_refresh (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_containers (fixture->monitor)), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 0);

  /* The same fixture read as this machine's: the process is there, so the
   * check above could fail. */
  porthole_monitor_set_reads_processes (fixture->monitor, TRUE);
  porthole_test_monitor_fixture_refresh (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (porthole_monitor_get_process_roots (fixture->monitor)), ==, 1);

  for (guint i = 0; i < n; i++)
    porthole_test_container_clear (&containers[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/engine-endpoints/precedence", Fixture, NULL, fixture_set_up, test_precedence, fixture_tear_down);
  g_test_add ("/engine-endpoints/docker-config", Fixture, NULL, fixture_set_up, test_docker_config, fixture_tear_down);
  g_test_add ("/engine-endpoints/bad-config", Fixture, NULL, fixture_set_up, test_bad_config, fixture_tear_down);
  g_test_add ("/engine-endpoints/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/engine-endpoints/tls", Fixture, NULL, fixture_set_up, test_tls, fixture_tear_down);
  g_test_add_func ("/engine-endpoints/is-local", test_is_local);
  g_test_add_func ("/engine-endpoints/local-sockets", test_local_sockets);
  g_test_add ("/engine-endpoints/remote-monitor", PortholeTestMonitorFixture, NULL,
              porthole_test_monitor_fixture_set_up, test_remote_monitor,
              porthole_test_monitor_fixture_tear_down);

  return g_test_run ();
}
