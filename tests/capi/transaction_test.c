/* The C API of transactions: several calls through ws_transaction_session
 * take effect together on ws_transaction_commit, or not at all (free
 * without commit, rollback, a failed call inside). Another session's write
 * waits for the open transaction (from another thread here) and gets
 * WS_EUNAVAILABLE past the busy timeout. Runs over memory: and over a
 * SQLite file. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

static const char *g_uri; /* the store under test */

typedef struct fixture {
  ws_workspace *ws;
  ws_session *owner;
  int64_t owner_id;
  int64_t project;
} fixture;

static fixture fixture_open(int64_t busy_timeout_ms) {
  fixture f;
  ws_setup setup = WS_SETUP_INIT;
  setup.name = "Agency";
  setup.owner_name = "Olga";
  setup.owner_email = "olga@agency.test";
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.create = &setup;
  o.busy_timeout_ms = busy_timeout_ms;
  o.clock = test_clock;
  OK(ws_workspace_open(g_uri, &o, &f.ws));
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(f.ws, &owner));
  f.owner_id = ws_member_id(owner);
  ws_member_free(owner);
  OK(ws_session_open(f.ws, f.owner_id, &f.owner));
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  OK(ws_project_set_name(p, "Website"));
  OK(ws_project_create(f.owner, p));
  f.project = ws_project_id(p);
  ws_project_free(p);
  return f;
}

static void fixture_close(fixture *f) {
  ws_session_free(f->owner);
  ws_workspace_free(f->ws);
}

/* Creates a task through `s`; returns the code, and its id in *id. */
static int create_task(ws_session *s, int64_t project, const char *title,
                       int64_t *id) {
  ws_task *t = NULL;
  OK(ws_task_new(&t));
  OK(ws_task_set_project(t, project));
  OK(ws_task_set_title(t, title));
  int rc = ws_task_create(s, t);
  *id = ws_task_id(t);
  ws_task_free(t);
  return rc;
}

static size_t count_tasks(ws_session *s, int64_t project) {
  ws_task_filter filter = WS_TASK_FILTER_INIT;
  filter.project = project;
  filter.limit = WS_MAX_PAGE_SIZE;
  ws_task_page *page = NULL;
  OK(ws_list_tasks(s, &filter, NULL, &page));
  size_t n = ws_task_page_count(page);
  ws_task_page_free(page);
  return n;
}

static size_t count_entries(ws_session *s, int64_t project) {
  ws_time_entry_filter filter = WS_TIME_ENTRY_FILTER_INIT;
  filter.project = project;
  filter.limit = WS_MAX_PAGE_SIZE;
  ws_time_entry_page *page = NULL;
  OK(ws_list_time_entries(s, &filter, NULL, &page));
  size_t n = ws_time_entry_page_count(page);
  ws_time_entry_page_free(page);
  return n;
}

static ws_time_log hour_on(int64_t task) {
  ws_time_log log = WS_TIME_LOG_INIT;
  log.task = task;
  log.date = test_date(2024, 3, 14);
  log.duration = 3600;
  return log;
}

static void test_null_arguments(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = (ws_transaction *)&f; /* must be reset to NULL */
  CHECK_RC(WS_EINVAL, ws_transaction_begin(NULL, &tx));
  CHECK(tx == NULL);
  CHECK_ERRMSG_HAS("session is NULL");
  CHECK_RC(WS_EINVAL, ws_transaction_begin(f.owner, NULL));
  CHECK_RC(WS_EINVAL, ws_transaction_commit(NULL));
  CHECK_RC(WS_EINVAL, ws_transaction_rollback(NULL));
  CHECK(ws_transaction_session(NULL) == NULL);
  ws_transaction_free(NULL);
  fixture_close(&f);
}

static void test_commit_applies_every_call(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  ws_session *in = ws_transaction_session(tx);
  CHECK(in != NULL);
  CHECK(ws_session_actor(in) == f.owner_id);

  int64_t a = 0, b = 0;
  OK(create_task(in, f.project, "A", &a));
  OK(create_task(in, f.project, "B", &b));
  /* Reads inside see the transaction's own writes. */
  ws_task *read = NULL;
  OK(ws_task_get(in, a, &read));
  CHECK_STREQ(ws_task_title(read), "A");
  ws_task_free(read);
  CHECK(count_tasks(in, f.project) == 2);
  /* A batch joins too. */
  ws_time_log la = hour_on(a), lb = hour_on(b);
  const ws_time_log *logs[] = {&la, &lb};
  size_t written = 0;
  OK(ws_log_time_batch(in, logs, 2, &written));
  CHECK(written == 2);
  ws_task *done = NULL;
  OK(ws_task_complete(in, a, "done together", &done));
  ws_task_free(done);

  OK(ws_transaction_commit(tx));
  CHECK(count_tasks(f.owner, f.project) == 2);
  CHECK(count_entries(f.owner, f.project) == 2);
  ws_task *t = NULL;
  OK(ws_task_get(f.owner, a, &t));
  CHECK(ws_task_status_of(t) == WS_TASK_DONE);
  ws_task_free(t);

  /* Over: a second commit, and calls through its session, are refused. */
  CHECK_RC(WS_EPRECONDITION, ws_transaction_commit(tx));
  int64_t late = 0;
  CHECK_RC(WS_EPRECONDITION, create_task(in, f.project, "Late", &late));
  OK(ws_transaction_rollback(tx)); /* harmless once over */
  ws_transaction_free(tx);
  CHECK(count_tasks(f.owner, f.project) == 2);
  fixture_close(&f);
}

static void test_free_without_commit_rolls_back(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  int64_t id = 0;
  OK(create_task(ws_transaction_session(tx), f.project, "Dropped", &id));
  CHECK(id > 0);
  ws_time_log log = hour_on(id);
  ws_time_entry *e = NULL;
  OK(ws_log_time(ws_transaction_session(tx), &log, &e));
  ws_time_entry_free(e);
  ws_transaction_free(tx);

  ws_task *t = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_task_get(f.owner, id, &t));
  CHECK(t == NULL);
  CHECK(count_tasks(f.owner, f.project) == 0);
  CHECK(count_entries(f.owner, f.project) == 0);
  /* The write lock was released: a plain write goes through at once. */
  OK(create_task(f.owner, f.project, "After", &id));
  CHECK(count_tasks(f.owner, f.project) == 1);
  fixture_close(&f);
}

static void test_rollback_drops_everything(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  ws_session *in = ws_transaction_session(tx);
  int64_t id = 0;
  OK(create_task(in, f.project, "Rolled back", &id));
  OK(ws_transaction_rollback(tx));
  CHECK_RC(WS_EPRECONDITION, create_task(in, f.project, "After", &id));
  CHECK_ERRMSG_HAS("rolled back");
  CHECK_RC(WS_EPRECONDITION, ws_transaction_commit(tx));
  ws_transaction_free(tx);
  CHECK(count_tasks(f.owner, f.project) == 0);
  fixture_close(&f);
}

static void test_failed_call_aborts_everything(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  ws_session *in = ws_transaction_session(tx);
  int64_t kept = 0, bad = 0, later = 0;
  OK(create_task(in, f.project, "Kept?", &kept));
  /* An empty title: the call fails, and fails the transaction. */
  CHECK_RC(WS_EINVAL, create_task(in, f.project, "", &bad));
  CHECK(bad == 0);
  CHECK_RC(WS_EABORTED, create_task(in, f.project, "Later", &later));
  CHECK_ERRMSG_HAS("title");
  CHECK_RC(WS_EABORTED, ws_transaction_commit(tx));
  CHECK_ERRMSG_HAS("title");
  ws_transaction_free(tx);

  ws_task *t = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_task_get(f.owner, kept, &t));
  CHECK(count_tasks(f.owner, f.project) == 0);
  fixture_close(&f);
}

static void test_transactions_do_not_nest(void) {
  fixture f = fixture_open(5000);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  ws_transaction *inner = (ws_transaction *)&f;
  CHECK_RC(WS_EPRECONDITION,
           ws_transaction_begin(ws_transaction_session(tx), &inner));
  CHECK(inner == NULL);
  /* Refusing the nested one does not fail the outer one. */
  int64_t id = 0;
  OK(create_task(ws_transaction_session(tx), f.project, "Outer", &id));
  OK(ws_transaction_commit(tx));
  ws_transaction_free(tx);
  CHECK(count_tasks(f.owner, f.project) == 1);
  fixture_close(&f);
}

typedef struct writer {
  ws_workspace *ws;
  int64_t actor;
  int64_t project;
  int rc;
} writer;

static void *write_one(void *arg) {
  writer *w = arg;
  ws_session *s = NULL;
  OK(ws_session_open(w->ws, w->actor, &s));
  int64_t id = 0;
  w->rc = create_task(s, w->project, "Waiting", &id);
  ws_session_free(s);
  return NULL;
}

static void test_other_writers_wait_then_give_up(void) {
  fixture f = fixture_open(100);
  ws_transaction *tx = NULL;
  OK(ws_transaction_begin(f.owner, &tx));
  int64_t id = 0;
  OK(create_task(ws_transaction_session(tx), f.project, "Holding", &id));

  writer w = {f.ws, f.owner_id, f.project, WS_OK};
  pthread_t thread;
  CHECK(pthread_create(&thread, NULL, write_one, &w) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(w.rc == WS_EUNAVAILABLE);

  OK(ws_transaction_commit(tx));
  ws_transaction_free(tx);
  CHECK(pthread_create(&thread, NULL, write_one, &w) == 0);
  CHECK(pthread_join(thread, NULL) == 0);
  CHECK(w.rc == WS_OK);
  CHECK(count_tasks(f.owner, f.project) == 2);
  fixture_close(&f);
}

static void test_read_only_workspace(void) {
  if (strcmp(g_uri, "memory:") == 0) return; /* nothing to reopen */
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.read_only = 1;
  ws_workspace *ws = NULL;
  OK(ws_workspace_open(g_uri, &o, &ws));
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));
  ws_member_free(owner);
  ws_transaction *tx = NULL;
  CHECK_RC(WS_EPRECONDITION, ws_transaction_begin(s, &tx));
  CHECK(tx == NULL);
  ws_session_free(s);
  ws_workspace_free(ws);
}

static void run_all(void) {
  RUN(test_null_arguments);
  RUN(test_commit_applies_every_call);
  RUN(test_free_without_commit_rolls_back);
  RUN(test_rollback_drops_everything);
  RUN(test_failed_call_aborts_everything);
  RUN(test_transactions_do_not_nest);
  RUN(test_other_writers_wait_then_give_up);
  RUN(test_read_only_workspace);
}

int main(void) {
  g_uri = "memory:";
  fprintf(stderr, "== %s\n", g_uri);
  run_all();

  char dir[4096];
  tmpdir_make(dir, sizeof dir);
  char uri[4200];
  snprintf(uri, sizeof uri, "sqlite:%s/agency.db", dir);
  g_uri = uri;
  fprintf(stderr, "== %s\n", g_uri);
  run_all();
  tmpdir_remove(dir);
  return 0;
}
