// What the report builders share: names, ISO weeks, lateness, paging.
#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "src/report/engine.h"
#include "worksection/report.h"

namespace worksection {

absl::string_view ReportGroupName(ReportGroup group) {
  switch (group) {
    case ReportGroup::kProject:
      return "project";
    case ReportGroup::kTask:
      return "task";
    case ReportGroup::kMember:
      return "member";
    case ReportGroup::kTag:
      return "tag";
    case ReportGroup::kDay:
      return "day";
    case ReportGroup::kWeek:
      return "week";
    case ReportGroup::kMonth:
      return "month";
  }
  return "unknown";
}

namespace report {

std::string MemberName(const Context& ctx, MemberId id) {
  auto it = ctx.member_names.find(id);
  if (it != ctx.member_names.end()) return it->second;
  return absl::StrCat("member ", id.value());
}

absl::CivilDay IsoWeekMonday(absl::CivilDay day) {
  // Days since Monday: Monday 0 .. Sunday 6.
  int since_monday = 0;
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      since_monday = 0;
      break;
    case absl::Weekday::tuesday:
      since_monday = 1;
      break;
    case absl::Weekday::wednesday:
      since_monday = 2;
      break;
    case absl::Weekday::thursday:
      since_monday = 3;
      break;
    case absl::Weekday::friday:
      since_monday = 4;
      break;
    case absl::Weekday::saturday:
      since_monday = 5;
      break;
    case absl::Weekday::sunday:
      since_monday = 6;
      break;
  }
  return day - since_monday;
}

IsoWeek IsoWeekOf(absl::CivilDay day) {
  // The week belongs to the year its Thursday falls in.
  const absl::CivilDay thursday = IsoWeekMonday(day) + 3;
  const int yearday = absl::GetYearDay(thursday);  // 1-based
  return IsoWeek{thursday.year(), (yearday - 1) / 7 + 1};
}

std::string IsoWeekLabel(absl::CivilDay day) {
  const IsoWeek w = IsoWeekOf(day);
  return absl::StrFormat("%04d-W%02d", w.year, w.week);
}

Lateness LatenessOf(const Deadline& deadline, absl::CivilDay as_of,
                    absl::CivilDay today, int now_minute) {
  Lateness l;
  l.days_late = static_cast<int>(as_of - deadline.day);
  l.late = deadline.day < as_of ||
           (deadline.day == as_of && deadline.minute_of_day && as_of == today &&
            *deadline.minute_of_day < now_minute);
  return l;
}

absl::StatusOr<std::vector<Task>> ScanAllTasks(Transaction& tx, TaskScan scan) {
  // One scan, not pages: a page after a position in an order no index gives
  // (deadlines across several projects) makes the database sort every match
  // again, so paging 100,000 tasks cost 100 sorts of all of them.
  scan.limit = std::numeric_limits<int>::max();
  scan.after.reset();
  return tx.ScanTasks(scan);
}

}  // namespace report
}  // namespace worksection
