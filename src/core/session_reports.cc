// Session's reports: each runs in one read transaction, decides what the
// actor may read (projects, time, hidden tasks, money) and hands that scope
// to the report engine (src/report).
#include "src/core/session_reports.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/budget.h"
#include "src/core/call.h"
#include "src/core/validate.h"
#include "src/report/engine.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {
namespace {

using report::ProjectAccess;

// The longest look-ahead of the overdue report: 100 years.
constexpr int kMaxDueWithinDays = 36600;

absl::Status ProjectNotFound(ProjectId id, absl::string_view field) {
  return absl::NotFoundError(
      absl::StrCat(field, ": project ", id.value(), " not found"));
}

ProjectAccess AccessOf(const Actor& actor, Project project) {
  ProjectAccess a;
  const Target target{project.id};
  a.read_time = CanReadTime(actor, project);
  a.read_hidden = Allowed(actor, Action::kReadHidden, target);
  a.read_money = Allowed(actor, Action::kReadMoney, target);
  a.project = std::move(project);
  return a;
}

// Every project the actor reads, by id.
absl::StatusOr<std::vector<ProjectAccess>> ReadableProjects(
    Call& call, bool include_archived) {
  ProjectScan scan;
  scan.filter.include_archived = include_archived;
  if (!Allowed(call.actor, Action::kReadProject, Target{})) {
    scan.ids_in.emplace();
    for (const auto& [id, role] : call.actor.projects) {
      if (Allowed(call.actor, Action::kReadProject, Target{id})) {
        scan.ids_in->push_back(id);
      }
    }
    if (scan.ids_in->empty()) return std::vector<ProjectAccess>{};
    std::sort(scan.ids_in->begin(), scan.ids_in->end());
  }
  absl::StatusOr<std::vector<Project>> projects = call.tx.ListProjects(scan);
  if (!projects.ok()) return projects.status();
  std::vector<ProjectAccess> out;
  out.reserve(projects->size());
  for (Project& p : *projects) {
    out.push_back(AccessOf(call.actor, std::move(p)));
  }
  return out;
}

// The projects `ids` names, each readable by the actor (else NotFound), by
// id and without repeats.
absl::StatusOr<std::vector<ProjectAccess>> NamedProjects(
    Call& call, std::vector<ProjectId> ids, absl::string_view field) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<ProjectAccess> out;
  for (ProjectId id : ids) {
    absl::StatusOr<Project> p = call.tx.GetProject(id);
    if (StoreFailed(p.status())) return p.status();
    if (!p.ok() || !Allowed(call.actor, Action::kReadProject, Target{id})) {
      return ProjectNotFound(id, field);
    }
    out.push_back(AccessOf(call.actor, *std::move(p)));
  }
  return out;
}

// Money shows only when the actor reads it in every project of the report;
// a report over no project shows it to whoever reads money everywhere.
bool MoneyVisible(const Actor& actor, const std::vector<ProjectAccess>& scope) {
  if (scope.empty()) return Allowed(actor, Action::kReadMoney, Target{});
  return std::all_of(scope.begin(), scope.end(),
                     [](const ProjectAccess& a) { return a.read_money; });
}

std::vector<ProjectAccess> Live(std::vector<ProjectAccess> scope) {
  scope.erase(std::remove_if(scope.begin(), scope.end(),
                             [](const ProjectAccess& a) {
                               return a.project.status ==
                                      ProjectStatus::kArchived;
                             }),
              scope.end());
  return scope;
}

// The engine's context for this call. `call` must outlive it.
absl::StatusOr<report::Context> ContextOf(Call& call) {
  absl::TimeZone tz;
  if (!absl::LoadTimeZone(call.settings.time_zone, &tz)) {
    tz = absl::UTCTimeZone();
  }
  const absl::CivilSecond now = absl::ToCivilSecond(call.now, tz);
  report::Context ctx{call.tx,
                      call.settings,
                      tz,
                      call.now,
                      absl::CivilDay(now),
                      now.hour() * 60 + now.minute(),
                      {},
                      {}};
  MemberFilter everyone;
  everyone.include_inactive = true;
  absl::StatusOr<std::vector<Member>> members = call.tx.ListMembers(everyone);
  if (!members.ok()) return members.status();
  for (const Member& m : *members) ctx.member_names[m.id] = m.name;
  const Actor* actor = &call.actor;
  ctx.can_see = [actor](const Task& t) { return CanSee(*actor, t); };
  return ctx;
}

// The members the actor may read: everyone, or those sharing a project
// with them (and themselves).
absl::StatusOr<std::optional<absl::flat_hash_set<MemberId>>> ReadableMembers(
    Call& call) {
  if (Allowed(call.actor, Action::kReadMember, Target{})) return std::nullopt;
  absl::flat_hash_set<MemberId> visible = {call.actor.id()};
  ProjectScan scan;
  scan.filter.include_archived = true;
  scan.ids_in.emplace();
  for (const auto& [id, role] : call.actor.projects) {
    if (Allowed(call.actor, Action::kReadMember, Target{id})) {
      scan.ids_in->push_back(id);
    }
  }
  if (!scan.ids_in->empty()) {
    std::sort(scan.ids_in->begin(), scan.ids_in->end());
    absl::StatusOr<std::vector<Project>> projects = call.tx.ListProjects(scan);
    if (!projects.ok()) return projects.status();
    for (const Project& p : *projects) {
      for (const ProjectMember& m : p.members) visible.insert(m.member);
    }
  }
  return visible;
}

// The members a report covers: those named (each readable, else NotFound),
// or every active member the actor reads that `keep` accepts; by id.
template <typename Keep>
absl::StatusOr<std::vector<MemberId>> ReportMembers(
    Call& call, const std::vector<MemberId>& named, absl::string_view field,
    Keep keep) {
  absl::StatusOr<std::optional<absl::flat_hash_set<MemberId>>> readable =
      ReadableMembers(call);
  if (!readable.ok()) return readable.status();
  auto can_read = [&](MemberId id) {
    return !readable->has_value() || (*readable)->contains(id);
  };
  std::vector<MemberId> out;
  if (!named.empty()) {
    for (MemberId id : named) {
      absl::StatusOr<Member> m = call.tx.GetMember(id);
      if (StoreFailed(m.status())) return m.status();
      if (!m.ok() || !can_read(id)) {
        return absl::NotFoundError(
            absl::StrCat(field, ": member ", id.value(), " not found"));
      }
      out.push_back(id);
    }
  } else {
    absl::StatusOr<std::vector<Member>> active =
        call.tx.ListMembers(MemberFilter{});
    if (!active.ok()) return active.status();
    for (const Member& m : *active) {
      if (can_read(m.id) && keep(m)) out.push_back(m.id);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::Status CheckGroups(const std::vector<ReportGroup>& groups) {
  for (size_t i = 0; i < groups.size(); ++i) {
    const ReportGroup g = groups[i];
    if (static_cast<int>(g) < static_cast<int>(ReportGroup::kProject) ||
        static_cast<int>(g) > static_cast<int>(ReportGroup::kMonth)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "query.group_by[", i, "]: unknown grouping ", static_cast<int>(g)));
    }
    if (std::find(groups.begin(), groups.begin() + i, g) !=
        groups.begin() + i) {
      return absl::InvalidArgumentError(
          absl::StrCat("query.group_by[", i, "]: \"", ReportGroupName(g),
                       "\" is already a level"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<TimeReport> TimeReportIn(
    Call& call, const TimeReportQuery& query,
    const report::TimeReportOptions& options) {
  absl::Status s = CheckPeriod("query.from", query.from, "query.to", query.to);
  if (s.ok()) s = CheckGroups(query.group_by);
  if (!s.ok()) return s;
  for (TaskId id : query.tasks) {
    absl::StatusOr<Task> t = call.tx.GetTask(id);
    if (StoreFailed(t.status())) return t.status();
    if (!t.ok() || !CanSee(call.actor, *t)) {
      return absl::NotFoundError(
          absl::StrCat("query.tasks: task ", id.value(), " not found"));
    }
  }
  std::vector<ProjectAccess> scope;
  if (query.projects.empty()) {
    absl::StatusOr<std::vector<ProjectAccess>> all =
        ReadableProjects(call, /*include_archived=*/true);
    if (!all.ok()) return all.status();
    for (ProjectAccess& a : *all) {
      if (a.read_time) scope.push_back(std::move(a));
    }
  } else {
    absl::StatusOr<std::vector<ProjectAccess>> named =
        NamedProjects(call, query.projects, "query.projects");
    if (!named.ok()) return named.status();
    for (ProjectAccess& a : *named) {
      if (!a.read_time) {
        return Require(call.actor, Action::kReadTime, Target{},
                       absl::StrCat("time of project ", a.project.id.value()));
      }
      scope.push_back(std::move(a));
    }
  }
  // Time read everywhere: the scans need no project list.
  const bool whole_workspace =
      query.projects.empty() &&
      Allowed(call.actor, Action::kReadTime, Target{}) &&
      call.actor.role() != Role::kClient;
  absl::StatusOr<report::Context> ctx = ContextOf(call);
  if (!ctx.ok()) return ctx.status();
  return report::BuildTimeReport(*ctx, query, scope, whole_workspace,
                                 MoneyVisible(call.actor, scope), options);
}

}  // namespace

absl::StatusOr<TimeReport> RunTimeReportWith(
    const Session& session, const TimeReportQuery& query,
    const report::TimeReportOptions& options) {
  return RunCall(session, Store::Mode::kRead,
                 [&](Call& call) -> absl::StatusOr<TimeReport> {
                   return TimeReportIn(call, query, options);
                 });
}

absl::StatusOr<TimeReport> Session::RunTimeReport(
    const TimeReportQuery& query) {
  return RunTimeReportWith(*this, query, {});
}

absl::StatusOr<OverdueReport> Session::RunOverdueReport(
    const OverdueQuery& query) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<OverdueReport> {
        if (query.due_within_days < 0 ||
            query.due_within_days > kMaxDueWithinDays) {
          return absl::InvalidArgumentError(
              absl::StrCat("query.due_within_days: must be 0 to ",
                           kMaxDueWithinDays, ", got ", query.due_within_days));
        }
        absl::Status s = CheckOptionalDay("query.as_of", query.as_of);
        if (!s.ok()) return s;
        absl::StatusOr<std::vector<ProjectAccess>> scope =
            query.project
                ? NamedProjects(call, {*query.project}, "query.project")
                : ReadableProjects(call, /*include_archived=*/false);
        if (!scope.ok()) return scope.status();
        absl::StatusOr<report::Context> ctx = ContextOf(call);
        if (!ctx.ok()) return ctx.status();
        OverdueReport out;
        out.as_of = query.as_of.value_or(ctx->today);
        TaskFilter filter;
        filter.assignee = query.assignee;
        filter.author = query.author;
        absl::StatusOr<std::vector<OverdueRow>> rows = report::BuildOverdueRows(
            *ctx, *scope, filter, out.as_of, query.due_within_days);
        if (!rows.ok()) return rows.status();
        out.rows = *std::move(rows);
        for (OverdueRow& row : out.rows) RedactMoney(call.actor, row.task);
        return out;
      });
}

absl::StatusOr<std::vector<ProjectHealth>> Session::RunProjectHealth(
    const ProjectHealthQuery& query) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<ProjectHealth>> {
        absl::StatusOr<std::vector<ProjectAccess>> scope =
            query.projects.empty()
                ? ReadableProjects(call, query.include_archived)
                : NamedProjects(call, query.projects, "query.projects");
        if (!scope.ok()) return scope.status();
        absl::StatusOr<report::Context> ctx = ContextOf(call);
        if (!ctx.ok()) return ctx.status();
        const bool money = MoneyVisible(call.actor, *scope);
        absl::StatusOr<std::vector<ProjectHealth>> rows =
            report::BuildProjectHealth(*ctx, *scope, money);
        if (!rows.ok()) return rows.status();
        for (size_t i = 0; i < rows->size(); ++i) {
          ProjectHealth& h = (*rows)[i];
          const ProjectAccess& a = (*scope)[i];
          absl::StatusOr<BudgetUsage> usage = ProjectUsage(
              call.tx, a.project,
              a.read_hidden ? HiddenTasks::kCount : HiddenTasks::kLeaveOut);
          if (!usage.ok()) return usage.status();
          if (!a.read_time) {
            *usage = BudgetUsage{};
            usage->time_budget = a.project.time_budget;
          }
          if (!money) {
            usage->money_budget.reset();
            usage->money_used.reset();
            usage->money_remaining.reset();
            usage->money_percent.reset();
          }
          h.budget = *std::move(usage);
          RedactMoney(call.actor, h.project);
        }
        return rows;
      });
}

absl::StatusOr<std::vector<WorkloadRow>> Session::RunWorkload(
    const WorkloadQuery& query) {
  return RunCall(
      *this, Store::Mode::kRead,
      [&](Call& call) -> absl::StatusOr<std::vector<WorkloadRow>> {
        if (absl::Status s =
                CheckPeriod("query.from", query.from, "query.to", query.to);
            !s.ok()) {
          return s;
        }
        absl::StatusOr<std::vector<MemberId>> members = ReportMembers(
            call, query.members, "query.members",
            [](const Member& m) { return m.role != Role::kClient; });
        if (!members.ok()) return members.status();
        absl::StatusOr<std::vector<ProjectAccess>> all =
            ReadableProjects(call, /*include_archived=*/true);
        if (!all.ok()) return all.status();
        std::vector<ProjectAccess> time_scope;
        for (const ProjectAccess& a : *all) {
          if (a.read_time) time_scope.push_back(a);
        }
        absl::StatusOr<report::Context> ctx = ContextOf(call);
        if (!ctx.ok()) return ctx.status();
        return report::BuildWorkload(*ctx, *members, Live(*std::move(all)),
                                     time_scope, query.from, query.to);
      });
}

absl::StatusOr<Digest> Session::RunDigest(const DigestQuery& query) {
  return RunCall(
      *this, Store::Mode::kRead, [&](Call& call) -> absl::StatusOr<Digest> {
        if (absl::Status s = CheckOptionalDay("query.as_of", query.as_of);
            !s.ok()) {
          return s;
        }
        absl::StatusOr<std::vector<MemberId>> members =
            ReportMembers(call, query.members, "query.members",
                          [](const Member&) { return true; });
        if (!members.ok()) return members.status();
        absl::StatusOr<std::vector<ProjectAccess>> scope =
            ReadableProjects(call, /*include_archived=*/false);
        if (!scope.ok()) return scope.status();
        std::vector<Timer> timers;
        if (Allowed(call.actor, Action::kReadAllTimers, Target{})) {
          absl::StatusOr<std::vector<Timer>> all = call.tx.ListTimers();
          if (!all.ok()) return all.status();
          timers = *std::move(all);
        } else {
          absl::StatusOr<std::optional<Timer>> own =
              call.tx.GetTimer(call.actor.id());
          if (!own.ok()) return own.status();
          if (*own) timers.push_back(**own);
        }
        absl::StatusOr<report::Context> ctx = ContextOf(call);
        if (!ctx.ok()) return ctx.status();
        absl::StatusOr<Digest> digest = report::BuildDigest(
            *ctx, *members, *scope, timers, query.as_of.value_or(ctx->today));
        if (!digest.ok()) return digest.status();
        for (DigestEntry& e : digest->entries) {
          for (auto* rows :
               {&e.received_overdue, &e.set_overdue, &e.due_this_week}) {
            for (OverdueRow& row : *rows) RedactMoney(call.actor, row.task);
          }
        }
        return digest;
      });
}

}  // namespace worksection
