// ws timer start | stop | status, ws time log | list.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/records.h"
#include "tools/ws/values.h"
#include "worksection/limits.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

Record TimerRecord(Env& env, const wsl::Timer& timer) {
  Record r;
  r.Add("member", env.Email(timer.member))
      .Add("task_id", timer.task.value())
      .Add("started_at", FormatInstant(timer.started_at, env.zone()))
      .Add("seconds",
           absl::ToInt64Seconds(env.workspace().Now() - timer.started_at))
      .Add("forgotten", timer.forgotten);
  return r;
}

absl::Status RunTimerStart(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(int64_t task, ParseId("task id", args.positional()[0]));
  WS_ASSIGN_OR_RETURN(wsl::Timer timer,
                      env.session().StartTimer(wsl::TaskId(task)));
  if (env.format() == Format::kTable) {
    env.out() << "timer started on task " << timer.task << " at "
              << absl::FormatTime("%H:%M", timer.started_at, env.zone())
              << "\n";
  } else {
    PrintRecord(env.out(), env.format(), TimerRecord(env, timer));
  }
  return absl::OkStatus();
}

absl::Status RunTimerStop(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(wsl::TimeEntry entry,
                      env.session().StopTimer(args.Get("note").value_or("")));
  if (env.format() == Format::kTable) {
    env.out() << "logged " << FormatHours(absl::ToInt64Seconds(entry.duration))
              << " on task " << entry.task << " (time entry " << entry.id
              << ")\n";
  } else {
    PrintRecord(env.out(), env.format(), TimeEntryRecord(env, entry));
  }
  return absl::OkStatus();
}

absl::Status RunTimerStatus(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(std::optional<wsl::Timer> timer,
                      env.session().GetTimer());
  if (!timer) {
    if (env.format() == Format::kJson) {
      env.out() << "null\n";
    } else if (env.format() == Format::kTable) {
      env.out() << "no timer running\n";
    }
    return absl::OkStatus();
  }
  if (env.format() == Format::kTable) {
    absl::StatusOr<wsl::Task> task = env.session().GetTask(timer->task);
    env.out() << "task " << timer->task;
    if (task.ok()) env.out() << " \"" << task->title << "\"";
    env.out() << ": running "
              << FormatHours(absl::ToInt64Seconds(env.workspace().Now() -
                                                  timer->started_at))
              << " since "
              << absl::FormatTime("%Y-%m-%d %H:%M", timer->started_at,
                                  env.zone())
              << (timer->forgotten ? " (forgotten?)" : "") << "\n";
  } else {
    PrintRecord(env.out(), env.format(), TimerRecord(env, *timer));
  }
  return absl::OkStatus();
}

absl::Status RunTimeLog(Env& env, const Args& args) {
  wsl::TimeLog log;
  WS_ASSIGN_OR_RETURN(int64_t task, ParseId("task id", args.positional()[0]));
  log.task = wsl::TaskId(task);
  WS_ASSIGN_OR_RETURN(log.duration,
                      ParseDuration("duration", args.positional()[1]));
  WS_ASSIGN_OR_RETURN(log.date, DateFlag(args, "date"));
  log.note = args.Get("note").value_or("");
  log.billable = !args.Has("non-billable");
  WS_ASSIGN_OR_RETURN(wsl::TimeEntry entry, env.session().LogTime(log));
  env.out() << entry.id << "\n";
  return absl::OkStatus();
}

absl::Status RunTimeList(Env& env, const Args& args) {
  wsl::TimeEntryFilter filter;
  WS_ASSIGN_OR_RETURN(filter.from, DateFlag(args, "from"));
  WS_ASSIGN_OR_RETURN(filter.to, DateFlag(args, "to"));
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> project, IdFlag(args, "project"));
  if (project) filter.project = wsl::ProjectId(*project);
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> task, IdFlag(args, "task"));
  if (task) filter.task = wsl::TaskId(*task);
  if (auto email = args.Get("member")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--member", *email));
    filter.member = m.id;
  }
  filter.limit = wsl::limits::kMaxPageSize;
  std::vector<Record> records;
  do {
    WS_ASSIGN_OR_RETURN(wsl::TimeEntryPage page,
                        env.session().ListTimeEntries(filter));
    for (const wsl::TimeEntry& e : page.entries) {
      records.push_back(TimeEntryRecord(env, e));
    }
    filter.page_token = page.next_page_token;
  } while (!filter.page_token.empty());
  PrintList(env.out(), env.format(), records);
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> TimeCommands() {
  Command start;
  start.words = {"timer", "start"};
  start.usage = "timer start TASK_ID";
  start.summary = "Start your timer on a task (one timer a member).";
  start.min_positional = start.max_positional = 1;
  start.run = RunTimerStart;

  Command stop;
  stop.words = {"timer", "stop"};
  stop.usage = "timer stop [--note TEXT]";
  stop.summary = "Stop your timer into a time entry.";
  stop.flags = {{"note"}};
  stop.run = RunTimerStop;

  Command status;
  status.words = {"timer", "status"};
  status.usage = "timer status";
  status.summary = "Show your running timer, if any.";
  status.run = RunTimerStatus;

  Command log;
  log.words = {"time", "log"};
  log.usage =
      "time log TASK_ID DURATION [--date DATE] [--note TEXT] [--non-billable]";
  log.summary = "Log time on a task (date default today). Prints the new id.";
  log.flags = {{"date"}, {"note"}, {"non-billable", false}};
  log.min_positional = log.max_positional = 2;
  log.run = RunTimeLog;

  Command list;
  list.words = {"time", "list"};
  list.usage =
      "time list [--from DATE] [--to DATE] [--project ID] [--task ID] "
      "[--member EMAIL]";
  list.summary = "List time entries, by date.";
  list.flags = {{"from"}, {"to"}, {"project"}, {"task"}, {"member"}};
  list.run = RunTimeList;
  return {start, stop, status, log, list};
}

}  // namespace ws_cli
