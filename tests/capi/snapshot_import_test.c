/* Snapshots and imports from C: a workspace exported (binary and JSON) and
 * imported into fresh stores exports again to the same bytes; an import
 * into a store that holds a workspace is refused and changes nothing; the
 * progress callback receives its user data; Taskwarrior and Timewarrior
 * inputs come in with a readable report; NULL and bad arguments give
 * WS_EINVAL. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

/* What the progress callback saw. */
typedef struct progress_log {
  int calls;
  int64_t first_done;
  int64_t last_done;
  int64_t last_total;
  int went_back; /* done decreased between calls */
} progress_log;

static void on_progress(void *user_data, int64_t done, int64_t total) {
  progress_log *p = (progress_log *)user_data;
  if (p->calls == 0) p->first_done = done;
  if (p->calls > 0 && done < p->last_done) p->went_back = 1;
  p->calls++;
  p->last_done = done;
  p->last_total = total;
}

static void check_progress_complete(const progress_log *p, int64_t total) {
  CHECK(p->calls >= 2);
  CHECK(p->first_done == 0);
  CHECK(p->last_done == total && p->last_total == total);
  CHECK(!p->went_back);
}

static ws_workspace *open_agency(const char *uri) {
  ws_setup setup = WS_SETUP_INIT;
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  ws_workspace *ws = NULL;
  setup.name = "Agency";
  setup.currency = "EUR";
  setup.owner_name = "Olga";
  setup.owner_email = "olga@agency.test";
  options.create = &setup;
  options.clock = test_clock;
  OK(ws_workspace_open(uri, &options, &ws));
  return ws;
}

/* An empty store: no workspace in it yet. */
static ws_workspace *open_empty(const char *uri) {
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  ws_workspace *ws = NULL;
  int initialized = -1;
  options.clock = test_clock;
  OK(ws_workspace_open(uri, &options, &ws));
  OK(ws_workspace_initialized(ws, &initialized));
  CHECK(initialized == 0);
  return ws;
}

static ws_session *owner_session(ws_workspace *ws) {
  ws_member *owner = NULL;
  ws_session *s = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  ws_member_free(owner);
  return s;
}

/* A member, a project, a task with a comment, a time entry and a running
 * timer: something of each kind a snapshot carries. Returns the member. */
static int64_t fill(ws_session *s) {
  ws_member *erik = NULL;
  ws_project *p = NULL;
  ws_task *t = NULL;
  ws_comment *c = NULL;
  ws_time_entry *e = NULL;
  ws_timer *timer = NULL;
  ws_time_log log = WS_TIME_LOG_INIT;
  int64_t id;

  OK(ws_member_new(&erik));
  OK(ws_member_set_name(erik, "Erik"));
  OK(ws_member_set_email(erik, "erik@agency.test"));
  OK(ws_member_set_billing_rate(erik, 9000));
  OK(ws_member_create(s, erik));
  id = ws_member_id(erik);

  OK(ws_project_new(&p));
  OK(ws_project_set_name(p, "Web"));
  OK(ws_project_set_money_budget(p, 500000));
  OK(ws_project_set_member(p, id, WS_PROJECT_MEMBER));
  OK(ws_project_create(s, p));

  OK(ws_task_new(&t));
  OK(ws_task_set_project(t, ws_project_id(p)));
  OK(ws_task_set_title(t, "Landing page \xC3\xA9t\xC3\xA9"));
  OK(ws_task_set_deadline(t, test_date(2024, 3, 20), 17 * 60));
  OK(ws_task_create(s, t));

  OK(ws_comment_new(&c));
  OK(ws_comment_set_task(c, ws_task_id(t)));
  OK(ws_comment_set_text(c, "Hero first."));
  OK(ws_comment_create(s, c));

  log.task = ws_task_id(t);
  log.duration = 90 * 60;
  log.note = "wireframes";
  OK(ws_log_time(s, &log, &e));
  OK(ws_timer_start(s, ws_task_id(t), 0, &timer));

  ws_timer_free(timer);
  ws_time_entry_free(e);
  ws_comment_free(c);
  ws_task_free(t);
  ws_project_free(p);
  ws_member_free(erik);
  return id;
}

static void check_same_bytes(const ws_buf *a, const ws_buf *b) {
  CHECK(ws_buf_size(a) == ws_buf_size(b));
  CHECK(memcmp(ws_buf_data(a), ws_buf_data(b), ws_buf_size(a)) == 0);
}

/* Imports `snapshot` into the empty store `uri`, then exports it again in
 * `format`: the bytes must be `expected`. */
static void check_round_trip(const char *uri, const ws_buf *snapshot,
                             ws_snapshot_format format,
                             const ws_buf *expected) {
  ws_workspace *copy = open_empty(uri);
  ws_session *s;
  ws_buf *again = NULL;
  progress_log p = {0, -1, -1, -1, 0};
  int initialized = 0;

  OK(ws_import_snapshot(copy, ws_buf_data(snapshot), ws_buf_size(snapshot),
                        on_progress, &p));
  check_progress_complete(&p, p.last_total);
  CHECK(p.last_total > 5); /* settings, members, project, task, ... */
  OK(ws_workspace_initialized(copy, &initialized));
  CHECK(initialized == 1);

  s = owner_session(copy);
  OK(ws_export_snapshot(s, format, &again));
  check_same_bytes(again, expected);
  ws_buf_free(again);
  ws_session_free(s);
  ws_workspace_free(copy);
}

static void test_export_import_round_trip(void) {
  char dir[4096];
  char uri[4200];
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_buf *binary = NULL, *json = NULL;

  fill(s);
  OK(ws_export_snapshot(s, WS_SNAPSHOT_BINARY, &binary));
  CHECK(ws_buf_size(binary) > WS_SNAPSHOT_MAGIC_BYTES);
  CHECK(memcmp(ws_buf_data(binary), WS_SNAPSHOT_MAGIC,
               WS_SNAPSHOT_MAGIC_BYTES) == 0);
  OK(ws_export_snapshot(s, WS_SNAPSHOT_JSON, &json));
  CHECK(ws_buf_data(json)[0] == '{');
  CHECK(strlen(ws_buf_data(json)) == ws_buf_size(json));
  CHECK(strstr(ws_buf_data(json), "Landing page \xC3\xA9t\xC3\xA9") != NULL);
  CHECK(strstr(ws_buf_data(json), "erik@agency.test") != NULL);

  /* Each encoding into a fresh in-memory store and into a fresh SQLite
   * file; the copy exports byte-identical, in either encoding. */
  check_round_trip("memory:", binary, WS_SNAPSHOT_BINARY, binary);
  check_round_trip("memory:", json, WS_SNAPSHOT_JSON, json);
  tmpdir_make(dir, sizeof dir);
  snprintf(uri, sizeof uri, "sqlite:%s/from-binary.db", dir);
  check_round_trip(uri, binary, WS_SNAPSHOT_JSON, json);
  snprintf(uri, sizeof uri, "sqlite:%s/from-json.db", dir);
  check_round_trip(uri, json, WS_SNAPSHOT_BINARY, binary);
  tmpdir_remove(dir);

  ws_buf_free(json);
  ws_buf_free(binary);
  ws_session_free(s);
  ws_workspace_free(ws);
}

static void test_import_refused_and_changes_nothing(void) {
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_workspace *empty = open_empty("memory:");
  ws_buf *before = NULL, *after = NULL;
  progress_log p = {0, -1, -1, -1, 0};
  int initialized = -1;
  fill(s);
  OK(ws_export_snapshot(s, WS_SNAPSHOT_BINARY, &before));

  /* A store that holds a workspace: refused, nothing changed. */
  CHECK_RC(WS_EPRECONDITION,
           ws_import_snapshot(ws, ws_buf_data(before), ws_buf_size(before),
                              on_progress, &p));
  CHECK_ERRMSG_HAS("already holds workspace \"Agency\"");
  CHECK(ws_errcode() == WS_EPRECONDITION);
  CHECK(p.calls == 0);
  OK(ws_export_snapshot(s, WS_SNAPSHOT_BINARY, &after));
  check_same_bytes(after, before);
  ws_buf_free(after);

  /* Not a snapshot; a binary snapshot cut short: the empty store stays
   * empty. */
  CHECK_RC(WS_EINVAL, ws_import_snapshot(empty, "hello", 5, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_import_snapshot(empty, "", 0, NULL, NULL));
  CHECK_RC(WS_EDATALOSS,
           ws_import_snapshot(empty, ws_buf_data(before),
                              ws_buf_size(before) - 3, NULL, NULL));
  CHECK_ERRMSG_HAS("record");
  OK(ws_workspace_initialized(empty, &initialized));
  CHECK(initialized == 0);
  /* ... and still takes the whole snapshot afterwards. */
  OK(ws_import_snapshot(empty, ws_buf_data(before), ws_buf_size(before), NULL,
                        NULL));
  OK(ws_workspace_initialized(empty, &initialized));
  CHECK(initialized == 1);

  /* A store opened read-only is never written, empty or not. */
  {
    char dir[4096];
    char uri[4200];
    ws_open_options read_only = WS_OPEN_OPTIONS_INIT;
    ws_workspace *ro = NULL;
    tmpdir_make(dir, sizeof dir);
    snprintf(uri, sizeof uri, "sqlite:%s/empty.db", dir);
    ws_workspace_free(open_empty(uri));
    read_only.read_only = 1;
    OK(ws_workspace_open(uri, &read_only, &ro));
    CHECK_RC(WS_EPRECONDITION,
             ws_import_snapshot(ro, ws_buf_data(before), ws_buf_size(before),
                                NULL, NULL));
    ws_workspace_free(ro);
    ro = open_empty(uri);
    ws_workspace_free(ro);
    tmpdir_remove(dir);
  }

  ws_buf_free(before);
  ws_workspace_free(empty);
  ws_session_free(s);
  ws_workspace_free(ws);
}

static void test_export_needs_owner_or_admin(void) {
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_session *employee = NULL;
  ws_buf *buf = (ws_buf *)&buf; /* not NULL: the failure must reset it */
  OK(ws_session_open(ws, fill(s), &employee));
  CHECK_RC(WS_EPERM, ws_export_snapshot(employee, WS_SNAPSHOT_JSON, &buf));
  CHECK(buf == NULL);
  ws_session_free(employee);
  ws_session_free(s);
  ws_workspace_free(ws);
}

/* `task export` output: a pending task in a nested project with an
 * annotation and a user-defined attribute, a completed task without a
 * project, a deleted one. Followed by bytes that are not part of it: the
 * call reads `size` bytes only. */
static const char kTaskwarrior[] =
    "[{\"id\":1,\"description\":\"Write landing copy\","
    "\"due\":\"20240320T170000Z\",\"entry\":\"20240310T080000Z\","
    "\"estimate\":\"3h\",\"modified\":\"20240312T093000Z\",\"priority\":\"H\","
    "\"project\":\"Client.Site.Landing\",\"status\":\"pending\","
    "\"tags\":[\"copy\",\"web\"],"
    "\"uuid\":\"0b7a0f2e-5c1d-4c53-9d0e-6a3e2f1c0001\","
    "\"annotations\":[{\"entry\":\"20240311T100000Z\","
    "\"description\":\"Client wants it short\"}],\"urgency\":14.2},\n"
    "{\"id\":0,\"description\":\"Send invoice\",\"end\":\"20240305T120000Z\","
    "\"entry\":\"20240301T090000Z\",\"modified\":\"20240305T120000Z\","
    "\"status\":\"completed\","
    "\"uuid\":\"0b7a0f2e-5c1d-4c53-9d0e-6a3e2f1c0002\",\"urgency\":0},\n"
    "{\"id\":0,\"description\":\"Abandoned idea\","
    "\"end\":\"20240303T090000Z\",\"entry\":\"20240302T090000Z\","
    "\"modified\":\"20240303T090000Z\",\"status\":\"deleted\","
    "\"uuid\":\"0b7a0f2e-5c1d-4c53-9d0e-6a3e2f1c0003\",\"urgency\":0}]"
    "trailing garbage";

/* The index of the first issue about `field`, or -1. */
static long find_issue(const ws_import_report *r, const char *field) {
  size_t i;
  for (i = 0; i < ws_import_report_issue_count(r); ++i) {
    if (strcmp(ws_import_issue_field(ws_import_report_issue(r, i)), field) ==
        0) {
      return (long)i;
    }
  }
  return -1;
}

static const char kBadDue[] =
    "[{\"uuid\":\"u-1\",\"description\":\"x\",\"status\":\"pending\","
    "\"entry\":\"20240310T080000Z\",\"due\":\"soon\"}]";

static void test_taskwarrior(void) {
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_taskwarrior_options options = WS_TASKWARRIOR_OPTIONS_INIT;
  ws_import_report *r = NULL;
  progress_log p = {0, -1, -1, -1, 0};
  const size_t size = strlen(kTaskwarrior) - strlen("trailing garbage");
  ws_project_list *projects = NULL;
  ws_task_filter f = WS_TASK_FILTER_INIT;
  ws_task_page *page = NULL;
  const ws_import_issue *deleted;
  long at;
  size_t i;
  int64_t landing = 0, backlog = 0;

  options.default_project = "Backlog";
  options.time_zone = "Europe/Berlin";
  OK(ws_import_taskwarrior(s, kTaskwarrior, size, &options, on_progress, &p,
                           &r));
  check_progress_complete(&p, 3);

  CHECK(ws_import_report_projects_created(r) == 2); /* Landing, Backlog */
  CHECK(ws_import_report_tasks_created(r) == 2);
  CHECK(ws_import_report_comments_created(r) == 1);
  CHECK(ws_import_report_time_entries_created(r) == 0);
  CHECK(ws_import_report_timers_started(r) == 0);
  at = find_issue(r, "status");
  CHECK(at >= 0);
  deleted = ws_import_report_issue(r, (size_t)at);
  CHECK(strstr(ws_import_issue_item(deleted), "tasks[2]") != NULL);
  CHECK(strstr(ws_import_issue_item(deleted),
               "0b7a0f2e-5c1d-4c53-9d0e-6a3e2f1c0003") != NULL);
  CHECK_STREQ(ws_import_issue_value(deleted), "deleted");
  CHECK(strcmp(ws_import_issue_reason(deleted), "") != 0);
  CHECK(find_issue(r, "estimate") >= 0); /* a user-defined attribute */
  CHECK(ws_import_report_issue(r, ws_import_report_issue_count(r)) == NULL);
  ws_import_report_free(r);

  OK(ws_list_projects(s, NULL, &projects));
  for (i = 0; i < ws_project_list_count(projects); ++i) {
    const ws_project *pr = ws_project_list_at(projects, i);
    if (strcmp(ws_project_name(pr), "Landing") == 0) {
      CHECK_STREQ(ws_project_folder(pr), "Client.Site");
      landing = ws_project_id(pr);
    }
    if (strcmp(ws_project_name(pr), "Backlog") == 0)
      backlog = ws_project_id(pr);
  }
  ws_project_list_free(projects);
  CHECK(landing != 0 && backlog != 0);

  f.project = landing;
  OK(ws_list_tasks(s, &f, NULL, &page));
  CHECK(ws_task_page_count(page) == 1);
  CHECK_STREQ(ws_task_title(ws_task_page_at(page, 0)), "Write landing copy");
  CHECK(ws_task_priority(ws_task_page_at(page, 0)) == 8); /* H */
  CHECK(strstr(ws_task_text(ws_task_page_at(page, 0)), "estimate: 3h") != NULL);
  ws_task_page_free(page);
  f.project = backlog;
  OK(ws_list_tasks(s, &f, NULL, &page));
  CHECK(ws_task_page_count(page) == 1);
  CHECK(ws_task_status_of(ws_task_page_at(page, 0)) == WS_TASK_DONE);
  ws_task_page_free(page);

  /* Bad input names the task; nothing is imported. */
  CHECK_RC(WS_EINVAL, ws_import_taskwarrior(s, kBadDue, strlen(kBadDue), NULL,
                                            NULL, NULL, &r));
  CHECK(r == NULL);
  CHECK_ERRMSG_HAS("u-1");
  options.time_zone = "Mars/Olympus";
  CHECK_RC(WS_EINVAL, ws_import_taskwarrior(s, kTaskwarrior, size, &options,
                                            NULL, NULL, &r));
  CHECK_ERRMSG_HAS("Mars/Olympus");
  CHECK(r == NULL);
  OK(ws_list_projects(s, NULL, &projects));
  CHECK(ws_project_list_count(projects) == 2); /* the first import's */
  ws_project_list_free(projects);

  ws_session_free(s);
  ws_workspace_free(ws);
}

/* `timew export` output, before the tests' fixed now (2024-03-15 10:00
 * UTC): a tagged interval, an untagged one, one of 48 hours, and an open
 * one. */
static const char kTimewarrior[] =
    "[\n"
    "{\"id\":4,\"start\":\"20240311T080000Z\",\"end\":\"20240311T093000Z\","
    "\"tags\":[\"Client.Site:Landing page\",\"design\"],"
    "\"annotation\":\"wireframes\"},\n"
    "{\"id\":3,\"start\":\"20240311T100000Z\",\"end\":\"20240311T103000Z\","
    "\"tags\":[\"meeting\"]},\n"
    "{\"id\":2,\"start\":\"20240312T110000Z\",\"end\":\"20240314T110000Z\","
    "\"tags\":[\"Client.Site:Landing page\"]},\n"
    "{\"id\":1,\"start\":\"20240315T080000Z\",\"tags\":[\"Internal:Admin\"]}\n"
    "]\n";

static void test_timewarrior(void) {
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_timewarrior_options options = WS_TIMEWARRIOR_OPTIONS_INIT;
  ws_import_report *r = NULL;
  progress_log p = {0, -1, -1, -1, 0};
  ws_time_entry_page *entries = NULL;
  ws_timer *timer = NULL;
  const ws_time_entry *e;
  size_t i;
  int said_not_imported = 0;

  options.fallback_project = ""; /* untagged intervals: not imported */
  OK(ws_import_timewarrior(s, kTimewarrior, strlen(kTimewarrior), &options,
                           on_progress, &p, &r));
  check_progress_complete(&p, 4);
  CHECK(ws_import_report_projects_created(r) == 2); /* Site, Internal */
  CHECK(ws_import_report_tasks_created(r) == 2);
  CHECK(ws_import_report_time_entries_created(r) == 1);
  CHECK(ws_import_report_timers_started(r) == 1);
  CHECK(ws_import_report_comments_created(r) == 0);
  CHECK(ws_import_report_issue_count(r) == 2); /* untagged; 48 hours */
  for (i = 0; i < ws_import_report_issue_count(r); ++i) {
    const ws_import_issue *issue = ws_import_report_issue(r, i);
    CHECK(strncmp(ws_import_issue_item(issue), "intervals[", 10) == 0);
    if (strstr(ws_import_issue_reason(issue), "not imported") != NULL) {
      ++said_not_imported;
    }
  }
  CHECK(said_not_imported == 2);
  ws_import_report_free(r);

  OK(ws_list_time_entries(s, NULL, NULL, &entries));
  CHECK(ws_time_entry_page_count(entries) == 1);
  e = ws_time_entry_page_at(entries, 0);
  CHECK(ws_time_entry_duration(e) == 90 * 60);
  CHECK_STREQ(ws_time_entry_note(e), "wireframes");
  ws_time_entry_page_free(entries);

  OK(ws_timer_get(s, 0, &timer));
  CHECK(timer != NULL);
  CHECK(ws_timer_started_at(timer) == TEST_NOW_US - INT64_C(7200000000));
  ws_timer_free(timer);

  /* The timer runs now: the same open interval again is refused, and the
   * whole import with it. */
  CHECK_RC(WS_EPRECONDITION,
           ws_import_timewarrior(s, kTimewarrior, strlen(kTimewarrior), NULL,
                                 NULL, NULL, &r));
  CHECK(r == NULL);
  OK(ws_list_time_entries(s, NULL, NULL, &entries));
  CHECK(ws_time_entry_page_count(entries) == 1);
  ws_time_entry_page_free(entries);

  ws_session_free(s);
  ws_workspace_free(ws);
}

static void test_bad_arguments(void) {
  ws_workspace *ws = open_agency("memory:");
  ws_session *s = owner_session(ws);
  ws_transaction *tx = NULL;
  ws_buf *buf = NULL;
  ws_import_report *r = NULL;
  ws_taskwarrior_options tw = WS_TASKWARRIOR_OPTIONS_INIT;
  ws_timewarrior_options tm = WS_TIMEWARRIOR_OPTIONS_INIT;
  static const char kEmpty[] = "[]";

  CHECK_RC(WS_EINVAL, ws_export_snapshot(NULL, WS_SNAPSHOT_BINARY, &buf));
  CHECK(buf == NULL);
  CHECK_RC(WS_EINVAL, ws_export_snapshot(s, WS_SNAPSHOT_BINARY, NULL));
  CHECK_RC(WS_EINVAL, ws_export_snapshot(s, (ws_snapshot_format)0, &buf));
  CHECK_ERRMSG_HAS("format 0 is not a ws_snapshot_format");
  CHECK_RC(WS_EINVAL, ws_export_snapshot(s, (ws_snapshot_format)99, &buf));
  CHECK(buf == NULL);

  CHECK_RC(WS_EINVAL, ws_import_snapshot(NULL, "x", 1, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_import_snapshot(ws, NULL, 1, NULL, NULL));
  CHECK_ERRMSG_HAS("data");

  CHECK_RC(WS_EINVAL,
           ws_import_taskwarrior(NULL, kEmpty, 2, NULL, NULL, NULL, &r));
  CHECK_RC(WS_EINVAL, ws_import_taskwarrior(s, NULL, 2, NULL, NULL, NULL, &r));
  CHECK_RC(WS_EINVAL,
           ws_import_taskwarrior(s, kEmpty, 2, NULL, NULL, NULL, NULL));
  CHECK_RC(WS_EINVAL,
           ws_import_timewarrior(NULL, kEmpty, 2, NULL, NULL, NULL, &r));
  CHECK_RC(WS_EINVAL, ws_import_timewarrior(s, NULL, 2, NULL, NULL, NULL, &r));
  CHECK_RC(WS_EINVAL,
           ws_import_timewarrior(s, kEmpty, 2, NULL, NULL, NULL, NULL));
  CHECK_RC(WS_EINVAL, ws_import_timewarrior(s, "{}", 2, NULL, NULL, NULL, &r));
  tw.version = 0;
  CHECK_RC(WS_EINVAL, ws_import_taskwarrior(s, kEmpty, 2, &tw, NULL, NULL, &r));
  CHECK_ERRMSG_HAS("options->version is 0");
  CHECK(r == NULL);
  tm.version = WS_TIMEWARRIOR_OPTIONS_VERSION + 1;
  CHECK_RC(WS_EINVAL, ws_import_timewarrior(s, kEmpty, 2, &tm, NULL, NULL, &r));
  CHECK(r == NULL);

  /* An empty array is fine and reports nothing. */
  OK(ws_import_taskwarrior(s, kEmpty, 2, NULL, NULL, NULL, &r));
  CHECK(ws_import_report_tasks_created(r) == 0);
  CHECK(ws_import_report_issue_count(r) == 0);
  ws_import_report_free(r);

  /* Imports are one transaction of their own: not inside another. */
  OK(ws_transaction_begin(s, &tx));
  CHECK_RC(WS_EPRECONDITION,
           ws_import_taskwarrior(ws_transaction_session(tx), kEmpty, 2, NULL,
                                 NULL, NULL, &r));
  ws_transaction_free(tx);

  /* Accessors on NULL. */
  CHECK(ws_import_report_projects_created(NULL) == 0);
  CHECK(ws_import_report_tasks_created(NULL) == 0);
  CHECK(ws_import_report_comments_created(NULL) == 0);
  CHECK(ws_import_report_time_entries_created(NULL) == 0);
  CHECK(ws_import_report_timers_started(NULL) == 0);
  CHECK(ws_import_report_issue_count(NULL) == 0);
  CHECK(ws_import_report_issue(NULL, 0) == NULL);
  CHECK_STREQ(ws_import_issue_item(NULL), "");
  CHECK_STREQ(ws_import_issue_field(NULL), "");
  CHECK_STREQ(ws_import_issue_value(NULL), "");
  CHECK_STREQ(ws_import_issue_reason(NULL), "");
  ws_import_report_free(NULL);

  ws_session_free(s);
  ws_workspace_free(ws);
}

int main(void) {
  RUN(test_export_import_round_trip);
  RUN(test_import_refused_and_changes_nothing);
  RUN(test_export_needs_owner_or_admin);
  RUN(test_taskwarrior);
  RUN(test_timewarrior);
  RUN(test_bad_arguments);
  return 0;
}
