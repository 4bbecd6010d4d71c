/* Several threads on one workspace (a SQLite file), each with its own
 * sessions: they create tasks concurrently, and append to one shared task
 * with revision checks, retrying on WS_EABORTED, and log time on it. The
 * final counts (tasks, checklist items, time report totals) are
 * exact, and each thread's error state is its own. Written to be clean
 * under ThreadSanitizer: threads share only the ws_workspace. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

enum { kThreads = 4, kTasksEach = 40, kAppendsEach = 10, kLogsEach = 25 };

typedef struct worker {
  ws_workspace *ws; /* shared; thread-safe */
  int index;
  int64_t actor; /* this thread's employee */
  int64_t owner;
  int64_t project;
  int64_t shared_task;
  int aborted; /* how often an update met a stale revision */
} worker;

static void *work(void *arg) {
  worker *w = arg;
  ws_session *s = NULL;
  ws_session *os = NULL;
  OK(ws_session_open(w->ws, w->actor, &s));
  OK(ws_session_open(w->ws, w->owner, &os));

  char tag[16];
  snprintf(tag, sizeof tag, "thread-%d", w->index);
  for (int i = 0; i < kTasksEach; ++i) {
    ws_task *t = NULL;
    char title[64];
    snprintf(title, sizeof title, "T%d #%d", w->index, i);
    OK(ws_task_new(&t));
    OK(ws_task_set_project(t, w->project));
    OK(ws_task_set_title(t, title));
    OK(ws_task_add_tag(t, tag));
    OK(ws_task_create(s, t));
    CHECK(ws_task_author(t) == w->actor);
    ws_task_free(t);

    /* This thread's own error, unaffected by the others. */
    ws_task *none = NULL;
    CHECK_RC(WS_ENOTFOUND, ws_task_get(s, 900000 + w->index, &none));
    char expect[32];
    snprintf(expect, sizeof expect, "%d", 900000 + w->index);
    CHECK_ERRMSG_HAS(expect);
  }

  /* Time: each thread logs kLogsEach entries of (60 + index) seconds on
   * the shared task, and reads its own back. */
  for (int i = 0; i < kLogsEach; ++i) {
    ws_time_log l = WS_TIME_LOG_INIT;
    l.task = w->shared_task;
    l.duration = 60 + w->index;
    l.date = test_date(2024, 3, 1 + i);
    ws_time_entry *e = NULL;
    OK(ws_log_time(s, &l, &e));
    CHECK(ws_time_entry_member(e) == w->actor);
    ws_time_entry_free(e);
  }
  ws_time_entry_filter tf = WS_TIME_ENTRY_FILTER_INIT;
  tf.member = w->actor;
  tf.limit = 10;
  ws_time_entry_iter *ti = NULL;
  OK(ws_time_entry_iter_new(s, &tf, &ti));
  const ws_time_entry *te = NULL;
  int mine = 0, trc;
  while ((trc = ws_time_entry_iter_next(ti, &te)) == WS_OK) ++mine;
  CHECK_RC(WS_DONE, trc);
  CHECK(mine == kLogsEach);
  ws_time_entry_iter_free(ti);

  /* Read-modify-write of one task: stale revisions are retried. */
  for (int i = 0; i < kAppendsEach; ++i) {
    char item[64];
    snprintf(item, sizeof item, "T%d item %d", w->index, i);
    for (;;) {
      ws_task *t = NULL;
      OK(ws_task_get(os, w->shared_task, &t));
      OK(ws_task_checklist_add(t, item, 0));
      int rc = ws_task_update(os, t);
      ws_task_free(t);
      if (rc == WS_OK) break;
      CHECK_RC(WS_EABORTED, rc);
      ++w->aborted;
    }
  }
  ws_session_free(os);
  ws_session_free(s);
  return NULL;
}

int main(void) {
  char dir[4096], uri[4200];
  tmpdir_make(dir, sizeof dir);
  snprintf(uri, sizeof uri, "sqlite:%s/agency.db", dir);

  ws_setup setup = WS_SETUP_INIT;
  setup.name = "Threads";
  setup.owner_name = "Olga";
  setup.owner_email = "olga@agency.test";
  ws_open_options o = WS_OPEN_OPTIONS_INIT;
  o.create = &setup;
  o.busy_timeout_ms = 60000;
  ws_workspace *ws = NULL;
  OK(ws_workspace_open(uri, &o, &ws));
  ws_member *owner = NULL;
  OK(ws_workspace_first_owner(ws, &owner));
  ws_session *s = NULL;
  OK(ws_session_open(ws, ws_member_id(owner), &s));

  worker workers[kThreads];
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  OK(ws_project_set_name(p, "Shared"));
  for (int i = 0; i < kThreads; ++i) {
    char name[32], email[64];
    snprintf(name, sizeof name, "Worker %d", i);
    snprintf(email, sizeof email, "worker%d@agency.test", i);
    ws_member *m = NULL;
    OK(ws_member_new(&m));
    OK(ws_member_set_name(m, name));
    OK(ws_member_set_email(m, email));
    OK(ws_member_create(s, m));
    workers[i].actor = ws_member_id(m);
    OK(ws_project_set_member(p, ws_member_id(m), WS_PROJECT_MEMBER));
    ws_member_free(m);
  }
  OK(ws_project_create(s, p));
  ws_task *shared = NULL;
  OK(ws_task_new(&shared));
  OK(ws_task_set_project(shared, ws_project_id(p)));
  OK(ws_task_set_title(shared, "Shared checklist"));
  OK(ws_task_create(s, shared));

  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; ++i) {
    workers[i].ws = ws;
    workers[i].index = i;
    workers[i].owner = ws_member_id(owner);
    workers[i].project = ws_project_id(p);
    workers[i].shared_task = ws_task_id(shared);
    workers[i].aborted = 0;
    CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
  }
  int aborted = 0;
  for (int i = 0; i < kThreads; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    aborted += workers[i].aborted;
  }

  /* Exact counts: every task, each thread's own, every checklist item. */
  ws_task_filter f = WS_TASK_FILTER_INIT;
  f.project = ws_project_id(p);
  f.limit = 25;
  ws_task_iter *it = NULL;
  OK(ws_task_iter_new(s, &f, &it));
  const ws_task *t = NULL;
  int total = 0, rc;
  while ((rc = ws_task_iter_next(it, &t)) == WS_OK) ++total;
  CHECK_RC(WS_DONE, rc);
  ws_task_iter_free(it);
  CHECK(total == kThreads * kTasksEach + 1);
  for (int i = 0; i < kThreads; ++i) {
    char tag[16];
    snprintf(tag, sizeof tag, "thread-%d", i);
    f.tag = tag;
    f.author = workers[i].actor;
    f.limit = WS_MAX_PAGE_SIZE;
    ws_task_page *page = NULL;
    OK(ws_list_tasks(s, &f, NULL, &page));
    CHECK(ws_task_page_count(page) == kTasksEach);
    ws_task_page_free(page);
  }
  /* The time report adds up exactly, per member and in total. */
  ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
  ws_report_group by_member = WS_GROUP_MEMBER;
  q.group_by = &by_member;
  q.group_count = 1;
  ws_time_report *r = NULL;
  OK(ws_run_time_report(s, &q, &r));
  CHECK(ws_time_report_row_count(r) == kThreads);
  for (int i = 0; i < kThreads; ++i) {
    const ws_report_row *row = ws_time_report_row(r, (size_t)i);
    CHECK(ws_report_row_key_id(row, 0) == workers[i].actor);
    CHECK(ws_report_row_entry_count(row) == kLogsEach);
    CHECK(ws_report_row_seconds(row) == kLogsEach * (60 + i));
  }
  CHECK(ws_report_row_entry_count(ws_time_report_total(r)) ==
        kThreads * kLogsEach);
  ws_time_report_free(r);

  ws_task *final = NULL;
  OK(ws_task_get(s, ws_task_id(shared), &final));
  CHECK(ws_task_checklist_count(final) == kThreads * kAppendsEach);
  CHECK(ws_task_revision(final) == 1 + kThreads * kAppendsEach);
  fprintf(stderr, "%d threads: %d tasks, %d checklist items, %d retries\n",
          kThreads, total, (int)ws_task_checklist_count(final), aborted);

  ws_task_free(final);
  ws_task_free(shared);
  ws_project_free(p);
  ws_session_free(s);
  ws_member_free(owner);
  ws_workspace_free(ws);
  tmpdir_remove(dir);
  return 0;
}
