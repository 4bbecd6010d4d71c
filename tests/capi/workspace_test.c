/* The C API: versions, errors, opening and bootstrapping workspaces,
 * sessions, settings and members; NULL handling everywhere. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

#ifndef WS_EXPECTED_VERSION
#error "the build passes WS_EXPECTED_VERSION, the CMake project version"
#endif

static ws_setup agency_setup(void) {
  ws_setup s = WS_SETUP_INIT;
  s.name = "Agency";
  s.time_zone = "Europe/Berlin";
  s.currency = "EUR";
  s.owner_name = "Olga Owner";
  s.owner_email = "olga@agency.test";
  return s;
}

static ws_workspace *open_memory(void) {
  ws_setup setup = agency_setup();
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.create = &setup;
  o.clock = test_clock;
  ws_workspace *ws = NULL;
  OK(ws_workspace_open("memory:", &o, &ws));
  CHECK(ws != NULL);
  return ws;
}

static void test_version(void) {
  CHECK_STREQ(ws_version(), WS_EXPECTED_VERSION);
  CHECK_STREQ(ws_version(), WS_VERSION_STRING);
  CHECK(ws_version_number() == WS_VERSION_NUMBER);
  char header[32];
  snprintf(header, sizeof header, "%d.%d.%d", WS_VERSION_MAJOR,
           WS_VERSION_MINOR, WS_VERSION_PATCH);
  CHECK_STREQ(header, WS_EXPECTED_VERSION);
}

static void test_error_state(void) {
  CHECK(ws_errmsg() != NULL);
  CHECK_STREQ(ws_errname(WS_OK), "WS_OK");
  CHECK_STREQ(ws_errname(WS_EABORTED), "WS_EABORTED");
  CHECK_STREQ(ws_errname(WS_DONE), "WS_DONE");
  CHECK_STREQ(ws_errname(-999), "WS_E?");

  ws_workspace *ws = (ws_workspace *)1; /* must be overwritten with NULL */
  CHECK_RC(WS_EINVAL, ws_workspace_open(NULL, NULL, &ws));
  CHECK(ws == NULL);
  CHECK(ws_errcode() == WS_EINVAL);
  CHECK_ERRMSG_HAS("ws_workspace_open");
  CHECK_ERRMSG_HAS("uri");
  /* The next int-returning call replaces the error. */
  ws_member *m = NULL;
  OK(ws_member_new(&m));
  CHECK(ws_errcode() == WS_OK);
  CHECK_STREQ(ws_errmsg(), "");
  /* Accessors leave it alone. */
  CHECK_RC(WS_EINVAL, ws_member_set_name(NULL, "x"));
  (void)ws_member_name(m);
  (void)ws_member_id(NULL);
  CHECK(ws_errcode() == WS_EINVAL);
  ws_member_free(m);
}

static void test_null_handles(void) {
  ws_workspace *ws = open_memory();
  ws_session *s = NULL;
  ws_member *m = NULL;
  ws_settings *st = NULL;
  ws_project *p = NULL;
  ws_task *t = NULL;
  ws_comment *c = NULL;
  ws_member_list *ml = NULL;
  ws_project_list *pl = NULL;
  ws_comment_list *cl = NULL;
  ws_task_page *page = NULL;
  ws_task_iter *it = NULL;
  int flag = 0;
  ws_date d;

  CHECK_RC(WS_EINVAL, ws_workspace_open("memory:", NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(NULL, NULL, &m));
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, NULL, &m));
  CHECK_ERRMSG_HAS("setup");
  CHECK_RC(WS_EINVAL, ws_workspace_initialized(NULL, &flag));
  CHECK_RC(WS_EINVAL, ws_workspace_initialized(ws, NULL));
  CHECK_RC(WS_EINVAL, ws_workspace_first_owner(NULL, &m));
  CHECK_RC(WS_EINVAL, ws_workspace_first_owner(ws, NULL));
  CHECK(ws_workspace_read_only(NULL) == 0);
  CHECK(ws_workspace_now(NULL) == 0);

  CHECK_RC(WS_EINVAL, ws_session_open(NULL, 1, &s));
  CHECK(s == NULL);
  CHECK_RC(WS_EINVAL, ws_session_open(ws, 1, NULL));
  CHECK(ws_session_actor(NULL) == 0);
  CHECK_RC(WS_EINVAL, ws_session_today(NULL, &d));
  OK(ws_session_open(ws, 1, &s));
  CHECK_RC(WS_EINVAL, ws_session_today(s, NULL));

  CHECK_RC(WS_EINVAL, ws_settings_get(NULL, &st));
  CHECK_RC(WS_EINVAL, ws_settings_get(s, NULL));
  CHECK_RC(WS_EINVAL, ws_settings_update(s, NULL));
  CHECK_RC(WS_EINVAL, ws_settings_set_name(NULL, "x"));

  CHECK_RC(WS_EINVAL, ws_member_new(NULL));
  CHECK_RC(WS_EINVAL, ws_member_dup(NULL, &m));
  CHECK_RC(WS_EINVAL, ws_member_create(NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_member_create(s, NULL));
  CHECK_RC(WS_EINVAL, ws_member_get(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_member_get(NULL, 1, &m));
  CHECK_RC(WS_EINVAL, ws_member_update(s, NULL));
  CHECK_RC(WS_EINVAL, ws_member_deactivate(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_member_reactivate(NULL, 1, &m));
  CHECK_RC(WS_EINVAL, ws_list_members(s, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_list_members(NULL, NULL, &ml));
  OK(ws_member_new(&m));
  CHECK_RC(WS_EINVAL, ws_member_set_name(m, NULL));
  CHECK_RC(WS_EINVAL, ws_member_set_email(m, NULL));
  ws_member_free(m);

  CHECK_RC(WS_EINVAL, ws_project_new(NULL));
  CHECK_RC(WS_EINVAL, ws_project_create(s, NULL));
  CHECK_RC(WS_EINVAL, ws_project_get(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_project_update(NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_project_archive(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_list_projects(s, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_list_projects(NULL, NULL, &pl));
  CHECK_RC(WS_EINVAL, ws_project_set_tags(NULL, NULL, 0));
  OK(ws_project_new(&p));
  CHECK_RC(WS_EINVAL, ws_project_set_tags(p, NULL, 2));
  {
    const char *tags[] = {"a", NULL};
    CHECK_RC(WS_EINVAL, ws_project_set_tags(p, tags, 2));
    CHECK_ERRMSG_HAS("tags[1]");
  }
  OK(ws_project_set_tags(p, NULL, 0));
  ws_project_free(p);

  CHECK_RC(WS_EINVAL, ws_task_new(NULL));
  CHECK_RC(WS_EINVAL, ws_task_create(s, NULL));
  CHECK_RC(WS_EINVAL, ws_task_create(NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_task_get(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_task_update(s, NULL));
  CHECK_RC(WS_EINVAL, ws_task_complete(s, 1, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_task_reopen(NULL, 1, &t));
  CHECK_RC(WS_EINVAL, ws_task_move(s, 1, 1, 0, NULL));
  CHECK_RC(WS_EINVAL, ws_list_tasks(s, NULL, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_list_tasks(NULL, NULL, NULL, &page));
  CHECK_RC(WS_EINVAL, ws_task_iter_new(s, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_task_iter_new(NULL, NULL, &it));
  {
    const ws_task *next = NULL;
    CHECK_RC(WS_EINVAL, ws_task_iter_next(NULL, &next));
    CHECK_RC(WS_EINVAL, ws_task_iter_next(NULL, NULL));
  }
  CHECK_RC(WS_EINVAL, ws_task_set_title(NULL, "x"));
  CHECK_RC(WS_EINVAL, ws_task_checklist_add(NULL, "x", 0));
  CHECK_RC(WS_EINVAL, ws_task_set_subscribers(NULL, NULL, 0));
  OK(ws_task_new(&t));
  CHECK_RC(WS_EINVAL, ws_task_set_title(t, NULL));
  CHECK_RC(WS_EINVAL, ws_task_checklist_add(t, NULL, 0));
  CHECK_RC(WS_EINVAL, ws_task_set_subscribers(t, NULL, 3));
  CHECK_RC(WS_EINVAL, ws_task_add_tag(t, NULL));
  CHECK_RC(WS_ERANGE, ws_task_checklist_set_done(t, 0, 1));
  CHECK_RC(WS_ERANGE, ws_task_checklist_remove(t, 5));
  ws_task_free(t);

  CHECK_RC(WS_EINVAL, ws_comment_new(NULL));
  CHECK_RC(WS_EINVAL, ws_comment_create(s, NULL));
  CHECK_RC(WS_EINVAL, ws_comment_get(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_comment_update(NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_list_comments(s, 1, NULL));
  CHECK_RC(WS_EINVAL, ws_list_comments(NULL, 1, &cl));
  CHECK_RC(WS_EINVAL, ws_comment_set_text(NULL, "x"));
  OK(ws_comment_new(&c));
  CHECK_RC(WS_EINVAL, ws_comment_set_text(c, NULL));
  ws_comment_free(c);

  /* Accessors on NULL: zero values, "" for strings, NULL for items. */
  CHECK(ws_task_id(NULL) == 0);
  CHECK_STREQ(ws_task_title(NULL), "");
  CHECK_STREQ(ws_member_email(NULL), "");
  CHECK_STREQ(ws_settings_name(NULL), "");
  CHECK(ws_task_tag(NULL, 0) == NULL);
  CHECK(ws_task_deadline_minute(NULL) == WS_END_OF_DAY);
  CHECK(ws_task_deadline(NULL).year == 0);
  CHECK(ws_project_member_count(NULL) == 0);
  CHECK(ws_member_list_count(NULL) == 0);
  CHECK(ws_member_list_at(NULL, 0) == NULL);
  CHECK(ws_task_page_count(NULL) == 0);
  CHECK_STREQ(ws_task_page_next_token(NULL), "");
  CHECK(ws_comment_list_at(NULL, 0) == NULL);
  CHECK(ws_project_list_count(NULL) == 0);

  /* Every free function is NULL-safe. */
  ws_workspace_free(NULL);
  ws_session_free(NULL);
  ws_settings_free(NULL);
  ws_member_free(NULL);
  ws_member_list_free(NULL);
  ws_project_free(NULL);
  ws_project_list_free(NULL);
  ws_task_free(NULL);
  ws_task_page_free(NULL);
  ws_task_iter_free(NULL);
  ws_comment_free(NULL);
  ws_comment_list_free(NULL);

  ws_session_free(s);
  ws_workspace_free(ws);
}

static void test_open_memory_and_bootstrap(void) {
  ws_workspace *ws = NULL;
  OK(ws_workspace_open("memory:", NULL, &ws));
  int initialized = -1;
  OK(ws_workspace_initialized(ws, &initialized));
  CHECK(initialized == 0);
  ws_member *owner = NULL;
  CHECK_RC(WS_EPRECONDITION, ws_workspace_first_owner(ws, &owner));
  CHECK(owner == NULL);

  /* A bad setup names the field. */
  ws_setup bad = agency_setup();
  bad.currency = "euro";
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, &bad, &owner));
  CHECK_ERRMSG_HAS("currency");
  bad = agency_setup();
  bad.owner_email = NULL;
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, &bad, &owner));
  CHECK_ERRMSG_HAS("owner_email");
  bad = agency_setup();
  bad.week_start = (ws_weekday)9;
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, &bad, &owner));
  bad = agency_setup();
  bad.version = 0;
  CHECK_RC(WS_EINVAL, ws_workspace_bootstrap(ws, &bad, &owner));
  CHECK_ERRMSG_HAS("version");

  ws_setup setup = agency_setup();
  setup.week_start = WS_SUNDAY;
  OK(ws_workspace_bootstrap(ws, &setup, &owner));
  CHECK(ws_member_id(owner) > 0);
  CHECK(ws_member_role(owner) == WS_ROLE_OWNER);
  CHECK_STREQ(ws_member_name(owner), "Olga Owner");
  CHECK_STREQ(ws_member_email(owner), "olga@agency.test");
  CHECK(ws_member_active(owner));
  OK(ws_workspace_initialized(ws, &initialized));
  CHECK(initialized == 1);

  ws_member *again = NULL;
  CHECK_RC(WS_EPRECONDITION, ws_workspace_bootstrap(ws, &setup, &again));
  CHECK(again == NULL);

  ws_member *first = NULL;
  OK(ws_workspace_first_owner(ws, &first));
  CHECK(ws_member_id(first) == ws_member_id(owner));

  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  CHECK(ws_session_actor(s) == ws_member_id(owner));
  ws_settings *st = NULL;
  OK(ws_settings_get(s, &st));
  CHECK_STREQ(ws_settings_name(st), "Agency");
  CHECK_STREQ(ws_settings_time_zone(st), "Europe/Berlin");
  CHECK_STREQ(ws_settings_currency(st), "EUR");
  CHECK(ws_settings_week_start(st) == WS_SUNDAY);

  ws_settings_free(st);
  ws_session_free(s);
  ws_member_free(first);
  ws_member_free(owner);
  ws_workspace_free(ws);
}

static void test_open_sqlite(void) {
  char dir[4096], path[4200], uri[4300];
  tmpdir_make(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/agency.db", dir);
  snprintf(uri, sizeof uri, "sqlite:%s", path);

  ws_setup setup = agency_setup();
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.create = &setup;
  ws_workspace *ws = NULL;
  OK(ws_workspace_open(uri, &o, &ws));
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  ws_member *m = NULL;
  OK(ws_member_new(&m));
  OK(ws_member_set_name(m, "Erik Employee"));
  OK(ws_member_set_email(m, "erik@agency.test"));
  OK(ws_member_create(s, m));
  const int64_t erik = ws_member_id(m);
  ws_member_free(m);
  ws_session_free(s);
  ws_workspace_free(ws);

  /* Reopened by plain path, read-only: the data is there; writes fail. */
  ws_open_options ro = WS_OPEN_OPTIONS_INIT;
  ro.read_only = 1;
  OK(ws_workspace_open(path, &ro, &ws));
  CHECK(ws_workspace_read_only(ws) == 1);
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  OK(ws_member_get(s, erik, &m));
  CHECK_STREQ(ws_member_name(m), "Erik Employee");
  OK(ws_member_set_name(m, "Erik E."));
  CHECK_RC(WS_EPRECONDITION, ws_member_update(s, m));
  CHECK_STREQ(ws_member_name(m), "Erik E."); /* a failed call keeps it */
  ws_member_free(m);
  ws_session_free(s);
  ws_workspace_free(ws);

  /* Not a workspace file. */
  char junk[4200];
  snprintf(junk, sizeof junk, "%s/junk.db", dir);
  FILE *f = fopen(junk, "w");
  CHECK(f != NULL);
  fputs("this is not a SQLite database, not even close to one......", f);
  fclose(f);
  CHECK(ws_workspace_open(junk, NULL, &ws) < 0);
  CHECK(ws == NULL);
  CHECK(strlen(ws_errmsg()) > 0);

  /* A negative busy timeout. */
  ws_open_options neg = WS_OPEN_OPTIONS_INIT;
  neg.busy_timeout_ms = -1;
  CHECK_RC(WS_EINVAL, ws_workspace_open(path, &neg, &ws));
  CHECK_ERRMSG_HAS("busy_timeout_ms");

  ws_member_free(owner);
  tmpdir_remove(dir);
}

static void test_clock_and_today(void) {
  ws_workspace *ws = open_memory();
  CHECK(ws_workspace_now(ws) == TEST_NOW_US);
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  CHECK(ws_member_created_at(owner) == TEST_NOW_US);
  CHECK(ws_member_updated_at(owner) == TEST_NOW_US);
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  ws_date today;
  OK(ws_session_today(s, &today));
  CHECK(today.year == 2024 && today.month == 3 && today.day == 15);
  ws_session_free(s);
  ws_member_free(owner);
  ws_workspace_free(ws);
}

static void test_settings(void) {
  ws_workspace *ws = open_memory();
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));

  ws_settings *st = NULL;
  OK(ws_settings_get(s, &st));
  const int64_t rev = ws_settings_revision(st);
  CHECK(rev >= 1);
  OK(ws_settings_set_name(st, "Agency GmbH"));
  OK(ws_settings_set_time_zone(st, "America/New_York"));
  OK(ws_settings_set_currency(st, "USD"));
  OK(ws_settings_set_week_start(st, WS_SATURDAY));
  CHECK_RC(WS_EINVAL, ws_settings_set_week_start(st, (ws_weekday)0));
  OK(ws_settings_update(s, st));
  CHECK(ws_settings_revision(st) == rev + 1);
  CHECK_STREQ(ws_settings_name(st), "Agency GmbH");
  CHECK(ws_settings_week_start(st) == WS_SATURDAY);

  /* A stale revision: WS_EABORTED, and nothing changes. */
  OK(ws_settings_set_revision(st, rev));
  OK(ws_settings_set_name(st, "Lost update"));
  CHECK_RC(WS_EABORTED, ws_settings_update(s, st));
  CHECK(strlen(ws_errmsg()) > 0);
  ws_settings *now = NULL;
  OK(ws_settings_get(s, &now));
  CHECK_STREQ(ws_settings_name(now), "Agency GmbH");

  /* Bad input names the field. */
  OK(ws_settings_set_revision(now, 0));
  OK(ws_settings_set_time_zone(now, "Mars/Olympus"));
  CHECK_RC(WS_EINVAL, ws_settings_update(s, now));
  CHECK_ERRMSG_HAS("Mars/Olympus");

  /* An employee may not edit settings. */
  ws_member *m = NULL;
  OK(ws_member_new(&m));
  OK(ws_member_set_name(m, "Erik"));
  OK(ws_member_set_email(m, "erik@agency.test"));
  OK(ws_member_create(s, m));
  ws_session *es = NULL;
  OK(ws_session_open(ws, ws_member_id(m), &es));
  ws_settings *mine = NULL;
  OK(ws_settings_get(es, &mine));
  OK(ws_settings_set_name(mine, "Erik's agency"));
  CHECK_RC(WS_EPERM, ws_settings_update(es, mine));
  CHECK(ws_errcode() == WS_EPERM);

  ws_settings_free(mine);
  ws_session_free(es);
  ws_member_free(m);
  ws_settings_free(now);
  ws_settings_free(st);
  ws_session_free(s);
  ws_member_free(owner);
  ws_workspace_free(ws);
}

static void test_members(void) {
  ws_workspace *ws = open_memory();
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));

  ws_member *m = NULL;
  OK(ws_member_new(&m));
  CHECK(ws_member_role(m) == WS_ROLE_EMPLOYEE);
  CHECK(ws_member_active(m));
  CHECK(!ws_member_has_cost_rate(m));
  OK(ws_member_set_name(m, "Anna Admin"));
  OK(ws_member_set_email(m, "Anna@Agency.TEST"));
  OK(ws_member_set_role(m, WS_ROLE_ADMIN));
  OK(ws_member_set_company(m, "Agency"));
  OK(ws_member_set_cost_rate(m, 4000));
  OK(ws_member_set_billing_rate(m, 9000));
  CHECK_RC(WS_EINVAL, ws_member_set_role(m, (ws_role)42));
  OK(ws_member_create(s, m));
  const int64_t anna = ws_member_id(m);
  CHECK(anna > 0);
  CHECK(ws_member_revision(m) == 1);
  CHECK_STREQ(ws_member_email(m), "anna@agency.test");
  CHECK(ws_member_has_cost_rate(m) && ws_member_cost_rate(m) == 4000);
  CHECK(ws_member_has_billing_rate(m) && ws_member_billing_rate(m) == 9000);

  /* Same e-mail again. */
  ws_member *dup = NULL;
  OK(ws_member_dup(m, &dup));
  CHECK_RC(WS_EEXISTS, ws_member_create(s, dup));
  CHECK_ERRMSG_HAS("anna@agency.test");
  CHECK(ws_member_id(dup) == anna); /* unchanged by the failed call */
  ws_member_free(dup);

  /* Bad input. */
  ws_member *bad = NULL;
  OK(ws_member_new(&bad));
  OK(ws_member_set_name(bad, "No Mail"));
  OK(ws_member_set_email(bad, "not an e-mail"));
  CHECK_RC(WS_EINVAL, ws_member_create(s, bad));
  CHECK_ERRMSG_HAS("email");
  CHECK(ws_member_id(bad) == 0);
  ws_member_free(bad);

  /* Update; then a stale revision. */
  ws_member *got = NULL;
  OK(ws_member_get(s, anna, &got));
  CHECK_STREQ(ws_member_name(got), "Anna Admin");
  OK(ws_member_set_company(got, "Agency Ltd"));
  OK(ws_member_clear_cost_rate(got)); /* unset on update: kept */
  OK(ws_member_update(s, got));
  CHECK(ws_member_revision(got) == 2);
  CHECK_STREQ(ws_member_company(got), "Agency Ltd");
  CHECK(ws_member_cost_rate(got) == 4000);
  OK(ws_member_set_company(m, "Stale Inc"));
  CHECK_RC(WS_EABORTED, ws_member_update(s, m)); /* m still has revision 1 */
  CHECK(ws_member_revision(m) == 1);

  /* Not found. */
  ws_member *none = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_member_get(s, 999999, &none));
  CHECK(none == NULL);
  CHECK_ERRMSG_HAS("999999");

  /* Deactivate, list, reactivate; the last owner stays. */
  ws_member *deact = NULL;
  OK(ws_member_deactivate(s, anna, &deact));
  CHECK(!ws_member_active(deact));
  ws_member_list *list = NULL;
  OK(ws_list_members(s, NULL, &list));
  CHECK(ws_member_list_count(list) == 1);
  ws_member_list_free(list);
  ws_member_filter f = WS_MEMBER_FILTER_INIT;
  f.include_inactive = 1;
  OK(ws_list_members(s, &f, &list));
  CHECK(ws_member_list_count(list) == 2);
  CHECK(ws_member_id(ws_member_list_at(list, 0)) == ws_member_id(owner));
  CHECK(ws_member_id(ws_member_list_at(list, 1)) == anna);
  CHECK(ws_member_list_at(list, 2) == NULL);
  ws_member_list_free(list);
  f.role = WS_ROLE_ADMIN;
  OK(ws_list_members(s, &f, &list));
  CHECK(ws_member_list_count(list) == 1);
  ws_member_list_free(list);
  f.role = (ws_role)77;
  CHECK_RC(WS_EINVAL, ws_list_members(s, &f, &list));
  CHECK(list == NULL);

  ws_member *react = NULL;
  OK(ws_member_reactivate(s, anna, &react));
  CHECK(ws_member_active(react));
  ws_member *last = NULL;
  CHECK_RC(WS_EPRECONDITION,
           ws_member_deactivate(s, ws_member_id(owner), &last));
  CHECK(last == NULL);

  /* An employee sees members but no rates; may not create any. */
  ws_member *e = NULL;
  OK(ws_member_new(&e));
  OK(ws_member_set_name(e, "Erik"));
  OK(ws_member_set_email(e, "erik@agency.test"));
  OK(ws_member_create(s, e));
  ws_session *es = NULL;
  OK(ws_session_open(ws, ws_member_id(e), &es));
  ws_member *seen = NULL;
  OK(ws_member_get(es, anna, &seen));
  CHECK(!ws_member_has_cost_rate(seen));
  CHECK(ws_member_cost_rate(seen) == 0);
  CHECK(!ws_member_has_billing_rate(seen));
  ws_member *x = NULL;
  OK(ws_member_new(&x));
  OK(ws_member_set_name(x, "X"));
  OK(ws_member_set_email(x, "x@agency.test"));
  CHECK_RC(WS_EPERM, ws_member_create(es, x));

  /* An unknown actor. */
  ws_session *ghost = NULL;
  OK(ws_session_open(ws, 424242, &ghost));
  ws_settings *st = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_settings_get(ghost, &st));

  ws_session_free(ghost);
  ws_member_free(x);
  ws_member_free(seen);
  ws_session_free(es);
  ws_member_free(e);
  ws_member_free(react);
  ws_member_free(deact);
  ws_member_free(got);
  ws_member_free(m);
  ws_session_free(s);
  ws_member_free(owner);
  ws_workspace_free(ws);
}

static void test_names(void) {
  CHECK_STREQ(ws_role_name(WS_ROLE_OWNER), "owner");
  CHECK_STREQ(ws_role_name(WS_ROLE_READER), "reader");
  CHECK_STREQ(ws_role_name((ws_role)0), "");
  CHECK_STREQ(ws_project_role_name(WS_PROJECT_CLIENT), "client");
  CHECK_STREQ(ws_project_status_name(WS_PROJECT_ARCHIVED), "archived");
  CHECK_STREQ(ws_task_status_name(WS_TASK_DONE), "done");
  CHECK_STREQ(ws_task_status_name((ws_task_status)9), "");
}

int main(void) {
  RUN(test_version);
  RUN(test_error_state);
  RUN(test_names);
  RUN(test_null_handles);
  RUN(test_open_memory_and_bootstrap);
  RUN(test_open_sqlite);
  RUN(test_clock_and_today);
  RUN(test_settings);
  RUN(test_members);
  return 0;
}
