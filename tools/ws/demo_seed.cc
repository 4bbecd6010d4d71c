#include "tools/ws/demo_seed.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "tools/ws/env.h"

namespace ws_cli {
namespace {

namespace wsl = worksection;

// A seeded generator whose results do not depend on the standard library's
// distributions (which differ between implementations).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // 0 <= result < n.
  int64_t Below(int64_t n) {
    return static_cast<int64_t>(engine_() % static_cast<uint64_t>(n));
  }
  // lo <= result <= hi.
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  // True with probability percent/100.
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Below(static_cast<int64_t>(v.size())))];
  }

 private:
  std::mt19937_64 engine_;
};

const std::vector<std::string>& FirstNames() {
  static const auto* const k = new std::vector<std::string>{
      "Anna", "Ben",   "Cleo", "Dmytro", "Emma", "Felix", "Greta", "Hugo",
      "Ines", "Jonas", "Kira", "Lukas",  "Mila", "Noah",  "Olena", "Paul",
      "Rosa", "Sami",  "Tara", "Uwe",    "Vera", "Wim",   "Yara",  "Zoe"};
  return *k;
}

const std::vector<std::string>& LastNames() {
  static const auto* const k = new std::vector<std::string>{
      "Berg",    "Costa",  "Dahl",   "Engel",  "Fischer", "Gallo", "Hansen",
      "Ivanova", "Jensen", "Keller", "Lang",   "Moreau",  "Novak", "Ortiz",
      "Petrov",  "Quinn",  "Rossi",  "Schulz", "Torres",  "Weber"};
  return *k;
}

const std::vector<std::string>& Verbs() {
  static const auto* const k = new std::vector<std::string>{
      "Design", "Build",  "Review",  "Test",    "Write",  "Plan",
      "Fix",    "Update", "Polish",  "Migrate", "Deploy", "Draft",
      "Refine", "Audit",  "Prepare", "Document"};
  return *k;
}

const std::vector<std::string>& Objects() {
  static const auto* const k = new std::vector<std::string>{
      "the home page",          "the checkout",
      "the product grid",       "the search",
      "the login flow",         "the newsletter",
      "the brand guide",        "the logo concepts",
      "the landing page",       "the onboarding",
      "the pricing page",       "the blog templates",
      "the mobile menu",        "the payment provider",
      "the analytics setup",    "the campaign assets",
      "the style tokens",       "the API client",
      "the admin panel",        "the email templates",
      "the press kit",          "the sitemap",
      "the accessibility pass", "the photo shoot brief",
      "the content plan",       "the social posts",
      "the release notes",      "the performance budget"};
  return *k;
}

const std::vector<std::string>& Tags() {
  static const auto* const k =
      new std::vector<std::string>{"design", "frontend", "backend", "content",
                                   "qa",     "seo",      "ops",     "meeting"};
  return *k;
}

struct Client {
  const char* company;
  const char* domain;
  const char* contact;
};
constexpr Client kClients[] = {
    {"Northwind", "northwind.example", "Nora Lind"},
    {"Contoso", "contoso.example", "Carl Brandt"},
    {"Globex", "globex.example", "Gina Marsh"},
    {"Initech", "initech.example", "Ian Porter"},
};

const char* const kProjectKinds[] = {"web shop",   "brand refresh",
                                     "mobile app", "intranet",
                                     "campaign",   "website relaunch"};

std::string Email(const std::string& first, const std::string& last,
                  const std::string& domain) {
  return absl::AsciiStrToLower(absl::StrCat(first, ".", last, "@", domain));
}

struct DemoProject {
  wsl::Project project;
  // Set after the time is logged (see SeedDemo).
  std::optional<absl::Duration> time_budget;
  std::optional<wsl::Money> money_budget;
  std::vector<wsl::MemberId> workers;  // employees and admins in it
  std::vector<wsl::Task> tasks;
};

}  // namespace

wsl::WorkspaceSetup DemoSetup() {
  wsl::WorkspaceSetup setup;
  setup.name = "Studio North";
  setup.time_zone = "Europe/Berlin";
  setup.currency = "EUR";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga.owner@studio.example";
  return setup;
}

absl::StatusOr<DemoStats> SeedDemo(wsl::Workspace& workspace, uint64_t seed,
                                   Progress& progress) {
  Rng rng(seed);
  DemoStats stats;
  WS_ASSIGN_OR_RETURN(wsl::Member owner, workspace.FirstOwner());
  // One transaction for the whole seed: one durable commit instead of one
  // a call (about 6,000; a network round trip each on PostgreSQL), and a
  // seed that fails leaves nothing half-written.
  WS_ASSIGN_OR_RETURN(std::unique_ptr<wsl::SessionTransaction> tx,
                      workspace.As(owner.id).BeginTransaction());
  wsl::Session& s = tx->session();
  WS_ASSIGN_OR_RETURN(absl::CivilDay today, s.Today());
  stats.members = 1;

  // An estimate of the calls, for the progress bar.
  int64_t done_calls = 0;
  progress.SetTotal(64000);
  auto tick = [&] { progress.Set(++done_calls); };
  // WS_DEMO_TIMING=1: how long each phase takes, on stderr.
  const bool timing = std::getenv("WS_DEMO_TIMING") != nullptr;
  absl::Time phase_start = absl::Now();
  int64_t phase_calls = 0;
  auto phase = [&](const char* name) {
    if (!timing) return;
    absl::Time now = absl::Now();
    absl::FPrintF(stderr, "demo: %-12s %6d calls %8.2f s %8.3f ms/call\n", name,
                  done_calls - phase_calls,
                  absl::ToDoubleSeconds(now - phase_start),
                  absl::ToDoubleMilliseconds(now - phase_start) /
                      std::max<int64_t>(1, done_calls - phase_calls));
    phase_start = now;
    phase_calls = done_calls;
  };

  // --- Members: 2 admins, 18 employees, 4 client contacts. ---
  std::vector<std::string> firsts = FirstNames();
  std::vector<std::string> lasts = LastNames();
  std::vector<wsl::Member> staff;  // admins then employees
  for (int i = 0; i < 20; ++i) {
    wsl::Member m;
    const std::string& first = firsts[static_cast<size_t>(i)];
    const std::string& last = lasts[static_cast<size_t>((i * 7) % 20)];
    m.name = absl::StrCat(first, " ", last);
    m.email = Email(first, last, "studio.example");
    m.role = i < 2 ? wsl::Role::kAdmin : wsl::Role::kEmployee;
    m.company =
        i < 2 ? "Studio North" : (i % 3 == 0 ? "Design" : "Engineering");
    m.cost_rate = rng.Between(30, 60) * 100;
    m.billing_rate = rng.Between(8, 15) * 1000;
    WS_ASSIGN_OR_RETURN(wsl::Member created, s.CreateMember(m));
    staff.push_back(created);
    ++stats.members;
    tick();
  }
  std::vector<wsl::Member> clients;
  for (const Client& c : kClients) {
    wsl::Member m;
    m.name = c.contact;
    std::string contact = c.contact;
    size_t space = contact.find(' ');
    m.email =
        Email(contact.substr(0, space), contact.substr(space + 1), c.domain);
    m.role = wsl::Role::kClient;
    m.company = c.company;
    WS_ASSIGN_OR_RETURN(wsl::Member created, s.CreateMember(m));
    clients.push_back(created);
    ++stats.members;
    tick();
  }

  phase("members");

  // --- Projects: 18, each with a client, a manager and 4-7 workers. ---
  std::vector<DemoProject> projects;
  for (int i = 0; i < 18; ++i) {
    const Client& client = kClients[i % 4];
    DemoProject dp;
    wsl::Project& p = dp.project;
    p.name = absl::StrCat(client.company, " ", kProjectKinds[i % 6],
                          i >= 12 ? " II" : "");
    p.folder = client.company;
    // Started 30..400 days ago; due 60..450 days after the start.
    absl::CivilDay start = today - rng.Between(30, 400);
    p.start_date = start;
    p.deadline = start + rng.Between(60, 450);
    // Managed by an employee (money visible to them there).
    const wsl::Member& manager = staff[static_cast<size_t>(2 + (i * 5) % 18)];
    p.manager = manager.id;
    dp.time_budget = absl::Hours(rng.Between(20, 60) * 50);
    dp.money_budget = rng.Between(10, 30) * 10000 * 100;
    p.billing_rate = rng.Between(9, 14) * 1000;
    p.tags = {Tags()[static_cast<size_t>(i % 4)]};
    dp.workers.push_back(manager.id);
    int workers = static_cast<int>(rng.Between(4, 7));
    for (int w = 0; w < workers; ++w) {
      const wsl::Member& m = staff[static_cast<size_t>(2 + rng.Below(18))];
      if (std::find(dp.workers.begin(), dp.workers.end(), m.id) ==
          dp.workers.end()) {
        dp.workers.push_back(m.id);
        p.members.push_back({m.id, wsl::ProjectRole::kMember, std::nullopt});
      }
    }
    // Admins help out on a third of the projects.
    if (i % 3 == 0) {
      const wsl::Member& admin = staff[static_cast<size_t>(i % 2)];
      dp.workers.push_back(admin.id);
      p.members.push_back({admin.id, wsl::ProjectRole::kMember, std::nullopt});
    }
    p.members.push_back({clients[static_cast<size_t>(i % 4)].id,
                         wsl::ProjectRole::kClient, std::nullopt});
    WS_ASSIGN_OR_RETURN(p, s.CreateProject(p));
    ++stats.projects;
    tick();
    projects.push_back(std::move(dp));
  }

  phase("projects");

  // --- Tasks: about 110 a project on 3 levels. ---
  std::vector<wsl::TaskId> to_complete;  // children before their parents
  for (DemoProject& dp : projects) {
    const wsl::Project& p = dp.project;
    absl::CivilDay start = *p.start_date;
    int64_t span = std::max<int64_t>(7, *p.deadline - start);
    auto make = [&](wsl::TaskId parent,
                    int level) -> absl::StatusOr<wsl::Task> {
      wsl::Task t;
      t.project = p.id;
      t.parent = parent;
      t.title = absl::StrCat(rng.Pick(Verbs()), " ", rng.Pick(Objects()));
      if (level > 0) t.title += absl::StrCat(" (part ", rng.Between(1, 4), ")");
      t.assignee = rng.Pick(dp.workers);
      t.priority = static_cast<int>(rng.Between(1, 10));
      absl::CivilDay task_start = start + rng.Below(span);
      t.start_date = task_start;
      wsl::Deadline d;
      d.day = task_start + rng.Between(5, 45);
      if (rng.Chance(10))
        d.minute_of_day = static_cast<int>(rng.Between(9, 17) * 60);
      t.deadline = d;
      // The estimate is set after the time is logged (see below).
      absl::Duration estimate = absl::Hours(rng.Between(1, 24));
      t.tags = {rng.Pick(Tags())};
      if (rng.Chance(30)) t.tags.push_back(rng.Pick(Tags()));
      t.hidden_from_clients = rng.Chance(8);
      WS_ASSIGN_OR_RETURN(wsl::Task created, s.CreateTask(t));
      ++stats.tasks;
      tick();
      // Past deadlines are mostly done; a few are late.
      int64_t days_late = today - d.day;
      int done_percent = days_late > 3 ? 93 : days_late > 0 ? 40 : 12;
      if (rng.Chance(done_percent)) to_complete.push_back(created.id);
      created.estimate = estimate;
      dp.tasks.push_back(created);
      return created;
    };
    for (int top = 0; top < 45; ++top) {
      WS_ASSIGN_OR_RETURN(wsl::Task parent, make(wsl::TaskId(), 0));
      int children = static_cast<int>(rng.Below(3));
      for (int c = 0; c < children; ++c) {
        WS_ASSIGN_OR_RETURN(wsl::Task child, make(parent.id, 1));
        if (rng.Chance(50)) {
          WS_RETURN_IF_ERROR(make(child.id, 2).status());
        }
      }
    }
  }
  phase("tasks");
  // Children first: they were created after their parents.
  std::reverse(to_complete.begin(), to_complete.end());
  for (wsl::TaskId id : to_complete) {
    absl::StatusOr<wsl::Task> done = s.CompleteTask(id, "Delivered.");
    if (!done.ok() &&
        done.status().code() != absl::StatusCode::kFailedPrecondition) {
      return done.status();
    }
    tick();
  }

  phase("completions");

  // --- Comments: a few on one task in ten. ---
  for (const DemoProject& dp : projects) {
    for (size_t i = 0; i < dp.tasks.size(); i += 10) {
      wsl::Comment c;
      c.task = dp.tasks[i].id;
      c.text = rng.Chance(50) ? "Looks good, shipping it."
                              : "Waiting for the client's feedback.";
      c.hidden_from_clients = rng.Chance(20);
      WS_ASSIGN_OR_RETURN(wsl::Comment created, s.CreateComment(c));
      (void)created;
      ++stats.comments;
      tick();
    }
  }

  phase("comments");

  // --- Time: every workday of the past year, about 12 entries a worker. ---
  struct Work {
    const DemoProject* project;
    std::vector<const wsl::Task*> tasks;  // assigned to the worker
  };
  for (const wsl::Member& worker : staff) {
    std::vector<Work> work;
    for (const DemoProject& dp : projects) {
      if (std::find(dp.workers.begin(), dp.workers.end(), worker.id) ==
          dp.workers.end()) {
        continue;
      }
      Work w{&dp, {}};
      for (const wsl::Task& t : dp.tasks) {
        if (t.assignee == worker.id) w.tasks.push_back(&t);
      }
      if (w.tasks.empty()) {
        for (const wsl::Task& t : dp.tasks) w.tasks.push_back(&t);
      }
      work.push_back(std::move(w));
    }
    if (work.empty()) continue;
    std::vector<wsl::TimeLog> year;
    for (absl::CivilDay day = today - 365; day < today; ++day) {
      absl::Weekday wd = absl::GetWeekday(day);
      if (wd == absl::Weekday::saturday || wd == absl::Weekday::sunday) {
        continue;
      }
      if (rng.Chance(8)) continue;  // leave, sickness
      // The projects running on that day.
      std::vector<const Work*> running;
      for (const Work& w : work) {
        const wsl::Project& p = w.project->project;
        if (*p.start_date <= day && day <= *p.deadline + 30) {
          running.push_back(&w);
        }
      }
      if (running.empty()) continue;
      int entries = static_cast<int>(rng.Between(10, 15));
      for (int e = 0; e < entries; ++e) {
        const Work& w = *running[static_cast<size_t>(
            rng.Below(static_cast<int64_t>(running.size())))];
        const wsl::Task* task = rng.Pick(w.tasks);
        wsl::TimeLog log;
        log.task = task->id;
        log.member = worker.id;
        log.date = day;
        log.duration = absl::Minutes(rng.Between(3, 8) * 5);
        log.billable = !rng.Chance(10);
        year.push_back(std::move(log));
      }
    }
    // A worker's year is one transaction: one durable commit, not thousands.
    WS_ASSIGN_OR_RETURN(std::vector<wsl::TimeEntry> entries,
                        s.LogTimeBatch(year));
    stats.time_entries += static_cast<int64_t>(entries.size());
    tick();
  }

  phase("time");

  // --- Costs: expenses every month or so, and some fixed income. ---
  const char* const kExpenses[] = {"Stock photos",  "Hosting",
                                   "Fonts licence", "Freelance copywriter",
                                   "User testing",  "Travel"};
  for (const DemoProject& dp : projects) {
    const wsl::Project& p = dp.project;
    for (absl::CivilDay day = *p.start_date + rng.Between(3, 20);
         day < today && day <= *p.deadline; day += rng.Between(20, 45)) {
      wsl::Cost c;
      c.project = p.id;
      c.kind = wsl::Cost::Kind::kExpense;
      c.amount = rng.Between(5, 250) * 1000;
      c.date = day;
      c.note = kExpenses[rng.Below(6)];
      if (rng.Chance(30)) c.task = rng.Pick(dp.tasks).id;
      WS_ASSIGN_OR_RETURN(wsl::Cost created, s.CreateCost(c));
      (void)created;
      ++stats.costs;
      tick();
    }
    if (rng.Chance(40)) {
      wsl::Cost c;
      c.project = p.id;
      c.kind = wsl::Cost::Kind::kIncome;
      c.amount = rng.Between(20, 80) * 10000;
      c.date = std::min(today - 1, *p.start_date + 14);
      c.note = "Fixed-price retainer";
      WS_ASSIGN_OR_RETURN(wsl::Cost created, s.CreateCost(c));
      (void)created;
      ++stats.costs;
      tick();
    }
  }
  phase("costs");

  // --- Estimates and budgets, now that the time and costs are in. ---
  // Each time entry and cost re-checks the budgets of its project and of
  // its task's ancestors by summing their rollups, which grows with the
  // history; set last, each budget is checked once (recording its
  // crossings): the estimates first, then the projects' budgets.
  for (DemoProject& dp : projects) {
    for (wsl::Task& t : dp.tasks) {
      WS_ASSIGN_OR_RETURN(wsl::Task stored, s.GetTask(t.id));
      stored.estimate = t.estimate;
      WS_ASSIGN_OR_RETURN(t, s.UpdateTask(stored));
      tick();
    }
  }
  for (DemoProject& dp : projects) {
    dp.project.time_budget = dp.time_budget;
    dp.project.money_budget = dp.money_budget;
    dp.project.revision = 0;
    WS_ASSIGN_OR_RETURN(dp.project, s.UpdateProject(dp.project));
    tick();
  }
  phase("budgets");
  WS_RETURN_IF_ERROR(tx->Commit());
  phase("commit");
  progress.Done();
  return stats;
}

}  // namespace ws_cli
