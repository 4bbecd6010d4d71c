// _worksection: the compiled half of the Python package `worksection`.
//
// It is deliberately thin: open a workspace, hand out sessions, and run each
// C++ call without the GIL, converting arguments before and results after
// (convert.h). Keyword arguments, defaults, coercions and docstrings live in
// the pure-Python package, which is what users import.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bindings/python/src/convert.h"
#include "worksection/export.h"
#include "worksection/import.h"
#include "worksection/limits.h"
#include "worksection/session.h"
#include "worksection/snapshot.h"
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

  // The threads with an open transaction on this workspace (one entry per
  // transaction). Need the GIL.
  void AddTransaction(std::thread::id thread) { tx_threads_.push_back(thread); }
  void RemoveTransaction(std::thread::id thread) {
    auto it = std::find(tx_threads_.begin(), tx_threads_.end(), thread);
    if (it != tx_threads_.end()) tx_threads_.erase(it);
  }
  bool HasTransaction(std::thread::id thread) const {
    return std::find(tx_threads_.begin(), tx_threads_.end(), thread) !=
           tx_threads_.end();
  }

 private:
  std::shared_ptr<Workspace> workspace_;
  std::vector<std::thread::id> tx_threads_;
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

// An open SessionTransaction, shared by its _Transaction and the _Session
// that joins it (and kept alive by either). Guarded by the GIL; used only on
// the thread that began it (checked), which is also the thread whose calls
// release the GIL while inside it.
class TxState {
 public:
  TxState(std::shared_ptr<WorkspaceRef> ref,
          std::shared_ptr<Workspace> workspace,
          std::unique_ptr<SessionTransaction> tx)
      : ref_(std::move(ref)),
        workspace_(std::move(workspace)),
        tx_(std::move(tx)),
        thread_(std::this_thread::get_id()) {
    ref_->AddTransaction(thread_);
  }
  TxState(const TxState&) = delete;
  TxState& operator=(const TxState&) = delete;

  // Rolls back unless over, on the thread that drops the last reference:
  // the one that began it, unless the program let it go elsewhere (a
  // with-block, commit() and rollback() end it where it began). Closes the
  // store if the workspace was closed meanwhile. Needs the GIL; releases it
  // for either.
  ~TxState() {
    const bool rollback = open_;
    if (rollback) End();
    if (rollback || workspace_.use_count() == 1) {
      py::gil_scoped_release release;
      tx_.reset();
      workspace_.reset();
    }
  }

  bool active() const { return open_; }

  // FailedPrecondition unless on the thread that began it.
  void CheckThread() const {
    if (std::this_thread::get_id() != thread_) {
      RaiseStatus(absl::FailedPreconditionError(
          "this transaction belongs to the thread that began it: use it, "
          "and its session, only on that thread"));
    }
  }

  // The session whose calls join. Valid as long as this object.
  Session& session() { return tx_->session(); }

  // Commits without the GIL; raises for an error (the transaction is over
  // either way). Once the workspace is closed, rolls back and raises
  // FailedPrecondition.
  void Commit() {
    CheckThread();
    if (!open_) {
      RaiseStatus(absl::FailedPreconditionError(
          "the transaction was already committed or rolled back"));
    }
    const bool closed = ref_->closed();
    End();
    absl::Status status;
    {
      py::gil_scoped_release release;
      if (closed) {
        tx_->Rollback();
        status = absl::FailedPreconditionError(
            "the workspace is closed: the transaction was rolled back");
      } else {
        status = tx_->Commit();
      }
    }
    if (!status.ok()) RaiseStatus(status);
  }

  // Rolls back without the GIL; harmless once over.
  void Rollback() {
    CheckThread();
    if (!open_) return;
    End();
    py::gil_scoped_release release;
    tx_->Rollback();
  }

 private:
  void End() {
    open_ = false;
    ref_->RemoveTransaction(thread_);
  }

  std::shared_ptr<WorkspaceRef> ref_;
  // Before tx_, so destroyed after it: the transaction uses the store, which
  // stays open until then even if the workspace is closed meanwhile.
  std::shared_ptr<Workspace> workspace_;
  std::unique_ptr<SessionTransaction> tx_;  // never null
  std::thread::id thread_;
  bool open_ = true;  // neither committed nor rolled back
};

class PyTransaction;

class PySession {
 public:
  PySession(std::shared_ptr<WorkspaceRef> ref, MemberId actor,
            std::shared_ptr<TxState> tx = nullptr)
      : ref_(std::move(ref)), actor_(actor), tx_(std::move(tx)) {}

  int64_t actor() const { return actor_.value(); }

  // Runs `call(Session&)` as this session's actor, without the GIL; in the
  // transaction this session belongs to, if any.
  template <typename Call>
  auto As(Call call) {
    const MemberId actor = actor_;
    if (tx_) {
      tx_->CheckThread();
      TxState* tx = tx_.get();  // alive: this session holds it
      return Run(*ref_, [&](Workspace&) { return call(tx->session()); });
    }
    return Run(*ref_, [&](Workspace& ws) {
      Session session = ws.As(actor);
      return call(session);
    });
  }

  // Begins a transaction as this session's actor, without the GIL (it may
  // wait for the write lock). FailedPrecondition in a transaction already.
  PyTransaction Begin();

 private:
  std::shared_ptr<WorkspaceRef> ref_;
  MemberId actor_;
  std::shared_ptr<TxState> tx_;  // null: each call its own transaction
};

class PyTransaction {
 public:
  PyTransaction(std::shared_ptr<WorkspaceRef> ref, MemberId actor,
                std::shared_ptr<TxState> tx)
      : ref_(std::move(ref)), actor_(actor), tx_(std::move(tx)) {}

  PySession session() const { return PySession(ref_, actor_, tx_); }
  bool active() const { return tx_->active(); }
  void Commit() { tx_->Commit(); }
  void Rollback() { tx_->Rollback(); }

 private:
  std::shared_ptr<WorkspaceRef> ref_;
  MemberId actor_;
  std::shared_ptr<TxState> tx_;
};

PyTransaction PySession::Begin() {
  if (tx_) {
    tx_->CheckThread();
  } else if (ref_->HasTransaction(std::this_thread::get_id())) {
    // It would wait for the write lock this thread holds: for itself.
    RaiseStatus(absl::FailedPreconditionError(
        "this thread already has an open transaction on this workspace: "
        "transactions do not nest; call through its session"));
  }
  std::shared_ptr<Workspace> workspace = ref_->Get();
  absl::StatusOr<std::unique_ptr<SessionTransaction>> begun;
  {
    py::gil_scoped_release release;
    if (tx_) {
      begun = tx_->session().BeginTransaction();  // FailedPrecondition
    } else {
      begun = workspace->As(actor_).BeginTransaction();
    }
  }
  std::unique_ptr<SessionTransaction> tx = Unwrap(std::move(begun));
  return PyTransaction(
      ref_, actor_,
      std::make_shared<TxState>(ref_, std::move(workspace), std::move(tx)));
}

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

// A Workspace::Subscribe subscription for a Python callable. The library
// calls back on the committing thread, without the GIL; the call takes it.
// An exception in the callable never reaches the committing call: it goes
// to sys.unraisablehook. Holds the Workspace alive until closed.
class PySubscription {
 public:
  PySubscription(std::shared_ptr<Workspace> workspace, Subscription sub)
      : workspace_(std::move(workspace)),
        sub_(std::make_unique<Subscription>(std::move(sub))) {}
  PySubscription(PySubscription&&) = default;
  ~PySubscription() { Close(); }

  // Cancels without the GIL: it may wait for a callback running on another
  // thread, which needs the GIL to finish.
  void Close() {
    if (sub_ == nullptr) return;
    std::unique_ptr<Subscription> sub = std::move(sub_);
    std::shared_ptr<Workspace> workspace = std::move(workspace_);
    py::gil_scoped_release release;
    sub.reset();
    workspace.reset();
  }
  bool active() const { return sub_ != nullptr; }

 private:
  std::shared_ptr<Workspace> workspace_;
  std::unique_ptr<Subscription> sub_;
};

// A Python callable the library may copy and drop on any thread, with or
// without the GIL: the last copy deletes it holding the GIL.
std::shared_ptr<py::object> HeldWithGil(py::object callable) {
  return std::shared_ptr<py::object>(new py::object(std::move(callable)),
                                     [](py::object* p) {
                                       py::gil_scoped_acquire gil;
                                       delete p;
                                     });
}

// `callback(done, total)` as an import's progress (None: none). It runs in
// the import's transaction: what it raises is reported as unraisable and
// does not stop the import.
ProgressCallback ProgressFromPy(py::object callback) {
  if (callback.is_none()) return nullptr;
  if (!PyCallable_Check(callback.ptr())) {
    RaiseTypeError("progress: expected a callable taking (done, total)");
  }
  std::shared_ptr<py::object> fn = HeldWithGil(std::move(callback));
  return [fn](int64_t done, int64_t total) {
    py::gil_scoped_acquire gil;
    try {
      (*fn)(done, total);
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("worksection import progress");
    }
  };
}

PySubscription Subscribe(const PyWorkspace& w, int64_t member,
                         py::object callback) {
  if (!PyCallable_Check(callback.ptr())) {
    RaiseTypeError("callback: expected a callable taking a list of events");
  }
  std::shared_ptr<Workspace> workspace = w.ref().Get();
  std::shared_ptr<py::object> fn = HeldWithGil(std::move(callback));
  EventCallback on_events = [fn](const std::vector<Event>& events) {
    py::gil_scoped_acquire gil;
    try {
      py::list batch;
      for (const Event& e : events) batch.append(ToPy(e));
      (*fn)(batch);
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("worksection subscriber");
    }
  };
  absl::StatusOr<Subscription> sub;
  {
    py::gil_scoped_release release;
    sub = workspace->Subscribe(MemberId(member), std::move(on_events));
  }
  return PySubscription(workspace, Unwrap(std::move(sub)));
}

PyWorkspace Open(const std::string& uri, bool read_only,
                 py::handle busy_timeout, py::handle create, py::handle clock) {
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
  d["Rounding"] = sizeof(Rounding);
  d["TimeEntry"] = sizeof(TimeEntry);
  d["TimeLog"] = sizeof(TimeLog);
  d["TimeEntryFilter"] = sizeof(TimeEntryFilter);
  d["TimeEntryPage"] = sizeof(TimeEntryPage);
  d["Timer"] = sizeof(Timer);
  d["Cost"] = sizeof(Cost);
  d["CostFilter"] = sizeof(CostFilter);
  d["PeriodLock"] = sizeof(PeriodLock);
  d["BudgetUsage"] = sizeof(BudgetUsage);
  d["BudgetAlert"] = sizeof(BudgetAlert);
  d["TimeReportQuery"] = sizeof(TimeReportQuery);
  d["ReportKey"] = sizeof(ReportKey);
  d["ReportTotals"] = sizeof(ReportTotals);
  d["TimeReportRow"] = sizeof(TimeReportRow);
  d["TimeReport"] = sizeof(TimeReport);
  d["OverdueQuery"] = sizeof(OverdueQuery);
  d["OverdueRow"] = sizeof(OverdueRow);
  d["OverdueReport"] = sizeof(OverdueReport);
  d["ProjectHealthQuery"] = sizeof(ProjectHealthQuery);
  d["ProjectHealth"] = sizeof(ProjectHealth);
  d["WorkloadQuery"] = sizeof(WorkloadQuery);
  d["WorkloadRow"] = sizeof(WorkloadRow);
  d["DigestQuery"] = sizeof(DigestQuery);
  d["DigestEntry"] = sizeof(DigestEntry);
  d["Digest"] = sizeof(Digest);
  return d;
}

// A status as a StatusOr, for Run/Unwrap.
absl::StatusOr<bool> Done(const absl::Status& status) {
  if (!status.ok()) return status;
  return true;
}

// An import's report as a dict: the counts and "issues", a list of dicts.
py::dict ReportToPy(const ImportReport& report) {
  py::dict d;
  d["projects_created"] = report.projects_created;
  d["tasks_created"] = report.tasks_created;
  d["comments_created"] = report.comments_created;
  d["time_entries_created"] = report.time_entries_created;
  d["timers_started"] = report.timers_started;
  py::list issues;
  for (const ImportIssue& i : report.issues) {
    py::dict issue;
    issue["item"] = i.item;
    issue["field"] = i.field;
    issue["value"] = i.value;
    issue["reason"] = i.reason;
    issues.append(std::move(issue));
  }
  d["issues"] = std::move(issues);
  return d;
}

// A report as the library returned it, kept by the Python report object
// (its `_native` field) so that the exports render exactly what it holds.
// Immutable; the exports run without the GIL.
using ReportValue =
    std::variant<TimeReport, OverdueReport, std::vector<ProjectHealth>,
                 std::vector<WorkloadRow>, Digest>;

// Runs `fn(report)` without the GIL; raises for an error status.
template <typename Fn>
auto ExportNoGil(const std::shared_ptr<const ReportValue>& value, Fn fn) {
  using Result = decltype(fn(std::get<TimeReport>(*value)));
  std::optional<Result> result;
  {
    py::gil_scoped_release release;
    result.emplace(std::visit(fn, *value));
  }
  return Unwrap(*std::move(result));
}

class NativeReport {
 public:
  using Value = ReportValue;

  NativeReport(Value value, std::string currency)
      : value_(std::make_shared<const Value>(std::move(value))),
        currency_(std::move(currency)) {}

  const Value& value() const { return *value_; }

  py::str Csv(bool bom, const std::string& separator, bool decimal_comma,
              bool neutralize_formulas) const {
    CsvOptions o =
        MakeCsvOptions(bom, separator, decimal_comma, neutralize_formulas);
    return py::str(
        ExportNoGil(value_, [&](const auto& r) -> absl::StatusOr<std::string> {
          if constexpr (std::is_same_v<std::decay_t<decltype(r)>, Digest>) {
            return absl::UnimplementedError("a digest has no CSV export");
          } else {
            return ExportCsv(r, o);
          }
        }));
  }
  void WriteCsv(const std::string& path, bool bom, const std::string& separator,
                bool decimal_comma, bool neutralize_formulas) const {
    CsvOptions o =
        MakeCsvOptions(bom, separator, decimal_comma, neutralize_formulas);
    ExportNoGil(value_, [&](const auto& r) -> absl::StatusOr<bool> {
      if constexpr (std::is_same_v<std::decay_t<decltype(r)>, Digest>) {
        return absl::UnimplementedError("a digest has no CSV export");
      } else {
        return Done(WriteCsvFile(r, path, o));
      }
    });
  }
  py::str Json(bool pretty) const {
    JsonOptions o{pretty, currency_};
    return py::str(
        ExportNoGil(value_, [&](const auto& r) { return ExportJson(r, o); }));
  }
  void WriteJson(const std::string& path, bool pretty) const {
    JsonOptions o{pretty, currency_};
    ExportNoGil(value_,
                [&](const auto& r) { return Done(WriteJsonFile(r, path, o)); });
  }
  py::bytes Xlsx(bool chart) const {
    XlsxOptions o{currency_, chart};
    return py::bytes(
        ExportNoGil(value_, [&](const auto& r) -> absl::StatusOr<std::string> {
          if constexpr (std::is_same_v<std::decay_t<decltype(r)>, Digest>) {
            return absl::UnimplementedError("a digest has no XLSX export");
          } else {
            return ExportXlsx(r, o);
          }
        }));
  }
  void WriteXlsx(const std::string& path, bool chart) const {
    XlsxOptions o{currency_, chart};
    ExportNoGil(value_, [&](const auto& r) -> absl::StatusOr<bool> {
      if constexpr (std::is_same_v<std::decay_t<decltype(r)>, Digest>) {
        return absl::UnimplementedError("a digest has no XLSX export");
      } else {
        return Done(WriteXlsxFile(r, path, o));
      }
    });
  }
  std::string Text(bool markdown) const {
    const Digest* digest = std::get_if<Digest>(value_.get());
    if (digest == nullptr) RaiseTypeError("not a digest");
    py::gil_scoped_release release;
    return markdown ? RenderDigestMarkdown(*digest) : RenderDigestText(*digest);
  }

 private:
  CsvOptions MakeCsvOptions(bool bom, const std::string& separator,
                            bool decimal_comma,
                            bool neutralize_formulas) const {
    CsvOptions o;
    if (separator == ";") {
      o.separator = CsvOptions::Separator::kSemicolon;
    } else if (separator != ",") {
      RaiseInvalidArgument("separator: \",\" or \";\", not \"" + separator +
                           "\"");
    }
    o.bom = bom;
    o.decimal_comma = decimal_comma;
    o.neutralize_formulas = neutralize_formulas;
    o.currency = currency_;
    return o;
  }
  std::shared_ptr<const Value> value_;
  std::string currency_;
};

// The currency of the workspace, for exports of reports that carry none.
std::string Currency(Session& session) {
  absl::StatusOr<WorkspaceSettings> settings = session.GetSettings();
  return settings.ok() ? settings->currency : std::string();
}

}  // namespace

void DefineModule(py::module_& m) {
  InitConvert();
  m.doc() =
      "The compiled core of the worksection package. Import worksection, "
      "not this module: its API is private and may change.";

  m.def(
      "version", [] { return std::string(Version()); },
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
      .def("now",
           [](const PyWorkspace& w) {
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
      .def(
          "import_snapshot",
          [](const PyWorkspace& w, const py::bytes& data, py::object progress) {
            std::string bytes = data;
            ProgressCallback on_progress = ProgressFromPy(std::move(progress));
            Run(w.ref(), [&](Workspace& ws) {
              return Done(ImportSnapshot(ws, bytes, on_progress));
            });
          })
      .def("session", &PyWorkspace::As, py::arg("actor"))
      .def("subscribe", &Subscribe, py::arg("member"), py::arg("callback"));

  py::class_<PySubscription>(m, "Subscription")
      .def_property_readonly("active", &PySubscription::active)
      .def("close", &PySubscription::Close);

  py::class_<PyTransaction>(m, "Transaction")
      .def_property_readonly("active", &PyTransaction::active)
      .def("session", &PyTransaction::session)
      .def("commit", &PyTransaction::Commit)
      .def("rollback", &PyTransaction::Rollback);

  py::class_<PySession>(m, "Session")
      .def_property_readonly("actor", &PySession::actor)
      .def("begin_transaction", &PySession::Begin)
      // --- Workspace ---
      .def("get_settings",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.GetSettings(); }));
           })
      .def("update_settings",
           [](PySession& s, py::handle settings) {
             WorkspaceSettings v = SettingsFromPy(settings);
             return ToPy(s.As([&](Session& x) { return x.UpdateSettings(v); }));
           })
      .def("today",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.Today(); }));
           })
      .def("export_snapshot",
           [](PySession& s, bool json) {
             std::string bytes = s.As([&](Session& x) {
               return ExportSnapshot(
                   x, json ? SnapshotFormat::kJson : SnapshotFormat::kBinary);
             });
             return py::bytes(bytes);
           })
      .def("import_taskwarrior",
           [](PySession& s, const std::string& json,
              const std::string& default_project, const std::string& time_zone,
              py::object progress) {
             TaskwarriorOptions options;
             options.default_project = default_project;
             options.time_zone = time_zone;
             ProgressCallback on_progress = ProgressFromPy(std::move(progress));
             return ReportToPy(s.As([&](Session& x) {
               return ImportTaskwarrior(x, json, options, on_progress);
             }));
           })
      .def("import_timewarrior",
           [](PySession& s, const std::string& json,
              const std::string& task_tag_prefix, const std::string& separator,
              const std::string& fallback_project,
              const std::string& fallback_task, py::object progress) {
             TimewarriorOptions options;
             options.task_tag_prefix = task_tag_prefix;
             options.separator = separator;
             options.fallback_project = fallback_project;
             options.fallback_task = fallback_task;
             ProgressCallback on_progress = ProgressFromPy(std::move(progress));
             return ReportToPy(s.As([&](Session& x) {
               return ImportTimewarrior(x, json, options, on_progress);
             }));
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
             return ToPy(
                 s.As([&](Session& x) { return x.GetProject(ProjectId(id)); }));
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
             return ToPy(
                 s.As([&](Session& x) { return x.GetComment(CommentId(id)); }));
           })
      .def("list_comments",
           [](PySession& s, int64_t task) {
             return ToPy(s.As(
                 [&](Session& x) { return x.ListComments(TaskId(task)); }));
           })
      .def("changes_since",
           [](PySession& s, int64_t after_seq, int limit) {
             return ToPy(s.As(
                 [&](Session& x) { return x.ChangesSince(after_seq, limit); }));
           })
      .def("update_comment",
           [](PySession& s, py::handle comment) {
             Comment v = CommentFromPy(comment);
             return ToPy(s.As([&](Session& x) { return x.UpdateComment(v); }));
           })
      // --- Time entries ---
      .def("log_time",
           [](PySession& s, py::handle log) {
             TimeLog v = TimeLogFromPy(log);
             return ToPy(s.As([&](Session& x) { return x.LogTime(v); }));
           })
      .def("log_time_batch",
           [](PySession& s, py::handle logs, bool ids_only) -> py::list {
             const std::vector<TimeLog> v = TimeLogsFromPy(logs, "logs");
             const std::vector<TimeEntry> entries =
                 s.As([&](Session& x) { return x.LogTimeBatch(v); });
             if (!ids_only) return ToPy(entries);
             py::list ids(entries.size());
             for (size_t i = 0; i < entries.size(); ++i) {
               ids[i] = py::int_(entries[i].id.value());
             }
             return ids;
           })
      .def("get_time_entry",
           [](PySession& s, int64_t id) {
             return ToPy(s.As(
                 [&](Session& x) { return x.GetTimeEntry(TimeEntryId(id)); }));
           })
      .def(
          "list_time_entries",
          [](PySession& s, py::handle filter) {
            TimeEntryFilter f = TimeEntryFilterFromPy(filter);
            return ToPy(s.As([&](Session& x) { return x.ListTimeEntries(f); }));
          })
      .def(
          "update_time_entry",
          [](PySession& s, py::handle entry) {
            TimeEntry v = TimeEntryFromPy(entry);
            return ToPy(s.As([&](Session& x) { return x.UpdateTimeEntry(v); }));
          })
      .def("delete_time_entry",
           [](PySession& s, int64_t id, int64_t revision) {
             s.As([&](Session& x) {
               return Done(x.DeleteTimeEntry(TimeEntryId(id), revision));
             });
           })
      .def("reprice_time_entries",
           [](PySession& s, int64_t project, py::handle from, py::handle to) {
             const absl::CivilDay f = DayFromPy(from, "date_from");
             const absl::CivilDay t = DayFromPy(to, "date_to");
             return s.As([&](Session& x) {
               return x.RepriceTimeEntries(ProjectId(project), f, t);
             });
           })
      // --- Timers ---
      .def("start_timer",
           [](PySession& s, int64_t task, bool stop_running) {
             return ToPy(s.As([&](Session& x) {
               return x.StartTimer(TaskId(task), stop_running);
             }));
           })
      .def("stop_timer",
           [](PySession& s, std::string note, bool cap_at_limit) {
             return ToPy(s.As([&](Session& x) {
               return x.StopTimer(std::move(note), cap_at_limit);
             }));
           })
      .def("cancel_timer",
           [](PySession& s) {
             s.As([](Session& x) { return Done(x.CancelTimer()); });
           })
      .def("get_timer",
           [](PySession& s, int64_t member) {
             return ToPy(s.As(
                 [&](Session& x) { return x.GetTimer(MemberId(member)); }));
           })
      .def("list_timers",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.ListTimers(); }));
           })
      .def("list_forgotten_timers",
           [](PySession& s) {
             return ToPy(
                 s.As([](Session& x) { return x.ListForgottenTimers(); }));
           })
      // --- Costs ---
      .def("create_cost",
           [](PySession& s, py::handle cost) {
             Cost v = CostFromPy(cost);
             return ToPy(s.As([&](Session& x) { return x.CreateCost(v); }));
           })
      .def("get_cost",
           [](PySession& s, int64_t id) {
             return ToPy(
                 s.As([&](Session& x) { return x.GetCost(CostId(id)); }));
           })
      .def("list_costs",
           [](PySession& s, py::handle filter) {
             CostFilter f = CostFilterFromPy(filter);
             return ToPy(s.As([&](Session& x) { return x.ListCosts(f); }));
           })
      .def("update_cost",
           [](PySession& s, py::handle cost) {
             Cost v = CostFromPy(cost);
             return ToPy(s.As([&](Session& x) { return x.UpdateCost(v); }));
           })
      .def("delete_cost",
           [](PySession& s, int64_t id, int64_t revision) {
             s.As([&](Session& x) {
               return Done(x.DeleteCost(CostId(id), revision));
             });
           })
      // --- Locked periods ---
      .def("lock_period",
           [](PySession& s, int64_t project, py::handle through) {
             const absl::CivilDay t = DayFromPy(through, "through");
             return ToPy(s.As([&](Session& x) {
               return x.LockPeriod(ProjectId(project), t);
             }));
           })
      .def("unlock",
           [](PySession& s, int64_t id) {
             s.As([&](Session& x) { return Done(x.Unlock(LockId(id))); });
           })
      .def("list_locks",
           [](PySession& s) {
             return ToPy(s.As([](Session& x) { return x.ListLocks(); }));
           })
      // --- Budgets ---
      .def("get_project_budget",
           [](PySession& s, int64_t id) {
             return ToPy(s.As([&](Session& x) {
               return x.GetProjectBudget(ProjectId(id));
             }));
           })
      .def("get_task_budget",
           [](PySession& s, int64_t id) {
             return ToPy(
                 s.As([&](Session& x) { return x.GetTaskBudget(TaskId(id)); }));
           })
      .def("list_budget_alerts",
           [](PySession& s, int64_t project) {
             return ToPy(s.As([&](Session& x) {
               return x.ListBudgetAlerts(ProjectId(project));
             }));
           })
      // --- Reports ---
      .def("time_report",
           [](PySession& s, py::handle query) {
             TimeReportQuery q = TimeReportQueryFromPy(query);
             TimeReport r =
                 s.As([&](Session& x) { return x.RunTimeReport(q); });
             const std::string currency = r.currency;
             NativeReport native(r, currency);
             return ToPy(r, py::cast(std::move(native)));
           })
      .def("overdue_report",
           [](PySession& s, py::handle query) {
             OverdueQuery q = OverdueQueryFromPy(query);
             OverdueReport r =
                 s.As([&](Session& x) { return x.RunOverdueReport(q); });
             return ToPy(r, py::cast(NativeReport(r, "")));
           })
      .def("project_health",
           [](PySession& s, py::handle query) {
             ProjectHealthQuery q = ProjectHealthQueryFromPy(query);
             std::string currency;
             std::vector<ProjectHealth> r = s.As([&](Session& x) {
               auto result = x.RunProjectHealth(q);
               if (result.ok()) currency = Currency(x);
               return result;
             });
             return ToPy(r, currency, py::cast(NativeReport(r, currency)));
           })
      .def("workload",
           [](PySession& s, py::handle query) {
             WorkloadQuery q = WorkloadQueryFromPy(query);
             std::vector<WorkloadRow> r =
                 s.As([&](Session& x) { return x.RunWorkload(q); });
             return ToPy(r, py::cast(NativeReport(r, "")));
           })
      .def("digest", [](PySession& s, py::handle query) {
        DigestQuery q = DigestQueryFromPy(query);
        Digest r = s.As([&](Session& x) { return x.RunDigest(q); });
        return ToPy(r, py::cast(NativeReport(r, "")));
      });

  py::class_<NativeReport>(m, "NativeReport")
      .def("csv", &NativeReport::Csv, py::arg("bom"), py::arg("separator"),
           py::arg("decimal_comma"), py::arg("neutralize_formulas"))
      .def("write_csv", &NativeReport::WriteCsv, py::arg("path"),
           py::arg("bom"), py::arg("separator"), py::arg("decimal_comma"),
           py::arg("neutralize_formulas"))
      .def("json", &NativeReport::Json, py::arg("pretty"))
      .def("write_json", &NativeReport::WriteJson, py::arg("path"),
           py::arg("pretty"))
      .def("xlsx", &NativeReport::Xlsx, py::arg("chart"))
      .def("write_xlsx", &NativeReport::WriteXlsx, py::arg("path"),
           py::arg("chart"))
      .def("text", [](const NativeReport& r) { return r.Text(false); })
      .def("markdown", [](const NativeReport& r) { return r.Text(true); });
}

}  // namespace worksection::python

PYBIND11_MODULE(_worksection, m) { worksection::python::DefineModule(m); }
