// The change feed obeys the policy: whatever the agency did, a client or a
// reader never receives a hidden task or comment, an item of a hidden task,
// or a money field, whether reading ChangesSince or subscribed; and nobody
// hears of a project they do not belong to.
#include <string>
#include <vector>

#include "agency.h"

namespace worksection::testing {
namespace {

class PermissionsEvents : public AgencyTest {
 protected:
  // Every event `id` may read, through pages of 5.
  std::vector<Event> Feed(MemberId id) {
    std::vector<Event> out;
    int64_t after = 0;
    for (bool more = true; more;) {
      absl::StatusOr<ChangesPage> page = As(id).ChangesSince(after, 5);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      out.insert(out.end(), page->events.begin(), page->events.end());
      after = page->last_seq;
      more = page->has_more;
    }
    return out;
  }

  // Writes that touch hidden items and money in P, and a project of Q.
  void DoBusiness() {
    TimeLog log;
    log.task = a_.hidden;
    log.member = a_.worker;
    log.duration = absl::Hours(1);
    ASSERT_THAT(Owner().LogTime(log), IsOk());
    log.task = a_.open;
    ASSERT_THAT(Owner().LogTime(log), IsOk());
    Cost cost;
    cost.project = a_.p;
    cost.amount = 777;
    cost.date = absl::CivilDay(2024, 1, 2);
    ASSERT_THAT(Owner().CreateCost(cost), IsOk());
    Task open = OwnerTask(a_.open);
    open.money_budget = kTaskBudget + 1;
    ASSERT_THAT(Owner().UpdateTask(open), IsOk());
    Comment c = OwnerComment(a_.hidden_comment);
    c.text = "still secret";
    ASSERT_THAT(Owner().UpdateComment(c), IsOk());
    Task hidden = OwnerTask(a_.hidden);
    ASSERT_THAT(Owner().CompleteTask(hidden.id), IsOk());
    Member worker = OwnerMember(a_.worker);
    worker.billing_rate = kBillingRate + 100;
    ASSERT_THAT(Owner().UpdateMember(worker), IsOk());
    ASSERT_THAT(Owner().RepriceTimeEntries(a_.p, absl::CivilDay(2000, 1, 1),
                                           absl::CivilDay(2100, 1, 1)),
                IsOk());
  }
};

TEST_P(PermissionsEvents, ClientsAndReadersNeverReceiveHiddenItemsOrMoney) {
  std::vector<std::vector<Event>> heard(3);
  std::vector<Subscription> subs;
  const std::vector<MemberId> viewers = {a_.client, a_.reader, a_.client_q};
  for (size_t i = 0; i < viewers.size(); ++i) {
    absl::StatusOr<Subscription> sub = ws_->Subscribe(
        viewers[i], [&heard, i](const std::vector<Event>& events) {
          heard[i].insert(heard[i].end(), events.begin(), events.end());
        });
    ASSERT_THAT(sub, IsOk());
    subs.push_back(*std::move(sub));
  }
  DoBusiness();
  for (size_t i = 0; i < viewers.size(); ++i) {
    const bool is_reader = viewers[i] == a_.reader;
    std::vector<Event> feed = Feed(viewers[i]);
    EXPECT_FALSE(feed.empty());
    for (const std::vector<Event>* events : {&feed, &heard[i]}) {
      for (const Event& e : *events) {
        SCOPED_TRACE(EventToJson(e));
        EXPECT_FALSE(e.money);
        EXPECT_NE(e.entity_type, EntityType::kCost);
        for (const FieldChange& c : e.changes) EXPECT_FALSE(c.money);
        if (viewers[i] == a_.client_q) {
          EXPECT_NE(e.project, a_.p);
        } else {
          EXPECT_NE(e.project, a_.q);
        }
        if (is_reader) continue;  // readers may read hidden items
        EXPECT_FALSE(e.hidden_from_clients);
        EXPECT_NE(e.task, a_.hidden);
        if (e.entity_type == EntityType::kTask) {
          EXPECT_NE(e.entity_id, a_.hidden.value());
        }
        if (e.entity_type == EntityType::kComment) {
          EXPECT_NE(e.entity_id, a_.hidden_comment.value());
          EXPECT_NE(e.entity_id, a_.on_hidden_task.value());
        }
      }
    }
    // What was pushed is what the feed holds from the subscription on.
    std::vector<std::string> pushed, read;
    for (const Event& e : heard[i]) pushed.push_back(EventToJson(e));
    for (const Event& e : feed) {
      if (!heard[i].empty() && e.seq >= heard[i].front().seq) {
        read.push_back(EventToJson(e));
      }
    }
    EXPECT_EQ(pushed, read);
  }
}

TEST_P(PermissionsEvents, ManagersReadTheMoneyOfTheirProjectsOnly) {
  DoBusiness();
  bool manager_saw_cost = false;
  for (const Event& e : Feed(a_.manager)) {
    if (e.entity_type == EntityType::kCost) manager_saw_cost = true;
    // Member rates are a workspace matter: not for a project manager.
    if (e.entity_type == EntityType::kMember) {
      for (const FieldChange& c : e.changes) EXPECT_FALSE(c.money) << c.field;
    }
  }
  EXPECT_TRUE(manager_saw_cost);
  for (const Event& e : Feed(a_.worker)) {
    EXPECT_FALSE(e.money);
    for (const FieldChange& c : e.changes) EXPECT_FALSE(c.money) << c.field;
  }
  bool owner_saw_rate = false;
  for (const Event& e : Feed(a_.owner)) {
    if (e.entity_type == EntityType::kMember) {
      for (const FieldChange& c : e.changes) {
        if (c.field == "billing_rate") owner_saw_rate = true;
      }
    }
  }
  EXPECT_TRUE(owner_saw_rate);
}

TEST_P(PermissionsEvents, ADeactivatedSubscriberHearsNothing) {
  int calls = 0;
  absl::StatusOr<Subscription> sub = ws_->Subscribe(
      a_.worker, [&calls](const std::vector<Event>&) { ++calls; });
  ASSERT_THAT(sub, IsOk());
  ASSERT_THAT(Owner().DeactivateMember(a_.worker), IsOk());
  calls = 0;
  Task t;
  t.project = a_.p;
  t.title = "after deactivation";
  ASSERT_THAT(Owner().CreateTask(t), IsOk());
  EXPECT_EQ(calls, 0);
}

WS_INSTANTIATE_AGENCY_TEST(PermissionsEvents);

}  // namespace
}  // namespace worksection::testing
