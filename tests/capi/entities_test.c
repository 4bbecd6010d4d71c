/* The C API: projects (with members), tasks with every field, complete,
 * reopen, move, comments, task filters with paging and iteration,
 * permissions and stale revisions, and the lifetimes of borrowed strings.
 * Runs over memory: and over a SQLite file. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

static const char *g_uri; /* the store under test */

typedef struct agency {
  ws_workspace *ws;
  ws_session *owner; /* the owner's session */
  int64_t owner_id, mia, erik, carla;
} agency;

static int64_t add_member(ws_session *s, const char *name, const char *email,
                          ws_role role) {
  ws_member *m = NULL;
  OK(ws_member_new(&m));
  OK(ws_member_set_name(m, name));
  OK(ws_member_set_email(m, email));
  OK(ws_member_set_role(m, role));
  OK(ws_member_create(s, m));
  int64_t id = ws_member_id(m);
  ws_member_free(m);
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
  a.mia =
      add_member(a.owner, "Mia Manager", "mia@agency.test", WS_ROLE_EMPLOYEE);
  a.erik = add_member(a.owner, "Erik Employee", "erik@agency.test",
                      WS_ROLE_EMPLOYEE);
  a.carla =
      add_member(a.owner, "Carla Client", "carla@client.test", WS_ROLE_CLIENT);
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

static int64_t add_project(agency *a, const char *name) {
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  OK(ws_project_set_name(p, name));
  OK(ws_project_set_manager(p, a->mia));
  OK(ws_project_set_member(p, a->erik, WS_PROJECT_MEMBER));
  OK(ws_project_set_member(p, a->carla, WS_PROJECT_CLIENT));
  OK(ws_project_create(a->owner, p));
  int64_t id = ws_project_id(p);
  ws_project_free(p);
  return id;
}

static void test_projects(void) {
  agency a = agency_open();
  ws_project *p = NULL;
  OK(ws_project_new(&p));
  CHECK(ws_project_status_of(p) == WS_PROJECT_ACTIVE);
  OK(ws_project_set_name(p, "Website"));
  OK(ws_project_set_folder(p, "Clients/ACME"));
  OK(ws_project_set_manager(p, a.mia));
  OK(ws_project_set_start_date(p, test_date(2024, 3, 1)));
  OK(ws_project_set_deadline(p, test_date(2024, 6, 30)));
  CHECK_RC(WS_EINVAL, ws_project_set_deadline(p, test_date(2024, 2, 30)));
  CHECK_ERRMSG_HAS("2024-2-30");
  OK(ws_project_set_time_budget(p, 100 * 3600));
  OK(ws_project_set_money_budget(p, 500000));
  OK(ws_project_set_billing_rate(p, 12000));
  {
    const char *tags[] = {"web", "b2b", "web"};
    OK(ws_project_set_tags(p, tags, 3));
  }
  OK(ws_project_add_tag(p, "acme"));
  OK(ws_project_set_member(p, a.erik, WS_PROJECT_MANAGER));
  OK(ws_project_set_member(p, a.erik, WS_PROJECT_MEMBER)); /* changes role */
  OK(ws_project_set_member(p, a.carla, WS_PROJECT_CLIENT));
  OK(ws_project_set_member(p, a.owner_id, WS_PROJECT_MEMBER));
  OK(ws_project_remove_member(p, a.owner_id));
  CHECK_RC(WS_ENOTFOUND, ws_project_remove_member(p, a.owner_id));
  CHECK_RC(WS_EINVAL, ws_project_set_member(p, a.erik, (ws_project_role)0));
  OK(ws_project_create(a.owner, p));

  const int64_t id = ws_project_id(p);
  CHECK(id > 0);
  CHECK(ws_project_revision(p) == 1);
  CHECK(ws_project_created_at(p) == TEST_NOW_US);

  ws_project *got = NULL;
  OK(ws_project_get(a.owner, id, &got));
  CHECK_STREQ(ws_project_name(got), "Website");
  CHECK_STREQ(ws_project_folder(got), "Clients/ACME");
  CHECK(ws_project_manager(got) == a.mia);
  CHECK(ws_project_has_start_date(got));
  CHECK(ws_project_start_date(got).year == 2024 &&
        ws_project_start_date(got).month == 3 &&
        ws_project_start_date(got).day == 1);
  CHECK(ws_project_has_deadline(got) && ws_project_deadline(got).day == 30);
  CHECK(ws_project_has_time_budget(got) &&
        ws_project_time_budget(got) == 360000);
  CHECK(ws_project_has_money_budget(got) &&
        ws_project_money_budget(got) == 500000);
  CHECK(ws_project_has_billing_rate(got) &&
        ws_project_billing_rate(got) == 12000);
  CHECK(ws_project_tag_count(got) == 3); /* sorted, unique */
  CHECK_STREQ(ws_project_tag(got, 0), "acme");
  CHECK_STREQ(ws_project_tag(got, 1), "b2b");
  CHECK_STREQ(ws_project_tag(got, 2), "web");
  CHECK(ws_project_tag(got, 3) == NULL);
  CHECK(ws_project_member_count(got) == 3); /* the manager joined */
  for (size_t i = 0; i < ws_project_member_count(got); ++i) {
    const int64_t m = ws_project_member_id(got, i);
    const ws_project_role r = ws_project_member_role(got, i);
    if (m == a.mia) CHECK(r == WS_PROJECT_MANAGER);
    if (m == a.erik) CHECK(r == WS_PROJECT_MEMBER);
    if (m == a.carla) CHECK(r == WS_PROJECT_CLIENT);
    if (i > 0) CHECK(ws_project_member_id(got, i - 1) < m);
  }
  CHECK(ws_project_member_id(got, 9) == 0);

  /* Update, then the same revision again: WS_EABORTED. */
  ws_project *stale = NULL;
  OK(ws_project_dup(got, &stale));
  OK(ws_project_set_status(got, WS_PROJECT_PAUSED));
  OK(ws_project_clear_deadline(got));
  OK(ws_project_update(a.owner, got));
  CHECK(ws_project_revision(got) == 2);
  CHECK(ws_project_status_of(got) == WS_PROJECT_PAUSED);
  CHECK(!ws_project_has_deadline(got));
  OK(ws_project_set_name(stale, "Stale"));
  CHECK_RC(WS_EABORTED, ws_project_update(a.owner, stale));
  CHECK_STREQ(ws_project_name(stale), "Stale");
  CHECK(ws_project_revision(stale) == 1);

  /* Bad input names the field; a client sees no money; an employee may
   * not edit a project he does not manage. */
  OK(ws_project_set_name(stale, ""));
  OK(ws_project_set_revision(stale, 0));
  CHECK_RC(WS_EINVAL, ws_project_update(a.owner, stale));
  CHECK_ERRMSG_HAS("name");
  ws_session *cs = session_as(&a, a.carla);
  ws_project *seen = NULL;
  OK(ws_project_get(cs, id, &seen));
  CHECK(!ws_project_has_money_budget(seen));
  CHECK(ws_project_money_budget(seen) == 0);
  CHECK(!ws_project_has_billing_rate(seen));
  ws_project_free(seen);
  ws_session *es = session_as(&a, a.erik);
  OK(ws_project_get(es, id, &seen));
  OK(ws_project_set_name(seen, "Erik's"));
  CHECK_RC(WS_EPERM, ws_project_update(es, seen));
  ws_project_free(seen);
  ws_project *np = NULL;
  OK(ws_project_new(&np));
  OK(ws_project_set_name(np, "Client's own"));
  CHECK_RC(WS_EPERM, ws_project_create(cs, np));
  ws_project_free(np);

  /* Lists: default leaves archived ones out. */
  const int64_t other = add_project(&a, "Intranet");
  ws_project *archived = NULL;
  OK(ws_project_archive(a.owner, other, &archived));
  CHECK(ws_project_status_of(archived) == WS_PROJECT_ARCHIVED);
  ws_project_list *list = NULL;
  OK(ws_list_projects(a.owner, NULL, &list));
  CHECK(ws_project_list_count(list) == 1);
  CHECK(ws_project_id(ws_project_list_at(list, 0)) == id);
  ws_project_list_free(list);
  ws_project_filter f = WS_PROJECT_FILTER_INIT;
  f.include_archived = 1;
  OK(ws_list_projects(a.owner, &f, &list));
  CHECK(ws_project_list_count(list) == 2);
  ws_project_list_free(list);
  f.status = WS_PROJECT_ARCHIVED;
  OK(ws_list_projects(a.owner, &f, &list));
  CHECK(ws_project_list_count(list) == 1);
  CHECK(ws_project_id(ws_project_list_at(list, 0)) == other);
  CHECK(ws_project_list_at(list, 1) == NULL);
  ws_project_list_free(list);
  f = (ws_project_filter)WS_PROJECT_FILTER_INIT;
  f.member = a.owner_id; /* the owner is in no project */
  OK(ws_list_projects(a.owner, &f, &list));
  CHECK(ws_project_list_count(list) == 0);
  ws_project_list_free(list);
  f.status = (ws_project_status)8;
  CHECK_RC(WS_EINVAL, ws_list_projects(a.owner, &f, &list));

  ws_project *gone = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_project_get(a.owner, 987654, &gone));
  CHECK(gone == NULL);

  ws_project_free(archived);
  ws_session_free(es);
  ws_session_free(cs);
  ws_project_free(stale);
  ws_project_free(got);
  ws_project_free(p);
  agency_close(&a);
}

static void test_tasks(void) {
  agency a = agency_open();
  const int64_t web = add_project(&a, "Website");

  ws_task *t = NULL;
  OK(ws_task_new(&t));
  CHECK(ws_task_priority(t) == 5);
  CHECK(ws_task_status_of(t) == WS_TASK_OPEN);
  OK(ws_task_set_project(t, web));
  OK(ws_task_set_title(t, "Landing page"));
  OK(ws_task_set_text(t, "Hero, pricing, footer. Ünïcödé ✓"));
  OK(ws_task_set_assignee(t, a.erik));
  OK(ws_task_set_priority(t, 8));
  OK(ws_task_set_start_date(t, test_date(2024, 3, 11)));
  OK(ws_task_set_deadline(t, test_date(2024, 3, 20), 17 * 60 + 30));
  OK(ws_task_set_estimate(t, 8 * 3600));
  OK(ws_task_set_money_budget(t, 90000));
  {
    const char *tags[] = {"frontend", "design"};
    OK(ws_task_set_tags(t, tags, 2));
  }
  OK(ws_task_add_tag(t, "design"));
  OK(ws_task_checklist_add(t, "Wireframe", 1));
  OK(ws_task_checklist_add(t, "Copy", 0));
  OK(ws_task_checklist_add(t, "Review", 0));
  {
    const int64_t subs[] = {a.mia, a.carla, a.mia};
    OK(ws_task_set_subscribers(t, subs, 3));
  }
  OK(ws_task_add_subscriber(t, a.erik));
  OK(ws_task_create(a.owner, t));

  const int64_t id = ws_task_id(t);
  CHECK(id > 0);
  ws_task *got = NULL;
  OK(ws_task_get(a.owner, id, &got));
  CHECK(ws_task_revision(got) == 1);
  CHECK(ws_task_project(got) == web);
  CHECK(ws_task_parent(got) == 0);
  CHECK_STREQ(ws_task_title(got), "Landing page");
  CHECK_STREQ(ws_task_text(got), "Hero, pricing, footer. Ünïcödé ✓");
  CHECK(ws_task_author(got) == a.owner_id);
  CHECK(ws_task_assignee(got) == a.erik);
  CHECK(ws_task_priority(got) == 8);
  CHECK(ws_task_status_of(got) == WS_TASK_OPEN);
  CHECK(ws_task_has_start_date(got) && ws_task_start_date(got).day == 11);
  CHECK(ws_task_has_deadline(got));
  CHECK(ws_task_deadline(got).year == 2024 &&
        ws_task_deadline(got).month == 3 && ws_task_deadline(got).day == 20);
  CHECK(ws_task_deadline_minute(got) == 17 * 60 + 30);
  CHECK(ws_task_has_estimate(got) && ws_task_estimate(got) == 28800);
  CHECK(ws_task_has_money_budget(got) && ws_task_money_budget(got) == 90000);
  CHECK(ws_task_tag_count(got) == 2);
  CHECK_STREQ(ws_task_tag(got, 0), "design");
  CHECK_STREQ(ws_task_tag(got, 1), "frontend");
  CHECK(ws_task_checklist_count(got) == 3);
  CHECK_STREQ(ws_task_checklist_text(got, 0), "Wireframe");
  CHECK(ws_task_checklist_done(got, 0) == 1);
  CHECK(ws_task_checklist_done(got, 1) == 0);
  CHECK(ws_task_checklist_text(got, 3) == NULL);
  CHECK(ws_task_subscriber_count(got) == 3); /* sorted, unique */
  CHECK(ws_task_subscriber(got, 0) < ws_task_subscriber(got, 1));
  CHECK(ws_task_subscriber(got, 1) < ws_task_subscriber(got, 2));
  CHECK(ws_task_subscriber(got, 5) == 0);
  CHECK(!ws_task_hidden_from_clients(got));
  CHECK_STREQ(ws_task_completion_note(got), "");
  CHECK(!ws_task_has_completed_at(got));
  CHECK(ws_task_created_at(got) == TEST_NOW_US);
  CHECK(ws_task_updated_at(got) == TEST_NOW_US);

  /* Update every editable field. */
  OK(ws_task_set_title(got, "Landing page v2"));
  OK(ws_task_set_priority(got, 3));
  OK(ws_task_set_deadline(got, test_date(2024, 3, 22), WS_END_OF_DAY));
  OK(ws_task_clear_start_date(got));
  OK(ws_task_clear_estimate(got));
  OK(ws_task_clear_money_budget(got));
  OK(ws_task_checklist_set_done(got, 1, 1));
  OK(ws_task_checklist_remove(got, 2));
  OK(ws_task_set_subscribers(got, NULL, 0));
  OK(ws_task_set_hidden_from_clients(got, 1));
  OK(ws_task_set_assignee(got, a.mia));
  OK(ws_task_update(a.owner, got));
  CHECK(ws_task_revision(got) == 2);
  CHECK_STREQ(ws_task_title(got), "Landing page v2");
  CHECK(ws_task_deadline_minute(got) == WS_END_OF_DAY);
  CHECK(ws_task_deadline(got).day == 22);
  CHECK(!ws_task_has_start_date(got) && !ws_task_has_estimate(got));
  CHECK(ws_task_checklist_count(got) == 2 && ws_task_checklist_done(got, 1));
  CHECK(ws_task_subscriber_count(got) == 0);
  CHECK(ws_task_hidden_from_clients(got));
  OK(ws_task_checklist_clear(got));
  OK(ws_task_clear_deadline(got));
  OK(ws_task_update(a.owner, got));
  CHECK(ws_task_checklist_count(got) == 0 && !ws_task_has_deadline(got));

  /* A stale revision (t still holds revision 1). */
  OK(ws_task_set_title(t, "Lost"));
  CHECK_RC(WS_EABORTED, ws_task_update(a.owner, t));
  CHECK(ws_errcode() == WS_EABORTED);
  CHECK(ws_task_revision(t) == 1);

  /* Bad input. */
  ws_task *bad = NULL;
  OK(ws_task_new(&bad));
  OK(ws_task_set_project(bad, web));
  OK(ws_task_set_title(bad, "Too urgent"));
  OK(ws_task_set_priority(bad, 11));
  CHECK_RC(WS_EINVAL, ws_task_create(a.owner, bad));
  CHECK_ERRMSG_HAS("priority");
  CHECK(ws_task_id(bad) == 0);
  CHECK_RC(WS_EINVAL, ws_task_set_start_date(bad, test_date(2023, 13, 1)));
  OK(ws_task_set_priority(bad, 5));
  OK(ws_task_set_deadline(bad, test_date(2024, 3, 1), 1440));
  CHECK_RC(WS_EINVAL, ws_task_create(a.owner, bad));
  ws_task_free(bad);

  /* The hidden task: a client cannot see it at all. */
  ws_session *cs = session_as(&a, a.carla);
  ws_task *hidden = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_task_get(cs, id, &hidden));
  CHECK(hidden == NULL);
  /* A reader-less employee outside the project: not found either. */
  const int64_t rita =
      add_member(a.owner, "Rita Reader", "rita@agency.test", WS_ROLE_READER);
  ws_session *rs = session_as(&a, rita);
  CHECK_RC(WS_ENOTFOUND, ws_task_get(rs, id, &hidden));
  ws_session_free(rs);

  /* Subtasks, three levels at most. */
  int64_t parent = id;
  for (int level = 2; level <= 4; ++level) {
    ws_task *sub = NULL;
    OK(ws_task_new(&sub));
    OK(ws_task_set_project(sub, web));
    OK(ws_task_set_parent(sub, parent));
    OK(ws_task_set_title(sub, "Sub"));
    if (level <= 3) {
      OK(ws_task_create(a.owner, sub));
      CHECK(ws_task_parent(sub) == parent);
      parent = ws_task_id(sub);
    } else {
      CHECK_RC(WS_EPRECONDITION, ws_task_create(a.owner, sub));
    }
    ws_task_free(sub);
  }

  /* Complete, reopen. */
  ws_task *done = NULL;
  OK(ws_task_complete(a.owner, id, "Shipped", &done));
  CHECK(ws_task_status_of(done) == WS_TASK_DONE);
  CHECK_STREQ(ws_task_completion_note(done), "Shipped");
  CHECK(ws_task_has_completed_at(done) &&
        ws_task_completed_at(done) == TEST_NOW_US);
  ws_task *again = NULL;
  CHECK_RC(WS_EPRECONDITION, ws_task_complete(a.owner, id, NULL, &again));
  CHECK(again == NULL);
  ws_task *open = NULL;
  OK(ws_task_reopen(a.owner, id, &open));
  CHECK(ws_task_status_of(open) == WS_TASK_OPEN);
  CHECK(!ws_task_has_completed_at(open));
  CHECK_STREQ(ws_task_completion_note(open), "");
  CHECK_RC(WS_EPRECONDITION, ws_task_reopen(a.owner, id, &again));

  /* Move the tree to another project; an employee may not. */
  const int64_t app = add_project(&a, "App");
  ws_session *es = session_as(&a, a.erik);
  CHECK_RC(WS_EPERM, ws_task_move(es, id, app, 0, &again));
  ws_task *moved = NULL;
  OK(ws_task_move(a.owner, id, app, 0, &moved));
  CHECK(ws_task_project(moved) == app);
  ws_task *leaf = NULL;
  OK(ws_task_get(a.owner, parent, &leaf));
  CHECK(ws_task_project(leaf) == app); /* the subtasks came along */
  CHECK_RC(WS_ENOTFOUND, ws_task_move(a.owner, 555555, app, 0, &again));

  ws_task_free(leaf);
  ws_task_free(moved);
  ws_session_free(es);
  ws_task_free(open);
  ws_task_free(done);
  ws_session_free(cs);
  ws_task_free(got);
  ws_task_free(t);
  agency_close(&a);
}

static void test_comments(void) {
  agency a = agency_open();
  const int64_t web = add_project(&a, "Website");
  ws_task *t = NULL;
  OK(ws_task_new(&t));
  OK(ws_task_set_project(t, web));
  OK(ws_task_set_title(t, "Logo"));
  OK(ws_task_create(a.owner, t));

  ws_comment *c = NULL;
  OK(ws_comment_new(&c));
  OK(ws_comment_set_task(c, ws_task_id(t)));
  OK(ws_comment_set_text(c, "First draft attached"));
  OK(ws_comment_create(a.owner, c));
  CHECK(ws_comment_id(c) > 0);
  CHECK(ws_comment_revision(c) == 1);
  CHECK(ws_comment_task(c) == ws_task_id(t));
  CHECK(ws_comment_author(c) == a.owner_id);
  CHECK(ws_comment_created_at(c) == TEST_NOW_US);
  CHECK(ws_comment_updated_at(c) == TEST_NOW_US);

  ws_comment *internal = NULL;
  OK(ws_comment_new(&internal));
  OK(ws_comment_set_task(internal, ws_task_id(t)));
  OK(ws_comment_set_text(internal, "Client will hate it"));
  OK(ws_comment_set_hidden_from_clients(internal, 1));
  OK(ws_comment_create(a.owner, internal));

  ws_comment *got = NULL;
  OK(ws_comment_get(a.owner, ws_comment_id(c), &got));
  CHECK_STREQ(ws_comment_text(got), "First draft attached");
  CHECK(!ws_comment_hidden_from_clients(got));
  OK(ws_comment_set_text(got, "Second draft attached"));
  OK(ws_comment_update(a.owner, got));
  CHECK(ws_comment_revision(got) == 2);
  OK(ws_comment_set_text(c, "Stale"));
  CHECK_RC(WS_EABORTED, ws_comment_update(a.owner, c));
  OK(ws_comment_set_text(got, ""));
  CHECK_RC(WS_EINVAL, ws_comment_update(a.owner, got));
  CHECK_ERRMSG_HAS("text");

  ws_comment_list *list = NULL;
  OK(ws_list_comments(a.owner, ws_task_id(t), &list));
  CHECK(ws_comment_list_count(list) == 2);
  CHECK_STREQ(ws_comment_text(ws_comment_list_at(list, 0)),
              "Second draft attached");
  CHECK(ws_comment_hidden_from_clients(ws_comment_list_at(list, 1)));
  ws_comment_list_free(list);

  ws_session *cs = session_as(&a, a.carla);
  OK(ws_list_comments(cs, ws_task_id(t), &list));
  CHECK(ws_comment_list_count(list) == 1); /* no hidden comment */
  ws_comment_list_free(list);
  ws_comment *peek = NULL;
  CHECK_RC(WS_ENOTFOUND, ws_comment_get(cs, ws_comment_id(internal), &peek));
  /* A client edits only what she wrote. */
  ws_comment *cc = NULL;
  OK(ws_comment_get(cs, ws_comment_id(c), &cc));
  OK(ws_comment_set_revision(cc, 0));
  OK(ws_comment_set_text(cc, "Carla was here"));
  CHECK_RC(WS_EPERM, ws_comment_update(cs, cc));
  CHECK_RC(WS_ENOTFOUND, ws_list_comments(a.owner, 424242, &list));

  ws_comment_free(cc);
  ws_session_free(cs);
  ws_comment_free(got);
  ws_comment_free(internal);
  ws_comment_free(c);
  ws_task_free(t);
  agency_close(&a);
}

/* 25 tasks: priority i % 11, tag "even" on even i, deadline 2024-03-(1+i)
 * on i < 20, assignee erik on i % 3 == 0, done on i % 5 == 0. */
enum { kTasks = 25 };

static int64_t seed_tasks(agency *a, int64_t project, int64_t ids[kTasks]) {
  for (int i = 0; i < kTasks; ++i) {
    ws_task *t = NULL;
    char title[64];
    snprintf(title, sizeof title, "Task %02d%s", i, i == 7 ? " needle" : "");
    OK(ws_task_new(&t));
    OK(ws_task_set_project(t, project));
    OK(ws_task_set_title(t, title));
    OK(ws_task_set_priority(t, i % 11));
    if (i % 2 == 0) OK(ws_task_add_tag(t, "even"));
    if (i < 20) OK(ws_task_set_deadline(t, test_date(2024, 3, 1 + i), -1));
    if (i % 3 == 0) OK(ws_task_set_assignee(t, a->erik));
    OK(ws_task_create(a->owner, t));
    ids[i] = ws_task_id(t);
    ws_task_free(t);
    if (i % 5 == 0) {
      ws_task *d = NULL;
      OK(ws_task_complete(a->owner, ids[i], NULL, &d));
      ws_task_free(d);
    }
  }
  return project;
}

/* Counts the tasks a filter lists, page by page, checking the order. */
static size_t count_pages(ws_session *s, const ws_task_filter *f,
                          size_t *pages) {
  size_t n = 0;
  char token[1024] = "";
  *pages = 0;
  int64_t last_id = 0;
  for (;;) {
    ws_task_page *page = NULL;
    OK(ws_list_tasks(s, f, token, &page));
    ++*pages;
    for (size_t i = 0; i < ws_task_page_count(page); ++i) {
      const ws_task *t = ws_task_page_at(page, i);
      if (f->order == WS_ORDER_ID) CHECK(ws_task_id(t) > last_id);
      last_id = ws_task_id(t);
      ++n;
    }
    CHECK(ws_task_page_at(page, ws_task_page_count(page)) == NULL);
    const char *next = ws_task_page_next_token(page);
    CHECK(strlen(next) < sizeof token);
    strcpy(token, next);
    ws_task_page_free(page);
    if (token[0] == '\0') break;
  }
  return n;
}

static size_t count_iter(ws_session *s, const ws_task_filter *f) {
  ws_task_iter *it = NULL;
  OK(ws_task_iter_new(s, f, &it));
  size_t n = 0;
  const ws_task *t = NULL;
  int rc;
  while ((rc = ws_task_iter_next(it, &t)) == WS_OK) {
    CHECK(t != NULL && ws_task_id(t) > 0);
    ++n;
  }
  CHECK_RC(WS_DONE, rc);
  CHECK(t == NULL);
  CHECK_RC(WS_DONE, ws_task_iter_next(it, &t)); /* stays done */
  ws_task_iter_free(it);
  return n;
}

static void test_filters_and_paging(void) {
  agency a = agency_open();
  const int64_t web = add_project(&a, "Website");
  const int64_t other = add_project(&a, "Other");
  int64_t ids[kTasks];
  seed_tasks(&a, web, ids);
  {
    ws_task *t = NULL;
    OK(ws_task_new(&t));
    OK(ws_task_set_project(t, other));
    OK(ws_task_set_title(t, "Elsewhere"));
    OK(ws_task_set_parent(t, 0));
    OK(ws_task_create(a.owner, t));
    ws_task *sub = NULL;
    OK(ws_task_new(&sub));
    OK(ws_task_set_project(sub, other));
    OK(ws_task_set_parent(sub, ws_task_id(t)));
    OK(ws_task_set_title(sub, "Below"));
    OK(ws_task_create(a.owner, sub));
    ws_task_free(sub);
    ws_task_free(t);
  }

  ws_task_filter f = WS_TASK_FILTER_INIT;
  size_t pages = 0;
  f.project = web;
  f.limit = 7;
  CHECK(count_pages(a.owner, &f, &pages) == kTasks);
  CHECK(pages == 4);
  f.limit = 4;
  CHECK(count_iter(a.owner, &f) == kTasks);
  f.limit = 0; /* the default page size */
  CHECK(count_pages(a.owner, &f, &pages) == kTasks && pages == 1);

  /* NULL filter: everything visible, one page. */
  ws_task_page *page = NULL;
  OK(ws_list_tasks(a.owner, NULL, NULL, &page));
  CHECK(ws_task_page_count(page) == kTasks + 2);
  CHECK_STREQ(ws_task_page_next_token(page), "");
  ws_task_page_free(page);
  ws_task_iter *it = NULL;
  OK(ws_task_iter_new(a.owner, NULL, &it));
  ws_task_iter_free(it);

  /* Each filter field. */
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.project = web;
  f.status = WS_TASK_DONE;
  CHECK(count_iter(a.owner, &f) == 5); /* 0 5 10 15 20 */
  f.status = WS_TASK_OPEN;
  CHECK(count_iter(a.owner, &f) == 20);
  f.status = 0;
  f.tag = "even";
  CHECK(count_iter(a.owner, &f) == 13);
  f.tag = NULL;
  f.assignee = a.erik;
  CHECK(count_iter(a.owner, &f) == 9); /* 0 3 ... 24 */
  f.assignee = WS_ID_NONE;
  CHECK(count_iter(a.owner, &f) == 16);
  f.assignee = 0;
  f.author = a.owner_id;
  CHECK(count_iter(a.owner, &f) == kTasks);
  f.author = a.erik;
  CHECK(count_iter(a.owner, &f) == 0);
  f.author = 0;
  f.min_priority = 9;
  CHECK(count_iter(a.owner, &f) == 4); /* 9 10 20 21 */
  f.min_priority = WS_MIN_PRIORITY;
  f.max_priority = 0;
  CHECK(count_iter(a.owner, &f) == 3); /* 0 11 22 */
  f.max_priority = WS_MAX_PRIORITY;
  f.deadline_from = test_date(2024, 3, 5);
  f.deadline_to = test_date(2024, 3, 9);
  CHECK(count_iter(a.owner, &f) == 5);
  f.deadline_from = test_date(0, 0, 0);
  f.deadline_to = test_date(0, 0, 0);
  f.overdue_as_of = test_date(2024, 3, 11); /* open, due 1..10 March */
  CHECK(count_iter(a.owner, &f) == 8);      /* 1-9 but 5 */
  f.overdue_as_of = test_date(0, 0, 0);
  f.text_contains = "NEEDLE";
  CHECK(count_iter(a.owner, &f) == 1);
  f.text_contains = "";
  CHECK(count_iter(a.owner, &f) == kTasks);

  /* Parent: WS_ID_NONE means top level; an id its direct subtasks. */
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.project = other;
  f.parent = WS_ID_NONE;
  CHECK(count_iter(a.owner, &f) == 1);
  f.parent = 0;
  CHECK(count_iter(a.owner, &f) == 2);

  /* Orders: by priority, highest first; by deadline, none last. */
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.project = web;
  f.order = WS_ORDER_PRIORITY;
  f.limit = 6;
  OK(ws_task_iter_new(a.owner, &f, &it));
  int last = 99, n = 0;
  const ws_task *t = NULL;
  while (ws_task_iter_next(it, &t) == WS_OK) {
    CHECK(ws_task_priority(t) <= last);
    last = ws_task_priority(t);
    ++n;
  }
  CHECK(n == kTasks);
  ws_task_iter_free(it);
  f.order = WS_ORDER_DEADLINE;
  OK(ws_list_tasks(a.owner, &f, NULL, &page));
  CHECK(ws_task_id(ws_task_page_at(page, 0)) == ids[0]);
  ws_task_page_free(page);
  CHECK(count_pages(a.owner, &f, &pages) == kTasks && pages == 5);

  /* Bad filters and tokens. */
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.limit = WS_MAX_PAGE_SIZE + 1;
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, NULL, &page));
  CHECK(page == NULL);
  CHECK_ERRMSG_HAS("limit");
  f.limit = 0;
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, "garbage!", &page));
  f.deadline_from = test_date(2024, 2, 31);
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, NULL, &page));
  CHECK_ERRMSG_HAS("deadline_from");
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.parent = -7;
  CHECK_RC(WS_EINVAL, ws_task_iter_new(a.owner, &f, &it));
  CHECK(it == NULL);
  f.parent = 0;
  f.order = (ws_task_order)5;
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, NULL, &page));
  f.order = WS_ORDER_ID;
  f.status = (ws_task_status)3;
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, NULL, &page));

  /* A token read with another filter. */
  f = (ws_task_filter)WS_TASK_FILTER_INIT;
  f.limit = 3;
  OK(ws_list_tasks(a.owner, &f, NULL, &page));
  char token[1024];
  strcpy(token, ws_task_page_next_token(page));
  ws_task_page_free(page);
  f.order = WS_ORDER_PRIORITY;
  CHECK_RC(WS_EINVAL, ws_list_tasks(a.owner, &f, token, &page));

  agency_close(&a);
}

static void test_string_lifetimes(void) {
  agency a = agency_open();
  const int64_t web = add_project(&a, "Website");
  ws_task *t = NULL;
  OK(ws_task_new(&t));
  OK(ws_task_set_project(t, web));
  char title[64] = "Borrowed title";
  OK(ws_task_set_title(t, title));
  strcpy(title, "Changed by the caller"); /* copied on the way in */
  CHECK_STREQ(ws_task_title(t), "Borrowed title");
  OK(ws_task_add_tag(t, "tag-one"));
  OK(ws_task_create(a.owner, t));

  /* Borrowed from t: stays valid across other calls until t changes. */
  const char *borrowed = ws_task_title(t);
  const char *tag = ws_task_tag(t, 0);
  ws_task *other = NULL;
  OK(ws_task_get(a.owner, ws_task_id(t), &other));
  OK(ws_task_set_title(other, "Other"));
  OK(ws_task_update(a.owner, other));
  ws_task_free(other);
  CHECK_STREQ(borrowed, "Borrowed title");
  CHECK_STREQ(tag, "tag-one");

  /* A dup is independent of its source. */
  ws_task *copy = NULL;
  OK(ws_task_dup(t, &copy));
  ws_task_free(t);
  CHECK_STREQ(ws_task_title(copy), "Borrowed title");

  /* Pages, lists and objects are values: they outlive the session and the
   * workspace that produced them. */
  ws_task_page *page = NULL;
  OK(ws_list_tasks(a.owner, NULL, NULL, &page));
  ws_member_list *members = NULL;
  OK(ws_list_members(a.owner, NULL, &members));
  const ws_task *first = ws_task_page_at(page, 0);
  const char *first_title = ws_task_title(first);
  agency_close(&a);
  CHECK_STREQ(first_title, "Other");
  CHECK_STREQ(ws_member_name(ws_member_list_at(members, 0)), "Olga");
  ws_task *kept = NULL;
  OK(ws_task_dup(first, &kept));
  ws_task_page_free(page);
  CHECK_STREQ(ws_task_title(kept), "Other");
  ws_task_free(kept);
  ws_member_list_free(members);
  ws_task_free(copy);
}

static void run_all(void) {
  RUN(test_projects);
  RUN(test_tasks);
  RUN(test_comments);
  RUN(test_filters_and_paging);
  RUN(test_string_lifetimes);
}

int main(void) {
  fprintf(stderr, "--- memory: ---\n");
  g_uri = "memory:";
  run_all();

  /* The same over SQLite: a fresh file per test. */
  char dir[4096];
  tmpdir_make(dir, sizeof dir);
  static char uri[4200];
  fprintf(stderr, "--- sqlite: ---\n");
  g_uri = uri;
#define RUN_SQLITE(test)                                      \
  do {                                                        \
    snprintf(uri, sizeof uri, "sqlite:%s/%s.db", dir, #test); \
    RUN(test);                                                \
  } while (0)
  RUN_SQLITE(test_projects);
  RUN_SQLITE(test_tasks);
  RUN_SQLITE(test_comments);
  RUN_SQLITE(test_filters_and_paging);
  RUN_SQLITE(test_string_lifetimes);
  tmpdir_remove(dir);
  return 0;
}
