// _worksection: the compiled half of the Python package `worksection`.
//
// It is deliberately thin: open a workspace, hand out sessions, and run each
// C++ call without the GIL, converting arguments before and results after
// (convert.h). Keyword arguments, defaults, coercions and docstrings live in
// the pure-Python package, which is what users import.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bindings/python/src/convert.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/version.h"
#include "worksection/workspace.h"

namespace worksection::python {
namespace {

// The open Workspace, shared by a _Workspace and its _Sessions, so that a
// session keeps it alive and close() is safe while another thread is inside
// a call: the call holds its own reference until it returns.
class WorkspaceRef {
 public:
  explicit WorkspaceRef(std::unique_ptr<Workspace> workspace)
      : workspace_(std::move(workspace)) {}

  // Needs the GIL (which guards workspace_).
  std::shared_ptr<Workspace> Get() const {
    if (!workspace_) {
      RaiseStatus(absl::FailedPreconditionError("the workspace is closed"));
    }
    return workspace_;
  }
  // Closes the store without the GIL (unless a call in flight on another
  // thread still holds it: then the last of them closes it).
  void Close() {
    std::shared_ptr<Workspace> workspace = std::move(workspace_);
    py::gil_scoped_release release;
    workspace.reset();
  }
  bool closed() const { return workspace_ == nullptr; }

 private:
  std::shared_ptr<Workspace> workspace_;
};

// Runs `call(Workspace&)` without the GIL and returns its value, or raises
// the exception for its status. Needs the GIL on entry.
template <typename Call>
auto Run(const WorkspaceRef& ref, Call call) {
  std::shared_ptr<Workspace> workspace = ref.Get();
  using Result = std::invoke_result_t<Call, Workspace&>;
  std::optional<Result> result;
  {
    py::gil_scoped_release release;
    result.emplace(call(*workspace));
  }
  return Unwrap(*std::move(result));
}

// A Python callable as OpenOptions::clock. The library calls it without the
// GIL, from any thread; it takes the GIL for the call. A clock that raises or
// returns something other than an aware datetime is reported through
// sys.unraisablehook and the system clock is used for that reading.
class PyClock {
 public:
  explicit PyClock(py::object fn)
      : fn_(new py::object(std::move(fn)), [](py::object* p) {
          py::gil_scoped_acquire gil;
          delete p;
        }) {}

  absl::Time operator()() const {
    py::gil_scoped_acquire gil;
    try {
      return TimeFromPy((*fn_)(), "clock()");
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("worksection clock");
      return absl::Now();
    }
  }

 private:
  std::shared_ptr<py::object> fn_;  // shared: std::function copies its target
};

class PySession {
 public:
  PySession(std::shared_ptr<WorkspaceRef> ref, MemberId actor)
      : ref_(std::move(ref)), actor_(actor) {}

  int64_t actor() const { return actor_.value(); }

  // Runs `call(Session&)` as this session's actor, without the GIL.
  template <typename Call>
  auto As(Call call) {
    const MemberId actor = actor_;
    return Run(*ref_, [&](Workspace& ws) {
      Session session = ws.As(actor);
      return call(session);
    });
  }

 private:
  std::shared_ptr<WorkspaceRef> ref_;
  MemberId actor_;
};

class PyWorkspace {
 public:
  PyWorkspace(std::unique_ptr<Workspace> workspace)
      : read_only_(workspace->read_only()),
        ref_(std::make_shared<WorkspaceRef>(std::move(workspace))) {}

  const WorkspaceRef& ref() const { return *ref_; }
  bool read_only() const { return read_only_; }
  bool closed() const { return ref_->closed(); }
  void Close() { ref_->Close(); }
  PySession As(int64_t actor) const {
    ref_->Get();  // a closed workspace hands out no sessions
    return PySession(ref_, MemberId(actor));
  }

 private:
  bool read_only_;
  std::shared_ptr<WorkspaceRef> ref_;
};

PyWorkspace Open(const std::string& uri, bool read_only,
                 py::handle busy_timeout, py::handle create,
                 py::handle clock) {
  OpenOptions options;
  options.read_only = read_only;
  options.busy_timeout = DurationFromPy(busy_timeout, "busy_timeout");
  if (!create.is_none()) options.create = SetupFromPy(create);
  if (!clock.is_none()) {
    if (!PyCallable_Check(clock.ptr())) {
      RaiseTypeError("clock: expected a callable returning an aware datetime");
    }
    options.clock = PyClock(py::reinterpret_borrow<py::object>(clock));
  }
  absl::StatusOr<std::unique_ptr<Workspace>> workspace;
  {
    py::gil_scoped_release release;
    workspace = Workspace::Open(uri, std::move(options));
  }
  return PyWorkspace(Unwrap(std::move(workspace)));
}

py::dict Limits() {
  py::dict d;
  d["MAX_NAME_BYTES"] = limits::kMaxNameBytes;
  d["MAX_EMAIL_BYTES"] = limits::kMaxEmailBytes;
  d["MAX_TITLE_BYTES"] = limits::kMaxTitleBytes;
  d["MAX_TEXT_BYTES"] = limits::kMaxTextBytes;
  d["MAX_LABEL_BYTES"] = limits::kMaxLabelBytes;
  d["MAX_TAGS"] = limits::kMaxTags;
  d["MAX_CHECKLIST_ITEMS"] = limits::kMaxChecklistItems;
  d["MAX_SUBSCRIBERS"] = limits::kMaxSubscribers;
  d["MAX_PROJECT_MEMBERS"] = limits::kMaxProjectMembers;
  d["MAX_TASK_DEPTH"] = limits::kMaxTaskDepth;
  d["MIN_PRIORITY"] = limits::kMinPriority;
  d["MAX_PRIORITY"] = limits::kMaxPriority;
  d["DEFAULT_PAGE_SIZE"] = limits::kDefaultPageSize;
  d["MAX_PAGE_SIZE"] = limits::kMaxPageSize;
  d["MIN_YEAR"] = limits::kMinYear;
  d["MAX_YEAR"] = limits::kMaxYear;
  return d;
}

// sizeof of each struct the bindings convert field by field. A test pins
// these (tests/python/test_model_coverage.py): a struct that grows has new
// fields, which convert.cc must map, or an update from Python would reset
// them to their defaults.
py::dict ModelSizes() {
  py::dict d;
  d["WorkspaceSetup"] = sizeof(WorkspaceSetup);
  d["OpenOptions"] = sizeof(OpenOptions);
  d["WorkspaceSettings"] = sizeof(WorkspaceSettings);
  d["Member"] = sizeof(Member);
  d["ProjectMember"] = sizeof(ProjectMember);
  d["Project"] = sizeof(Project);
  d["Deadline"] = sizeof(Deadline);
  d["ChecklistItem"] = sizeof(ChecklistItem);
  d["Task"] = sizeof(Task);
  d["Comment"] = sizeof(Comment);
  d["MemberFilter"] = sizeof(MemberFilter);
  d["ProjectFilter"] = sizeof(ProjectFilter);
  d["TaskFilter"] = sizeof(TaskFilter);
  d["TaskPage"] = sizeof(TaskPage);
  return d;
}

}  // namespace

void DefineModule(py::module_& m) {
  InitConvert();
  m.doc() =
      "The compiled core of the worksection package. Import worksection, "
      "not this module: its API is private and may change.";

  m.def("version", [] { return std::string(Version()); },
        "The linked library's version, \"MAJOR.MINOR.PATCH\".");
  m.def("limits", &Limits, "The bounds of limits.h, by name.");
  m.def("_model_sizes", &ModelSizes,
        "sizeof of each converted C++ struct (a test pins them).");
  m.def("_register", &RegisterTypes, py::arg("types"),
        "Hands the package's dataclasses, enums and exceptions to the module.");
  m.def("open", &Open, py::arg("uri"), py::arg("read_only"),
        py::arg("busy_timeout"), py::arg("create"), py::arg("clock"));

  py::class_<PyWorkspace>(m, "Workspace")
      .def_property_readonly("read_only", &PyWorkspace::read_only)
      .def_property_readonly("closed", &PyWorkspace::closed)
      .def("close", &PyWorkspace::Close)
      .def("now", [](const PyWorkspace& w) {
        return ToPy(Run(w.ref(), [](Workspace& ws) {
          return absl::StatusOr<absl::Time>(ws.Now());
        }));
      })
      .def("bootstrap",
           [](const PyWorkspace& w, py::handle setup) {
             WorkspaceSetup s = SetupFromPy(setup);
             return ToPy(
                 Run(w.ref(), [&](Workspace& ws) { return ws.Bootstrap(s); }));
           })
      .def("initialized",
           [](const PyWorkspace& w) {
             return Run(w.ref(),
                        [](Workspace& ws) { return ws.Initialized(); });
           })
      .def("first_owner",
           [](const PyWorkspace& w) {
             return ToPy(
                 Run(w.ref(), [](Workspace& ws) { return ws.FirstOwner(); }));
           })
      .def("session", &PyWorkspace::As, py::arg("actor"));

  py::class_<PySession>(m, "Session")
      .def_property_readonly("actor", &PySession::actor)
      // --- Workspace ---
      .def("get_settings",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.GetSettings(); }));
           })
      .def("update_settings",
           [](PySession& s, py::handle settings) {
             WorkspaceSettings v = SettingsFromPy(settings);
             return ToPy(
                 s.As([&](Session& x) { return x.UpdateSettings(v); }));
           })
      .def("today",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.Today(); }));
           })
      // --- Members ---
      .def("create_member",
           [](PySession& s, py::handle member) {
             Member v = MemberFromPy(member);
             return ToPy(s.As([&](Session& x) { return x.CreateMember(v); }));
           })
      .def("get_member",
           [](PySession& s, int64_t id) {
             return ToPy(
                 s.As([&](Session& x) { return x.GetMember(MemberId(id)); }));
           })
      .def("list_members",
           [](PySession& s, py::handle filter) {
             MemberFilter f = MemberFilterFromPy(filter);
             return ToPy(s.As([&](Session& x) { return x.ListMembers(f); }));
           })
      .def("update_member",
           [](PySession& s, py::handle member) {
             Member v = MemberFromPy(member);
             return ToPy(s.As([&](Session& x) { return x.UpdateMember(v); }));
           })
      .def("deactivate_member",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.DeactivateMember(MemberId(id)); }));
           })
      .def("reactivate_member",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.ReactivateMember(MemberId(id)); }));
           })
      // --- Projects ---
      .def("create_project",
           [](PySession& s, py::handle project) {
             Project v = ProjectFromPy(project);
             return ToPy(s.As([&](Session& x) { return x.CreateProject(v); }));
           })
      .def("get_project",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.GetProject(ProjectId(id)); }));
           })
      .def("list_projects",
           [](PySession& s, py::handle filter) {
             ProjectFilter f = ProjectFilterFromPy(filter);
             return ToPy(s.As([&](Session& x) { return x.ListProjects(f); }));
           })
      .def("update_project",
           [](PySession& s, py::handle project) {
             Project v = ProjectFromPy(project);
             return ToPy(s.As([&](Session& x) { return x.UpdateProject(v); }));
           })
      .def("archive_project",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.ArchiveProject(ProjectId(id)); }));
           })
      // --- Tasks ---
      .def("create_task",
           [](PySession& s, py::handle task) {
             Task v = TaskFromPy(task);
             return ToPy(s.As([&](Session& x) { return x.CreateTask(v); }));
           })
      .def("get_task",
           [](PySession& s, int64_t id) {
             return ToPy(
                 s.As([&](Session& x) { return x.GetTask(TaskId(id)); }));
           })
      .def("list_tasks",
           [](PySession& s, py::handle filter) {
             TaskFilter f = TaskFilterFromPy(filter);
             return ToPy(s.As([&](Session& x) { return x.ListTasks(f); }));
           })
      .def("update_task",
           [](PySession& s, py::handle task) {
             Task v = TaskFromPy(task);
             return ToPy(s.As([&](Session& x) { return x.UpdateTask(v); }));
           })
      .def("complete_task",
           [](PySession& s, int64_t id, std::string note) {
             return ToPy(s.As([&](Session& x) {
               return x.CompleteTask(TaskId(id), std::move(note));
             }));
           })
      .def("reopen_task",
           [](PySession& s, int64_t id) {
             return ToPy(
                 s.As([&](Session& x) { return x.ReopenTask(TaskId(id)); }));
           })
      .def("move_task",
           [](PySession& s, int64_t id, int64_t project, int64_t parent) {
             return ToPy(s.As([&](Session& x) {
               return x.MoveTask(TaskId(id), ProjectId(project),
                                 TaskId(parent));
             }));
           })
      // --- Comments ---
      .def("create_comment",
           [](PySession& s, py::handle comment) {
             Comment v = CommentFromPy(comment);
             return ToPy(s.As([&](Session& x) { return x.CreateComment(v); }));
           })
      .def("get_comment",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.GetComment(CommentId(id)); }));
           })
      .def("list_comments",
           [](PySession& s, int64_t task) {
             return ToPy(s.As(
                 [&](Session& x) { return x.ListComments(TaskId(task)); }));
           })
      .def("update_comment", [](PySession& s, py::handle comment) {
        Comment v = CommentFromPy(comment);
        return ToPy(s.As([&](Session& x) { return x.UpdateComment(v); }));
      });
}

}  // namespace worksection::python

PYBIND11_MODULE(_worksection, m) { worksection::python::DefineModule(m); }
