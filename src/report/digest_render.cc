// The digest as plain text and as Markdown, ready to post in a chat.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/report.h"

namespace worksection {
namespace {

// "Fri 2026-11-27".
std::string DayText(absl::CivilDay day) {
  return absl::FormatTime("%a %Y-%m-%d",
                          absl::FromCivil(day, absl::UTCTimeZone()),
                          absl::UTCTimeZone());
}

std::string MinuteText(int minute_of_day) {
  return absl::StrFormat("%02d:%02d", minute_of_day / 60, minute_of_day % 60);
}

std::string Plural(int64_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

// "3 days late", "due today at 17:00, late", "due tomorrow", ...
std::string WhenText(const OverdueRow& row) {
  std::string at;
  if (row.task.deadline && row.task.deadline->minute_of_day) {
    at = absl::StrCat(" at ", MinuteText(*row.task.deadline->minute_of_day));
  }
  if (row.late) {
    if (row.days_late > 0)
      return Plural(row.days_late, "day late", "days late");
    return absl::StrCat("due today", at, ", late");
  }
  if (row.days_late == 0) return absl::StrCat("due today", at);
  if (row.days_late == -1) return absl::StrCat("due tomorrow", at);
  std::string when = absl::StrCat("due in ", -row.days_late, " days");
  if (row.task.deadline) {
    absl::StrAppend(&when, " (", DayText(row.task.deadline->day), at, ")");
  }
  return when;
}

std::string PriorityText(int priority) {
  return priority == 0 ? "paused" : absl::StrCat("priority ", priority);
}

// The details after the title: lateness, priority, who received it.
std::string Details(const OverdueRow& row, bool with_assignee) {
  std::string out =
      absl::StrCat(WhenText(row), ", ", PriorityText(row.task.priority));
  if (with_assignee && !row.assignee_name.empty()) {
    absl::StrAppend(&out, ", assigned to ", row.assignee_name);
  }
  return out;
}

std::string TimerStart(const Timer& timer, const absl::TimeZone& tz) {
  return absl::FormatTime("%a %Y-%m-%d %H:%M", timer.started_at, tz);
}

absl::TimeZone ZoneOf(const Digest& digest) {
  absl::TimeZone tz;
  if (digest.time_zone.empty() || !absl::LoadTimeZone(digest.time_zone, &tz)) {
    tz = absl::UTCTimeZone();
  }
  return tz;
}

// Backslash-escapes what Markdown (and chat dialects of it) would format.
std::string Md(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '#':
      case '|':
      case '~':
        out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
  return out;
}

struct Section {
  absl::string_view title;
  const std::vector<OverdueRow>* rows;
  bool with_assignee;
};

std::vector<Section> SectionsOf(const DigestEntry& e) {
  return {{"Overdue tasks you received", &e.received_overdue, false},
          {"Overdue tasks you set for others", &e.set_overdue, true},
          {"Due this week", &e.due_this_week, false}};
}

std::string TimerTask(const DigestEntry& e, size_t i) {
  return i < e.forgotten_timer_tasks.size()
             ? e.forgotten_timer_tasks[i]
             : absl::StrCat("task ", e.forgotten_timers[i].task.value());
}

}  // namespace

std::string RenderDigestText(const Digest& digest) {
  const absl::TimeZone tz = ZoneOf(digest);
  std::string out = absl::StrCat("Digest for ", DayText(digest.as_of), "\n");
  if (digest.entries.empty()) {
    out += "\nNothing to report.\n";
    return out;
  }
  for (const DigestEntry& e : digest.entries) {
    absl::StrAppend(&out, "\n", e.member_name, "\n");
    for (const Section& s : SectionsOf(e)) {
      if (s.rows->empty()) continue;
      absl::StrAppend(&out, "  ", s.title, " (", s.rows->size(), "):\n");
      for (const OverdueRow& row : *s.rows) {
        absl::StrAppend(&out, "    - [", row.project_name, "] ", row.task.title,
                        ": ", Details(row, s.with_assignee), "\n");
      }
    }
    if (!e.forgotten_timers.empty()) {
      absl::StrAppend(&out, "  Forgotten timers (", e.forgotten_timers.size(),
                      "):\n");
      for (size_t i = 0; i < e.forgotten_timers.size(); ++i) {
        absl::StrAppend(&out, "    - ", TimerTask(e, i), ": running since ",
                        TimerStart(e.forgotten_timers[i], tz), "\n");
      }
    }
  }
  return out;
}

std::string RenderDigestMarkdown(const Digest& digest) {
  const absl::TimeZone tz = ZoneOf(digest);
  std::string out = absl::StrCat("## Digest for ", DayText(digest.as_of), "\n");
  if (digest.entries.empty()) {
    out += "\nNothing to report.\n";
    return out;
  }
  for (const DigestEntry& e : digest.entries) {
    absl::StrAppend(&out, "\n### ", Md(e.member_name), "\n");
    for (const Section& s : SectionsOf(e)) {
      if (s.rows->empty()) continue;
      absl::StrAppend(&out, "\n**", s.title, "** (", s.rows->size(), ")\n\n");
      for (const OverdueRow& row : *s.rows) {
        absl::StrAppend(&out, "- **", Md(row.task.title), "** (",
                        Md(row.project_name),
                        "): ", Md(Details(row, s.with_assignee)), "\n");
      }
    }
    if (!e.forgotten_timers.empty()) {
      absl::StrAppend(&out, "\n**Forgotten timers** (",
                      e.forgotten_timers.size(), ")\n\n");
      for (size_t i = 0; i < e.forgotten_timers.size(); ++i) {
        absl::StrAppend(&out, "- ", Md(TimerTask(e, i)), ": running since ",
                        TimerStart(e.forgotten_timers[i], tz), "\n");
      }
    }
  }
  return out;
}

}  // namespace worksection
