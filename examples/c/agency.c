/* A small agency through the C API: a workspace in a SQLite file, members,
 * a project with a client, tasks with deadlines, checklists and comments;
 * then what burns (open tasks past their deadline), what the client sees,
 * time logged (by hand and with a timer) and a time report by member. C11;
 * builds with -Wall -Wextra -Werror -pedantic.
 *
 *   agency_c [PATH]
 *
 * PATH is the SQLite file; without it the program works in a fresh
 * temporary directory and removes it on exit. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <worksection/c.h>

/* Prints the failed call with ws_errmsg() and exits. */
static void check(int rc, const char *what) {
  if (rc != WS_OK) {
    fprintf(stderr, "agency_c: %s: %s: %s\n", what, ws_errname(rc),
            ws_errmsg());
    exit(1);
  }
}

/* 2024-03-15 09:00 UTC: a fixed "now", so the output never changes. */
static int64_t fixed_clock(void *ctx) {
  (void)ctx;
  return INT64_C(1710493200000000);
}

static ws_date day(int year, int month, int d) {
  ws_date x;
  x.year = year;
  x.month = (int8_t)month;
  x.day = (int8_t)d;
  return x;
}

static int64_t add_member(ws_session *s, const char *name, const char *email,
                          ws_role role, int64_t billing_rate) {
  ws_member *m = NULL;
  check(ws_member_new(&m), "new member");
  check(ws_member_set_name(m, name), "member name");
  check(ws_member_set_email(m, email), "member email");
  check(ws_member_set_role(m, role), "member role");
  check(ws_member_set_billing_rate(m, billing_rate), "member rate");
  check(ws_member_create(s, m), "create member");
  int64_t id = ws_member_id(m);
  ws_member_free(m);
  return id;
}

static int64_t add_task(ws_session *s, int64_t project, const char *title,
                        int64_t assignee, int priority, ws_date due,
                        int hidden) {
  ws_task *t = NULL;
  check(ws_task_new(&t), "new task");
  check(ws_task_set_project(t, project), "task project");
  check(ws_task_set_title(t, title), "task title");
  check(ws_task_set_assignee(t, assignee), "task assignee");
  check(ws_task_set_priority(t, priority), "task priority");
  check(ws_task_set_deadline(t, due, WS_END_OF_DAY), "task deadline");
  check(ws_task_set_hidden_from_clients(t, hidden), "task hidden");
  check(ws_task_create(s, t), "create task");
  int64_t id = ws_task_id(t);
  ws_task_free(t);
  return id;
}

static void print_tasks(ws_session *s, const char *heading,
                        const ws_task_filter *filter) {
  printf("%s\n", heading);
  ws_task_iter *it = NULL;
  check(ws_task_iter_new(s, filter, &it), "iterate tasks");
  const ws_task *t = NULL;
  int rc;
  while ((rc = ws_task_iter_next(it, &t)) == WS_OK) {
    ws_date due = ws_task_deadline(t);
    printf("  [%s] p%-2d %04d-%02d-%02d  %s\n",
           ws_task_status_name(ws_task_status_of(t)), ws_task_priority(t),
           (int)due.year, due.month, due.day, ws_task_title(t));
  }
  if (rc != WS_DONE) check(rc, "next task");
  ws_task_iter_free(it);
}

int main(int argc, char **argv) {
  char dir[4096] = "", path[4200];
  if (argc > 1) {
    snprintf(path, sizeof path, "%s", argv[1]);
  } else {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/agency-c.XXXXXX",
             tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
      perror("mkdtemp");
      return 1;
    }
    snprintf(path, sizeof path, "%s/agency.db", dir);
  }

  /* Open (creating the workspace and its owner on first use). */
  ws_setup setup = WS_SETUP_INIT;
  setup.name = "Pixel & Co";
  setup.time_zone = "Europe/Berlin";
  setup.currency = "EUR";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@pixel.test";
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  options.create = &setup;
  options.clock = fixed_clock;
  ws_workspace *ws = NULL;
  check(ws_workspace_open(path, &options, &ws), "open");

  ws_member *owner = NULL;
  check(ws_workspace_first_owner(ws, &owner), "first owner");
  ws_session *s = NULL;
  check(ws_session_open(ws, ws_member_id(owner), &s), "session");

  int64_t mia =
      add_member(s, "Mia Manager", "mia@pixel.test", WS_ROLE_EMPLOYEE, 9000);
  int64_t erik =
      add_member(s, "Erik Dev", "erik@pixel.test", WS_ROLE_EMPLOYEE, 6000);
  int64_t carla =
      add_member(s, "Carla Client", "carla@acme.test", WS_ROLE_CLIENT, 0);

  ws_project *p = NULL;
  check(ws_project_new(&p), "new project");
  check(ws_project_set_name(p, "ACME website"), "project name");
  check(ws_project_set_manager(p, mia), "project manager");
  check(ws_project_set_member(p, erik, WS_PROJECT_MEMBER), "project member");
  check(ws_project_set_member(p, carla, WS_PROJECT_CLIENT), "project client");
  check(ws_project_set_deadline(p, day(2024, 4, 30)), "project deadline");
  check(ws_project_set_money_budget(p, 1200000), "project budget");
  check(ws_project_create(s, p), "create project");
  int64_t project = ws_project_id(p);

  int64_t design = add_task(s, project, "Design the landing page", mia, 8,
                            day(2024, 3, 8), 0);
  add_task(s, project, "Build the checkout", erik, 9, day(2024, 3, 12), 0);
  add_task(s, project, "Internal: fix the staging server", erik, 6,
           day(2024, 3, 14), 1);
  add_task(s, project, "Launch", mia, 10, day(2024, 4, 30), 0);

  /* A checklist on the design task, and a comment on it. */
  ws_task *t = NULL;
  check(ws_task_get(s, design, &t), "get task");
  check(ws_task_checklist_add(t, "Wireframes", 1), "checklist");
  check(ws_task_checklist_add(t, "Visual design", 0), "checklist");
  check(ws_task_update(s, t), "update task");
  printf("'%s': revision %lld, %zu checklist items\n", ws_task_title(t),
         (long long)ws_task_revision(t), ws_task_checklist_count(t));
  ws_task_free(t);

  ws_comment *c = NULL;
  check(ws_comment_new(&c), "new comment");
  check(ws_comment_set_task(c, design), "comment task");
  check(ws_comment_set_text(c, "Wireframes are in the shared folder."),
        "comment text");
  check(ws_comment_create(s, c), "create comment");
  ws_comment_free(c);

  ws_task *done = NULL;
  check(ws_task_complete(s, design, "Approved by Carla", &done), "complete");
  ws_task_free(done);

  /* What burns: open tasks due before today, by deadline. */
  ws_date today;
  check(ws_session_today(s, &today), "today");
  ws_task_filter burning = WS_TASK_FILTER_INIT;
  burning.overdue_as_of = today;
  burning.order = WS_ORDER_DEADLINE;
  printf("today is %04d-%02d-%02d\n", (int)today.year, today.month, today.day);
  print_tasks(s, "overdue (the agency sees):", &burning);

  /* The client sees neither hidden tasks nor money. */
  ws_session *cs = NULL;
  check(ws_session_open(ws, carla, &cs), "client session");
  print_tasks(cs, "overdue (the client sees):", &burning);
  ws_project *seen = NULL;
  check(ws_project_get(cs, project, &seen), "client project");
  printf("client sees a budget: %s\n",
         ws_project_has_money_budget(seen) ? "yes" : "no");

  int rc;
  /* Time: Erik logs 2.5 h by hand; Mia runs a timer for 45 minutes (the
   * fixed clock does not move, so she logs a start and an end instead). */
  ws_session *es = NULL;
  check(ws_session_open(ws, erik, &es), "erik's session");
  ws_time_log log = WS_TIME_LOG_INIT;
  log.task = design;
  log.date = day(2024, 3, 7);
  log.duration = 2 * 3600 + 1800;
  log.note = "Wireframes";
  ws_time_entry *entry = NULL;
  check(ws_log_time(es, &log, &entry), "log time");
  printf("logged %lld min on '%s' by Erik\n",
         (long long)ws_time_entry_duration(entry) / 60,
         "Design the landing page");
  ws_time_entry_free(entry);
  ws_timer *timer = NULL;
  check(ws_timer_start(es, design, 0, &timer), "start timer");
  ws_timer_free(timer); /* the timer runs on; this is only its copy */
  rc = ws_timer_start(es, design, 0, &timer);     /* sets timer to NULL */
  printf("a second timer: %s\n", ws_errname(rc)); /* WS_EPRECONDITION */
  check(ws_timer_cancel(es), "cancel timer");
  ws_time_log span = WS_TIME_LOG_INIT;
  span.task = design;
  span.member = mia;
  span.start = INT64_C(1710406800000000); /* 2024-03-14 09:00 UTC */
  span.end = span.start + INT64_C(45) * 60 * 1000000;
  check(ws_log_time(s, &span, &entry), "log time for Mia");
  ws_time_entry_free(entry);
  ws_session_free(es);

  /* A time report by member, with money (the owner may read it). */
  ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
  ws_report_group by = WS_GROUP_MEMBER;
  q.group_by = &by;
  q.group_count = 1;
  ws_time_report *report = NULL;
  check(ws_run_time_report(s, &q, &report), "time report");
  printf("time report (%s):\n", ws_time_report_currency(report));
  for (size_t i = 0; i < ws_time_report_row_count(report); ++i) {
    const ws_report_row *row = ws_time_report_row(report, i);
    printf("  %-12s %5.2f h  billed %lld.%02lld\n",
           ws_report_row_key_label(row, 0),
           (double)ws_report_row_seconds(row) / 3600,
           (long long)ws_report_row_billed_amount(row) / 100,
           (long long)ws_report_row_billed_amount(row) % 100);
  }
  ws_buf *csv = NULL;
  check(ws_time_report_csv(report, NULL, &csv), "csv");
  printf("as CSV: %zu bytes\n", ws_buf_size(csv));
  ws_buf_free(csv);
  ws_time_report_free(report);

  /* Errors carry a code and a message. */
  ws_project *nope = NULL;
  rc = ws_project_create(cs, p);
  printf("client creates a project: %s (%s)\n", ws_errname(rc), ws_errmsg());
  if (rc != WS_EPERM) return 1;
  rc = ws_project_get(s, 4242, &nope);
  printf("project 4242: %s\n", ws_errname(rc));
  if (rc != WS_ENOTFOUND || nope != NULL) return 1;

  ws_project_free(seen);
  ws_session_free(cs);
  ws_project_free(p);
  ws_session_free(s);
  ws_member_free(owner);
  ws_workspace_free(ws);

  if (dir[0] != '\0') {
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; ++i) {
      char f[4300];
      snprintf(f, sizeof f, "%s%s", path, suffixes[i]);
      unlink(f);
    }
    rmdir(dir);
  }
  return 0;
}
