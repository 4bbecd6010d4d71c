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
static int64_t g_now;     /* the workspace's clock; tests move it */

static int64_t var_clock(void *ctx) { return *(const int64_t *)ctx; }

#define HOUR INT64_C(3600)
#define US_PER_S INT64_C(1000000)

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
  g_now = TEST_NOW_US;
  o.clock = var_clock;
  o.clock_ctx = &g_now;
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

/* --- Time entries --- */

static ws_time_entry *log_time(ws_session *s, int64_t task, int64_t member,
                               ws_date date, int64_t seconds) {
  ws_time_log l = WS_TIME_LOG_INIT;
  l.task = task;
  l.member = member;
  l.date = date;
  l.duration = seconds;
  ws_time_entry *e = NULL;
  OK(ws_log_time(s, &l, &e));
  return e;
}

static void test_time_entries(void) {
  agency a = agency_open();
  ws_session *es = session_as(&a, a.erik);

  /* Erik logs 1.5 h at his rates (billing 60.00, cost 30.00 an hour). */
  ws_time_log l = WS_TIME_LOG_INIT;
  CHECK(l.billable == 1);
  l.task = a.task;
  l.duration = 90 * 60;
  l.note = "Hero section";
  l.date = test_date(2024, 3, 14);
  ws_time_entry *e = NULL;
  OK(ws_log_time(es, &l, &e));
  CHECK(ws_time_entry_id(e) > 0);
  CHECK(ws_time_entry_revision(e) == 1);
  CHECK(ws_time_entry_task(e) == a.task);
  CHECK(ws_time_entry_project(e) == a.project);
  CHECK(ws_time_entry_member(e) == a.erik);
  CHECK(ws_time_entry_date(e).day == 14);
  CHECK(!ws_time_entry_has_start(e));
  CHECK(ws_time_entry_duration(e) == 5400);
  CHECK(ws_time_entry_billed_duration(e) == 5400);
  CHECK(ws_time_entry_billable(e));
  CHECK_STREQ(ws_time_entry_note(e), "Hero section");
  CHECK(ws_time_entry_created_at(e) == TEST_NOW_US);
  const int64_t id = ws_time_entry_id(e);
  /* Erik, an employee outside management, reads no money; the owner
   * does. */
  CHECK(!ws_time_entry_has_billing_rate(e) && !ws_time_entry_has_cost_rate(e));
  CHECK(!ws_time_entry_has_billed_amount(e));
  {
    ws_time_entry *o = NULL;
    OK(ws_time_entry_get(a.owner, id, &o));
    CHECK(ws_time_entry_has_billing_rate(o) &&
          ws_time_entry_billing_rate(o) == 6000);
    CHECK(ws_time_entry_has_cost_rate(o) && ws_time_entry_cost_rate(o) == 3000);
    CHECK(ws_time_entry_has_billed_amount(o) &&
          ws_time_entry_billed_amount(o) == 9000);
    CHECK(ws_time_entry_has_labour_cost(o) &&
          ws_time_entry_labour_cost(o) == 4500);
    ws_time_entry_free(o);
  }

  /* Start and end; the date is the day the start falls on. */
  ws_time_log se = WS_TIME_LOG_INIT;
  se.task = a.task;
  se.start = TEST_NOW_US - 3 * HOUR * US_PER_S;
  se.end = TEST_NOW_US - 2 * HOUR * US_PER_S;
  se.billable = 0;
  ws_time_entry *e2 = NULL;
  OK(ws_log_time(es, &se, &e2));
  CHECK(ws_time_entry_duration(e2) == HOUR);
  CHECK(ws_time_entry_has_start(e2) && ws_time_entry_start(e2) == se.start);
  CHECK(ws_time_entry_date(e2).day == 15);
  CHECK(!ws_time_entry_billable(e2));
  const int64_t id2 = ws_time_entry_id(e2);
  ws_time_entry_free(e2);

  /* Bad durations: WS_EINVAL naming the field; nothing is written. */
  l.duration = 0;
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, &e2));
  CHECK(e2 == NULL);
  l.duration = 25 * HOUR;
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, &e2));
  CHECK_ERRMSG_HAS("duration");
  l.duration = -5;
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, &e2));
  se.end = se.start - 1;
  CHECK_RC(WS_EINVAL, ws_log_time(es, &se, &e2));
  CHECK_ERRMSG_HAS("end");
  l.duration = 60;
  l.date = test_date(2024, 2, 30);
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, &e2));
  l.date = test_date(2024, 3, 14);
  l.version = 99;
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, &e2));
  l.version = WS_TIME_LOG_VERSION;
  CHECK_RC(WS_EINVAL, ws_log_time(NULL, &l, &e2));
  CHECK_RC(WS_EINVAL, ws_log_time(es, NULL, &e2));
  CHECK_RC(WS_EINVAL, ws_log_time(es, &l, NULL));
  /* Erik may not log Mia's time; the client may not log at all. */
  l.member = a.mia;
  CHECK_RC(WS_EPERM, ws_log_time(es, &l, &e2));
  l.member = 0;

  /* Get, update, stale revision, delete. */
  ws_time_entry *got = NULL;
  OK(ws_time_entry_get(es, id, &got));
  CHECK(ws_time_entry_duration(got) == 5400);
  ws_time_entry *stale = NULL;
  OK(ws_time_entry_dup(got, &stale));
  OK(ws_time_entry_set_duration(got, 2 * HOUR));
  OK(ws_time_entry_set_note(got, "Hero + footer"));
  OK(ws_time_entry_set_start(got, TEST_NOW_US - 30 * HOUR * US_PER_S));
  OK(ws_time_entry_update(es, got));
  CHECK(ws_time_entry_revision(got) == 2);
  CHECK(ws_time_entry_duration(got) == 2 * HOUR);
  CHECK_STREQ(ws_time_entry_note(got), "Hero + footer");
  CHECK(ws_time_entry_has_start(got));
  OK(ws_time_entry_clear_start(got));
  OK(ws_time_entry_update(es, got));
  CHECK(!ws_time_entry_has_start(got));
  OK(ws_time_entry_set_note(stale, "lost"));
  CHECK_RC(WS_EABORTED, ws_time_entry_update(es, stale));
  OK(ws_time_entry_set_revision(stale, 0));
  OK(ws_time_entry_set_duration(stale, 0));
  CHECK_RC(WS_EINVAL, ws_time_entry_update(es, stale));
  CHECK_RC(WS_EINVAL, ws_time_entry_set_date(stale, test_date(2023, 13, 1)));
  CHECK_RC(WS_EABORTED, ws_time_entry_delete(es, id2, 7));
  OK(ws_time_entry_delete(es, id2, 0));
  ws_time_entry_free(stale);
  CHECK_RC(WS_ENOTFOUND, ws_time_entry_get(es, id2, &stale));
  CHECK(stale == NULL);

  /* A client reading money: has_ false, never zero. */
  ws_session *cs = session_as(&a, a.carla);
  ws_time_entry *seen = NULL;
  OK(ws_time_entry_get(cs, id, &seen));
  CHECK(ws_time_entry_duration(seen) == 2 * HOUR);
  CHECK(!ws_time_entry_has_billing_rate(seen));
  CHECK(!ws_time_entry_has_cost_rate(seen));
  CHECK(!ws_time_entry_has_billed_amount(seen));
  CHECK(ws_time_entry_billed_amount(seen) == 0);
  CHECK(!ws_time_entry_has_labour_cost(seen));
  ws_time_entry_free(seen);

  /* Reprice with Erik's new rate: owner only. */
  ws_member *m = NULL;
  OK(ws_member_get(a.owner, a.erik, &m));
  OK(ws_member_set_billing_rate(m, 9000));
  OK(ws_member_update(a.owner, m));
  ws_member_free(m);
  int64_t changed = -1;
  CHECK_RC(WS_EPERM, ws_reprice_time_entries(es, 0, test_date(2024, 3, 1),
                                             test_date(2024, 3, 31), &changed));
  CHECK(changed == 0);
  OK(ws_reprice_time_entries(a.owner, a.project, test_date(2024, 3, 1),
                             test_date(2024, 3, 31), &changed));
  CHECK(changed == 1);
  OK(ws_time_entry_get(a.owner, id, &seen));
  CHECK(ws_time_entry_billed_amount(seen) == 18000);
  ws_time_entry_free(seen);
  CHECK_RC(WS_EINVAL, ws_reprice_time_entries(a.owner, 0, test_date(2024, 3, 0),
                                              test_date(2024, 3, 31), NULL));

  /* NULL-safety of accessors and frees. */
  CHECK(ws_time_entry_id(NULL) == 0);
  CHECK_STREQ(ws_time_entry_note(NULL), "");
  CHECK(!ws_time_entry_has_billed_amount(NULL));
  CHECK_RC(WS_EINVAL, ws_time_entry_set_note(got, NULL));
  CHECK_RC(WS_EINVAL, ws_time_entry_update(es, NULL));
  ws_time_entry_free(NULL);
  ws_time_entry_page_free(NULL);
  ws_time_entry_iter_free(NULL);

  ws_session_free(cs);
  ws_time_entry_free(got);
  ws_time_entry_free(e);
  ws_session_free(es);
  agency_close(&a);
}

static void test_time_entry_lists(void) {
  agency a = agency_open();
  const int64_t other = add_task(a.owner, a.project, "Checkout", NULL);
  /* 30 entries: days 1..30 of March, alternating task, member, billable. */
  for (int d = 1; d <= 30; ++d) {
    ws_time_log l = WS_TIME_LOG_INIT;
    l.task = d % 2 ? a.task : other;
    l.member = d % 3 ? a.erik : a.mia;
    l.date = test_date(2024, 3, d);
    l.duration = 600 * d;
    l.billable = d % 5 != 0;
    ws_time_entry *e = NULL;
    OK(ws_log_time(a.owner, &l, &e));
    ws_time_entry_free(e);
  }
  ws_time_entry_filter f = WS_TIME_ENTRY_FILTER_INIT;
  f.limit = 7;
  ws_time_entry_page *page = NULL;
  char token[512] = "";
  size_t total = 0, pages = 0;
  int last_day = 0;
  do {
    OK(ws_list_time_entries(a.owner, &f, token[0] ? token : NULL, &page));
    ++pages;
    for (size_t i = 0; i < ws_time_entry_page_count(page); ++i) {
      const ws_time_entry *e = ws_time_entry_page_at(page, i);
      CHECK(ws_time_entry_date(e).day > last_day); /* by date */
      last_day = ws_time_entry_date(e).day;
      ++total;
    }
    CHECK(ws_time_entry_page_at(page, 99) == NULL);
    snprintf(token, sizeof token, "%s", ws_time_entry_page_next_token(page));
    ws_time_entry_page_free(page);
  } while (token[0] != '\0');
  CHECK(total == 30 && pages == 5);

  /* The iterator, with every filter field. */
  f.task = a.task;
  f.member = a.erik;
  f.from = test_date(2024, 3, 5);
  f.to = test_date(2024, 3, 25);
  f.billable = WS_BILLABLE_YES;
  f.tag = "design";
  f.limit = 2;
  ws_time_entry_iter *it = NULL;
  OK(ws_time_entry_iter_new(a.owner, &f, &it));
  const ws_time_entry *e = NULL;
  int n = 0, rc;
  while ((rc = ws_time_entry_iter_next(it, &e)) == WS_OK) {
    const int d = ws_time_entry_date(e).day;
    CHECK(d % 2 == 1 && d % 3 != 0 && d % 5 != 0 && d >= 5 && d <= 25);
    ++n;
  }
  CHECK_RC(WS_DONE, rc);
  CHECK(e == NULL);
  ws_time_entry_iter_free(it);
  CHECK(n == 6); /* days 7, 11, 13, 17, 19, 23 */
  f.billable = WS_BILLABLE_NO;
  f.tag = NULL;
  f.from = test_date(0, 0, 0);
  f.to = test_date(0, 0, 0);
  f.task = 0;
  f.member = 0;
  f.limit = 0;
  OK(ws_list_time_entries(a.owner, &f, NULL, &page));
  CHECK(ws_time_entry_page_count(page) == 6);
  ws_time_entry_page_free(page);
  f.billable = (ws_billable)7;
  CHECK_RC(WS_EINVAL, ws_list_time_entries(a.owner, &f, NULL, &page));
  CHECK_ERRMSG_HAS("billable");
  f.billable = WS_BILLABLE_ANY;
  f.project = -3;
  CHECK_RC(WS_EINVAL, ws_time_entry_iter_new(a.owner, &f, &it));
  CHECK(it == NULL);
  CHECK_RC(WS_EINVAL, ws_time_entry_iter_next(NULL, &e));
  agency_close(&a);
}

/* --- Timers --- */

static void test_timers(void) {
  agency a = agency_open();
  ws_session *es = session_as(&a, a.erik);
  const int64_t other = add_task(a.owner, a.project, "Checkout", NULL);

  ws_timer *t = NULL;
  OK(ws_timer_get(es, 0, &t));
  CHECK(t == NULL); /* none runs */
  OK(ws_timer_start(es, a.task, 0, &t));
  CHECK(ws_timer_member(t) == a.erik);
  CHECK(ws_timer_task(t) == a.task);
  CHECK(ws_timer_started_at(t) == g_now);
  CHECK(!ws_timer_forgotten(t));
  ws_timer_free(t);

  /* Twice: WS_EPRECONDITION, unless stop_running. */
  CHECK_RC(WS_EPRECONDITION, ws_timer_start(es, other, 0, &t));
  CHECK(t == NULL);
  g_now += 20 * 60 * US_PER_S;
  OK(ws_timer_start(es, other, 1, &t));
  CHECK(ws_timer_task(t) == other);
  ws_timer_free(t);
  ws_time_entry_page *page = NULL;
  OK(ws_list_time_entries(es, NULL, NULL, &page));
  CHECK(ws_time_entry_page_count(page) == 1);
  CHECK(ws_time_entry_duration(ws_time_entry_page_at(page, 0)) == 20 * 60);
  ws_time_entry_page_free(page);

  /* Another member's timer: the owner may read it, Mia may not. */
  OK(ws_timer_get(a.owner, a.erik, &t));
  CHECK(t != NULL && ws_timer_task(t) == other);
  ws_timer_free(t);
  ws_session *ms = session_as(&a, a.mia);
  CHECK_RC(WS_EPERM, ws_timer_get(ms, a.erik, &t));
  ws_timer_list *list = NULL;
  CHECK_RC(WS_EPERM, ws_list_timers(ms, &list));

  /* Stop with a note. */
  g_now += 45 * 60 * US_PER_S;
  ws_time_entry *e = NULL;
  OK(ws_timer_stop(es, "Cart done", 0, &e));
  CHECK(ws_time_entry_duration(e) == 45 * 60);
  CHECK_STREQ(ws_time_entry_note(e), "Cart done");
  CHECK(ws_time_entry_task(e) == other);
  ws_time_entry_free(e);
  CHECK_RC(WS_EPRECONDITION, ws_timer_stop(es, NULL, 0, &e));
  CHECK(e == NULL);
  CHECK_RC(WS_EPRECONDITION, ws_timer_cancel(es));

  /* Cancel. */
  OK(ws_timer_start(ms, a.task, 0, &t));
  ws_timer_free(t);
  OK(ws_timer_cancel(ms));
  OK(ws_timer_get(ms, 0, &t));
  CHECK(t == NULL);

  /* Forgotten: past the workspace limit (10 h); past 24 h stopping needs
   * the cap, which caps the entry at the limit. */
  OK(ws_timer_start(es, a.task, 0, &t));
  ws_timer_free(t);
  OK(ws_timer_start(ms, a.task, 0, &t));
  ws_timer_free(t);
  OK(ws_list_timers(a.owner, &list));
  CHECK(ws_timer_list_count(list) == 2);
  CHECK(ws_timer_member(ws_timer_list_at(list, 0)) <
        ws_timer_member(ws_timer_list_at(list, 1)));
  CHECK(ws_timer_list_at(list, 2) == NULL);
  ws_timer_list_free(list);
  OK(ws_list_forgotten_timers(a.owner, &list));
  CHECK(ws_timer_list_count(list) == 0);
  ws_timer_list_free(list);
  g_now += 26 * HOUR * US_PER_S;
  OK(ws_list_forgotten_timers(a.owner, &list));
  CHECK(ws_timer_list_count(list) == 2);
  CHECK(ws_timer_forgotten(ws_timer_list_at(list, 0)));
  ws_timer_list_free(list);
  OK(ws_list_forgotten_timers(es, &list)); /* his own only */
  CHECK(ws_timer_list_count(list) == 1);
  ws_timer *copy = NULL;
  OK(ws_timer_dup(ws_timer_list_at(list, 0), &copy));
  ws_timer_list_free(list);
  CHECK(ws_timer_member(copy) == a.erik);
  ws_timer_free(copy);
  CHECK_RC(WS_EPRECONDITION, ws_timer_stop(es, NULL, 0, &e));
  OK(ws_timer_stop(es, NULL, 1, &e));
  CHECK(ws_time_entry_duration(e) == 10 * HOUR);
  ws_time_entry_free(e);
  OK(ws_timer_cancel(ms));

  CHECK_RC(WS_EINVAL, ws_timer_start(NULL, a.task, 0, &t));
  CHECK_RC(WS_EINVAL, ws_timer_get(es, 0, NULL));
  CHECK_RC(WS_EINVAL, ws_timer_cancel(NULL));
  CHECK(ws_timer_member(NULL) == 0 && ws_timer_list_count(NULL) == 0);
  ws_timer_free(NULL);
  ws_timer_list_free(NULL);
  ws_session_free(ms);
  ws_session_free(es);
  agency_close(&a);
}

/* --- Costs, locks, budgets --- */

static void test_costs_locks_budgets(void) {
  agency a = agency_open();
  ws_cost *c = NULL;
  OK(ws_cost_new(&c));
  CHECK(ws_cost_kind_of(c) == WS_COST_EXPENSE);
  OK(ws_cost_set_project(c, a.project));
  OK(ws_cost_set_amount(c, 25000));
  OK(ws_cost_set_date(c, test_date(2024, 2, 20)));
  OK(ws_cost_set_note(c, "Stock photos"));
  OK(ws_cost_create(a.owner, c));
  CHECK(ws_cost_id(c) > 0 && ws_cost_revision(c) == 1);
  CHECK(ws_cost_author(c) == a.owner_id);
  CHECK(ws_cost_task(c) == 0);
  CHECK_STREQ(ws_cost_kind_name(ws_cost_kind_of(c)), "expense");
  ws_cost *income = NULL;
  OK(ws_cost_new(&income));
  OK(ws_cost_set_task(income, a.task)); /* the project follows the task */
  OK(ws_cost_set_kind(income, WS_COST_INCOME));
  OK(ws_cost_set_amount(income, 50000));
  OK(ws_cost_set_date(income, test_date(2024, 3, 10)));
  OK(ws_cost_create(a.owner, income));
  CHECK(ws_cost_project(income) == a.project);
  CHECK_RC(WS_EINVAL, ws_cost_set_kind(income, (ws_cost_kind)3));

  ws_cost *got = NULL;
  OK(ws_cost_get(a.owner, ws_cost_id(c), &got));
  CHECK(ws_cost_amount(got) == 25000);
  CHECK_STREQ(ws_cost_note(got), "Stock photos");
  CHECK(ws_cost_date(got).month == 2);
  OK(ws_cost_set_amount(got, 30000));
  OK(ws_cost_update(a.owner, got));
  CHECK(ws_cost_revision(got) == 2 && ws_cost_amount(got) == 30000);
  CHECK_RC(WS_EABORTED, ws_cost_update(a.owner, c)); /* stale */
  OK(ws_cost_set_amount(got, 0));
  CHECK_RC(WS_EINVAL, ws_cost_update(a.owner, got));
  OK(ws_cost_set_amount(got, 30000));

  ws_cost_list *list = NULL;
  OK(ws_list_costs(a.owner, NULL, &list));
  CHECK(ws_cost_list_count(list) == 2);
  CHECK(ws_cost_list_at(list, 2) == NULL);
  ws_cost_list_free(list);
  ws_cost_filter cf = WS_COST_FILTER_INIT;
  cf.kind = WS_COST_INCOME;
  cf.from = test_date(2024, 3, 1);
  OK(ws_list_costs(a.owner, &cf, &list));
  CHECK(ws_cost_list_count(list) == 1);
  CHECK(ws_cost_id(ws_cost_list_at(list, 0)) == ws_cost_id(income));
  ws_cost_list_free(list);
  cf.task = -1;
  CHECK_RC(WS_EINVAL, ws_list_costs(a.owner, &cf, &list));
  ws_session *cs = session_as(&a, a.carla);
  OK(ws_list_costs(cs, NULL, &list)); /* no money for clients */
  CHECK(ws_cost_list_count(list) == 0);
  ws_cost_list_free(list);

  /* Locks: writes dated in the period fail, naming the lock. */
  ws_lock *lock = NULL;
  CHECK_RC(WS_EPERM,
           ws_lock_period(cs, a.project, test_date(2024, 2, 29), &lock));
  OK(ws_lock_period(a.owner, a.project, test_date(2024, 2, 29), &lock));
  CHECK(ws_lock_id(lock) > 0);
  CHECK(ws_lock_project(lock) == a.project);
  CHECK(ws_lock_through(lock).day == 29);
  CHECK(ws_lock_author(lock) == a.owner_id);
  CHECK(ws_lock_created_at(lock) == TEST_NOW_US);
  char lock_name[64];
  snprintf(lock_name, sizeof lock_name, "lock %lld",
           (long long)ws_lock_id(lock));
  OK(ws_cost_set_note(got, "changed"));
  CHECK_RC(WS_EPRECONDITION, ws_cost_update(a.owner, got));
  CHECK_ERRMSG_HAS(lock_name);
  CHECK_RC(WS_EPRECONDITION, ws_cost_delete(a.owner, ws_cost_id(got), 0));
  ws_time_log l = WS_TIME_LOG_INIT;
  l.task = a.task;
  l.date = test_date(2024, 2, 28);
  l.duration = HOUR;
  ws_time_entry *e = NULL;
  CHECK_RC(WS_EPRECONDITION, ws_log_time(a.owner, &l, &e));
  CHECK_ERRMSG_HAS(lock_name);
  CHECK_ERRMSG_HAS("2024-02-29");
  CHECK(e == NULL);
  ws_lock *all = NULL;
  OK(ws_lock_period(a.owner, 0, test_date(2024, 1, 31), &all));
  CHECK(ws_lock_project(all) == 0);
  ws_lock_list *locks = NULL;
  OK(ws_list_locks(a.owner, &locks));
  CHECK(ws_lock_list_count(locks) == 2);
  ws_lock *kept = NULL;
  OK(ws_lock_dup(ws_lock_list_at(locks, 0), &kept));
  ws_lock_list_free(locks);
  CHECK(ws_lock_id(kept) == ws_lock_id(lock));
  ws_lock_free(kept);
  OK(ws_unlock(a.owner, ws_lock_id(lock)));
  OK(ws_unlock(a.owner, ws_lock_id(all)));
  CHECK_RC(WS_ENOTFOUND, ws_unlock(a.owner, ws_lock_id(all)));
  OK(ws_list_locks(a.owner, &locks));
  CHECK(ws_lock_list_count(locks) == 0);
  ws_lock_list_free(locks);
  OK(ws_log_time(a.owner, &l, &e)); /* unlocked now */
  ws_time_entry_free(e);
  OK(ws_cost_delete(a.owner, ws_cost_id(got), 0));

  /* Budgets: 10 h and 1000.00 on the project. Erik's 8 h at 60.00 =
   * 480.00 billed; the owner's hour above has no billing rate. */
  e = log_time(a.owner, a.task, a.erik, test_date(2024, 3, 14), 8 * HOUR);
  ws_time_entry_free(e);
  ws_budget *b = NULL;
  OK(ws_get_project_budget(a.owner, a.project, &b));
  CHECK(ws_budget_has_time_budget(b) && ws_budget_time_budget(b) == 10 * HOUR);
  CHECK(ws_budget_time_used(b) == 9 * HOUR);
  CHECK(ws_budget_has_time_remaining(b) && ws_budget_time_remaining(b) == HOUR);
  CHECK(ws_budget_has_time_percent(b) && ws_budget_time_percent(b) > 89.9 &&
        ws_budget_time_percent(b) < 90.1);
  CHECK(ws_budget_has_money_budget(b) && ws_budget_money_budget(b) == 100000);
  CHECK(ws_budget_has_money_used(b) && ws_budget_money_used(b) == 48000);
  CHECK(ws_budget_has_money_remaining(b) &&
        ws_budget_money_remaining(b) == 52000);
  CHECK(ws_budget_has_money_percent(b));
  ws_budget_free(b);
  OK(ws_get_project_budget(cs, a.project, &b)); /* the client: no money */
  CHECK(!ws_budget_has_money_budget(b) && !ws_budget_has_money_used(b));
  CHECK(ws_budget_money_used(b) == 0);
  ws_budget_free(b);
  OK(ws_get_task_budget(a.owner, a.task, &b));
  CHECK(!ws_budget_has_time_budget(b) && !ws_budget_has_time_percent(b));
  CHECK(ws_budget_time_used(b) == 9 * HOUR);
  ws_budget_free(b);
  CHECK_RC(WS_ENOTFOUND, ws_get_task_budget(a.owner, 424242, &b));
  CHECK(b == NULL);

  /* 90% of the time budget crossed 80%. */
  ws_budget_alert_list *alerts = NULL;
  OK(ws_list_budget_alerts(a.owner, a.project, &alerts));
  CHECK(ws_budget_alert_list_count(alerts) == 1);
  const ws_budget_alert *al = ws_budget_alert_list_at(alerts, 0);
  CHECK(ws_budget_alert_project(al) == a.project);
  CHECK(ws_budget_alert_task(al) == 0);
  CHECK(ws_budget_alert_kind(al) == WS_BUDGET_TIME);
  CHECK(ws_budget_alert_percent(al) == 80);
  CHECK(ws_budget_alert_crossed_at(al) == TEST_NOW_US);
  CHECK(ws_budget_alert_list_at(alerts, 1) == NULL);
  ws_budget_alert_list_free(alerts);

  CHECK(ws_budget_time_used(NULL) == 0 && ws_cost_amount(NULL) == 0);
  CHECK(ws_budget_alert_percent(NULL) == 0 && ws_lock_id(NULL) == 0);
  ws_budget_free(NULL);
  ws_cost_free(NULL);
  ws_lock_free(NULL);
  ws_lock_free(all);
  ws_lock_free(lock);
  ws_session_free(cs);
  ws_cost_free(got);
  ws_cost_free(income);
  ws_cost_free(c);
  agency_close(&a);
}

/* --- Reports and exports --- */

/* Erik: 2 h (day 11) and 1 h (day 12) on the design task; Mia: 30 min (day
 * 12) on "Checkout"; 1 h non-billable by Erik on day 13. Rates: Erik 60.00 /
 * 30.00, Mia 90.00 / 40.00. */
static int64_t seed_time(agency *a) {
  const int64_t checkout = add_task(a->owner, a->project, "Checkout", NULL);
  ws_time_entry_free(
      log_time(a->owner, a->task, a->erik, test_date(2024, 3, 11), 2 * HOUR));
  ws_time_entry_free(
      log_time(a->owner, a->task, a->erik, test_date(2024, 3, 12), HOUR));
  ws_time_entry_free(
      log_time(a->owner, checkout, a->mia, test_date(2024, 3, 12), HOUR / 2));
  ws_time_log l = WS_TIME_LOG_INIT;
  l.task = a->task;
  l.member = a->erik;
  l.date = test_date(2024, 3, 13);
  l.duration = HOUR;
  l.billable = 0;
  ws_time_entry *e = NULL;
  OK(ws_log_time(a->owner, &l, &e));
  ws_time_entry_free(e);
  return checkout;
}

static int contains(const ws_buf *b, const char *needle) {
  return strstr(ws_buf_data(b), needle) != NULL;
}

static void test_time_report(void) {
  agency a = agency_open();
  seed_time(&a);
  ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
  ws_report_group levels[] = {WS_GROUP_MEMBER, WS_GROUP_DAY};
  q.group_by = levels;
  q.group_count = 2;
  q.from = test_date(2024, 3, 1);
  q.to = test_date(2024, 3, 31);
  ws_time_report *r = NULL;
  OK(ws_run_time_report(a.owner, &q, &r));
  CHECK(ws_time_report_level_count(r) == 2);
  CHECK(ws_time_report_level(r, 0) == WS_GROUP_MEMBER);
  CHECK(ws_time_report_level(r, 1) == WS_GROUP_DAY);
  CHECK(ws_time_report_level(r, 2) == 0);
  CHECK(ws_time_report_money_visible(r));
  CHECK_STREQ(ws_time_report_currency(r), "EUR");
  CHECK_STREQ(ws_time_report_time_zone(r), "UTC");
  /* Mia (id 2) day 12; Erik (id 3) days 11, 12, 13. */
  CHECK(ws_time_report_row_count(r) == 4);
  const ws_report_row *row = ws_time_report_row(r, 0);
  CHECK(ws_report_row_key_count(row) == 2);
  CHECK(ws_report_row_key_group(row, 0) == WS_GROUP_MEMBER);
  CHECK(ws_report_row_key_id(row, 0) == a.mia);
  CHECK_STREQ(ws_report_row_key_label(row, 0), "Mia Manager");
  CHECK(ws_report_row_key_period(row, 1).day == 12);
  CHECK_STREQ(ws_report_row_key_label(row, 1), "2024-03-12");
  CHECK(ws_report_row_seconds(row) == HOUR / 2);
  CHECK(ws_report_row_has_billed_amount(row) &&
        ws_report_row_billed_amount(row) == 4500);
  CHECK(ws_report_row_has_labour_cost(row) &&
        ws_report_row_labour_cost(row) == 2000);
  CHECK(ws_report_row_has_margin(row) && ws_report_row_margin(row) == 2500);
  CHECK(ws_report_row_key_id(row, 5) == 0);
  CHECK_STREQ(ws_report_row_key_label(row, 5), "");
  CHECK(ws_time_report_row(r, 4) == NULL);
  const ws_report_row *total = ws_time_report_total(r);
  CHECK(ws_report_row_key_count(total) == 0);
  CHECK(ws_report_row_seconds(total) == 4 * HOUR + HOUR / 2);
  CHECK(ws_report_row_billable_seconds(total) == 3 * HOUR + HOUR / 2);
  CHECK(ws_report_row_entry_count(total) == 4);
  CHECK(ws_report_row_billed_amount(total) == 18000 + 4500);
  CHECK(ws_report_row_labour_cost(total) == 4 * 3000 + 2000);

  /* CSV into a buffer: header, rows, total; BOM and separator. */
  ws_buf *b = NULL;
  OK(ws_time_report_csv(r, NULL, &b));
  CHECK(ws_buf_size(b) == strlen(ws_buf_data(b)));
  CHECK(strncmp(ws_buf_data(b), "Member,Day,Seconds,Hours,", 25) == 0);
  CHECK(contains(b,
                 "Mia Manager,2024-03-12,1800,0.50,0.50,1,45.00,20.00,"
                 "25.00\r\n"));
  CHECK(contains(b, "\r\nTotal,,16200,"));
  ws_buf_free(b);
  ws_csv_options co = WS_CSV_OPTIONS_INIT;
  co.bom = 1;
  co.separator = WS_CSV_SEMICOLON;
  co.decimal_comma = 1;
  OK(ws_time_report_csv(r, &co, &b));
  CHECK(memcmp(ws_buf_data(b), "\xEF\xBB\xBFMember;Day;", 14) == 0);
  CHECK(contains(b, "Mia Manager;2024-03-12;1800;0,50;"));
  ws_buf_free(b);
  co.separator = (ws_csv_separator)5;
  CHECK_RC(WS_EINVAL, ws_time_report_csv(r, &co, &b));
  CHECK(b == NULL);
  co.separator = WS_CSV_COMMA;
  co.version = 0;
  CHECK_RC(WS_EINVAL, ws_time_report_csv(r, &co, &b));

  /* XLSX: a zip ("PK"); JSON: an object naming the rows. */
  OK(ws_time_report_xlsx(r, NULL, &b));
  CHECK(ws_buf_size(b) > 100);
  CHECK(memcmp(ws_buf_data(b), "PK", 2) == 0);
  ws_buf_free(b);
  ws_json_options jo = WS_JSON_OPTIONS_INIT;
  OK(ws_time_report_json(r, &jo, &b));
  CHECK(ws_buf_data(b)[0] == '{');
  CHECK(ws_buf_data(b)[ws_buf_size(b) - 1] == '}');
  CHECK(contains(b, "\"rows\""));
  CHECK(contains(b, "\"billed_amount\""));
  CHECK(contains(b, "\"Mia Manager\""));
  ws_buf_free(b);

  /* Files. */
  char path[4300];
  snprintf(path, sizeof path, "%s/time.csv", g_dir);
  OK(ws_time_report_write_csv(r, path, NULL));
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  char head[8] = {0};
  CHECK(fread(head, 1, 7, f) == 7);
  fclose(f);
  CHECK(strcmp(head, "Member,") == 0);
  snprintf(path, sizeof path, "%s/time.xlsx", g_dir);
  OK(ws_time_report_write_xlsx(r, path, NULL));
  f = fopen(path, "rb");
  CHECK(f != NULL && fread(head, 1, 2, f) == 2 && memcmp(head, "PK", 2) == 0);
  fclose(f);
  snprintf(path, sizeof path, "%s/time.json", g_dir);
  OK(ws_time_report_write_json(r, path, &jo));
  snprintf(path, sizeof path, "%s/no/such/dir/time.csv", g_dir);
  CHECK_RC(WS_ENOTFOUND, ws_time_report_write_csv(r, path, NULL));
  CHECK_RC(WS_EINVAL, ws_time_report_write_csv(r, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_time_report_csv(NULL, NULL, &b));
  CHECK_RC(WS_EINVAL, ws_time_report_csv(r, NULL, NULL));
  ws_time_report_free(r);

  /* Filters: billable only, by tag, one level; bad input. */
  q.billable = WS_BILLABLE_YES;
  const char *tags[] = {"design"};
  q.tags = tags;
  q.tag_count = 1;
  ws_report_group by_tag = WS_GROUP_TAG;
  q.group_by = &by_tag;
  q.group_count = 1;
  OK(ws_run_time_report(a.owner, &q, &r));
  CHECK(ws_time_report_row_count(r) == 1);
  CHECK_STREQ(ws_report_row_key_tag(ws_time_report_row(r, 0), 0), "design");
  CHECK(ws_report_row_seconds(ws_time_report_row(r, 0)) == 3 * HOUR);
  ws_time_report_free(r);
  ws_report_group bad = (ws_report_group)42;
  q.group_by = &bad;
  CHECK_RC(WS_EINVAL, ws_run_time_report(a.owner, &q, &r));
  CHECK_ERRMSG_HAS("group_by[0]");
  q.group_by = NULL;
  CHECK_RC(WS_EINVAL, ws_run_time_report(a.owner, &q, &r));
  q.group_count = 0;
  q.from = test_date(2024, 4, 1);
  CHECK_RC(WS_EINVAL, ws_run_time_report(a.owner, &q, &r));
  CHECK(r == NULL);
  CHECK_STREQ(ws_report_group_name(WS_GROUP_WEEK), "week");

  /* The client: no money fields, and no money in any export. */
  ws_session *cs = session_as(&a, a.carla);
  OK(ws_run_time_report(cs, NULL, &r));
  CHECK(!ws_time_report_money_visible(r));
  total = ws_time_report_total(r);
  CHECK(ws_report_row_seconds(total) > 0);
  CHECK(!ws_report_row_has_billed_amount(total));
  CHECK(!ws_report_row_has_labour_cost(total));
  CHECK(!ws_report_row_has_margin(total));
  CHECK(ws_report_row_billed_amount(total) == 0);
  OK(ws_time_report_csv(r, NULL, &b));
  CHECK(!contains(b, "Billed") && !contains(b, "Margin"));
  ws_buf_free(b);
  OK(ws_time_report_json(r, NULL, &b));
  CHECK(!contains(b, "billed_amount") && !contains(b, "margin"));
  ws_buf_free(b);
  ws_time_report_free(r);

  CHECK(ws_time_report_row_count(NULL) == 0);
  CHECK(ws_time_report_total(NULL) == NULL);
  CHECK(ws_report_row_seconds(NULL) == 0);
  CHECK(ws_buf_size(NULL) == 0);
  CHECK_STREQ(ws_buf_data(NULL), "");
  ws_buf_free(NULL);
  ws_time_report_free(NULL);
  ws_session_free(cs);
  agency_close(&a);
}

static void test_other_reports(void) {
  agency a = agency_open();
  const int64_t checkout = seed_time(&a);
  /* Checkout is late (due 2024-03-10), assigned to Erik; estimate 4 h. */
  ws_task *t = NULL;
  OK(ws_task_get(a.owner, checkout, &t));
  OK(ws_task_set_assignee(t, a.erik));
  OK(ws_task_set_deadline(t, test_date(2024, 3, 10), WS_END_OF_DAY));
  OK(ws_task_set_estimate(t, 4 * HOUR));
  OK(ws_task_update(a.owner, t));
  ws_task_free(t);

  ws_overdue_query oq = WS_OVERDUE_QUERY_INIT;
  ws_overdue_report *o = NULL;
  OK(ws_run_overdue_report(a.owner, &oq, &o));
  CHECK(ws_overdue_report_as_of(o).day == 15);
  CHECK(ws_overdue_report_row_count(o) == 1);
  const ws_overdue_row *orow = ws_overdue_report_row(o, 0);
  CHECK(ws_task_id(ws_overdue_row_task(orow)) == checkout);
  CHECK_STREQ(ws_task_title(ws_overdue_row_task(orow)), "Checkout");
  CHECK_STREQ(ws_overdue_row_project_name(orow), "Website");
  CHECK_STREQ(ws_overdue_row_assignee_name(orow), "Erik Employee");
  CHECK_STREQ(ws_overdue_row_author_name(orow), "Olga");
  CHECK(ws_overdue_row_days_late(orow) == 5);
  CHECK(ws_overdue_row_late(orow));
  CHECK(ws_overdue_report_row(o, 1) == NULL);
  ws_buf *b = NULL;
  OK(ws_overdue_report_csv(o, NULL, &b));
  CHECK(strncmp(ws_buf_data(b), "Task ID,Task,Project,", 21) == 0);
  ws_buf_free(b);
  OK(ws_overdue_report_xlsx(o, NULL, &b));
  CHECK(memcmp(ws_buf_data(b), "PK", 2) == 0);
  ws_buf_free(b);
  OK(ws_overdue_report_json(o, NULL, &b));
  CHECK(ws_buf_data(b)[0] == '{' && contains(b, "Checkout"));
  ws_buf_free(b);
  ws_overdue_report_free(o);
  oq.assignee = a.mia;
  OK(ws_run_overdue_report(a.owner, &oq, &o));
  CHECK(ws_overdue_report_row_count(o) == 0);
  ws_overdue_report_free(o);
  oq.as_of = test_date(2024, 2, 31);
  CHECK_RC(WS_EINVAL, ws_run_overdue_report(a.owner, &oq, &o));

  /* Project health. */
  ws_project_health_query hq = WS_PROJECT_HEALTH_QUERY_INIT;
  hq.projects = &a.project;
  hq.project_count = 1;
  ws_project_health_list *h = NULL;
  OK(ws_run_project_health(a.owner, &hq, &h));
  CHECK(ws_project_health_list_count(h) == 1);
  const ws_project_health *ph = ws_project_health_list_at(h, 0);
  CHECK(ws_project_id(ws_project_health_project(ph)) == a.project);
  CHECK(ws_project_health_tasks_open(ph) == 2);
  CHECK(ws_project_health_tasks_done(ph) == 0);
  CHECK(ws_project_health_tasks_overdue(ph) == 1);
  CHECK(ws_project_health_percent_done(ph) == 0.0);
  CHECK(ws_project_health_has_percent_done_by_estimate(ph));
  CHECK(ws_project_health_nearest_deadline_task(ph) == checkout);
  CHECK(ws_project_health_has_nearest_deadline(ph) &&
        ws_project_health_nearest_deadline(ph).day == 10);
  CHECK(ws_project_health_nearest_deadline_minute(ph) == WS_END_OF_DAY);
  CHECK(ws_budget_time_used(ws_project_health_budget(ph)) ==
        4 * HOUR + HOUR / 2);
  CHECK(ws_project_health_has_billed(ph) &&
        ws_project_health_billed(ph) == 22500);
  CHECK(ws_project_health_has_labour_cost(ph) &&
        ws_project_health_labour_cost(ph) == 14000);
  CHECK(ws_project_health_has_expenses(ph) &&
        ws_project_health_expenses(ph) == 0);
  CHECK(ws_project_health_has_income(ph));
  CHECK(ws_project_health_has_margin(ph) &&
        ws_project_health_margin(ph) == 8500);
  CHECK(ws_project_health_has_last_activity(ph));
  OK(ws_project_health_list_csv(h, NULL, &b));
  ws_buf_free(b);
  OK(ws_project_health_list_xlsx(h, NULL, &b));
  CHECK(memcmp(ws_buf_data(b), "PK", 2) == 0);
  ws_buf_free(b);
  OK(ws_project_health_list_json(h, NULL, &b));
  CHECK(ws_buf_data(b)[0] == '{');
  ws_buf_free(b);
  ws_project_health_list_free(h);
  ws_session *cs = session_as(&a, a.carla);
  OK(ws_run_project_health(cs, NULL, &h));
  CHECK(ws_project_health_list_count(h) == 1);
  ph = ws_project_health_list_at(h, 0);
  CHECK(!ws_project_health_has_billed(ph) && !ws_project_health_has_margin(ph));
  CHECK(ws_project_health_margin(ph) == 0);
  ws_project_health_list_free(h);
  hq.projects = NULL;
  CHECK_RC(WS_EINVAL, ws_run_project_health(a.owner, &hq, &h));

  /* Workload. */
  ws_workload_query wq = WS_WORKLOAD_QUERY_INIT;
  const int64_t who[] = {a.erik, a.mia};
  wq.members = who;
  wq.member_count = 2;
  wq.from = test_date(2024, 3, 1);
  ws_workload *w = NULL;
  OK(ws_run_workload(a.owner, &wq, &w));
  CHECK(ws_workload_row_count(w) == 2);
  for (size_t i = 0; i < 2; ++i) {
    const ws_workload_row *wr = ws_workload_row_at(w, i);
    if (ws_workload_row_member(wr) == a.erik) {
      CHECK_STREQ(ws_workload_row_member_name(wr), "Erik Employee");
      CHECK(ws_workload_row_open_tasks(wr) == 1);
      CHECK(ws_workload_row_overdue_tasks(wr) == 1);
      CHECK(ws_workload_row_estimate_left(wr) == 4 * HOUR);
      CHECK(ws_workload_row_seconds_logged(wr) == 4 * HOUR);
    } else {
      CHECK(ws_workload_row_member(wr) == a.mia);
      CHECK(ws_workload_row_seconds_logged(wr) == HOUR / 2);
    }
  }
  CHECK(ws_workload_row_at(w, 2) == NULL);
  OK(ws_workload_csv(w, NULL, &b));
  CHECK(strncmp(ws_buf_data(b), "Member ID,Member,", 17) == 0);
  ws_buf_free(b);
  OK(ws_workload_xlsx(w, NULL, &b));
  ws_buf_free(b);
  OK(ws_workload_json(w, NULL, &b));
  ws_buf_free(b);
  char path[4300];
  snprintf(path, sizeof path, "%s/workload.xlsx", g_dir);
  OK(ws_workload_write_xlsx(w, path, NULL));
  ws_workload_free(w);

  /* Digest, with a forgotten timer. */
  ws_session *ms = session_as(&a, a.mia);
  ws_timer *timer = NULL;
  OK(ws_timer_start(ms, a.task, 0, &timer));
  ws_timer_free(timer);
  g_now += 11 * HOUR * US_PER_S;
  ws_digest *d = NULL;
  OK(ws_run_digest(a.owner, NULL, &d));
  CHECK(ws_digest_as_of(d).day == 15);
  CHECK_STREQ(ws_digest_time_zone(d), "UTC");
  int saw_erik = 0, saw_mia = 0, saw_owner = 0;
  for (size_t i = 0; i < ws_digest_entry_count(d); ++i) {
    const ws_digest_entry *de = ws_digest_entry_at(d, i);
    if (ws_digest_entry_member(de) == a.erik) {
      saw_erik = 1;
      CHECK_STREQ(ws_digest_entry_member_name(de), "Erik Employee");
      CHECK(ws_digest_entry_received_overdue_count(de) == 1);
      CHECK(ws_task_id(ws_overdue_row_task(
                ws_digest_entry_received_overdue(de, 0))) == checkout);
      CHECK(ws_digest_entry_received_overdue(de, 1) == NULL);
    } else if (ws_digest_entry_member(de) == a.mia) {
      saw_mia = 1;
      CHECK(ws_digest_entry_forgotten_timer_count(de) == 1);
      CHECK(ws_timer_task(ws_digest_entry_forgotten_timer(de, 0)) == a.task);
      CHECK_STREQ(ws_digest_entry_forgotten_timer_task(de, 0),
                  "Website / Landing page");
      CHECK(ws_digest_entry_forgotten_timer_task(de, 1) == NULL);
    } else if (ws_digest_entry_member(de) == a.owner_id) {
      saw_owner = 1;
      CHECK(ws_digest_entry_set_overdue_count(de) == 1);
      CHECK(ws_digest_entry_set_overdue(de, 0) != NULL);
    }
    (void)ws_digest_entry_due_this_week_count(de);
  }
  CHECK(saw_erik && saw_mia && saw_owner);
  CHECK(ws_digest_entry_at(d, 99) == NULL);
  OK(ws_digest_render_text(d, &b));
  CHECK(contains(b, "Checkout"));
  ws_buf_free(b);
  OK(ws_digest_render_markdown(d, &b));
  CHECK(contains(b, "Checkout"));
  ws_buf_free(b);
  OK(ws_digest_json(d, NULL, &b));
  CHECK(ws_buf_data(b)[0] == '{' && contains(b, "\"entries\""));
  ws_buf_free(b);
  snprintf(path, sizeof path, "%s/digest.json", g_dir);
  OK(ws_digest_write_json(d, path, NULL));
  CHECK_RC(WS_EINVAL, ws_digest_render_text(NULL, &b));
  ws_digest_free(d);
  OK(ws_timer_cancel(ms));

  CHECK(ws_overdue_row_task(NULL) == NULL);
  CHECK(ws_project_health_budget(NULL) == NULL);
  CHECK(ws_digest_entry_count(NULL) == 0 && ws_workload_row_count(NULL) == 0);
  ws_overdue_report_free(NULL);
  ws_project_health_list_free(NULL);
  ws_workload_free(NULL);
  ws_digest_free(NULL);
  ws_session_free(ms);
  ws_session_free(cs);
  agency_close(&a);
}

/* Every test, in order; each opens g_uri afresh. */
/* A batch is one transaction: every entry, or none when one log is bad. */
static void test_time_batch(void) {
  agency a = agency_open();
  ws_session *es = session_as(&a, a.erik);
  ws_time_log logs[3];
  const ws_time_log *ptrs[3];
  for (int i = 0; i < 3; ++i) {
    ws_time_log l = WS_TIME_LOG_INIT;
    l.task = a.task;
    l.duration = 600 * (i + 1);
    l.date = test_date(2024, 3, 10 + i);
    logs[i] = l;
    ptrs[i] = &logs[i];
  }
  size_t written = 99;
  logs[1].duration = 25 * 3600; /* over 24 h */
  CHECK_RC(WS_EINVAL, ws_log_time_batch(es, ptrs, 3, &written));
  CHECK_ERRMSG_HAS("logs[1]");
  CHECK(written == 0);
  ws_time_entry_page *page = NULL;
  OK(ws_list_time_entries(es, NULL, NULL, &page));
  CHECK(ws_time_entry_page_count(page) == 0);
  ws_time_entry_page_free(page);

  logs[1].duration = 1200;
  OK(ws_log_time_batch(es, ptrs, 3, &written));
  CHECK(written == 3);
  OK(ws_list_time_entries(es, NULL, NULL, &page));
  CHECK(ws_time_entry_page_count(page) == 3);
  CHECK(ws_time_entry_duration(ws_time_entry_page_at(page, 2)) == 1800);
  ws_time_entry_page_free(page);

  CHECK_RC(WS_EINVAL, ws_log_time_batch(es, NULL, 2, &written));
  OK(ws_log_time_batch(es, NULL, 0, NULL));
  ws_session_free(es);
  agency_close(&a);
}

#define ALL_TESTS(X)          \
  X(test_settings_fields)     \
  X(test_project_fields)      \
  X(test_time_entries)        \
  X(test_time_entry_lists)    \
  X(test_time_batch)          \
  X(test_timers)              \
  X(test_costs_locks_budgets) \
  X(test_time_report)         \
  X(test_other_reports)       \
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
