// Builds a small agency in a SQLite workspace and prints what it holds, then
// what its client sees.
//
//   agency [PATH]
//
// PATH is the SQLite file; without it the program uses a fresh temporary
// directory and removes it on exit. A PATH that already holds the agency is
// only printed.
#include <stdlib.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "worksection/worksection.h"

namespace ws = worksection;

namespace {

// The value of `result`, or exits with its status.
template <typename T>
T Check(absl::StatusOr<T> result, const char* what) {
  if (!result.ok()) {
    std::cerr << "agency: " << what << ": " << result.status() << "\n";
    std::exit(1);
  }
  return *std::move(result);
}

ws::Member AddMember(ws::Session& s, const std::string& name,
                     const std::string& email, ws::Role role,
                     const std::string& company) {
  ws::Member m;
  m.name = name;
  m.email = email;
  m.role = role;
  m.company = company;
  return Check(s.CreateMember(m), "create member");
}

ws::Project AddProject(ws::Session& s, const std::string& name,
                       ws::MemberId manager, absl::CivilDay start,
                       absl::CivilDay deadline,
                       std::vector<ws::ProjectMember> members) {
  ws::Project p;
  p.name = name;
  p.manager = manager;  // joins the members as ProjectRole::kManager
  p.start_date = start;
  p.deadline = deadline;
  p.members = std::move(members);
  return Check(s.CreateProject(p), "create project");
}

ws::Task NewTask(ws::ProjectId project, const std::string& title,
                 ws::MemberId assignee, int priority,
                 std::optional<absl::CivilDay> due) {
  ws::Task t;
  t.project = project;
  t.title = title;
  t.assignee = assignee;
  t.priority = priority;
  if (due) {
    t.deadline = ws::Deadline();
    t.deadline->day = *due;
  }
  return t;
}

ws::Task AddTask(ws::Session& s, const ws::Task& task) {
  return Check(s.CreateTask(task), "create task");
}

// Fills the workspace, acting as its owner.
void BuildAgency(ws::Session& owner, absl::CivilDay today) {
  ws::Member anna = AddMember(owner, "Anna Manager", "anna@studio.example",
                              ws::Role::kEmployee, "Studio");
  ws::Member ben = AddMember(owner, "Ben Developer", "ben@studio.example",
                             ws::Role::kEmployee, "Studio");
  ws::Member cleo = AddMember(owner, "Cleo Designer", "cleo@studio.example",
                              ws::Role::kEmployee, "Studio");
  ws::Member client = AddMember(owner, "Nora Client", "nora@northwind.example",
                                ws::Role::kClient, "Northwind");

  ws::Project shop =
      AddProject(owner, "Northwind web shop", anna.id, today - 20, today + 30,
                 {{ben.id, ws::ProjectRole::kMember},
                  {cleo.id, ws::ProjectRole::kMember},
                  {client.id, ws::ProjectRole::kClient}});
  ws::Project brand = AddProject(owner, "Northwind brand refresh", anna.id,
                                 today - 5, today + 60,
                                 {{cleo.id, ws::ProjectRole::kMember},
                                  {client.id, ws::ProjectRole::kClient}});

  // The web shop: one task done, two overdue, a subtask, a hidden one.
  ws::Task design = AddTask(
      owner, NewTask(shop.id, "Design the home page", cleo.id, 8, today - 10));
  Check(owner.CompleteTask(design.id, "Approved by Nora on the call."),
        "complete task");
  ws::Task checkout = AddTask(
      owner, NewTask(shop.id, "Build the checkout", ben.id, 9, today - 2));
  ws::Task payments =
      NewTask(shop.id, "Connect the payment provider", ben.id, 7, today + 3);
  payments.parent = checkout.id;
  AddTask(owner, payments);
  AddTask(owner, NewTask(shop.id, "Write product descriptions", cleo.id, 5,
                         today - 1));
  ws::Task costs =
      NewTask(shop.id, "Review hosting costs", anna.id, 3, today + 7);
  costs.hidden_from_clients = true;
  AddTask(owner, costs);

  // The brand refresh: three open tasks, none late yet.
  AddTask(owner,
          NewTask(brand.id, "Collect brand references", cleo.id, 6, today + 2));
  AddTask(owner, NewTask(brand.id, "Draft three logo concepts", cleo.id, 8,
                         today + 14));
  AddTask(owner,
          NewTask(brand.id, "Plan the launch", anna.id, 4, std::nullopt));

  ws::Comment note;
  note.task = checkout.id;
  note.text = "Card payments work in the sandbox; PayPal next.";
  Check(owner.CreateComment(note), "create comment");
  note.text = "Internal: this is over its estimate, do not bill the overrun.";
  note.hidden_from_clients = true;
  Check(owner.CreateComment(note), "create comment");
}

std::string NameOf(const std::map<ws::MemberId, std::string>& names,
                   ws::MemberId id) {
  auto it = names.find(id);
  return it == names.end() ? "nobody" : it->second;
}

// Prints a project's tasks (subtasks indented) and their comments, as `s`
// sees them.
void PrintTasks(ws::Session& s, ws::ProjectId project, absl::CivilDay today,
                const std::map<ws::MemberId, std::string>& names) {
  ws::TaskFilter filter;
  filter.project = project;
  for (const ws::Task& t : Check(s.ListTasks(filter), "list tasks").tasks) {
    std::cout << (t.parent.valid() ? "      - " : "    - ") << "["
              << ws::TaskStatusName(t.status) << "] " << t.title << " ("
              << NameOf(names, t.assignee) << ", priority " << t.priority;
    if (t.deadline) {
      std::cout << ", due " << absl::FormatCivilTime(t.deadline->day);
      if (t.status == ws::TaskStatus::kOpen && t.deadline->day < today) {
        std::cout << ", OVERDUE";
      }
    }
    std::cout << (t.hidden_from_clients ? ", hidden from clients" : "")
              << ")\n";
    if (!t.completion_note.empty()) {
      std::cout << "        completion note: " << t.completion_note << "\n";
    }
    for (const ws::Comment& c : Check(s.ListComments(t.id), "list comments")) {
      std::cout << "        comment by " << NameOf(names, c.author) << ": "
                << c.text << (c.hidden_from_clients ? " (hidden)" : "") << "\n";
    }
  }
}

size_t Count(ws::Session& s, ws::TaskFilter filter) {
  return Check(s.ListTasks(filter), "list tasks").tasks.size();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::optional<fs::path> temp_dir;
  std::string path;
  if (argc > 1) {
    path = argv[1];
  } else {
    std::string dir = (fs::temp_directory_path() / "ws-agency-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) return 1;
    temp_dir = dir;
    path = (*temp_dir / "agency.db").string();
  }

  ws::WorkspaceSetup setup;
  setup.name = "Studio North";
  setup.time_zone = "Europe/Berlin";
  setup.currency = "EUR";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@studio.example";
  ws::OpenOptions options;
  options.create = setup;  // used only when the file holds no workspace yet
  auto workspace = Check(ws::Workspace::Open(path, options), "open");

  ws::Session owner =
      workspace->As(Check(workspace->FirstOwner(), "first owner").id);
  absl::CivilDay today = Check(owner.Today(), "today");
  if (Check(owner.ListProjects(), "list projects").empty()) {
    BuildAgency(owner, today);
  }

  // What the owner sees: everything.
  ws::WorkspaceSettings settings = Check(owner.GetSettings(), "settings");
  std::cout << "Workspace \"" << settings.name << "\" (" << settings.time_zone
            << ", " << settings.currency << ") in "
            << (temp_dir ? "a temporary file" : path) << "\n"
            << "Today is " << absl::FormatCivilTime(today) << "\n\nMembers:\n";
  std::map<ws::MemberId, std::string> names;
  ws::MemberId client;
  for (const ws::Member& m : Check(owner.ListMembers(), "list members")) {
    names[m.id] = m.name;
    if (m.role == ws::Role::kClient) client = m.id;
    std::cout << "  " << m.name << " <" << m.email << ">, "
              << ws::RoleName(m.role)
              << (m.company.empty() ? "" : ", " + m.company) << "\n";
  }

  for (const ws::Project& p : Check(owner.ListProjects(), "list projects")) {
    ws::TaskFilter done, open, overdue;
    done.project = open.project = overdue.project = p.id;
    done.status = ws::TaskStatus::kDone;
    open.status = ws::TaskStatus::kOpen;
    overdue.overdue_as_of = today;
    std::cout << "\nProject \"" << p.name << "\": manager "
              << NameOf(names, p.manager) << ", due "
              << (p.deadline ? absl::FormatCivilTime(*p.deadline) : "never")
              << ", " << Count(owner, done) << " done, " << Count(owner, open)
              << " open, " << Count(owner, overdue) << " overdue\n";
    PrintTasks(owner, p.id, today, names);
  }

  // What the client sees: their projects, without hidden tasks or comments.
  if (client.valid()) {
    ws::Session as_client = workspace->As(client);
    std::cout << "\nWhat " << NameOf(names, client) << " (client) sees:\n";
    for (const ws::Project& p :
         Check(as_client.ListProjects(), "list projects as client")) {
      std::cout << "  " << p.name << "\n";
      PrintTasks(as_client, p.id, today, names);
    }
  }

  workspace.reset();  // close the file before removing its directory
  if (temp_dir) fs::remove_all(*temp_dir);
  return 0;
}
