// Time entries and timers: the hours behind every report and invoice.
#ifndef WORKSECTION_TIME_TRACKING_H_
#define WORKSECTION_TIME_TRACKING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/ids.h"
#include "worksection/limits.h"

namespace worksection {

// Time a member spent on a task. Value type; thread-compatible.
//
// The rates in force when an entry is written are stored on it, so changing
// a rate later never rewrites history (Session::RepriceTimeEntries does, on
// purpose). Money fields are empty for whoever may not read money.
struct TimeEntry {
  TimeEntryId id;         // set by the library
  Revision revision = 0;  // the revision read; see Revision
  TaskId task;
  ProjectId project;                // the task's project; set by the library
  MemberId member;                  // whose time
  absl::CivilDay date;              // in the workspace time zone
  std::optional<absl::Time> start;  // when it began, if known
  absl::Duration duration;          // raw: whole seconds, 1 s .. 24 h
  absl::Duration billed_duration;   // set: `duration` rounded per project
  bool billable = true;
  std::string note;  // 0..kMaxTextBytes
  // Set by the library. Rates per hour in minor units; amounts are
  // round-half-up(seconds * rate / 3600): billed_amount from the billed
  // duration (0 when not billable), labour_cost from the raw duration.
  std::optional<Money> billing_rate;
  std::optional<Money> cost_rate;
  std::optional<Money> billed_amount;
  std::optional<Money> labour_cost;
  absl::Time created_at;  // set by the library
  absl::Time updated_at;  // set by the library
};

// What Session::LogTime writes: a duration (with an optional start), or a
// start and an end (the duration is end - start, in whole seconds).
struct TimeLog {
  TaskId task;
  MemberId member;  // none: the actor
  // None: the day `start` falls on in the workspace time zone, else today.
  std::optional<absl::CivilDay> date;
  std::optional<absl::Duration> duration;
  std::optional<absl::Time> start;
  std::optional<absl::Time> end;
  bool billable = true;
  std::string note;
};

// Every set field narrows the list; entries come by (date, id).
struct TimeEntryFilter {
  std::optional<ProjectId> project;
  std::optional<TaskId> task;
  std::optional<MemberId> member;
  std::optional<absl::CivilDay> from;  // inclusive
  std::optional<absl::CivilDay> to;    // inclusive
  std::optional<bool> billable;
  std::optional<std::string> tag;        // a tag of the entry's task
  int limit = limits::kDefaultPageSize;  // 1..kMaxPageSize
  std::string page_token;                // from the previous page, same filter
};

struct TimeEntryPage {
  std::vector<TimeEntry> entries;
  std::string next_page_token;  // empty on the last page
};

// A running timer; at most one per member.
struct Timer {
  MemberId member;
  TaskId task;
  absl::Time started_at;
  bool forgotten = false;  // set: running longer than the workspace limit
};

}  // namespace worksection

#endif  // WORKSECTION_TIME_TRACKING_H_
