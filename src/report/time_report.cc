// The time and money report: facts (project, task, member, day, totals)
// from the rollups (monthly where whole months need neither tasks nor days,
// daily otherwise) or from the time entries, filtered, grouped on one or
// several levels and summed.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "src/report/engine.h"
#include "src/util/checked_sum.h"
#include "worksection/rollup.h"

namespace worksection {
namespace report {
namespace {

// Time summed at the finest grain both sources share.
struct Fact {
  ProjectId project;
  TaskId task;
  MemberId member;
  absl::CivilDay day;
  RollupTotals totals;
};

// One level of a row's key, ordered as report.h documents: ids and periods
// ascending, tags by name.
struct LevelKey {
  int64_t id = 0;
  std::string tag;
  absl::CivilDay period;

  friend bool operator<(const LevelKey& a, const LevelKey& b) {
    return std::tie(a.id, a.tag, a.period) < std::tie(b.id, b.tag, b.period);
  }
  friend bool operator==(const LevelKey& a, const LevelKey& b) {
    return a.id == b.id && a.period == b.period && a.tag == b.tag;
  }
};
using RowKey = std::vector<LevelKey>;

// An entry's share of the totals, as its rollup row holds it (rollup.h):
// raw seconds, the billed duration of billable entries, the amounts.
RollupTotals TotalsOf(const TimeEntry& e) {
  RollupTotals t;
  t.seconds = absl::ToInt64Seconds(e.duration);
  t.billable_seconds = e.billable ? absl::ToInt64Seconds(e.billed_duration) : 0;
  t.billed_amount = e.billed_amount.value_or(0);
  t.labour_cost = e.labour_cost.value_or(0);
  t.entry_count = 1;
  return t;
}

bool Contains(const std::vector<ReportGroup>& groups, ReportGroup g) {
  return std::find(groups.begin(), groups.end(), g) != groups.end();
}

absl::Status AppendRollups(const Context& ctx, const RollupScan& scan,
                           std::vector<Fact>& facts) {
  absl::StatusOr<std::vector<RollupRow>> rows = ctx.tx.ScanRollups(scan);
  if (!rows.ok()) return rows.status();
  facts.reserve(facts.size() + rows->size());
  for (const RollupRow& r : *rows) {
    facts.push_back(
        Fact{r.key.project, r.key.task, r.key.member, r.key.day, r.totals});
  }
  return absl::OkStatus();
}

// With `months`, the whole months of [from, to] come from the monthly
// rollups (facts without a task, dated the 1st) and only the partial months
// at its edges from the daily ones.
absl::Status FromRollups(const Context& ctx, const TimeReportQuery& query,
                         const std::optional<std::vector<ProjectId>>& projects,
                         bool months, std::vector<Fact>& facts) {
  RollupScan scan;
  scan.projects = projects;
  if (!query.tasks.empty()) scan.tasks = query.tasks;
  if (!query.members.empty()) scan.members = query.members;
  scan.from = query.from;
  scan.to = query.to;
  if (!months) return AppendRollups(ctx, scan, facts);

  // The whole months: from the first that starts on or after `from` to the
  // last that ends on or before `to`.
  std::optional<absl::CivilMonth> first, last;
  if (query.from) {
    first = absl::CivilMonth(*query.from);
    if (absl::CivilDay(*first) < *query.from) ++*first;
  }
  if (query.to) {
    last = absl::CivilMonth(*query.to);
    if (absl::CivilDay(*last + 1) - 1 > *query.to) --*last;
  }
  if (first && last && *first > *last) return AppendRollups(ctx, scan, facts);
  RollupScan edge = scan;
  if (first && absl::CivilDay(*first) > *query.from) {
    edge.from = query.from;
    edge.to = absl::CivilDay(*first) - 1;
    if (absl::Status s = AppendRollups(ctx, edge, facts); !s.ok()) return s;
  }
  if (last && absl::CivilDay(*last + 1) - 1 < *query.to) {
    edge.from = absl::CivilDay(*last + 1);
    edge.to = query.to;
    if (absl::Status s = AppendRollups(ctx, edge, facts); !s.ok()) return s;
  }
  RollupScan whole = scan;
  whole.grain = RollupGrain::kMonth;
  whole.from = first ? std::optional<absl::CivilDay>(absl::CivilDay(*first))
                     : std::nullopt;
  whole.to = last ? std::optional<absl::CivilDay>(absl::CivilDay(*last))
                  : std::nullopt;
  return AppendRollups(ctx, whole, facts);
}

absl::Status FromEntries(const Context& ctx, const TimeReportQuery& query,
                         const std::optional<std::vector<ProjectId>>& projects,
                         std::vector<Fact>& facts) {
  constexpr int kPage = 1000;
  TimeEntryScan scan;
  scan.filter.from = query.from;
  scan.filter.to = query.to;
  scan.filter.billable = query.billable;
  if (query.members.size() == 1) scan.filter.member = query.members.front();
  if (query.tags.size() == 1) scan.filter.tag = query.tags.front();
  scan.projects_in = projects;
  if (!query.tasks.empty()) scan.tasks_in = query.tasks;
  scan.limit = kPage;
  const absl::flat_hash_set<MemberId> members(query.members.begin(),
                                              query.members.end());
  for (;;) {
    absl::StatusOr<std::vector<TimeEntry>> page = ctx.tx.ScanTimeEntries(scan);
    if (!page.ok()) return page.status();
    for (const TimeEntry& e : *page) {
      if (!members.empty() && !members.contains(e.member)) continue;
      facts.push_back(Fact{e.project, e.task, e.member, e.date, TotalsOf(e)});
    }
    if (static_cast<int>(page->size()) < kPage) return absl::OkStatus();
    scan.after = TimeEntryPosition{page->back().date, page->back().id};
  }
}

ReportTotals ToReportTotals(const RollupTotals& t, bool money) {
  ReportTotals r;
  r.seconds = t.seconds;
  r.billable_seconds = t.billable_seconds;
  r.entry_count = t.entry_count;
  if (money) {
    r.billed_amount = t.billed_amount;
    r.labour_cost = t.labour_cost;
    r.margin = t.billed_amount - t.labour_cost;
  }
  return r;
}

}  // namespace

absl::StatusOr<TimeReport> BuildTimeReport(
    const Context& ctx, const TimeReportQuery& query,
    const std::vector<ProjectAccess>& scope, bool whole_workspace,
    bool money_visible, const TimeReportOptions& options) {
  TimeReport report;
  report.query = query;
  report.money_visible = money_visible;
  report.currency = ctx.settings.currency;
  report.time_zone = ctx.settings.time_zone;
  report.total = ToReportTotals(RollupTotals{}, money_visible);
  if (scope.empty()) return report;

  absl::flat_hash_map<ProjectId, const ProjectAccess*> access;
  std::vector<ProjectId> ids;
  bool all_hidden_readable = true;
  for (const ProjectAccess& a : scope) {
    access[a.project.id] = &a;
    ids.push_back(a.project.id);
    all_hidden_readable &= a.read_hidden;
  }
  std::sort(ids.begin(), ids.end());
  std::optional<std::vector<ProjectId>> projects;
  if (!whole_workspace) projects = std::move(ids);

  // The rollups hold no per-entry billable split of raw seconds: a billable
  // filter needs the entries. Tags are the task's, so the rollups serve
  // them through the tasks.
  const std::vector<ReportGroup>& levels = query.group_by;
  const bool need_tasks = !all_hidden_readable || !query.tags.empty() ||
                          Contains(levels, ReportGroup::kTask) ||
                          Contains(levels, ReportGroup::kTag);
  // The monthly rollups hold no task and no day: they serve a report that
  // needs neither.
  const bool months = !options.days_only && !need_tasks &&
                      query.tasks.empty() &&
                      !Contains(levels, ReportGroup::kDay) &&
                      !Contains(levels, ReportGroup::kWeek);
  std::vector<Fact> facts;
  const bool use_entries = options.force_entries || query.billable.has_value();
  absl::Status s = use_entries
                       ? FromEntries(ctx, query, projects, facts)
                       : FromRollups(ctx, query, projects, months, facts);
  if (!s.ok()) return s;

  absl::flat_hash_map<TaskId, Task> tasks;
  if (need_tasks) {
    for (const Fact& f : facts) {
      if (tasks.contains(f.task)) continue;
      absl::StatusOr<Task> t = ctx.tx.GetTask(f.task);
      if (!t.ok()) return t.status();
      tasks.emplace(f.task, *std::move(t));
    }
    const absl::flat_hash_set<std::string> wanted(query.tags.begin(),
                                                  query.tags.end());
    facts.erase(std::remove_if(facts.begin(), facts.end(),
                               [&](const Fact& f) {
                                 const Task& t = tasks.at(f.task);
                                 if (!ctx.can_see(t)) return true;
                                 if (wanted.empty()) return false;
                                 return std::none_of(
                                     t.tags.begin(), t.tags.end(),
                                     [&](const std::string& tag) {
                                       return wanted.contains(tag);
                                     });
                               }),
                facts.end());
  }

  RollupTotals total;
  std::map<RowKey, RollupTotals> sums;
  // The row the last fact went to: facts come in key order from the
  // rollups, so runs of them share a row and skip the map lookup.
  RollupTotals* last = nullptr;
  RowKey last_key;
  std::vector<std::vector<LevelKey>> choices(levels.size());
  std::vector<size_t> at(levels.size());
  RowKey key(levels.size());
  static const std::vector<std::string> kNoTag = {""};
  for (const Fact& f : facts) {
    if (!AddChecked(total, f.totals)) return TotalTooLarge("report.total");
    if (levels.empty()) continue;
    for (size_t i = 0; i < levels.size(); ++i) {
      std::vector<LevelKey>& c = choices[i];
      c.clear();
      switch (levels[i]) {
        case ReportGroup::kProject:
          c.push_back(LevelKey{f.project.value(), "", {}});
          break;
        case ReportGroup::kTask:
          c.push_back(LevelKey{f.task.value(), "", {}});
          break;
        case ReportGroup::kMember:
          c.push_back(LevelKey{f.member.value(), "", {}});
          break;
        case ReportGroup::kTag: {
          const std::vector<std::string>& tags = tasks.at(f.task).tags;
          for (const std::string& tag : tags.empty() ? kNoTag : tags) {
            c.push_back(LevelKey{0, tag, {}});
          }
          break;
        }
        case ReportGroup::kDay:
          c.push_back(LevelKey{0, "", f.day});
          break;
        case ReportGroup::kWeek:
          c.push_back(LevelKey{0, "", IsoWeekMonday(f.day)});
          break;
        case ReportGroup::kMonth:
          c.push_back(LevelKey{0, "", absl::CivilDay(absl::CivilMonth(f.day))});
          break;
      }
    }
    // Every combination of the levels' choices (one each unless by tag).
    std::fill(at.begin(), at.end(), 0);
    for (;;) {
      for (size_t i = 0; i < levels.size(); ++i) key[i] = choices[i][at[i]];
      if (last == nullptr || key != last_key) {
        last = &sums[key];
        last_key = key;
      }
      if (!AddChecked(*last, f.totals)) {
        return TotalTooLarge("report.rows");
      }
      size_t i = levels.size();
      while (i > 0 && ++at[i - 1] == choices[i - 1].size()) at[--i] = 0;
      if (i == 0) break;
    }
  }

  report.total = ToReportTotals(total, money_visible);
  report.rows.reserve(sums.size());
  for (const auto& [row_key, totals] : sums) {
    TimeReportRow row;
    row.keys.reserve(levels.size());
    for (size_t i = 0; i < levels.size(); ++i) {
      const LevelKey& k = row_key[i];
      ReportKey out;
      out.group = levels[i];
      switch (levels[i]) {
        case ReportGroup::kProject: {
          out.id = k.id;
          auto it = access.find(ProjectId(k.id));
          out.label = it != access.end() ? it->second->project.name
                                         : absl::StrCat("project ", k.id);
          break;
        }
        case ReportGroup::kTask:
          out.id = k.id;
          out.label = tasks.at(TaskId(k.id)).title;
          break;
        case ReportGroup::kMember:
          out.id = k.id;
          out.label = MemberName(ctx, MemberId(k.id));
          break;
        case ReportGroup::kTag:
          out.tag = k.tag;
          out.label = k.tag.empty() ? "(no tag)" : k.tag;
          break;
        case ReportGroup::kDay:
          out.period = k.period;
          out.label = absl::FormatCivilTime(k.period);
          break;
        case ReportGroup::kWeek:
          out.period = k.period;
          out.label = IsoWeekLabel(k.period);
          break;
        case ReportGroup::kMonth:
          out.period = k.period;
          out.label = absl::FormatCivilTime(absl::CivilMonth(k.period));
          break;
      }
      row.keys.push_back(std::move(out));
    }
    row.totals = ToReportTotals(totals, money_visible);
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace report
}  // namespace worksection
