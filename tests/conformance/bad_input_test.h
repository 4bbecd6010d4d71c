// The bad-input fixture: every text field of every entity, with a way to
// write a value into it and read back what was stored, and the check that a
// refused call names its field and changes nothing. Shared by the bad-input
// and the hostile-input tests.
#ifndef WORKSECTION_TESTS_CONFORMANCE_BAD_INPUT_TEST_H_
#define WORKSECTION_TESTS_CONFORMANCE_BAD_INPUT_TEST_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/conformance/session_test.h"

namespace worksection {
namespace session_conformance {

// Strings that are not valid text: malformed UTF-8 and NUL bytes.
struct BadString {
  const char* what;
  std::string value;
};

inline std::vector<BadString> BadStrings() {
  return {
      {"lone 0xff", "ab\xff"},
      {"overlong '/'", "\xc0\xaf"},
      {"overlong NUL", "a\xc0\x80z"},
      {"lone surrogate", "x\xed\xa0\x80"},
      {"truncated sequence", "euro \xe2\x82"},
      {"past U+10FFFF", "\xf4\x90\x80\x80"},
      {"lone continuation byte", "\x80"},
      {"NUL inside", std::string("a\0b", 3)},
      {"NUL alone", std::string(1, '\0')},
  };
}

// `n` bytes of valid UTF-8, mostly two-byte characters, so that a byte
// count and a character count differ.
inline std::string Filler(size_t n) {
  std::string s(n % 2, 'a');
  while (s.size() < n) s += "\xc3\xa9";  // é
  return s;
}

class BadInputTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    if (HasFatalFailure()) return;
    absl::StatusOr<Task> task = Owner().CreateTask(NewTask(web_, "Existing"));
    ASSERT_TRUE(task.ok()) << task.status();
    task_ = *task;
    Comment c;
    c.task = task_.id;
    c.text = "Existing comment";
    absl::StatusOr<Comment> comment = Owner().CreateComment(c);
    ASSERT_TRUE(comment.ok()) << comment.status();
    comment_ = *comment;
    TimeLog log;
    log.task = task_.id;
    log.date = Day(2024, 3, 14);
    log.duration = absl::Hours(1);
    absl::StatusOr<TimeEntry> entry = Owner().LogTime(log);
    ASSERT_TRUE(entry.ok()) << entry.status();
    entry_ = *entry;
  }

  // A string field: how to write a value into it and read back what was
  // stored.
  struct TextField {
    std::string field;  // as named in error messages
    size_t min;
    size_t max;  // 0: not checked for length here
    std::function<absl::StatusOr<std::string>(const std::string&)> write;
  };

  std::string UniqueEmail() {
    return absl::StrCat("user", ++emails_, "@example.com");
  }

  std::vector<TextField> TextFields() {
    std::vector<TextField> fields;
    fields.push_back(
        {"member.name", 1, limits::kMaxNameBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Member> m =
               Owner().CreateMember(NewMember(v, UniqueEmail()));
           if (!m.ok()) return m.status();
           absl::StatusOr<Member> got = Owner().GetMember(m->id);
           if (!got.ok()) return got.status();
           return got->name;
         }});
    fields.push_back(
        {"member.name", 1, limits::kMaxNameBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Member> m = Owner().GetMember(employee_id_);
           if (!m.ok()) return m.status();
           m->name = v;
           m->revision = 0;
           if (auto s = Owner().UpdateMember(*m); !s.ok()) {
             return s.status();
           }
           m = Owner().GetMember(employee_id_);
           if (!m.ok()) return m.status();
           return m->name;
         }});
    fields.push_back(
        {"member.company", 0, limits::kMaxLabelBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Member m = NewMember("Company test", UniqueEmail());
           m.company = v;
           absl::StatusOr<Member> c = Owner().CreateMember(m);
           if (!c.ok()) return c.status();
           absl::StatusOr<Member> got = Owner().GetMember(c->id);
           if (!got.ok()) return got.status();
           return got->company;
         }});
    fields.push_back(
        {"member.email", 1, 0,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Member> c = Owner().CreateMember(
               NewMember("Email test", v + "@example.com"));
           if (!c.ok()) return c.status();
           return c->email;
         }});
    fields.push_back(
        {"project.name", 1, limits::kMaxNameBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Project> p = Owner().CreateProject(NewProject(v));
           if (!p.ok()) return p.status();
           absl::StatusOr<Project> got = Owner().GetProject(p->id);
           if (!got.ok()) return got.status();
           return got->name;
         }});
    fields.push_back(
        {"project.name", 1, limits::kMaxNameBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Project> p = Owner().GetProject(web_);
           if (!p.ok()) return p.status();
           p->name = v;
           p->revision = 0;
           if (auto s = Owner().UpdateProject(*p); !s.ok()) {
             return s.status();
           }
           p = Owner().GetProject(web_);
           if (!p.ok()) return p.status();
           return p->name;
         }});
    fields.push_back(
        {"project.folder", 0, limits::kMaxLabelBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Project in = NewProject("Folder test");
           in.folder = v;
           absl::StatusOr<Project> p = Owner().CreateProject(in);
           if (!p.ok()) return p.status();
           absl::StatusOr<Project> got = Owner().GetProject(p->id);
           if (!got.ok()) return got.status();
           return got->folder;
         }});
    fields.push_back(
        {"project.tags", 1, limits::kMaxLabelBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Project in = NewProject("Tag test");
           in.tags = {"ok", v};
           absl::StatusOr<Project> p = Owner().CreateProject(in);
           if (!p.ok()) return p.status();
           absl::StatusOr<Project> got = Owner().GetProject(p->id);
           if (!got.ok()) return got.status();
           for (const std::string& t : got->tags) {
             if (t != "ok") return t;
           }
           return std::string("ok");
         }});
    fields.push_back(
        {"task.title", 1, limits::kMaxTitleBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Task> t = Owner().CreateTask(NewTask(web_, v));
           if (!t.ok()) return t.status();
           absl::StatusOr<Task> got = Owner().GetTask(t->id);
           if (!got.ok()) return got.status();
           return got->title;
         }});
    fields.push_back(
        {"task.title", 1, limits::kMaxTitleBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Task> t = Owner().GetTask(task_.id);
           if (!t.ok()) return t.status();
           t->title = v;
           t->revision = 0;
           if (auto s = Owner().UpdateTask(*t); !s.ok()) {
             return s.status();
           }
           t = Owner().GetTask(task_.id);
           if (!t.ok()) return t.status();
           return t->title;
         }});
    fields.push_back(
        {"task.text", 0, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Task in = NewTask(web_, "Text test");
           in.text = v;
           absl::StatusOr<Task> t = Owner().CreateTask(in);
           if (!t.ok()) return t.status();
           absl::StatusOr<Task> got = Owner().GetTask(t->id);
           if (!got.ok()) return got.status();
           return got->text;
         }});
    fields.push_back(
        {"task.tags", 1, limits::kMaxLabelBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Task in = NewTask(web_, "Tag test");
           in.tags = {v};
           absl::StatusOr<Task> t = Owner().CreateTask(in);
           if (!t.ok()) return t.status();
           absl::StatusOr<Task> got = Owner().GetTask(t->id);
           if (!got.ok()) return got.status();
           if (got->tags.size() != 1) {
             return absl::InternalError("tags lost");
           }
           return got->tags[0];
         }});
    fields.push_back(
        {"task.checklist[1].text", 1, limits::kMaxTitleBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Task in = NewTask(web_, "Checklist test");
           in.checklist = {{"fine", false}, {v, true}};
           absl::StatusOr<Task> t = Owner().CreateTask(in);
           if (!t.ok()) return t.status();
           absl::StatusOr<Task> got = Owner().GetTask(t->id);
           if (!got.ok()) return got.status();
           if (got->checklist.size() != 2) {
             return absl::InternalError("checklist lost");
           }
           return got->checklist[1].text;
         }});
    fields.push_back(
        {"completion_note", 0, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<Task> t = Owner().CompleteTask(task_.id, v);
           if (!t.ok()) return t.status();
           absl::StatusOr<Task> got = Owner().GetTask(task_.id);
           if (!got.ok()) return got.status();
           if (auto s = Owner().ReopenTask(task_.id); !s.ok()) {
             return s.status();
           }
           return got->completion_note;
         }});
    fields.push_back(
        {"comment.text", 1, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Comment in;
           in.task = task_.id;
           in.text = v;
           absl::StatusOr<Comment> c = Owner().CreateComment(in);
           if (!c.ok()) return c.status();
           absl::StatusOr<Comment> got = Owner().GetComment(c->id);
           if (!got.ok()) return got.status();
           return got->text;
         }});
    fields.push_back(
        {"comment.text", 1, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Comment in = comment_;
           in.text = v;
           in.revision = 0;
           if (auto s = Owner().UpdateComment(in); !s.ok()) {
             return s.status();
           }
           absl::StatusOr<Comment> got = Owner().GetComment(comment_.id);
           if (!got.ok()) return got.status();
           return got->text;
         }});
    fields.push_back(
        {"time.note", 0, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           TimeLog log;
           log.task = task_.id;
           log.date = Day(2024, 3, 13);
           log.duration = absl::Minutes(5);
           log.note = v;
           absl::StatusOr<TimeEntry> e = Owner().LogTime(log);
           if (!e.ok()) return e.status();
           absl::StatusOr<TimeEntry> got = Owner().GetTimeEntry(e->id);
           if (!got.ok()) return got.status();
           return got->note;
         }});
    fields.push_back(
        {"time.note", 0, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           TimeEntry e = entry_;
           e.note = v;
           e.revision = 0;
           if (auto s = Owner().UpdateTimeEntry(e); !s.ok()) return s.status();
           absl::StatusOr<TimeEntry> got = Owner().GetTimeEntry(entry_.id);
           if (!got.ok()) return got.status();
           return got->note;
         }});
    fields.push_back(
        {"cost.note", 0, limits::kMaxTextBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           Cost c;
           c.project = web_;
           c.amount = 100;
           c.date = Day(2024, 3, 13);
           c.note = v;
           absl::StatusOr<Cost> made = Owner().CreateCost(c);
           if (!made.ok()) return made.status();
           absl::StatusOr<Cost> got = Owner().GetCost(made->id);
           if (!got.ok()) return got.status();
           return got->note;
         }});
    fields.push_back(
        {"settings.name", 1, limits::kMaxNameBytes,
         [this](const std::string& v) -> absl::StatusOr<std::string> {
           absl::StatusOr<WorkspaceSettings> s = Owner().GetSettings();
           if (!s.ok()) return s.status();
           s->name = v;
           s->revision = 0;
           if (auto r = Owner().UpdateSettings(*s); !r.ok()) {
             return r.status();
           }
           s = Owner().GetSettings();
           if (!s.ok()) return s.status();
           return s->name;
         }});
    return fields;
  }

  // Expects `status` to be `code` naming `field`, and the store unchanged
  // since `before`.
  void ExpectRefused(const absl::Status& status, absl::StatusCode code,
                     const std::string& field, const std::string& before) {
    EXPECT_EQ(status.code(), code) << status;
    if (!field.empty()) {
      EXPECT_THAT(std::string(status.message()), HasSubstr(field)) << status;
    }
    EXPECT_EQ(Snapshot(), before) << "a refused call changed the store";
  }

  Task task_;
  Comment comment_;
  TimeEntry entry_;  // the owner's hour on task_
  int emails_ = 0;
};

}  // namespace session_conformance
}  // namespace worksection

#endif  // WORKSECTION_TESTS_CONFORMANCE_BAD_INPUT_TEST_H_
