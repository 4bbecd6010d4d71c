/* The C API of time and money: the fields time tracking added to settings
 * and projects (and that updates through C keep them), time entries,
 * timers, costs, locked periods, budgets, reports and exports. Runs over
 * memory: and over a SQLite file. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

static const char *g_uri; /* the store under test */
static char g_dir[4096];  /* a scratch directory for exported files */

typedef struct agency {
  ws_workspace *ws;
  ws_session *owner; /* the owner's session */
  int64_t owner_id, mia, erik, carla;
  int64_t project; /* "Website": Mia manages, Erik works, Carla is client */
  int64_t task;    /* "Landing page" in it, tagged "design" */
} agency;

static int64_t add_member(ws_session *s, const char *name, const char *email,
                          ws_role role, int64_t cost_rate,
                          int64_t billing_rate) {
  ws_member *m = NULL;
  OK(ws_member_new(&m));
  OK(ws_member_set_name(m, name));
  OK(ws_member_set_email(m, email));
  OK(ws_member_set_role(m, role));
  OK(ws_member_set_cost_rate(m, cost_rate));
  OK(ws_member_set_billing_rate(m, billing_rate));
  OK(ws_member_create(s, m));
  int64_t id = ws_member_id(m);
  ws_member_free(m);
  return id;
}

static int64_t add_task(ws_session *s, int64_t project, const char *title,
                        const char *tag) {
  ws_task *t = NULL;
  OK(ws_task_new(&t));
  OK(ws_task_set_project(t, project));
  OK(ws_task_set_title(t, title));
  if (tag != NULL) OK(ws_task_add_tag(t, tag));
  OK(ws_task_create(s, t));
  int64_t id = ws_task_id(t);
  ws_task_free(t);
  return id;
}

static agency agency_open(void) {
  agency a;
  ws_setup setup = WS_SETUP_INIT;
  setup.name = "Agency";
  setup.currency = "EUR";
  setup.owner_name = "Olga";
  setup.owner_email = "olga@agency.test";
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.create = &setup;
  o.clock = test_clock;
  OK(ws_workspace_open(g_uri, &o, &a.ws));
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(a.ws, &owner));
  a.owner_id = ws_member_id(owner);
  ws_member_free(owner);
  OK(ws_session_open(a.ws, a.owner_id, &a.owner));
  a.mia = add_member(a.owner, "Mia Manager", "mia@agency.test",
                     WS_ROLE_EMPLOYEE, 4000, 9000);
  a.erik = add_member(a.owner, "Erik Employee", "erik@agency.test",
                      WS_ROLE_EMPLOYEE, 3000, 6000);
  a.carla = add_member(a.owner, "Carla Client", "carla@client.test",
                       WS_ROLE_CLIENT, 0, 0);
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  OK(ws_project_set_name(p, "Website"));
  OK(ws_project_set_manager(p, a.mia));
  OK(ws_project_set_member(p, a.erik, WS_PROJECT_MEMBER));
  OK(ws_project_set_member(p, a.carla, WS_PROJECT_CLIENT));
  OK(ws_project_set_time_budget(p, 10 * 3600));
  OK(ws_project_set_money_budget(p, 100000));
  OK(ws_project_create(a.owner, p));
  a.project = ws_project_id(p);
  ws_project_free(p);
  a.task = add_task(a.owner, a.project, "Landing page", "design");
  return a;
}

static void agency_close(agency *a) {
  ws_session_free(a->owner);
  ws_workspace_free(a->ws);
}

static ws_session *session_as(agency *a, int64_t who) {
  ws_session *s = NULL;
  OK(ws_session_open(a->ws, who, &s));
  return s;
}

/* The index of `member` among the project's members. */
static size_t member_index(const ws_project *p, int64_t member) {
  for (size_t i = 0; i < ws_project_member_count(p); ++i) {
    if (ws_project_member_id(p, i) == member) return i;
  }
  CHECK(!"member not in project");
  return 0;
}

/* --- The new fields, and that an update through C never resets them --- */

static void test_settings_fields(void) {
  agency a = agency_open();
  ws_settings *st = NULL;
  OK(ws_settings_get(a.owner, &st));
  CHECK(ws_settings_forgotten_timer_after(st) == 10 * 3600);
  OK(ws_settings_set_forgotten_timer_after(st, 4 * 3600));
  OK(ws_settings_update(a.owner, st));
  CHECK(ws_settings_forgotten_timer_after(st) == 4 * 3600);
  ws_settings_free(st);

  /* An update of another field keeps the limit. */
  OK(ws_settings_get(a.owner, &st));
  OK(ws_settings_set_name(st, "Agency GmbH"));
  OK(ws_settings_update(a.owner, st));
  ws_settings_free(st);
  OK(ws_settings_get(a.owner, &st));
  CHECK_STREQ(ws_settings_name(st), "Agency GmbH");
  CHECK(ws_settings_forgotten_timer_after(st) == 4 * 3600);

  /* Out of bounds: refused, naming the field; nothing changes. */
  OK(ws_settings_set_forgotten_timer_after(st, 59));
  CHECK_RC(WS_EINVAL, ws_settings_update(a.owner, st));
  CHECK_ERRMSG_HAS("forgotten_timer_after");
  OK(ws_settings_set_forgotten_timer_after(st, 86401));
  CHECK_RC(WS_EINVAL, ws_settings_update(a.owner, st));
  CHECK_RC(WS_EINVAL, ws_settings_set_forgotten_timer_after(NULL, 60));
  CHECK(ws_settings_forgotten_timer_after(NULL) == 0);
  ws_settings_free(st);
  OK(ws_settings_get(a.owner, &st));
  CHECK(ws_settings_forgotten_timer_after(st) == 4 * 3600);
  ws_settings_free(st);
  agency_close(&a);
}

static void test_project_fields(void) {
  agency a = agency_open();
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  CHECK(ws_project_rounding_mode(p) == WS_ROUND_NONE);
  CHECK(ws_project_rounding_minutes(p) == 0);
  CHECK(ws_project_clients_see_hours(p) == 1);
  OK(ws_project_set_name(p, "Rounded"));
  OK(ws_project_set_member(p, a.erik, WS_PROJECT_MEMBER));
  OK(ws_project_set_member(p, a.carla, WS_PROJECT_CLIENT));
  OK(ws_project_set_member_billing_rate(p, a.erik, 7500));
  CHECK_RC(WS_ENOTFOUND, ws_project_set_member_billing_rate(p, a.mia, 1));
  CHECK_ERRMSG_HAS("not in the project");
  CHECK_RC(WS_EINVAL, ws_project_set_rounding(p, (ws_rounding)9, 15));
  OK(ws_project_set_rounding(p, WS_ROUND_UP, 15));
  OK(ws_project_set_clients_see_hours(p, 0));
  OK(ws_project_set_manager(p, a.mia));
  OK(ws_project_create(a.owner, p));
  CHECK(ws_project_rounding_mode(p) == WS_ROUND_UP);
  CHECK(ws_project_rounding_minutes(p) == 15);
  CHECK(ws_project_clients_see_hours(p) == 0);
  size_t ei = member_index(p, a.erik);
  CHECK(ws_project_member_has_billing_rate(p, ei));
  CHECK(ws_project_member_billing_rate(p, ei) == 7500);
  CHECK(!ws_project_member_has_billing_rate(p, member_index(p, a.mia)));
  CHECK(!ws_project_member_has_billing_rate(p, 99));
  CHECK(ws_project_member_billing_rate(p, 99) == 0);
  CHECK_STREQ(ws_rounding_name(WS_ROUND_NEAREST), "nearest");
  CHECK_STREQ(ws_rounding_name((ws_rounding)0), "");
  const int64_t id = ws_project_id(p);
  ws_project_free(p);

  /* Updates through C that touch other fields keep all of them: the
   * owner's, the manager's, and a role change of the member himself. */
  ws_session *ms = session_as(&a, a.mia);
  ws_session *sessions[] = {a.owner, ms};
  for (int k = 0; k < 2; ++k) {
    OK(ws_project_get(sessions[k], id, &p));
    OK(ws_project_set_name(p, k == 0 ? "Renamed by owner" : "By manager"));
    OK(ws_project_set_member(p, a.erik,
                             k == 0 ? WS_PROJECT_MANAGER : WS_PROJECT_MEMBER));
    OK(ws_project_update(sessions[k], p));
    ws_project_free(p);
    OK(ws_project_get(a.owner, id, &p));
    CHECK(ws_project_rounding_mode(p) == WS_ROUND_UP);
    CHECK(ws_project_rounding_minutes(p) == 15);
    CHECK(ws_project_clients_see_hours(p) == 0);
    ei = member_index(p, a.erik);
    CHECK(ws_project_member_has_billing_rate(p, ei));
    CHECK(ws_project_member_billing_rate(p, ei) == 7500);
    ws_project_free(p);
  }

  /* A client sees no override; bad minutes are refused on update. */
  ws_session *cs = session_as(&a, a.carla);
  OK(ws_project_get(cs, id, &p));
  CHECK(!ws_project_member_has_billing_rate(p, member_index(p, a.erik)));
  ws_project_free(p);
  OK(ws_project_get(a.owner, id, &p));
  OK(ws_project_set_rounding(p, WS_ROUND_NEAREST, 0));
  CHECK_RC(WS_EINVAL, ws_project_update(a.owner, p));
  CHECK_ERRMSG_HAS("rounding");
  OK(ws_project_set_rounding(p, WS_ROUND_NONE, 0));
  OK(ws_project_clear_member_billing_rate(p, a.erik));
  OK(ws_project_set_clients_see_hours(p, 1));
  OK(ws_project_update(a.owner, p));
  CHECK(ws_project_rounding_mode(p) == WS_ROUND_NONE);
  CHECK(!ws_project_member_has_billing_rate(p, member_index(p, a.erik)));
  CHECK(ws_project_clients_see_hours(p) == 1);
  CHECK_RC(WS_EINVAL, ws_project_set_rounding(NULL, WS_ROUND_UP, 5));
  CHECK_RC(WS_EINVAL, ws_project_set_member_billing_rate(NULL, 1, 1));
  CHECK(ws_project_rounding_mode(NULL) == 0);
  CHECK(ws_project_clients_see_hours(NULL) == 0);
  ws_project_free(p);
  ws_session_free(cs);
  ws_session_free(ms);
  agency_close(&a);
}

/* @@MORE_TESTS@@ */

/* Every test, in order; each opens g_uri afresh. */
#define ALL_TESTS(X)      \
  X(test_settings_fields) \
  X(test_project_fields)  \
  /* @@MORE_RUNS@@ */

int main(void) {
  tmpdir_make(g_dir, sizeof g_dir);
  fprintf(stderr, "--- memory: ---\n");
  g_uri = "memory:";
#define RUN_MEMORY(test) RUN(test);
  ALL_TESTS(RUN_MEMORY)

  /* The same over SQLite: a fresh file per test. */
  static char uri[4200];
  fprintf(stderr, "--- sqlite: ---\n");
  g_uri = uri;
#define RUN_SQLITE(test)                                      \
  snprintf(uri, sizeof uri, "sqlite:%s/%s.db", g_dir, #test); \
  RUN(test);
  ALL_TESTS(RUN_SQLITE)
  tmpdir_remove(g_dir);
  return 0;
}
