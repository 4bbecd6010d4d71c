// The entities of a workspace: settings, members, projects, tasks, comments.
//
// Entities are plain values: copy them freely; they are thread-compatible.
// The same struct serves to create an entity and to update it; fields that
// only the library sets (id, revision, author, timestamps, status) are
// ignored on create and on update, as each field's comment says.
//
// Fields that the acting member may not see (rates and money for a client or
// reader, for instance) come back empty (std::nullopt), never as zero.
#ifndef WORKSECTION_MODEL_H_
#define WORKSECTION_MODEL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"

namespace worksection {

// A member's role in the whole workspace.
enum class Role {
  kOwner,     // everything, including managing owners
  kAdmin,     // everything but managing owners
  kEmployee,  // works in the projects they belong to
  kClient,    // follows their own projects; never sees money or hidden items
  kReader,    // reads the projects they belong to; writes nothing
};

// A member's role inside one project.
enum class ProjectRole {
  kManager,  // manages the project: edits it and every task in it
  kMember,   // works in it
  kClient,   // the only project role a workspace client may hold
};

enum class ProjectStatus { kActive, kPaused, kArchived };

enum class TaskStatus { kOpen, kDone };

// Names used in messages, docs and exports ("owner", "archived", ...).
absl::string_view RoleName(Role role);
absl::string_view ProjectRoleName(ProjectRole role);
absl::string_view ProjectStatusName(ProjectStatus status);
absl::string_view TaskStatusName(TaskStatus status);

// The workspace's own settings; one per store.
struct WorkspaceSettings {
  Revision revision = 0;          // set by the library
  std::string name;               // 1..kMaxNameBytes
  std::string time_zone = "UTC";  // IANA name; decides "today" and "overdue"
  std::string currency = "USD";   // ISO 4217 code, three capital letters
  absl::Weekday week_start = absl::Weekday::monday;
  // A timer running longer than this is listed as forgotten, and stopping it
  // may cap the entry at this length. 1 minute to 24 hours.
  absl::Duration forgotten_timer_after = absl::Hours(10);
};

// A person in the workspace. Members are never deleted: deactivate them.
struct Member {
  MemberId id;            // set by the library
  Revision revision = 0;  // the revision read; see Revision
  std::string name;       // 1..kMaxNameBytes
  std::string email;      // unique, compared and stored in lower case
  Role role = Role::kEmployee;
  std::string company;  // company or team, 0..kMaxLabelBytes
  // Hourly rates in minor units. Empty when the caller may not see rates;
  // on create and update, empty means 0 and "leave unchanged" respectively.
  std::optional<Money> cost_rate;
  std::optional<Money> billing_rate;
  bool active = true;     // changed only through DeactivateMember
  absl::Time created_at;  // set by the library
  absl::Time updated_at;  // set by the library
};

// A member's place in a project.
struct ProjectMember {
  MemberId member;
  ProjectRole role = ProjectRole::kMember;
  // The member's billing rate on this project, overriding the project's and
  // the member's own. Hidden (empty) for whoever may not read money; on
  // update, an actor who may not read money keeps the stored override.
  std::optional<Money> billing_rate;

  friend bool operator==(const ProjectMember& a, const ProjectMember& b) {
    return a.member == b.member && a.role == b.role &&
           a.billing_rate == b.billing_rate;
  }
};

// How a project rounds the time it bills. The raw duration of an entry is
// always kept; the billed duration is derived from it when it is written.
struct Rounding {
  enum class Mode { kNone, kUp, kNearest, kDown };
  Mode mode = Mode::kNone;
  int minutes = 0;  // 1..1440 unless mode is kNone

  friend bool operator==(const Rounding& a, const Rounding& b) {
    return a.mode == b.mode && a.minutes == b.minutes;
  }
};

// "none", "up", "nearest", "down".
absl::string_view RoundingModeName(Rounding::Mode mode);

struct Project {
  ProjectId id;           // set by the library
  Revision revision = 0;  // the revision read; see Revision
  std::string name;       // 1..kMaxNameBytes
  ProjectStatus status = ProjectStatus::kActive;
  std::string folder;  // a grouping label, 0..kMaxLabelBytes
  // The responsible manager (none if invalid). The library keeps the manager
  // in `members` with ProjectRole::kManager.
  MemberId manager;
  std::optional<absl::CivilDay> start_date;
  std::optional<absl::CivilDay> deadline;     // not before start_date
  std::optional<absl::Duration> time_budget;  // whole seconds, > 0
  std::optional<Money> money_budget;          // hidden from clients/readers
  std::optional<Money> billing_rate;          // per hour; hidden likewise
  std::vector<std::string> tags;              // kept sorted and unique
  std::vector<ProjectMember> members;         // sorted by member id, unique
  Rounding rounding;                          // of billed time
  bool clients_see_hours = true;  // clients may read the time logged here
  absl::Time created_at;          // set by the library
  absl::Time updated_at;          // set by the library
};

// A task's deadline: a day in the workspace time zone, optionally a time.
struct Deadline {
  absl::CivilDay day;
  // Minutes after midnight (0..1439); empty means "by the end of the day".
  std::optional<int> minute_of_day;

  friend bool operator==(const Deadline& a, const Deadline& b) {
    return a.day == b.day && a.minute_of_day == b.minute_of_day;
  }
  friend bool operator!=(const Deadline& a, const Deadline& b) {
    return !(a == b);
  }
};

struct ChecklistItem {
  std::string text;  // 1..kMaxTitleBytes
  bool done = false;

  friend bool operator==(const ChecklistItem& a, const ChecklistItem& b) {
    return a.text == b.text && a.done == b.done;
  }
};

struct Task {
  TaskId id;              // set by the library
  Revision revision = 0;  // the revision read; see Revision
  ProjectId project;      // changed only through MoveTask
  TaskId parent;          // none for a top-level task; same project
  std::string title;      // 1..kMaxTitleBytes
  std::string text;       // 0..kMaxTextBytes
  MemberId author;        // who set it; set by the library
  MemberId assignee;      // who received it; none if invalid
  int priority = 5;       // 0 (paused) .. 10
  TaskStatus status = TaskStatus::kOpen;  // changed by Complete/ReopenTask
  std::optional<absl::CivilDay> start_date;
  std::optional<Deadline> deadline;        // not before start_date
  std::optional<absl::Duration> estimate;  // whole seconds, > 0
  std::optional<Money> money_budget;       // hidden from clients/readers
  std::vector<std::string> tags;           // kept sorted and unique
  std::vector<ChecklistItem> checklist;
  std::vector<MemberId> subscribers;  // kept sorted and unique
  bool hidden_from_clients = false;
  std::string completion_note;             // set by CompleteTask
  std::optional<absl::Time> completed_at;  // set by CompleteTask
  absl::Time created_at;                   // set by the library
  absl::Time updated_at;                   // set by the library
};

struct Comment {
  CommentId id;           // set by the library
  Revision revision = 0;  // the revision read; see Revision
  TaskId task;            // fixed at creation
  MemberId author;        // set by the library
  std::string text;       // 1..kMaxTextBytes
  bool hidden_from_clients = false;
  absl::Time created_at;  // set by the library
  absl::Time updated_at;  // set by the library
};

}  // namespace worksection

#endif  // WORKSECTION_MODEL_H_
