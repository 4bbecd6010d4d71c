// Taskwarrior and Timewarrior imports on every store, from files written
// after the tools' documented export formats (tests/io/data).
#include "worksection/import.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/conformance/session_test.h"
#include "worksection/events.h"
#include "worksection/limits.h"

namespace worksection::session_conformance {
namespace {

using ::testing::Contains;
using ::testing::Field;

std::string ReadData(const std::string& name) {
  const char* root = std::getenv("WS_SOURCE_DIR");
  std::string path = absl::StrCat(root ? root : ".", "/tests/io/data/", name);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0),
                         absl::UTCTimeZone());
}

auto Issue(const std::string& field, const std::string& reason_part) {
  return ::testing::AllOf(Field(&ImportIssue::field, field),
                          Field(&ImportIssue::reason, HasSubstr(reason_part)));
}

class ImportTest : public SessionTest {
 protected:
  // The task titled `title`, among every task the owner sees.
  Task TaskTitled(const std::string& title) {
    absl::StatusOr<std::vector<Task>> tasks = AllTasks();
    EXPECT_TRUE(tasks.ok()) << tasks.status();
    for (const Task& t : *tasks) {
      if (t.title == title) return t;
    }
    ADD_FAILURE() << "no task " << title;
    return Task();
  }
  Project ProjectNamed(const std::string& folder, const std::string& name) {
    ProjectFilter filter;
    filter.include_archived = true;
    absl::StatusOr<std::vector<Project>> all = Owner().ListProjects(filter);
    EXPECT_TRUE(all.ok());
    for (const Project& p : *all) {
      if (p.folder == folder && p.name == name) return p;
    }
    ADD_FAILURE() << "no project " << folder << "/" << name;
    return Project();
  }
};
WS_INSTANTIATE_ALL_STORES(ImportTest);

TEST_P(ImportTest, Taskwarrior26MapsTasksAndReportsTheRest) {
  Session owner = Owner();
  std::vector<std::pair<int64_t, int64_t>> steps;
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTaskwarrior(owner, ReadData("taskwarrior-2.6.json"), {},
                        [&](int64_t d, int64_t t) {
                          steps.push_back({d, t});
                        }));
  // Seven, less the deleted one and the recurrence template.
  EXPECT_EQ(report.tasks_created, 5);
  // Landing and Inbox; the fixture has "Internal" already.
  EXPECT_EQ(report.projects_created, 2);
  EXPECT_EQ(report.comments_created, 2);
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.back(), std::make_pair(int64_t{7}, int64_t{7}));

  const Project landing = ProjectNamed("Client.Site", "Landing");
  const Task copy = TaskTitled("Write landing copy");
  EXPECT_EQ(copy.project, landing.id);
  EXPECT_EQ(copy.priority, 8);
  EXPECT_EQ(copy.status, TaskStatus::kOpen);
  // 17:00 UTC is 18:00 in Europe/Berlin, the workspace's zone.
  EXPECT_EQ(copy.deadline, DeadlineOn(Day(2026, 1, 15), 18 * 60));
  EXPECT_EQ(copy.start_date, Day(2026, 1, 12));
  EXPECT_EQ(copy.tags, (std::vector<std::string>{"copy", "web"}));
  EXPECT_EQ(copy.created_at, Utc(2026, 1, 10, 8, 0));
  EXPECT_EQ(copy.updated_at, Utc(2026, 1, 12, 9, 30));
  EXPECT_THAT(copy.text,
              HasSubstr("uuid: 0b7a0f2e-5c1d-4c53-9d0e-6a3e2f1c0001"));
  EXPECT_THAT(copy.text, HasSubstr("estimate: 3h"));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> comments,
                          owner.ListComments(copy.id));
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].text, "Client wants it short");
  EXPECT_EQ(comments[0].created_at, Utc(2026, 1, 11, 10, 0));

  const Task invoice = TaskTitled("Send invoice");
  EXPECT_EQ(invoice.status, TaskStatus::kDone);
  EXPECT_EQ(invoice.completed_at, Utc(2026, 1, 5, 12, 0));
  EXPECT_EQ(invoice.project, ProjectNamed("", "Internal").id);
  EXPECT_EQ(TaskTitled("Launch the site").priority, 2);
  EXPECT_EQ(TaskTitled("Call the printer").project,
            ProjectNamed("", "Inbox").id);
  // The instance of a recurring task; midnight UTC is 01:00 in Berlin.
  EXPECT_EQ(TaskTitled("Weekly report").deadline,
            DeadlineOn(Day(2026, 1, 12), 1 * 60));

  EXPECT_THAT(report.issues, Contains(Issue("status", "deleted")));
  EXPECT_THAT(report.issues, Contains(Issue("depends", "not mapped")));
  EXPECT_THAT(report.issues, Contains(Issue("wait", "open task")));
  EXPECT_THAT(report.issues, Contains(Issue("recur", "template")));
  // The recurrence is reported once, on the template.
  EXPECT_EQ(
      std::count_if(report.issues.begin(), report.issues.end(),
                    [](const ImportIssue& i) { return i.field == "recur"; }),
      1);
  EXPECT_THAT(report.issues, Contains(Issue("estimate", "kept as text")));
  for (const ImportIssue& i : report.issues) EXPECT_FALSE(i.item.empty());
}

TEST_P(ImportTest, Taskwarrior3DependsArrayAndUdas) {
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTaskwarrior(owner, ReadData("taskwarrior-3.json")));
  EXPECT_EQ(report.tasks_created, 2);
  const Task review = TaskTitled("Review contract");
  EXPECT_EQ(review.priority, 5);
  // 23:00 UTC is midnight of the next day in Berlin: a day-only deadline.
  EXPECT_EQ(review.deadline, DeadlineOn(Day(2026, 1, 21)));
  EXPECT_THAT(review.text, HasSubstr("client: ACME GmbH"));
  EXPECT_THAT(
      report.issues,
      Contains(::testing::AllOf(
          Issue("depends", "not mapped"),
          Field(&ImportIssue::value, "7e1d7a4a-1111-4f5e-a2a5-000000000001"))));
}

TEST_P(ImportTest, TaskwarriorFeedTellsEachItemOnceWithItsStoredValues) {
  const int64_t start = LastSeq(Owner());
  std::vector<Event> heard;
  WS_ASSERT_OK_AND_ASSIGN(
      Subscription sub,
      ws_->Subscribe(owner_id_, [&](const std::vector<Event>& events) {
        heard.insert(heard.end(), events.begin(), events.end());
      }));
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTaskwarrior(owner, ReadData("taskwarrior-2.6.json")));
  const std::vector<Event> events = AllChanges(owner, start);
  // 2 projects, 5 tasks, 2 comments: one created event each, nothing more
  // (no completed or updated event after a task's creation).
  ASSERT_EQ(events.size(), 9u);
  std::map<EntityType, int> created;
  for (const Event& e : events) {
    EXPECT_EQ(e.action, EventAction::kCreated) << EventToJson(e);
    ++created[e.entity_type];
  }
  EXPECT_EQ(created[EntityType::kProject], report.projects_created);
  EXPECT_EQ(created[EntityType::kTask], report.tasks_created);
  EXPECT_EQ(created[EntityType::kComment], report.comments_created);
  // Subscribers hear all of it, once, after the commit.
  ASSERT_EQ(heard.size(), events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(heard[i].seq, events[i].seq);
  }

  // Each task's event carries what is stored.
  for (const Event& e : events) {
    if (e.entity_type != EntityType::kTask) continue;
    WS_ASSERT_OK_AND_ASSIGN(Task t, owner.GetTask(TaskId(e.entity_id)));
    EXPECT_EQ(t.revision, 1) << t.title;
    const FieldChange* status = FindChange(e, "status");
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(status->new_value.has_value());
    EXPECT_EQ(status->new_value->text, TaskStatusName(t.status));
    const FieldChange* completed_at = FindChange(e, "completed_at");
    EXPECT_EQ(completed_at != nullptr, t.completed_at.has_value()) << t.title;
    if (completed_at != nullptr && t.completed_at) {
      ASSERT_TRUE(completed_at->new_value.has_value());
      EXPECT_EQ(completed_at->new_value->instant, *t.completed_at);
    }
  }
  const Task invoice = TaskTitled("Send invoice");
  EXPECT_EQ(invoice.status, TaskStatus::kDone);
  EXPECT_EQ(invoice.completed_at, Utc(2026, 1, 5, 12, 0));
  EXPECT_EQ(invoice.created_at, Utc(2026, 1, 1, 9, 0));
  EXPECT_EQ(invoice.updated_at, Utc(2026, 1, 5, 12, 0));
}

TEST_P(ImportTest, TaskwarriorCompletedAndAnnotatedTasksKeepTheirTimes) {
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTaskwarrior(
          owner,
          R"([{"uuid":"u1","description":"Done long ago",)"
          R"("status":"completed","entry":"20250101T080000Z",)"
          R"("end":"20250102T090000Z"},)"
          R"({"uuid":"u2","description":"Done, no end","status":"completed"},)"
          R"({"uuid":"u3","description":"Annotated","status":"pending",)"
          R"("entry":"20250103T080000Z","modified":"20250104T080000Z",)"
          R"("annotations":[{"entry":"20250103T090000Z","description":"first"},)"
          R"({"description":"second"},)"
          R"({"entry":"20250103T100000Z","description":""}]}])"));
  EXPECT_EQ(report.tasks_created, 3);
  EXPECT_EQ(report.comments_created, 2);
  EXPECT_THAT(report.issues, Contains(Issue("annotations", "empty")));

  const Task old = TaskTitled("Done long ago");
  EXPECT_EQ(old.status, TaskStatus::kDone);
  EXPECT_EQ(old.completed_at, Utc(2025, 1, 2, 9, 0));
  EXPECT_EQ(old.created_at, Utc(2025, 1, 1, 8, 0));
  // No `modified`: last changed when entered.
  EXPECT_EQ(old.updated_at, Utc(2025, 1, 1, 8, 0));
  EXPECT_EQ(old.revision, 1);
  EXPECT_EQ(old.author, owner_id_);

  // No `end` nor `entry`: done and created at the import.
  const Task no_end = TaskTitled("Done, no end");
  EXPECT_EQ(no_end.status, TaskStatus::kDone);
  EXPECT_EQ(no_end.completed_at, FixedNow());
  EXPECT_EQ(no_end.created_at, FixedNow());

  const Task annotated = TaskTitled("Annotated");
  EXPECT_EQ(annotated.status, TaskStatus::kOpen);
  EXPECT_EQ(annotated.completed_at, std::nullopt);
  EXPECT_EQ(annotated.created_at, Utc(2025, 1, 3, 8, 0));
  EXPECT_EQ(annotated.updated_at, Utc(2025, 1, 4, 8, 0));
  WS_ASSERT_OK_AND_ASSIGN(std::vector<Comment> comments,
                          owner.ListComments(annotated.id));
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].text, "first");
  EXPECT_EQ(comments[0].author, owner_id_);
  EXPECT_EQ(comments[0].created_at, Utc(2025, 1, 3, 9, 0));
  EXPECT_EQ(comments[0].updated_at, Utc(2025, 1, 3, 9, 0));
  EXPECT_EQ(comments[0].revision, 1);
  EXPECT_EQ(comments[1].text, "second");
  EXPECT_EQ(comments[1].created_at, FixedNow());
}

TEST_P(ImportTest, TaskwarriorFailureLateInTheFileImportsNothing) {
  WS_ASSERT_OK(Owner().ArchiveProject(internal_).status());
  const std::string before = Snapshot();
  const int64_t start = LastSeq(Owner());
  int heard = 0;
  WS_ASSERT_OK_AND_ASSIGN(
      Subscription sub,
      ws_->Subscribe(owner_id_, [&](const std::vector<Event>& events) {
        heard += static_cast<int>(events.size());
      }));
  Session owner = Owner();
  // The first task creates a project and is written; the second's project
  // is archived.
  EXPECT_THAT(
      ImportTaskwarrior(
          owner,
          R"([{"uuid":"a","description":"First","project":"Fresh",)"
          R"("annotations":[{"description":"note"}]},)"
          R"({"uuid":"b","description":"Second","project":"Internal"}])"),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               ::testing::AllOf(HasSubstr("tasks[1] (uuid b)"),
                                HasSubstr("archived"))));
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(LastSeq(Owner()), start);
  EXPECT_EQ(heard, 0);
  // The session is free again.
  WS_ASSERT_OK(owner.CreateTask(NewTask(web_, "After")).status());
  EXPECT_EQ(heard, 1);
}

TEST_P(ImportTest, TaskwarriorTimeZoneDecidesDayOnlyDeadlines) {
  Session owner = Owner();
  TaskwarriorOptions options;
  options.time_zone = "UTC";
  WS_ASSERT_OK(
      ImportTaskwarrior(owner,
                        R"([{"uuid":"u1","description":"Day only",)"
                        R"("due":"20260112T000000Z","status":"pending"}])",
                        options)
          .status());
  EXPECT_EQ(TaskTitled("Day only").deadline, DeadlineOn(Day(2026, 1, 12)));
  options.time_zone = "Mars/Olympus";
  EXPECT_THAT(
      ImportTaskwarrior(owner, "[]", options),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Mars/Olympus")));
}

TEST_P(ImportTest, TaskwarriorBadInputImportsNothing) {
  const std::string good = ReadData("taskwarrior-2.6.json");
  const std::string before = Snapshot();
  Session owner = Owner();
  EXPECT_THAT(
      ImportTaskwarrior(
          owner, absl::StrReplaceAll(good, {{"\"due\":\"20260115T170000Z\"",
                                             "\"due\":\"2026-13-45\""}})),
      StatusIs(absl::StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("tasks[0]"), HasSubstr("due"),
                                HasSubstr("2026-13-45"))));
  EXPECT_THAT(
      ImportTaskwarrior(
          owner, absl::StrReplaceAll(good, {{"6a3e2f1c0004", "6a3e2f1c0001"}})),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("tasks[0] and tasks[3] have the same uuid")));
  EXPECT_THAT(ImportTaskwarrior(owner, good.substr(0, good.size() / 2)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ImportTaskwarrior(owner, "{\"not\": \"an array\"}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not a JSON array")));
  // A client may not create projects: the first task fails the whole run.
  Session client = Client();
  EXPECT_THAT(ImportTaskwarrior(client, good),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(ImportTest, TimewarriorIntervalsTimerAndFallback) {
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTimewarrior(owner, ReadData("timewarrior.json")));
  EXPECT_EQ(report.time_entries_created, 2);
  EXPECT_EQ(report.timers_started, 1);
  EXPECT_THAT(report.issues, Contains(Issue("end", "longer than 24 h")));

  const Task landing = TaskTitled("Landing page");
  EXPECT_EQ(landing.project, ProjectNamed("Client", "Site").id);
  EXPECT_THAT(landing.tags, Contains("design"));
  TimeEntryFilter filter;
  filter.task = landing.id;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page, owner.ListTimeEntries(filter));
  ASSERT_EQ(page.entries.size(), 1u);
  EXPECT_EQ(page.entries[0].duration, absl::Minutes(90));
  EXPECT_EQ(page.entries[0].start, Utc(2026, 1, 12, 8, 0));
  EXPECT_EQ(page.entries[0].note, "wireframes");
  EXPECT_EQ(page.entries[0].member, owner_id_);

  const Task untagged = TaskTitled("Untagged time");
  EXPECT_EQ(untagged.project, ProjectNamed("", "Timewarrior").id);
  EXPECT_THAT(untagged.tags, Contains("meeting"));

  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> timer, owner.GetTimer());
  ASSERT_TRUE(timer.has_value());
  EXPECT_EQ(timer->task, TaskTitled("Admin").id);
  EXPECT_EQ(timer->started_at, Utc(2026, 1, 13, 8, 0));
}

TEST_P(ImportTest, TimewarriorPrefixAndNoFallback) {
  Session owner = Owner();
  TimewarriorOptions options;
  options.task_tag_prefix = "ws/";
  options.fallback_project.clear();
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTimewarrior(
          owner,
          R"([{"id":2,"start":"20260112T080000Z","end":"20260112T090000Z",)"
          R"("tags":["ws/Web:Header"]},)"
          R"({"id":1,"start":"20260112T100000Z","end":"20260112T110000Z",)"
          R"("tags":["Web:Footer"]}])",
          options));
  EXPECT_EQ(report.time_entries_created, 1);
  EXPECT_EQ(TaskTitled("Header").project, ProjectNamed("", "Web").id);
  EXPECT_THAT(report.issues, Contains(Issue("tags", "not imported")));
}

TEST_P(ImportTest, TimewarriorLogsInBatchesAndTagsEachTaskOnce) {
  Session owner = Owner();
  WS_ASSERT_OK_AND_ASSIGN(ChangesPage before,
                          owner.ChangesSince(0, limits::kMaxPageSize));
  ASSERT_FALSE(before.has_more);
  WS_ASSERT_OK_AND_ASSIGN(
      ImportReport report,
      ImportTimewarrior(
          owner,
          R"([{"id":3,"start":"20260112T080000Z","end":"20260112T090000Z",)"
          R"("tags":["Web:Header","a"]},)"
          R"({"id":2,"start":"20260113T080000Z","end":"20260113T090000Z",)"
          R"("tags":["Web:Header","b"]},)"
          R"({"id":1,"start":"20260114T080000Z","end":"20260114T093000Z",)"
          R"("tags":["Web:Header","a"]}])"));
  EXPECT_EQ(report.time_entries_created, 3);
  const Task header = TaskTitled("Header");
  EXPECT_EQ(header.tags, (std::vector<std::string>{"a", "b"}));
  TimeEntryFilter filter;
  filter.task = header.id;
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page, owner.ListTimeEntries(filter));
  ASSERT_EQ(page.entries.size(), 3u);
  EXPECT_EQ(page.entries[2].duration, absl::Minutes(90));

  // The feed: the project and task created, one batch_created event listing
  // the three entries (not one event with the values of each), the tags.
  WS_ASSERT_OK_AND_ASSIGN(ChangesPage after,
                          owner.ChangesSince(before.last_seq, 100));
  std::vector<std::string> actions;
  for (const Event& e : after.events) {
    actions.push_back(absl::StrCat(EntityTypeName(e.entity_type), ":",
                                   EventActionName(e.action)));
  }
  EXPECT_THAT(actions, ::testing::ElementsAre("project:created", "task:created",
                                              "time_entry:batch_created",
                                              "task:updated"));
  ASSERT_EQ(after.events.size(), 4u);
  std::vector<int64_t> ids;
  for (const TimeEntry& e : page.entries) ids.push_back(e.id.value());
  EXPECT_EQ(after.events[2].entity_ids, ids);
}

TEST_P(ImportTest, TimewarriorOpenIntervalStartsTheTimerInOneWrite) {
  Session owner = Owner();
  const int64_t start = LastSeq(owner);
  WS_ASSERT_OK(ImportTimewarrior(owner,
                                 R"([{"id":1,"start":"20260113T080000Z",)"
                                 R"("tags":["Web:Header"]}])")
                   .status());
  std::vector<Event> timers;
  for (Event& e : AllChanges(owner, start)) {
    if (e.entity_type == EntityType::kTimer) timers.push_back(std::move(e));
  }
  // One started event, telling the start the timer is stored with (not the
  // import's time, corrected afterwards without an event).
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].action, EventAction::kStarted);
  const FieldChange* started = FindChange(timers[0], "started_at");
  ASSERT_NE(started, nullptr);
  ASSERT_TRUE(started->new_value.has_value());
  EXPECT_EQ(started->new_value->instant, Utc(2026, 1, 13, 8, 0));
  WS_ASSERT_OK_AND_ASSIGN(std::optional<Timer> timer, owner.GetTimer());
  ASSERT_TRUE(timer.has_value());
  EXPECT_EQ(timer->started_at, Utc(2026, 1, 13, 8, 0));
}

TEST_P(ImportTest, TimewarriorNamesTheIntervalALockRefuses) {
  Session owner = Owner();
  WS_ASSERT_OK(owner.LockPeriod(ProjectId(0), Day(2026, 1, 12)).status());
  const std::string before = Snapshot();
  EXPECT_THAT(
      ImportTimewarrior(
          owner,
          R"([{"id":2,"start":"20260113T080000Z","end":"20260113T090000Z",)"
          R"("tags":["Web:Header"]},)"
          R"({"id":1,"start":"20260112T080000Z","end":"20260112T090000Z",)"
          R"("tags":["Web:Header"]}])"),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("intervals[1] (@1)")));
  EXPECT_EQ(Snapshot(), before);
}

TEST_P(ImportTest, TimewarriorBadInputImportsNothing) {
  const std::string good = ReadData("timewarrior.json");
  const std::string before = Snapshot();
  Session owner = Owner();
  EXPECT_THAT(
      ImportTimewarrior(owner, absl::StrReplaceAll(
                                   good, {{"20260112T103000Z", "yesterday"}})),
      StatusIs(absl::StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("intervals[1] (@3).end"),
                                HasSubstr("yesterday"))));
  EXPECT_THAT(ImportTimewarrior(
                  owner, absl::StrReplaceAll(
                             good, {{"20260112T103000Z", "20260101T000000Z"}})),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("before the start")));
  // A running timer makes the open interval fail, after the closed ones
  // were logged: all of it is rolled back.
  WS_ASSERT_OK_AND_ASSIGN(Task t, owner.CreateTask(NewTask(web_, "Busy")));
  WS_ASSERT_OK(owner.StartTimer(t.id).status());
  const std::string with_timer = Snapshot();
  EXPECT_THAT(ImportTimewarrior(owner, good),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("intervals[3]")));
  EXPECT_EQ(Snapshot(), with_timer);
  WS_ASSERT_OK_AND_ASSIGN(TimeEntryPage page, owner.ListTimeEntries());
  EXPECT_TRUE(page.entries.empty());
  (void)before;
}

}  // namespace
}  // namespace worksection::session_conformance
