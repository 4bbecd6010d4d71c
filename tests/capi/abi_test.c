/* Versioned structs: a caller compiled against an older, smaller
 * ws_open_options (version 1, before clock and clock_ctx existed) still
 * works, and the library never reads past the end of it; version 0 and
 * versions newer than the library's are refused. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "worksection/c.h"

/* ws_open_options as version 1 of the header declared it. */
typedef struct open_options_v1 {
  unsigned int version;
  int read_only;
  int64_t busy_timeout_ms;
  const ws_setup *create;
} open_options_v1;

/* Growing only at the end: version 1's fields keep their offsets. */
_Static_assert(offsetof(open_options_v1, read_only) ==
                   offsetof(ws_open_options, read_only),
               "read_only moved");
_Static_assert(offsetof(open_options_v1, busy_timeout_ms) ==
                   offsetof(ws_open_options, busy_timeout_ms),
               "busy_timeout_ms moved");
_Static_assert(offsetof(open_options_v1, create) ==
                   offsetof(ws_open_options, create),
               "create moved");
_Static_assert(sizeof(open_options_v1) <= offsetof(ws_open_options, clock),
               "version 2 fields overlap version 1");
_Static_assert(WS_OPEN_OPTIONS_VERSION == 2, "update this test");

static ws_setup setup(void) {
  ws_setup s = WS_SETUP_INIT;
  s.name = "Old Caller";
  s.owner_name = "Olga";
  s.owner_email = "olga@old.test";
  return s;
}

static void test_v1_open_options(void) {
  ws_setup st = setup();
  /* Exactly sizeof(v1) bytes on the heap, so a sanitizer catches any read
   * beyond version 1's fields. */
  open_options_v1 *v1 = malloc(sizeof *v1);
  CHECK(v1 != NULL);
  memset(v1, 0, sizeof *v1);
  v1->version = 1;
  v1->read_only = 0;
  v1->busy_timeout_ms = 1000;
  v1->create = &st;

  ws_workspace *ws = NULL;
  OK(ws_workspace_open("memory:", (const ws_open_options *)(const void *)v1,
                       &ws));
  free(v1);
  /* Created from the v1 options; "now" is the system clock (version 2's
   * default), not garbage. */
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  CHECK_STREQ(ws_member_email(owner), "olga@old.test");
  const int64_t now_s = (int64_t)time(NULL);
  const int64_t got_s = ws_workspace_now(ws) / 1000000;
  CHECK(got_s >= now_s - 60 && got_s <= now_s + 60);
  CHECK(ws_workspace_read_only(ws) == 0);
  ws_member_free(owner);
  ws_workspace_free(ws);
}

static void test_current_version(void) {
  ws_setup st = setup();
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  CHECK(o.version == WS_OPEN_OPTIONS_VERSION);
  CHECK(o.busy_timeout_ms == 5000);
  o.create = &st;
  o.clock = test_clock;
  ws_workspace *ws = NULL;
  OK(ws_workspace_open("memory:", &o, &ws));
  CHECK(ws_workspace_now(ws) == TEST_NOW_US);
  ws_workspace_free(ws);
}

static void test_refused_versions(void) {
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  ws_workspace *ws = NULL;
  o.version = 0;
  CHECK_RC(WS_EINVAL, ws_workspace_open("memory:", &o, &ws));
  CHECK_ERRMSG_HAS("version");
  CHECK(ws == NULL);
  o.version = WS_OPEN_OPTIONS_VERSION + 1;
  CHECK_RC(WS_EINVAL, ws_workspace_open("memory:", &o, &ws));
  CHECK_ERRMSG_HAS("version");

  ws_setup st = setup();
  st.version = 2;
  o = (ws_open_options)WS_OPEN_OPTIONS_INIT;
  o.create = &st;
  CHECK_RC(WS_EINVAL, ws_workspace_open("memory:", &o, &ws));
  CHECK_ERRMSG_HAS("options->create->version");

  /* Filters too. */
  st = setup();
  o.create = &st;
  OK(ws_workspace_open("memory:", &o, &ws));
  ws_session *s = NULL;
  OK(ws_session_open(ws, 1, &s));
  ws_task_filter tf = WS_TASK_FILTER_INIT;
  tf.version = 99;
  ws_task_page *page = NULL;
  CHECK_RC(WS_EINVAL, ws_list_tasks(s, &tf, NULL, &page));
  CHECK(page == NULL);
  ws_task_iter *it = NULL;
  CHECK_RC(WS_EINVAL, ws_task_iter_new(s, &tf, &it));
  ws_member_filter mf = WS_MEMBER_FILTER_INIT;
  mf.version = 0;
  ws_member_list *ml = NULL;
  CHECK_RC(WS_EINVAL, ws_list_members(s, &mf, &ml));
  ws_project_filter pf = WS_PROJECT_FILTER_INIT;
  pf.version = 2;
  ws_project_list *pl = NULL;
  CHECK_RC(WS_EINVAL, ws_list_projects(s, &pf, &pl));
  ws_session_free(s);
  ws_workspace_free(ws);
}

int main(void) {
  RUN(test_v1_open_options);
  RUN(test_current_version);
  RUN(test_refused_versions);
  return 0;
}
