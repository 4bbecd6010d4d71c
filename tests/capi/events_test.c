/* The change feed from C: reading pages after a stored position, a
 * subscription that receives each commit's events with its user data, and
 * a client that never receives a hidden task or a money field. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "tmpdir.h"
#include "worksection/c.h"

typedef struct heard {
  int calls;
  size_t events;
  int64_t last_seq;
  int saw_hidden;
} heard;

static void on_events(void *user_data, const ws_event *const *events,
                      size_t count) {
  heard *h = (heard *)user_data;
  size_t i;
  h->calls++;
  h->events += count;
  for (i = 0; i < count; ++i) {
    h->last_seq = ws_event_seq(events[i]);
    if (ws_event_hidden_from_clients(events[i])) h->saw_hidden = 1;
  }
}

/* Reads every event after `after` in pages of 2; returns the position and
 * adds to *count the events read; sets *saw_money on a money change. */
static int64_t drain(ws_session *s, int64_t after, size_t *count,
                     int *saw_money) {
  for (;;) {
    ws_event_page *page = NULL;
    size_t i;
    int more;
    OK(ws_changes_since(s, after, 2, &page));
    for (i = 0; i < ws_event_page_count(page); ++i) {
      const ws_event *e = ws_event_page_at(page, i);
      CHECK(ws_event_seq(e) > after);
      if (strstr(ws_event_json(e), "\"money\":true") != NULL) *saw_money = 1;
      ++*count;
    }
    after = ws_event_page_last_seq(page);
    more = ws_event_page_has_more(page);
    ws_event_page_free(page);
    if (!more) return after;
  }
}

static void test_feed_and_subscription(void) {
  char dir[4096];
  char uri[4200];
  ws_setup setup = WS_SETUP_INIT;
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  ws_workspace *ws;
  ws_member *owner = NULL, *client = NULL;
  ws_project *project = NULL;
  ws_task *task = NULL, *secret = NULL;
  ws_session *os, *cs;
  ws_subscription *sub = NULL, *client_sub = NULL;
  heard h = {0, 0, 0, 0}, ch = {0, 0, 0, 0};
  int64_t position = 0, client_position = 0;
  size_t count = 0, client_count = 0;
  int saw_money = 0, client_saw_money = 0;
  ws_event_page *page = NULL;
  const void *bytes = NULL;
  size_t size = 0;

  tmpdir_make(dir, sizeof dir);
  snprintf(uri, sizeof uri, "sqlite:%s/ws.db", dir);
  setup.name = "Agency";
  setup.owner_name = "Olga";
  setup.owner_email = "olga@agency.test";
  options.create = &setup;
  options.clock = test_clock;
  OK(ws_workspace_open(uri, &options, &ws));
  OK(ws_workspace_first_owner(ws, &owner));
  OK(ws_session_open(ws, ws_member_id(owner), &os));

  OK(ws_member_new(&client));
  OK(ws_member_set_name(client, "Clara"));
  OK(ws_member_set_email(client, "clara@example.com"));
  OK(ws_member_set_role(client, WS_ROLE_CLIENT));
  OK(ws_member_create(os, client));
  OK(ws_session_open(ws, ws_member_id(client), &cs));

  OK(ws_subscribe(ws, ws_member_id(owner), on_events, &h, &sub));
  OK(ws_subscribe(ws, ws_member_id(client), on_events, &ch, &client_sub));

  OK(ws_project_new(&project));
  OK(ws_project_set_name(project, "Web"));
  OK(ws_project_set_money_budget(project, 100000));
  OK(ws_project_set_member(project, ws_member_id(client), WS_PROJECT_CLIENT));
  OK(ws_project_create(os, project));
  CHECK(h.calls == 1 && h.events == 1);
  CHECK(ch.calls == 1); /* the client is in the project, minus its money */

  OK(ws_task_new(&task));
  OK(ws_task_set_project(task, ws_project_id(project)));
  OK(ws_task_set_title(task, "Landing page"));
  OK(ws_task_create(os, task));
  OK(ws_task_new(&secret));
  OK(ws_task_set_project(secret, ws_project_id(project)));
  OK(ws_task_set_title(secret, "Secret"));
  OK(ws_task_set_hidden_from_clients(secret, 1));
  OK(ws_task_create(os, secret));
  CHECK(h.calls == 3);
  CHECK(ch.calls == 2 && ch.saw_hidden == 0);

  position = drain(os, 0, &count, &saw_money);
  CHECK(position == h.last_seq);
  CHECK(saw_money); /* the owner reads the project's money budget */
  client_position = drain(cs, 0, &client_count, &client_saw_money);
  CHECK(client_position == position); /* resumes past what it cannot see */
  CHECK(client_count < count);
  CHECK(!client_saw_money);

  /* Resuming from the stored position sees only what is new. */
  OK(ws_task_set_title(task, "Landing page v2"));
  OK(ws_task_update(os, task));
  OK(ws_changes_since(os, position, 0, &page));
  CHECK(ws_event_page_count(page) == 1);
  {
    const ws_event *e = ws_event_page_at(page, 0);
    CHECK(ws_event_entity_type(e) == WS_ENTITY_TASK);
    CHECK(ws_event_action_of(e) == WS_EVENT_UPDATED);
    CHECK(strcmp(ws_event_action_name(ws_event_action_of(e)), "updated") == 0);
    CHECK(strcmp(ws_entity_type_name(ws_event_entity_type(e)), "task") == 0);
    CHECK(ws_event_entity_id(e) == ws_task_id(task));
    CHECK(ws_event_actor(e) == ws_member_id(owner));
    CHECK(ws_event_change_count(e) == 1);
    CHECK(ws_event_revealed_to_clients(e) == 0);
    CHECK(ws_event_concealed_from_clients(e) == 0);
    CHECK(ws_event_revealed_to_clients(NULL) == 0);
    CHECK(strcmp(ws_event_change_field(e, 0), "title") == 0);
    CHECK(strcmp(ws_event_change_field(e, 5), "") == 0);
    CHECK(strstr(ws_event_json(e), "Landing page v2") != NULL);
    OK(ws_event_proto(e, &bytes, &size));
    CHECK(bytes != NULL && size > 0);
  }
  CHECK(ws_event_page_at(page, 1) == NULL);
  CHECK(ws_event_entity_id_count(ws_event_page_at(page, 0)) == 0);
  position = ws_event_page_last_seq(page);
  ws_event_page_free(page);

  /* A batch log is one event per task, listing the new entries' ids. */
  {
    ws_time_log logs[2];
    const ws_time_log *ptrs[2];
    size_t written = 0, i;
    const ws_event *e;
    for (i = 0; i < 2; ++i) {
      ws_time_log l = WS_TIME_LOG_INIT;
      l.task = ws_task_id(task);
      l.duration = 600;
      logs[i] = l;
      ptrs[i] = &logs[i];
    }
    OK(ws_log_time_batch(os, ptrs, 2, &written));
    CHECK(written == 2);
    OK(ws_changes_since(os, position, 0, &page));
    CHECK(ws_event_page_count(page) == 1);
    e = ws_event_page_at(page, 0);
    CHECK(ws_event_entity_type(e) == WS_ENTITY_TIME_ENTRY);
    CHECK(ws_event_action_of(e) == WS_EVENT_BATCH_CREATED);
    CHECK(strcmp(ws_event_action_name(WS_EVENT_BATCH_CREATED),
                 "batch_created") == 0);
    CHECK(ws_event_task(e) == ws_task_id(task));
    CHECK(ws_event_entity_id(e) == 0);
    CHECK(ws_event_change_count(e) == 0);
    CHECK(ws_event_entity_id_count(e) == 2);
    CHECK(ws_event_entity_id_at(e, 0) > 0);
    CHECK(ws_event_entity_id_at(e, 1) > ws_event_entity_id_at(e, 0));
    CHECK(ws_event_entity_id_at(e, 2) == 0);
    CHECK(ws_event_entity_id_count(NULL) == 0);
    CHECK(ws_event_entity_id_at(NULL, 0) == 0);
    ws_event_page_free(page);
  }

  /* Errors. */
  CHECK(ws_changes_since(os, -1, 0, &page) == WS_EINVAL);
  CHECK(page == NULL);
  CHECK(ws_changes_since(os, 0, 5000, &page) == WS_EINVAL);
  {
    ws_subscription *none = NULL;
    CHECK(ws_subscribe(ws, 424242, on_events, &h, &none) == WS_ENOTFOUND);
    CHECK(none == NULL);
    CHECK(ws_subscribe(ws, ws_member_id(owner), NULL, &h, &none) == WS_EINVAL);
  }

  /* After ws_subscription_free, no more calls. */
  ws_subscription_free(sub);
  ws_subscription_free(client_sub);
  ws_subscription_free(NULL);
  {
    int calls = h.calls;
    OK(ws_task_set_title(task, "v3"));
    OK(ws_task_update(os, task));
    CHECK(h.calls == calls);
  }

  ws_task_free(task);
  ws_task_free(secret);
  ws_project_free(project);
  ws_member_free(client);
  ws_member_free(owner);
  ws_session_free(cs);
  ws_session_free(os);
  ws_workspace_free(ws);
  tmpdir_remove(dir);
}

int main(void) {
  RUN(test_feed_and_subscription);
  return 0;
}
