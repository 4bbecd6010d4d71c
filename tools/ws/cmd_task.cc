// ws task add | list | show | done | reopen.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/ws/commands.h"
#include "tools/ws/flags.h"
#include "tools/ws/progress.h"
#include "tools/ws/records.h"
#include "tools/ws/values.h"
#include "worksection/limits.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

// DATE, or DATE HH:MM (also DATETHH:MM).
absl::StatusOr<wsl::Deadline> ParseDeadline(absl::string_view text) {
  wsl::Deadline d;
  absl::string_view day = text.substr(0, 10);
  WS_ASSIGN_OR_RETURN(d.day, ParseDate("--deadline", day));
  if (text.size() == 10) return d;
  absl::string_view time = text.substr(10);
  if (time.size() == 6 && (time[0] == ' ' || time[0] == 'T') &&
      time[3] == ':') {
    absl::StatusOr<int64_t> h =
        ParseInt("--deadline", time.substr(1, 2), 0, 23);
    absl::StatusOr<int64_t> m =
        ParseInt("--deadline", time.substr(4, 2), 0, 59);
    if (h.ok() && m.ok()) {
      d.minute_of_day = static_cast<int>(*h * 60 + *m);
      return d;
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("--deadline: invalid deadline \"", text,
                   "\" (expected YYYY-MM-DD or YYYY-MM-DD HH:MM)"));
}

absl::StatusOr<wsl::TaskId> TaskIdArg(const Args& args, size_t index = 0) {
  WS_ASSIGN_OR_RETURN(int64_t id, ParseId("task id", args.positional()[index]));
  return wsl::TaskId(id);
}

absl::Status RunAdd(Env& env, const Args& args) {
  wsl::Task t;
  WS_ASSIGN_OR_RETURN(int64_t project,
                      ParseId("project id", args.positional()[0]));
  t.project = wsl::ProjectId(project);
  t.title = args.positional()[1];
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> parent, IdFlag(args, "parent"));
  if (parent) t.parent = wsl::TaskId(*parent);
  if (auto assignee = args.Get("assignee")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m,
                        env.MemberByEmail("--assignee", *assignee));
    t.assignee = m.id;
  }
  if (auto priority = args.Get("priority")) {
    WS_ASSIGN_OR_RETURN(
        int64_t p, ParseInt("--priority", *priority, wsl::limits::kMinPriority,
                            wsl::limits::kMaxPriority));
    t.priority = static_cast<int>(p);
  }
  WS_ASSIGN_OR_RETURN(t.start_date, DateFlag(args, "start"));
  if (auto deadline = args.Get("deadline")) {
    WS_ASSIGN_OR_RETURN(t.deadline, ParseDeadline(*deadline));
  }
  WS_ASSIGN_OR_RETURN(t.estimate, DurationFlag(args, "estimate"));
  t.tags = args.GetAll("tag");
  t.hidden_from_clients = args.Has("hidden");
  t.text = args.Get("text").value_or("");
  WS_ASSIGN_OR_RETURN(wsl::Task created, env.session().CreateTask(t));
  env.out() << created.id << "\n";
  return absl::OkStatus();
}

absl::Status CheckList(const Args& args) {
  if (args.Has("open") && args.Has("done")) {
    return UsageError("--open and --done exclude each other");
  }
  return absl::OkStatus();
}

absl::Status RunList(Env& env, const Args& args) {
  wsl::TaskFilter filter;
  WS_ASSIGN_OR_RETURN(std::optional<int64_t> project, IdFlag(args, "project"));
  if (project) filter.project = wsl::ProjectId(*project);
  if (auto email = args.Get("assignee")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--assignee", *email));
    filter.assignee = m.id;
  }
  if (auto email = args.Get("author")) {
    WS_ASSIGN_OR_RETURN(wsl::Member m, env.MemberByEmail("--author", *email));
    filter.author = m.id;
  }
  if (auto tag = args.Get("tag")) filter.tag = *tag;
  if (args.Has("open")) filter.status = wsl::TaskStatus::kOpen;
  if (args.Has("done")) filter.status = wsl::TaskStatus::kDone;
  if (args.Has("overdue")) {
    WS_ASSIGN_OR_RETURN(filter.overdue_as_of, env.session().Today());
  }
  filter.limit = wsl::limits::kMaxPageSize;
  std::vector<Record> records;
  Progress progress("listing tasks", 0);
  do {
    WS_ASSIGN_OR_RETURN(wsl::TaskPage page, env.session().ListTasks(filter));
    for (const wsl::Task& t : page.tasks) records.push_back(TaskRecord(env, t));
    progress.Set(static_cast<int64_t>(records.size()));
    filter.page_token = page.next_page_token;
  } while (!filter.page_token.empty());
  progress.Done();
  PrintList(env.out(), env.format(), records,
            {"id", "project_id", "parent_id", "title", "status", "priority",
             "deadline", "assignee", "tags"});
  return absl::OkStatus();
}

absl::Status RunShow(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(wsl::TaskId id, TaskIdArg(args));
  WS_ASSIGN_OR_RETURN(wsl::Task t, env.session().GetTask(id));
  WS_ASSIGN_OR_RETURN(std::vector<wsl::Comment> comments,
                      env.session().ListComments(id));
  Record r = TaskRecord(env, t);
  r.Add("text", t.text).Add("completion_note", t.completion_note);
  std::vector<Record> comment_records;
  for (const wsl::Comment& c : comments) {
    Record cr;
    cr.Add("id", c.id.value())
        .Add("author", env.Email(c.author))
        .Add("created_at", FormatInstant(c.created_at, env.zone()))
        .Add("hidden", c.hidden_from_clients)
        .Add("text", c.text);
    comment_records.push_back(std::move(cr));
  }
  std::vector<Record> checklist;
  for (const wsl::ChecklistItem& item : t.checklist) {
    Record cr;
    cr.Add("text", item.text).Add("done", item.done);
    checklist.push_back(std::move(cr));
  }
  r.Add("comments", std::move(comment_records))
      .Add("checklist", std::move(checklist));
  PrintRecord(env.out(), env.format(), r);
  return absl::OkStatus();
}

absl::Status PrintChanged(Env& env, const wsl::Task& t) {
  if (env.format() == Format::kTable) {
    env.out() << "task " << t.id << " \"" << t.title << "\" is "
              << wsl::TaskStatusName(t.status) << "\n";
  } else {
    PrintRecord(env.out(), env.format(), TaskRecord(env, t));
  }
  return absl::OkStatus();
}

absl::Status RunDone(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(wsl::TaskId id, TaskIdArg(args));
  WS_ASSIGN_OR_RETURN(wsl::Task t, env.session().CompleteTask(
                                       id, args.Get("note").value_or("")));
  return PrintChanged(env, t);
}

absl::Status RunReopen(Env& env, const Args& args) {
  WS_ASSIGN_OR_RETURN(wsl::TaskId id, TaskIdArg(args));
  WS_ASSIGN_OR_RETURN(wsl::Task t, env.session().ReopenTask(id));
  return PrintChanged(env, t);
}

}  // namespace

std::vector<Command> TaskCommands() {
  Command add;
  add.words = {"task", "add"};
  add.usage =
      "task add PROJECT_ID TITLE [--parent ID] [--assignee EMAIL] "
      "[--priority 0-10] [--start DATE] [--deadline DATE] [--estimate DUR] "
      "[--tag TAG]... [--hidden] [--text TEXT]";
  add.summary =
      "Create a task (a subtask with --parent); --deadline also takes "
      "\"DATE HH:MM\". Prints the new id.";
  add.flags = {{"parent"},          {"assignee"},      {"priority"},
               {"start"},           {"deadline"},      {"estimate"},
               {"tag", true, true}, {"hidden", false}, {"text"}};
  add.min_positional = add.max_positional = 2;
  add.run = RunAdd;

  Command list;
  list.words = {"task", "list"};
  list.usage =
      "task list [--project ID] [--assignee EMAIL] [--author EMAIL] "
      "[--tag TAG] [--open|--done] [--overdue]";
  list.summary = "List every matching task, subtasks included, by id.";
  list.flags = {{"project"},     {"assignee"},    {"author"},        {"tag"},
                {"open", false}, {"done", false}, {"overdue", false}};
  list.check = CheckList;
  list.run = RunList;

  Command show;
  show.words = {"task", "show"};
  show.usage = "task show ID";
  show.summary = "Show a task with its text, comments and checklist.";
  show.min_positional = show.max_positional = 1;
  show.run = RunShow;

  Command done;
  done.words = {"task", "done"};
  done.usage = "task done ID [--note TEXT]";
  done.summary = "Complete a task, with an optional completion note.";
  done.flags = {{"note"}};
  done.min_positional = done.max_positional = 1;
  done.run = RunDone;

  Command reopen;
  reopen.words = {"task", "reopen"};
  reopen.usage = "task reopen ID";
  reopen.summary = "Reopen a completed task.";
  reopen.min_positional = reopen.max_positional = 1;
  reopen.run = RunReopen;
  return {add, list, show, done, reopen};
}

}  // namespace ws_cli
