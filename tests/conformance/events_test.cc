// The change feed through the public API: every write's events, in order,
// exactly once for a resuming consumer, never from a failed call, to
// subscribers after commit, and only what the reader may see.
#include "worksection/events.h"

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {
namespace {

using EventsTest = SessionTest;
WS_INSTANTIATE_ALL_STORES(EventsTest);

std::string Actions(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events) {
    absl::StrAppend(&out, out.empty() ? "" : " ", EntityTypeName(e.entity_type),
                    ":", EventActionName(e.action));
  }
  return out;
}

TEST_P(EventsTest, SetupAndFixtureWritesAreNumberedFromOneWithoutGaps) {
  std::vector<Event> all = AllChanges(Owner());
  ASSERT_FALSE(all.empty());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, i + 1);
  EXPECT_EQ(Actions(all),
            "workspace:created member:created member:created member:created "
            "project:created project:created");
  EXPECT_EQ(all[0].actor, MemberId());  // the setup has no actor
  EXPECT_EQ(all[1].actor, MemberId());
  EXPECT_EQ(all[2].actor, owner_id_);
  EXPECT_EQ(all[2].at, FixedNow());
}

TEST_P(EventsTest, TaskLifecycleCarriesActionsAndOldAndNewValues) {
  const int64_t start = LastSeq(Owner());
  WS_ASSERT_OK_AND_ASSIGN(Task t, Owner().CreateTask(NewTask(web_, "Draft")));
  t.title = "Final";
  WS_ASSERT_OK_AND_ASSIGN(t, Owner().UpdateTask(t));
  WS_ASSERT_OK(Owner().CompleteTask(t.id, "done").status());
  WS_ASSERT_OK(Owner().ReopenTask(t.id).status());
  WS_ASSERT_OK(Owner().MoveTask(t.id, internal_).status());

  std::vector<Event> events = AllChanges(Owner(), start);
  ASSERT_EQ(Actions(events),
            "task:created task:updated task:completed task:reopened "
            "task:moved");
  for (const Event& e : events) {
    EXPECT_EQ(e.entity_id, t.id.value());
    EXPECT_EQ(e.actor, owner_id_);
  }
  const FieldChange* created_title = FindChange(events[0], "title");
  ASSERT_NE(created_title, nullptr);
  EXPECT_FALSE(created_title->old_value.has_value());
  EXPECT_EQ(created_title->new_value->text, "Draft");

  ASSERT_EQ(events[1].changes.size(), 1u);
  EXPECT_EQ(events[1].changes[0].field, "title");
  EXPECT_EQ(events[1].changes[0].old_value->text, "Draft");
  EXPECT_EQ(events[1].changes[0].new_value->text, "Final");

  const FieldChange* status = FindChange(events[2], "status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->old_value->text, "open");
  EXPECT_EQ(status->new_value->text, "done");

  EXPECT_EQ(events[4].project, internal_);
  const FieldChange* project = FindChange(events[4], "project");
  ASSERT_NE(project, nullptr);
  EXPECT_EQ(project->old_value->integer, web_.value());
  EXPECT_EQ(project->new_value->integer, internal_.value());
}

TEST_P(EventsTest, ResumedConsumerSeesEveryChangeExactlyOnce) {
  // A consumer that handles pages of 2 and keeps its position in between.
  int64_t position = 0;
  std::vector<int64_t> handled;
  auto consume = [&] {
    while (true) {
      absl::StatusOr<ChangesPage> page = Owner().ChangesSince(position, 2);
      ASSERT_TRUE(page.ok()) << page.status();
      for (const Event& e : page->events) handled.push_back(e.seq);
      position = page->last_seq;
      if (!page->has_more) break;
    }
  };
  consume();
  for (int i = 0; i < 5; ++i) {
    WS_ASSERT_OK(
        Owner().CreateTask(NewTask(web_, absl::StrCat("T", i))).status());
  }
  consume();
  consume();  // nothing new: nothing seen twice
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "last")).status());
  consume();
  ASSERT_FALSE(handled.empty());
  for (size_t i = 0; i < handled.size(); ++i) EXPECT_EQ(handled[i], i + 1);
  EXPECT_EQ(handled.back(), LastSeq(Owner()));
}

TEST_P(EventsTest, FailedCallsWriteNoEvent) {
  WS_ASSERT_OK_AND_ASSIGN(Task t, Owner().CreateTask(NewTask(web_, "T")));
  const int64_t before = LastSeq(Owner());
  // A stale revision, a bad input, a forbidden write.
  Task stale = t;
  stale.revision = t.revision + 7;
  stale.title = "lost";
  EXPECT_FALSE(Owner().UpdateTask(stale).ok());
  EXPECT_FALSE(Owner().CreateTask(NewTask(web_, "")).ok());
  EXPECT_FALSE(Client().CreateProject(NewProject("nope")).ok());
  // A transaction whose second call fails: the first call's event goes too.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Owner().BeginTransaction());
    WS_ASSERT_OK(
        tx->session().CreateTask(NewTask(web_, "rolled back")).status());
    EXPECT_FALSE(tx->session().CreateTask(NewTask(web_, "")).ok());
    EXPECT_FALSE(tx->Commit().ok());
  }
  // A transaction dropped without commit.
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Owner().BeginTransaction());
    WS_ASSERT_OK(tx->session().CreateTask(NewTask(web_, "dropped")).status());
  }
  EXPECT_EQ(LastSeq(Owner()), before);
  // The next committed change takes the very next number.
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "kept")).status());
  std::vector<Event> after = AllChanges(Owner(), before);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].seq, before + 1);
}

TEST_P(EventsTest, ConcurrentWritersGetStrictlyIncreasingGaplessNumbers) {
  const int64_t start = LastSeq(Owner());
  constexpr int kThreads = 4;
  constexpr int kTasksEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Session s = Owner();
      for (int j = 0; j < kTasksEach; ++j) {
        if (!s.CreateTask(NewTask(web_, absl::StrCat("t", i, "-", j))).ok()) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(failures.load(), 0);
  std::vector<Event> events = AllChanges(Owner(), start, 7);
  ASSERT_EQ(events.size(), static_cast<size_t>(kThreads * kTasksEach));
  std::set<int64_t> task_ids;
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].seq, start + 1 + static_cast<int64_t>(i));
    task_ids.insert(events[i].entity_id);
  }
  EXPECT_EQ(task_ids.size(), events.size());
}

// 50 minutes on `task`: 83% of a one-hour budget.
TimeLog FiftyMinutesOn(TaskId task) {
  TimeLog log;
  log.task = task;
  log.duration = absl::Minutes(50);
  log.date = Day(2024, 3, 14);
  return log;
}

TEST_P(EventsTest, BudgetThresholdCrossedIsAnEvent) {
  Project p =
      NewProject("Budgeted", owner_id_, {{employee_id_, ProjectRole::kMember}});
  p.time_budget = absl::Hours(1);
  WS_ASSERT_OK_AND_ASSIGN(p, Owner().CreateProject(p));
  WS_ASSERT_OK_AND_ASSIGN(Task t, Owner().CreateTask(NewTask(p.id, "work")));
  const int64_t start = LastSeq(Owner());
  WS_ASSERT_OK(Employee().LogTime(FiftyMinutesOn(t.id)).status());
  std::vector<Event> events = AllChanges(Owner(), start);
  ASSERT_EQ(Actions(events),
            "time_entry:created budget_alert:budget_threshold_crossed");
  const Event& alert = events[1];
  EXPECT_EQ(alert.project, p.id);
  EXPECT_EQ(alert.actor, employee_id_);
  EXPECT_FALSE(alert.money);
  const FieldChange* percent = FindChange(alert, "percent");
  ASSERT_NE(percent, nullptr);
  EXPECT_EQ(percent->new_value->integer, 80);
  const FieldChange* kind = FindChange(alert, "kind");
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->new_value->text, "time");
}

// Alerts are recorded on all hours; a client, who may not see hidden tasks,
// learns of one only once the hours it sees reach it too.
TEST_P(EventsTest, ClientGetsNoBudgetAlertCausedByHiddenHours) {
  Project p = NewProject("Budgeted", owner_id_,
                         {{employee_id_, ProjectRole::kMember},
                          {client_id_, ProjectRole::kClient}});
  p.time_budget = absl::Hours(1);
  WS_ASSERT_OK_AND_ASSIGN(p, Owner().CreateProject(p));
  Task secret = NewTask(p.id, "internal");
  secret.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(secret, Owner().CreateTask(secret));
  WS_ASSERT_OK_AND_ASSIGN(Task open, Owner().CreateTask(NewTask(p.id, "open")));
  const int64_t start = LastSeq(Owner());
  WS_ASSERT_OK(Employee().LogTime(FiftyMinutesOn(secret.id)).status());

  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> owner_alerts,
                          Owner().ListBudgetAlerts(p.id));
  ASSERT_EQ(owner_alerts.size(), 1u);
  EXPECT_EQ(owner_alerts[0].percent, 80);
  WS_ASSERT_OK_AND_ASSIGN(std::vector<BudgetAlert> client_alerts,
                          Client().ListBudgetAlerts(p.id));
  EXPECT_TRUE(client_alerts.empty());
  EXPECT_EQ(Actions(AllChanges(Client(), start)), "");
  EXPECT_EQ(Actions(AllChanges(Owner(), start)),
            "time_entry:created budget_alert:budget_threshold_crossed");

  // 50 visible minutes of 60: the client now sees the 80% alert as listed,
  // with the time it was recorded.
  WS_ASSERT_OK(Employee().LogTime(FiftyMinutesOn(open.id)).status());
  WS_ASSERT_OK_AND_ASSIGN(client_alerts, Client().ListBudgetAlerts(p.id));
  ASSERT_EQ(client_alerts.size(), 1u);
  EXPECT_EQ(client_alerts[0].percent, 80);
  EXPECT_EQ(client_alerts[0].crossed_at, owner_alerts[0].crossed_at);
  // The 100% alert (all hours: 100 of 60 minutes) is not the client's yet.
  WS_ASSERT_OK_AND_ASSIGN(owner_alerts, Owner().ListBudgetAlerts(p.id));
  EXPECT_EQ(owner_alerts.size(), 2u);
  // The feed judges an alert as it is read: read from the same place now,
  // the 80% alert is the client's, the 100% one not.
  std::vector<Event> client_events = AllChanges(Client(), start);
  ASSERT_EQ(Actions(client_events),
            "budget_alert:budget_threshold_crossed time_entry:created");
  ASSERT_NE(FindChange(client_events[0], "percent"), nullptr);
  EXPECT_EQ(FindChange(client_events[0], "percent")->new_value->integer, 80);
}

TEST_P(EventsTest, BatchLogIsOneEventPerTaskListingTheNewIds) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Owner().CreateTask(NewTask(web_, "a")));
  Task hidden_task = NewTask(web_, "hidden");
  hidden_task.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(Task h, Owner().CreateTask(hidden_task));
  const int64_t start = LastSeq(Owner());
  std::vector<TimeLog> logs;
  for (TaskId task : {a.id, h.id, a.id, a.id, h.id}) {
    TimeLog log;
    log.task = task;
    log.duration = absl::Minutes(30);
    log.date = Day(2024, 3, 14);
    log.note = "imported";
    logs.push_back(log);
  }
  WS_ASSERT_OK_AND_ASSIGN(std::vector<TimeEntry> written,
                          Employee().LogTimeBatch(logs));

  std::vector<Event> events = AllChanges(Owner(), start);
  ASSERT_EQ(Actions(events),
            "time_entry:batch_created time_entry:batch_created");
  // In the order of each task's first entry, with that task's ids.
  EXPECT_EQ(events[0].task, a.id);
  EXPECT_EQ(events[0].entity_ids,
            (std::vector<int64_t>{written[0].id.value(), written[2].id.value(),
                                  written[3].id.value()}));
  EXPECT_FALSE(events[0].hidden_from_clients);
  EXPECT_EQ(events[1].task, h.id);
  EXPECT_EQ(
      events[1].entity_ids,
      (std::vector<int64_t>{written[1].id.value(), written[4].id.value()}));
  EXPECT_TRUE(events[1].hidden_from_clients);
  for (const Event& e : events) {
    EXPECT_EQ(e.project, web_);
    EXPECT_EQ(e.actor, employee_id_);
    EXPECT_EQ(e.entity_id, 0);
    EXPECT_TRUE(e.changes.empty());
  }
  // The ids survive the wire shapes.
  WS_ASSERT_OK_AND_ASSIGN(Event decoded,
                          EventFromProto(EventToProto(events[0])));
  EXPECT_EQ(decoded.entity_ids, events[0].entity_ids);
  EXPECT_THAT(EventToJson(events[0]), ::testing::HasSubstr("\"entity_ids\""));
  // A client hears of the open task's entries only.
  std::vector<Event> client_events = AllChanges(Client(), start);
  ASSERT_EQ(client_events.size(), 1u);
  EXPECT_EQ(client_events[0].task, a.id);
  // A single log still carries its values.
  WS_ASSERT_OK(Employee().LogTime(logs[0]).status());
  std::vector<Event> single = AllChanges(Owner(), events.back().seq);
  ASSERT_EQ(Actions(single), "time_entry:created");
  ASSERT_NE(FindChange(single[0], "note"), nullptr);
  EXPECT_EQ(FindChange(single[0], "note")->new_value->text, "imported");
}

TEST_P(EventsTest, FailedBatchWritesNoEvent) {
  WS_ASSERT_OK_AND_ASSIGN(Task a, Owner().CreateTask(NewTask(web_, "a")));
  const int64_t start = LastSeq(Owner());
  TimeLog good;
  good.task = a.id;
  good.duration = absl::Minutes(30);
  TimeLog bad = good;
  bad.duration = absl::Hours(25);
  EXPECT_THAT(Employee().LogTimeBatch({good, bad}).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(LastSeq(Owner()), start);
}

TEST_P(EventsTest, SubscribersHearCommitsAfterTheyCommit) {
  std::vector<Event> heard;
  WS_ASSERT_OK_AND_ASSIGN(
      Subscription sub,
      ws_->Subscribe(owner_id_, [&](const std::vector<Event>& events) {
        // Called after the commit: the change is already readable.
        for (const Event& e : events) {
          EXPECT_EQ(LastSeq(Owner()) >= e.seq, true);
          heard.push_back(e);
        }
      }));
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "one")).status());
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].entity_type, EntityType::kTask);

  // A failed call publishes nothing; a transaction publishes on commit.
  EXPECT_FALSE(Owner().CreateTask(NewTask(web_, "")).ok());
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Owner().BeginTransaction());
    WS_ASSERT_OK(tx->session().CreateTask(NewTask(web_, "a")).status());
    WS_ASSERT_OK(tx->session().CreateTask(NewTask(web_, "b")).status());
    EXPECT_EQ(heard.size(), 1u);
    WS_ASSERT_OK(tx->Commit());
  }
  ASSERT_EQ(heard.size(), 3u);
  EXPECT_EQ(heard[2].seq, heard[1].seq + 1);
  EXPECT_EQ(heard[2].seq, LastSeq(Owner()));

  sub.Cancel();
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "unheard")).status());
  EXPECT_EQ(heard.size(), 3u);
}

TEST_P(EventsTest, SubscriberMayWriteFromItsCallback) {
  int calls = 0;
  WS_ASSERT_OK_AND_ASSIGN(
      Subscription sub,
      ws_->Subscribe(owner_id_, [&](const std::vector<Event>& events) {
        ++calls;
        if (events[0].entity_type == EntityType::kTask &&
            events[0].action == EventAction::kCreated && calls == 1) {
          Comment c;
          c.task = TaskId(events[0].entity_id);
          c.text = "seen";
          EXPECT_TRUE(Owner().CreateComment(c).ok());
        }
      }));
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "t")).status());
  EXPECT_EQ(calls, 2);  // the task, then (re-entrantly) the comment
}

TEST_P(EventsTest, SubscriptionMayCancelItselfFromItsCallback) {
  int calls = 0;
  Subscription sub;
  WS_ASSERT_OK_AND_ASSIGN(
      sub, ws_->Subscribe(owner_id_, [&](const std::vector<Event>&) {
        ++calls;
        sub.Cancel();
      }));
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "first")).status());
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "second")).status());
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(sub.active());
}

TEST_P(EventsTest, ClientNeverReceivesHiddenItemsOrMoney) {
  std::vector<Event> client_heard;
  WS_ASSERT_OK_AND_ASSIGN(
      Subscription sub,
      ws_->Subscribe(client_id_, [&](const std::vector<Event>& events) {
        client_heard.insert(client_heard.end(), events.begin(), events.end());
      }));
  const int64_t start = LastSeq(Owner());
  Task hidden = NewTask(web_, "secret");
  hidden.hidden_from_clients = true;
  WS_ASSERT_OK_AND_ASSIGN(hidden, Owner().CreateTask(hidden));
  Comment hc;
  hc.task = hidden.id;
  hc.text = "secret comment";
  WS_ASSERT_OK(Owner().CreateComment(hc).status());
  WS_ASSERT_OK_AND_ASSIGN(Task open, Owner().CreateTask(NewTask(web_, "open")));
  Comment vc;
  vc.task = open.id;
  vc.text = "hidden comment on open task";
  vc.hidden_from_clients = true;
  WS_ASSERT_OK(Owner().CreateComment(vc).status());
  open.money_budget = 50000;
  WS_ASSERT_OK_AND_ASSIGN(open, Owner().UpdateTask(open));  // money only
  open.title = "open, renamed";
  open.money_budget = 60000;
  WS_ASSERT_OK_AND_ASSIGN(open, Owner().UpdateTask(open));
  TimeLog on_hidden;
  on_hidden.task = hidden.id;
  on_hidden.duration = absl::Minutes(30);
  WS_ASSERT_OK(Employee().LogTime(on_hidden).status());
  TimeLog on_open = on_hidden;
  on_open.task = open.id;
  WS_ASSERT_OK(Employee().LogTime(on_open).status());
  Cost cost;
  cost.project = web_;
  cost.amount = 1234;
  cost.date = Day(2024, 3, 14);
  WS_ASSERT_OK(Owner().CreateCost(cost).status());
  Project web;
  {
    WS_ASSERT_OK_AND_ASSIGN(web, Owner().GetProject(web_));
    web.billing_rate = 9000;
    WS_ASSERT_OK(Owner().UpdateProject(web).status());
  }

  std::vector<Event> owner_events = AllChanges(Owner(), start);
  std::vector<Event> client_events = AllChanges(Client(), start, 3);
  EXPECT_GT(owner_events.size(), client_events.size());
  EXPECT_EQ(Actions(client_events),
            "task:created task:updated time_entry:created");
  for (const std::vector<Event>* events : {&client_events, &client_heard}) {
    for (const Event& e : *events) {
      EXPECT_FALSE(e.hidden_from_clients);
      EXPECT_FALSE(e.money);
      EXPECT_NE(e.entity_id, hidden.id.value());
      EXPECT_NE(e.task, hidden.id);
      EXPECT_NE(e.entity_type, EntityType::kCost);
      for (const FieldChange& c : e.changes) {
        EXPECT_FALSE(c.money) << c.field;
        EXPECT_NE(c.field, "money_budget");
        EXPECT_NE(c.field, "billing_rate");
        EXPECT_NE(c.field, "billed_amount");
      }
    }
  }
  EXPECT_EQ(Actions(client_heard), Actions(client_events));
  // The owner sees the money of the same update.
  bool owner_saw_budget = false;
  for (const Event& e : owner_events) {
    if (FindChange(e, "money_budget") != nullptr) owner_saw_budget = true;
  }
  EXPECT_TRUE(owner_saw_budget);
}

// Unhiding a task is announced to clients with the new values only;
// hiding it, with that change alone.
TEST_P(EventsTest, ClientHearsATaskRevealedOrConcealedAndNoMore) {
  Task t = NewTask(web_, "internal name");
  t.hidden_from_clients = true;
  t.money_budget = 50000;
  WS_ASSERT_OK_AND_ASSIGN(t, Owner().CreateTask(t));
  const int64_t start = LastSeq(Owner());
  t.hidden_from_clients = false;
  t.title = "public name";
  WS_ASSERT_OK_AND_ASSIGN(t, Owner().UpdateTask(t));
  t.hidden_from_clients = true;
  t.title = "internal again";
  WS_ASSERT_OK_AND_ASSIGN(t, Owner().UpdateTask(t));
  t.title = "still internal";
  WS_ASSERT_OK_AND_ASSIGN(t, Owner().UpdateTask(t));

  std::vector<Event> owner_events = AllChanges(Owner(), start);
  ASSERT_EQ(owner_events.size(), 3u);
  EXPECT_TRUE(owner_events[0].revealed_to_clients);
  EXPECT_TRUE(owner_events[1].concealed_from_clients);
  EXPECT_FALSE(owner_events[2].revealed_to_clients ||
               owner_events[2].concealed_from_clients);
  ASSERT_NE(FindChange(owner_events[0], "title"), nullptr);
  EXPECT_EQ(FindChange(owner_events[0], "title")->old_value->text,
            "internal name");

  std::vector<Event> client_events = AllChanges(Client(), start);
  ASSERT_EQ(Actions(client_events), "task:updated task:updated");
  const Event& revealed = client_events[0];
  EXPECT_TRUE(revealed.revealed_to_clients);
  EXPECT_EQ(revealed.entity_id, t.id.value());
  const FieldChange* title = FindChange(revealed, "title");
  ASSERT_NE(title, nullptr);
  EXPECT_FALSE(title->old_value.has_value());  // the hidden name stays hidden
  EXPECT_EQ(title->new_value->text, "public name");
  for (const FieldChange& c : revealed.changes) {
    EXPECT_FALSE(c.old_value.has_value()) << c.field;
    EXPECT_FALSE(c.money) << c.field;
  }
  const Event& concealed = client_events[1];
  EXPECT_TRUE(concealed.concealed_from_clients);
  ASSERT_EQ(concealed.changes.size(), 1u);
  EXPECT_EQ(concealed.changes[0].field, "hidden_from_clients");
  EXPECT_TRUE(concealed.changes[0].new_value->flag);
}

TEST_P(EventsTest, PageOfOnlyHiddenEventsStillAdvances) {
  const int64_t start = LastSeq(Owner());
  for (int i = 0; i < 3; ++i) {
    WS_ASSERT_OK(Owner().CreateTask(NewTask(internal_, "not yours")).status());
  }
  WS_ASSERT_OK_AND_ASSIGN(ChangesPage page, Client().ChangesSince(start, 2));
  EXPECT_TRUE(page.events.empty());
  EXPECT_EQ(page.last_seq, start + 2);
  EXPECT_TRUE(page.has_more);
  WS_ASSERT_OK_AND_ASSIGN(page, Client().ChangesSince(page.last_seq, 2));
  EXPECT_EQ(page.last_seq, start + 3);
  EXPECT_FALSE(page.has_more);
}

TEST_P(EventsTest, BadArgumentsAreInvalid) {
  EXPECT_THAT(Owner().ChangesSince(-1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Owner().ChangesSince(0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Owner().ChangesSince(0, limits::kMaxPageSize + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ws_->Subscribe(MemberId(999), [](const std::vector<Event>&) {}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(EventsTest, EventsRoundTripThroughProtoAndJson) {
  WS_ASSERT_OK(Owner().CreateTask(NewTask(web_, "wire")).status());
  std::vector<Event> all = AllChanges(Owner());
  const Event& e = all.back();
  WS_ASSERT_OK_AND_ASSIGN(Event back, EventFromProto(EventToProto(e)));
  EXPECT_EQ(EventToJson(back), EventToJson(e));
  EXPECT_THAT(EventToJson(e),
              HasSubstr("\"entity_type\":\"ENTITY_TYPE_TASK\""));
  EXPECT_THAT(EventToJson(e), HasSubstr("\"text\":\"wire\""));
  EXPECT_THAT(EventFromProto("\xff\xff"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace session_conformance
}  // namespace worksection
