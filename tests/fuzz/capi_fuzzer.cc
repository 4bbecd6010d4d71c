// A program of C API calls (capi/include/worksection/c.h) on a fresh
// "memory:" workspace: each input is read as a byte program, one opcode
// and its operands at a time, acting as members it created. Any call may
// fail (that is fine: a bad id, a permission, a lock); none may crash, leak
// or trip a sanitizer, and every failure must set a known code and a
// message.
//
// Operands come from the input: an id is picked among those created so far
// (or, for one byte in eight, taken raw: 0, negative, huge); strings are up
// to 40 bytes of input, so malformed UTF-8 reaches every text setter.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.h"
#include "worksection/c.h"

namespace {

class Program {
 public:
  Program(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool done() const { return at_ >= size_; }

  uint8_t Byte() { return at_ < size_ ? data_[at_++] : 0; }

  int64_t Int64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{Byte()} << (8 * i);
    return static_cast<int64_t>(v);
  }

  // Small numbers mostly, extremes sometimes.
  int64_t Number() {
    const uint8_t kind = Byte();
    switch (kind % 8) {
      case 0:
        return Int64();
      case 1:
        return -static_cast<int64_t>(Byte());
      default:
        return static_cast<int64_t>(Byte()) * (kind % 8 == 2 ? 3600 : 60);
    }
  }

  std::string Text() {
    const size_t n = Byte() % 41;
    std::string s;
    for (size_t i = 0; i < n && !done(); ++i) s += static_cast<char>(Byte());
    return s;
  }

  // One of `ids` (an index byte), or for one byte in eight a raw number.
  int64_t Pick(const std::vector<int64_t>& ids) {
    const uint8_t b = Byte();
    if (ids.empty() || b % 8 == 7) return Number();
    return ids[b % ids.size()];
  }

  ws_date Date() {
    const uint8_t kind = Byte();
    if (kind % 16 == 15) {
      return ws_date{static_cast<int32_t>(Int64()), static_cast<int8_t>(Byte()),
                     static_cast<int8_t>(Byte())};
    }
    // 2023-2025 mostly, around the fixed clock.
    return ws_date{2023 + kind % 3, static_cast<int8_t>(1 + Byte() % 12),
                   static_cast<int8_t>(1 + Byte() % 28)};
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

// Every failure names its code and says why.
void CheckResult(int rc) {
  if (rc == WS_OK || rc == WS_DONE) return;
  WS_FUZZ_CHECK(rc < 0 && rc >= WS_EUNAUTHENTICATED);
  WS_FUZZ_CHECK(ws_errcode() == rc);
  WS_FUZZ_CHECK(ws_errmsg() != nullptr && ws_errmsg()[0] != '\0');
  // A bug in the library is a finding, never an answer.
  WS_FUZZ_CHECK(rc != WS_EINTERNAL && rc != WS_EUNKNOWN);
}

int64_t now_us = 1710498600LL * 1000000;  // 2024-03-15 10:30 UTC

// `base` + `delta` modulo 2^64: any instant, extremes included, without
// overflowing in the harness.
int64_t Wrapping(int64_t base, uint64_t delta) {
  return static_cast<int64_t>(static_cast<uint64_t>(base) + delta);
}
int64_t Clock(void*) { return now_us; }

struct Freer {
  void operator()(ws_workspace* w) const { ws_workspace_free(w); }
};

class Interpreter {
 public:
  Interpreter(ws_workspace* ws, int64_t owner) : ws_(ws) {
    members_.push_back(owner);
  }
  ~Interpreter() {
    for (ws_session* s : sessions_) ws_session_free(s);
  }

  void Run(Program& p) {
    for (int steps = 0; steps < 48 && !p.done(); ++steps) {
      ws_session* s = SessionFor(p.Pick(members_));
      if (s == nullptr) continue;
      Step(p, s, /*depth=*/0);
    }
  }

 private:
  ws_session* SessionFor(int64_t member) {
    ws_session* s = nullptr;
    int rc = ws_session_open(ws_, member, &s);
    CheckResult(rc);
    if (rc != WS_OK) return nullptr;
    sessions_.push_back(s);
    return s;
  }

  static void Keep(int rc, int64_t id, std::vector<int64_t>& into) {
    CheckResult(rc);
    if (rc == WS_OK) into.push_back(id);
  }

  void Step(Program& p, ws_session* s, int depth) {
    const uint8_t op = p.Byte() % 30;
    switch (op) {
      case 0: {
        ws_member* m = nullptr;
        CheckResult(ws_member_new(&m));
        CheckResult(ws_member_set_name(m, p.Text().c_str()));
        CheckResult(ws_member_set_email(
            m, (p.Text() + "@x" + std::to_string(members_.size())).c_str()));
        CheckResult(ws_member_set_role(m, static_cast<ws_role>(p.Byte() % 7)));
        CheckResult(ws_member_set_company(m, p.Text().c_str()));
        if (p.Byte() & 1) CheckResult(ws_member_set_cost_rate(m, p.Number()));
        if (p.Byte() & 1) {
          CheckResult(ws_member_set_billing_rate(m, p.Number()));
        }
        const int rc = ws_member_create(s, m);
        Keep(rc, ws_member_id(m), members_);
        ws_member_free(m);
        break;
      }
      case 1: {
        ws_project* pr = nullptr;
        CheckResult(ws_project_new(&pr));
        CheckResult(ws_project_set_name(pr, p.Text().c_str()));
        CheckResult(ws_project_set_folder(pr, p.Text().c_str()));
        CheckResult(ws_project_set_manager(pr, p.Pick(members_)));
        for (int i = p.Byte() % 4; i > 0; --i) {
          CheckResult(ws_project_set_member(
              pr, p.Pick(members_),
              static_cast<ws_project_role>(1 + p.Byte() % 3)));
        }
        if (p.Byte() & 1) {
          CheckResult(ws_project_set_money_budget(pr, p.Number()));
        }
        if (p.Byte() & 1) {
          CheckResult(ws_project_set_billing_rate(pr, p.Number()));
        }
        if (p.Byte() & 1) {
          CheckResult(ws_project_set_time_budget(pr, p.Number()));
        }
        if (p.Byte() & 1) CheckResult(ws_project_set_deadline(pr, p.Date()));
        CheckResult(ws_project_set_rounding(
            pr, static_cast<ws_rounding>(1 + p.Byte() % 4), p.Byte() % 61));
        CheckResult(ws_project_set_clients_see_hours(pr, p.Byte() & 1));
        CheckResult(ws_project_add_tag(pr, p.Text().c_str()));
        const int rc = ws_project_create(s, pr);
        Keep(rc, ws_project_id(pr), projects_);
        ws_project_free(pr);
        break;
      }
      case 2: {
        ws_task* t = nullptr;
        CheckResult(ws_task_new(&t));
        CheckResult(ws_task_set_project(t, p.Pick(projects_)));
        if (p.Byte() & 1) CheckResult(ws_task_set_parent(t, p.Pick(tasks_)));
        CheckResult(ws_task_set_title(t, p.Text().c_str()));
        CheckResult(ws_task_set_text(t, p.Text().c_str()));
        if (p.Byte() & 1) {
          CheckResult(ws_task_set_assignee(t, p.Pick(members_)));
        }
        CheckResult(ws_task_set_priority(t, p.Byte() % 12));
        if (p.Byte() & 1) {
          CheckResult(ws_task_set_deadline(
              t, p.Date(), static_cast<int>(p.Number() % 1500)));
        }
        if (p.Byte() & 1) CheckResult(ws_task_set_start_date(t, p.Date()));
        if (p.Byte() & 1) CheckResult(ws_task_set_estimate(t, p.Number()));
        if (p.Byte() & 1) CheckResult(ws_task_set_money_budget(t, p.Number()));
        CheckResult(ws_task_add_tag(t, p.Text().c_str()));
        CheckResult(ws_task_checklist_add(t, p.Text().c_str(), p.Byte() & 1));
        if (p.Byte() & 1) {
          CheckResult(ws_task_add_subscriber(t, p.Pick(members_)));
        }
        CheckResult(ws_task_set_hidden_from_clients(t, p.Byte() & 1));
        const int rc = ws_task_create(s, t);
        Keep(rc, ws_task_id(t), tasks_);
        ws_task_free(t);
        break;
      }
      case 3: {
        ws_task* t = nullptr;
        int rc = ws_task_get(s, p.Pick(tasks_), &t);
        CheckResult(rc);
        if (rc != WS_OK) break;
        CheckResult(ws_task_set_title(t, p.Text().c_str()));
        CheckResult(ws_task_set_priority(t, p.Byte() % 12));
        if (p.Byte() & 1) CheckResult(ws_task_set_parent(t, p.Pick(tasks_)));
        if (p.Byte() & 1) {
          CheckResult(ws_task_set_assignee(t, p.Pick(members_)));
        }
        if (p.Byte() & 1) CheckResult(ws_task_set_revision(t, p.Number()));
        if (ws_task_checklist_count(t) > 0) {
          CheckResult(ws_task_checklist_set_done(t, p.Byte() % 3, 1));
        }
        CheckResult(ws_task_update(s, t));
        ws_task_free(t);
        break;
      }
      case 4: {
        ws_task* t = nullptr;
        CheckResult(ws_task_complete(s, p.Pick(tasks_), p.Text().c_str(), &t));
        ws_task_free(t);
        break;
      }
      case 5: {
        ws_task* t = nullptr;
        CheckResult(ws_task_reopen(s, p.Pick(tasks_), &t));
        ws_task_free(t);
        break;
      }
      case 6: {
        ws_task* t = nullptr;
        const int64_t id = p.Pick(tasks_);
        const int64_t project = p.Pick(projects_);
        const int64_t parent = p.Byte() & 1 ? p.Pick(tasks_) : 0;
        CheckResult(ws_task_move(s, id, project, parent, &t));
        ws_task_free(t);
        break;
      }
      case 7: {
        ws_comment* c = nullptr;
        CheckResult(ws_comment_new(&c));
        CheckResult(ws_comment_set_task(c, p.Pick(tasks_)));
        CheckResult(ws_comment_set_text(c, p.Text().c_str()));
        CheckResult(ws_comment_set_hidden_from_clients(c, p.Byte() & 1));
        const int rc = ws_comment_create(s, c);
        Keep(rc, ws_comment_id(c), comments_);
        ws_comment_free(c);
        break;
      }
      case 8: {
        ws_comment* c = nullptr;
        int rc = ws_comment_get(s, p.Pick(comments_), &c);
        CheckResult(rc);
        if (rc != WS_OK) break;
        CheckResult(ws_comment_set_text(c, p.Text().c_str()));
        CheckResult(ws_comment_set_hidden_from_clients(c, p.Byte() & 1));
        CheckResult(ws_comment_update(s, c));
        ws_comment_free(c);
        break;
      }
      case 9:
      case 10: {
        ws_time_log logs[3];
        std::string notes[3];
        const ws_time_log* ptrs[3];
        const size_t n = op == 9 ? 1 : 1 + p.Byte() % 3;
        for (size_t i = 0; i < n; ++i) {
          ws_time_log log = WS_TIME_LOG_INIT;
          log.task = p.Pick(tasks_);
          if (p.Byte() & 1) log.member = p.Pick(members_);
          if (p.Byte() & 1) log.date = p.Date();
          log.duration = p.Number();
          if (p.Byte() % 4 == 0) {
            log.start = Wrapping(
                now_us, (0 - static_cast<uint64_t>(p.Number())) * 1000000u);
            if (log.duration == 0) {
              log.end = Wrapping(log.start, p.Number() * uint64_t{1000000});
            }
          }
          log.billable = p.Byte() & 1;
          notes[i] = p.Text();
          log.note = notes[i].c_str();
          logs[i] = log;
          ptrs[i] = &logs[i];
        }
        if (op == 9) {
          ws_time_entry* e = nullptr;
          const int rc = ws_log_time(s, &logs[0], &e);
          Keep(rc, ws_time_entry_id(e), entries_);
          ws_time_entry_free(e);
        } else {
          size_t written = 0;
          CheckResult(ws_log_time_batch(s, ptrs, n, &written));
        }
        break;
      }
      case 11: {
        ws_time_entry* e = nullptr;
        int rc = ws_time_entry_get(s, p.Pick(entries_), &e);
        CheckResult(rc);
        if (rc != WS_OK) break;
        if (p.Byte() & 1)
          CheckResult(ws_time_entry_set_task(e, p.Pick(tasks_)));
        if (p.Byte() & 1) CheckResult(ws_time_entry_set_date(e, p.Date()));
        CheckResult(ws_time_entry_set_duration(e, p.Number()));
        CheckResult(ws_time_entry_set_billable(e, p.Byte() & 1));
        CheckResult(ws_time_entry_set_note(e, p.Text().c_str()));
        CheckResult(ws_time_entry_update(s, e));
        ws_time_entry_free(e);
        break;
      }
      case 12:
        CheckResult(ws_time_entry_delete(s, p.Pick(entries_), p.Byte() % 3));
        break;
      case 13: {
        ws_timer* t = nullptr;
        CheckResult(ws_timer_start(s, p.Pick(tasks_), p.Byte() & 1, &t));
        ws_timer_free(t);
        break;
      }
      case 14: {
        ws_time_entry* e = nullptr;
        const int rc = ws_timer_stop(s, p.Text().c_str(), p.Byte() & 1, &e);
        Keep(rc, ws_time_entry_id(e), entries_);
        ws_time_entry_free(e);
        break;
      }
      case 15: {
        if (p.Byte() & 1) {
          CheckResult(ws_timer_cancel(s));
        } else {
          ws_timer_list* list = nullptr;
          CheckResult(p.Byte() & 1 ? ws_list_timers(s, &list)
                                   : ws_list_forgotten_timers(s, &list));
          ws_timer_list_free(list);
        }
        break;
      }
      case 16: {
        ws_cost* c = nullptr;
        CheckResult(ws_cost_new(&c));
        CheckResult(ws_cost_set_project(c, p.Pick(projects_)));
        if (p.Byte() & 1) CheckResult(ws_cost_set_task(c, p.Pick(tasks_)));
        CheckResult(
            ws_cost_set_kind(c, static_cast<ws_cost_kind>(p.Byte() % 4)));
        CheckResult(ws_cost_set_amount(c, p.Number()));
        CheckResult(ws_cost_set_date(c, p.Date()));
        CheckResult(ws_cost_set_note(c, p.Text().c_str()));
        const int rc = ws_cost_create(s, c);
        Keep(rc, ws_cost_id(c), costs_);
        ws_cost_free(c);
        break;
      }
      case 17: {
        const int64_t id = p.Pick(costs_);
        if (p.Byte() & 1) {
          CheckResult(ws_cost_delete(s, id, 0));
          break;
        }
        ws_cost* c = nullptr;
        int rc = ws_cost_get(s, id, &c);
        CheckResult(rc);
        if (rc != WS_OK) break;
        CheckResult(ws_cost_set_amount(c, p.Number()));
        CheckResult(ws_cost_set_date(c, p.Date()));
        CheckResult(ws_cost_update(s, c));
        ws_cost_free(c);
        break;
      }
      case 18: {
        ws_lock* l = nullptr;
        const int64_t project = p.Byte() & 1 ? p.Pick(projects_) : 0;
        const int rc = ws_lock_period(s, project, p.Date(), &l);
        CheckResult(rc);
        if (rc == WS_OK) locks_.push_back(ws_lock_id(l));
        ws_lock_free(l);
        break;
      }
      case 19:
        CheckResult(ws_unlock(s, p.Pick(locks_)));
        break;
      case 20: {
        int64_t changed = 0;
        const int64_t project = p.Byte() & 1 ? p.Pick(projects_) : 0;
        const ws_date from = p.Date();
        CheckResult(
            ws_reprice_time_entries(s, project, from, p.Date(), &changed));
        break;
      }
      case 21:
        TimeReport(p, s);
        break;
      case 22:
        OtherReports(p, s);
        break;
      case 23: {
        ws_task_filter f = WS_TASK_FILTER_INIT;
        if (p.Byte() & 1) f.project = p.Pick(projects_);
        if (p.Byte() & 1) f.assignee = p.Pick(members_);
        f.status = static_cast<ws_task_status>(p.Byte() % 3);
        const std::string text = p.Text();
        f.text_contains = text.c_str();
        if (p.Byte() & 1) f.overdue_as_of = p.Date();
        f.order = static_cast<ws_task_order>(p.Byte() % 4);
        f.limit = p.Byte() % 5;
        ws_task_iter* it = nullptr;
        int rc = ws_task_iter_new(s, &f, &it);
        CheckResult(rc);
        const ws_task* t = nullptr;
        for (int i = 0; rc == WS_OK && i < 50; ++i) {
          rc = ws_task_iter_next(it, &t);
          CheckResult(rc);
        }
        ws_task_iter_free(it);
        break;
      }
      case 24: {
        ws_time_entry_filter f = WS_TIME_ENTRY_FILTER_INIT;
        if (p.Byte() & 1) f.project = p.Pick(projects_);
        if (p.Byte() & 1) f.member = p.Pick(members_);
        if (p.Byte() & 1) f.from = p.Date();
        f.limit = p.Byte() % 4;
        ws_time_entry_page* page = nullptr;
        CheckResult(ws_list_time_entries(s, &f, nullptr, &page));
        ws_time_entry_page_free(page);
        ws_cost_list* costs = nullptr;
        CheckResult(ws_list_costs(s, nullptr, &costs));
        ws_cost_list_free(costs);
        ws_lock_list* locks = nullptr;
        CheckResult(ws_list_locks(s, &locks));
        ws_lock_list_free(locks);
        break;
      }
      case 25: {
        ws_budget* b = nullptr;
        CheckResult(p.Byte() & 1
                        ? ws_get_project_budget(s, p.Pick(projects_), &b)
                        : ws_get_task_budget(s, p.Pick(tasks_), &b));
        ws_budget_free(b);
        ws_budget_alert_list* alerts = nullptr;
        CheckResult(ws_list_budget_alerts(s, p.Pick(projects_), &alerts));
        ws_budget_alert_list_free(alerts);
        break;
      }
      case 26: {
        ws_settings* st = nullptr;
        int rc = ws_settings_get(s, &st);
        CheckResult(rc);
        if (rc != WS_OK) break;
        static const char* const kZones[] = {"UTC", "Europe/Berlin",
                                             "Pacific/Kiritimati",
                                             "America/St_Johns", "Nowhere/X"};
        CheckResult(ws_settings_set_time_zone(st, kZones[p.Byte() % 5]));
        CheckResult(ws_settings_set_currency(st, p.Byte() & 1 ? "JPY" : "EUR"));
        CheckResult(ws_settings_set_week_start(
            st, static_cast<ws_weekday>(p.Byte() % 9)));
        CheckResult(ws_settings_set_forgotten_timer_after(st, p.Number()));
        CheckResult(ws_settings_update(s, st));
        ws_settings_free(st);
        break;
      }
      case 27: {
        const int64_t id = p.Pick(members_);
        ws_member* m = nullptr;
        switch (p.Byte() % 3) {
          case 0: {
            int rc = ws_member_get(s, id, &m);
            CheckResult(rc);
            if (rc != WS_OK) break;
            CheckResult(
                ws_member_set_role(m, static_cast<ws_role>(p.Byte() % 7)));
            CheckResult(ws_member_set_cost_rate(m, p.Number()));
            CheckResult(ws_member_update(s, m));
            break;
          }
          case 1:
            CheckResult(ws_member_deactivate(s, id, &m));
            break;
          default:
            CheckResult(ws_member_reactivate(s, id, &m));
            break;
        }
        ws_member_free(m);
        break;
      }
      case 28: {
        ws_project* pr = nullptr;
        if (p.Byte() % 4 == 0) {
          CheckResult(ws_project_archive(s, p.Pick(projects_), &pr));
          ws_project_free(pr);
          break;
        }
        int rc = ws_project_get(s, p.Pick(projects_), &pr);
        CheckResult(rc);
        if (rc != WS_OK) break;
        CheckResult(ws_project_set_member(
            pr, p.Pick(members_),
            static_cast<ws_project_role>(1 + p.Byte() % 3)));
        if (p.Byte() & 1) {
          CheckResult(ws_project_remove_member(pr, p.Pick(members_)));
        }
        CheckResult(ws_project_set_status(
            pr, static_cast<ws_project_status>(1 + p.Byte() % 3)));
        CheckResult(ws_project_update(s, pr));
        ws_project_free(pr);
        break;
      }
      default:
        if (depth > 0) {
          // The clock moves on, to any instant.
          now_us = Wrapping(now_us, p.Number() * uint64_t{1000000});
          break;
        }
        Transaction(p, s);
        break;
    }
  }

  // Up to three steps through one transaction's session, then a commit or
  // a rollback.
  void Transaction(Program& p, ws_session* s) {
    ws_transaction* tx = nullptr;
    int rc = ws_transaction_begin(s, &tx);
    CheckResult(rc);
    if (rc != WS_OK) return;
    for (int i = 1 + p.Byte() % 3; i > 0; --i) {
      Step(p, ws_transaction_session(tx), /*depth=*/1);
    }
    CheckResult(p.Byte() & 1 ? ws_transaction_commit(tx)
                             : ws_transaction_rollback(tx));
    ws_transaction_free(tx);
  }

  void Export(int rc, ws_buf* buf) {
    CheckResult(rc);
    if (rc == WS_OK) {
      // Always followed by a NUL byte.
      WS_FUZZ_CHECK(ws_buf_data(buf)[ws_buf_size(buf)] == '\0');
    }
    ws_buf_free(buf);
  }

  void TimeReport(Program& p, ws_session* s) {
    ws_time_report_query q = WS_TIME_REPORT_QUERY_INIT;
    if (p.Byte() & 1) q.from = p.Date();
    if (p.Byte() & 1) q.to = p.Date();
    ws_report_group groups[3];
    q.group_count = p.Byte() % 4;
    for (size_t i = 0; i < q.group_count; ++i) {
      groups[i] = static_cast<ws_report_group>(p.Byte() % 9);
    }
    q.group_by = groups;
    int64_t project = p.Pick(projects_);
    if (p.Byte() & 1) {
      q.projects = &project;
      q.project_count = 1;
    }
    const std::string tag = p.Text();
    const char* tags[] = {tag.c_str()};
    if (p.Byte() & 1) {
      q.tags = tags;
      q.tag_count = 1;
    }
    q.billable = static_cast<ws_billable>(p.Byte() % 4);
    ws_time_report* r = nullptr;
    int rc = ws_run_time_report(s, &q, &r);
    CheckResult(rc);
    if (rc != WS_OK) return;
    for (size_t i = 0; i < ws_time_report_row_count(r); ++i) {
      const ws_report_row* row = ws_time_report_row(r, i);
      for (size_t k = 0; k < ws_report_row_key_count(row); ++k) {
        WS_FUZZ_CHECK(ws_report_row_key_label(row, k) != nullptr);
      }
    }
    ws_buf* buf = nullptr;
    ws_csv_options csv = WS_CSV_OPTIONS_INIT;
    csv.separator = static_cast<ws_csv_separator>(p.Byte() % 2);
    csv.decimal_comma = p.Byte() & 1;
    csv.neutralize_formulas = p.Byte() & 1;
    Export(ws_time_report_csv(r, &csv, &buf), buf);
    buf = nullptr;
    Export(ws_time_report_json(r, nullptr, &buf), buf);
    if (p.Byte() % 8 == 0) {  // slower: a zip archive
      buf = nullptr;
      Export(ws_time_report_xlsx(r, nullptr, &buf), buf);
    }
    ws_time_report_free(r);
  }

  void OtherReports(Program& p, ws_session* s) {
    ws_buf* buf = nullptr;
    switch (p.Byte() % 4) {
      case 0: {
        ws_overdue_query q = WS_OVERDUE_QUERY_INIT;
        if (p.Byte() & 1) q.assignee = p.Pick(members_);
        q.due_within_days = static_cast<int32_t>(p.Number());
        if (p.Byte() & 1) q.as_of = p.Date();
        ws_overdue_report* r = nullptr;
        int rc = ws_run_overdue_report(s, &q, &r);
        CheckResult(rc);
        if (rc != WS_OK) break;
        Export(ws_overdue_report_csv(r, nullptr, &buf), buf);
        buf = nullptr;
        Export(ws_overdue_report_json(r, nullptr, &buf), buf);
        ws_overdue_report_free(r);
        break;
      }
      case 1: {
        ws_project_health_query q = WS_PROJECT_HEALTH_QUERY_INIT;
        q.include_archived = p.Byte() & 1;
        ws_project_health_list* r = nullptr;
        int rc = ws_run_project_health(s, &q, &r);
        CheckResult(rc);
        if (rc != WS_OK) break;
        Export(ws_project_health_list_csv(r, nullptr, &buf), buf);
        buf = nullptr;
        Export(ws_project_health_list_json(r, nullptr, &buf), buf);
        ws_project_health_list_free(r);
        break;
      }
      case 2: {
        ws_workload_query q = WS_WORKLOAD_QUERY_INIT;
        if (p.Byte() & 1) q.from = p.Date();
        if (p.Byte() & 1) q.to = p.Date();
        ws_workload* r = nullptr;
        int rc = ws_run_workload(s, &q, &r);
        CheckResult(rc);
        if (rc != WS_OK) break;
        Export(ws_workload_csv(r, nullptr, &buf), buf);
        buf = nullptr;
        Export(ws_workload_json(r, nullptr, &buf), buf);
        ws_workload_free(r);
        break;
      }
      default: {
        ws_digest_query q = WS_DIGEST_QUERY_INIT;
        if (p.Byte() & 1) q.as_of = p.Date();
        ws_digest* r = nullptr;
        int rc = ws_run_digest(s, &q, &r);
        CheckResult(rc);
        if (rc != WS_OK) break;
        Export(ws_digest_render_text(r, &buf), buf);
        buf = nullptr;
        Export(ws_digest_render_markdown(r, &buf), buf);
        buf = nullptr;
        Export(ws_digest_json(r, nullptr, &buf), buf);
        ws_digest_free(r);
        break;
      }
    }
  }

  ws_workspace* ws_;
  std::vector<ws_session*> sessions_;
  std::vector<int64_t> members_, projects_, tasks_, comments_, entries_, costs_,
      locks_;
};

// The snapshot the first owner exports; none when the program took away
// its right to (a new role, deactivated).
std::optional<std::string> ExportedSnapshot(ws_workspace* ws, int64_t owner) {
  ws_session* s = nullptr;
  WS_FUZZ_CHECK(ws_session_open(ws, owner, &s) == WS_OK);
  ws_buf* buf = nullptr;
  const int rc = ws_export_snapshot(s, WS_SNAPSHOT_BINARY, &buf);
  ws_session_free(s);
  WS_FUZZ_CHECK(rc == WS_OK || rc == WS_EPERM);
  if (rc != WS_OK) return std::nullopt;
  std::string bytes(ws_buf_data(buf), ws_buf_size(buf));
  ws_buf_free(buf);
  return bytes;
}

// Whatever state the program left, a snapshot of it restores into an empty
// store, which exports the same bytes again.
void CheckSnapshotRoundTrip(ws_workspace* ws, int64_t owner) {
  const std::optional<std::string> exported = ExportedSnapshot(ws, owner);
  if (!exported) return;
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  options.clock = Clock;
  ws_workspace* raw = nullptr;
  WS_FUZZ_CHECK(ws_workspace_open("memory:", &options, &raw) == WS_OK);
  std::unique_ptr<ws_workspace, Freer> copy(raw);
  WS_FUZZ_CHECK(ws_import_snapshot(copy.get(), exported->data(),
                                   exported->size(), nullptr,
                                   nullptr) == WS_OK);
  WS_FUZZ_CHECK(ExportedSnapshot(copy.get(), owner) == exported);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  now_us = 1710498600LL * 1000000;
  ws_setup setup = WS_SETUP_INIT;
  setup.name = "Fuzz";
  setup.time_zone = "Europe/Berlin";
  setup.owner_name = "Owner";
  setup.owner_email = "owner@fuzz.test";
  ws_open_options options = WS_OPEN_OPTIONS_INIT;
  options.create = &setup;
  options.busy_timeout_ms = 0;  // no call may wait on this one thread
  options.clock = Clock;
  ws_workspace* raw = nullptr;
  WS_FUZZ_CHECK(ws_workspace_open("memory:", &options, &raw) == WS_OK);
  std::unique_ptr<ws_workspace, Freer> ws(raw);
  ws_member* owner = nullptr;
  WS_FUZZ_CHECK(ws_workspace_first_owner(ws.get(), &owner) == WS_OK);
  const int64_t owner_id = ws_member_id(owner);
  ws_member_free(owner);
  Program program(data, size);
  Interpreter(ws.get(), owner_id).Run(program);
  CheckSnapshotRoundTrip(ws.get(), owner_id);
  return 0;
}
