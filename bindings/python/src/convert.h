// Conversions between the C++ model and the Python package's objects.
//
// The Python side of each entity is a frozen dataclass (worksection/_model.py)
// and each enum an enum.Enum; the package hands those classes to the module
// once, at import, through _worksection._register(). Converting to Python
// calls the class with keyword arguments; converting from Python reads
// attributes, so a dataclass instance and a types.SimpleNamespace carrying
// only some fields both work: a missing attribute keeps the C++ default.
//
// Every function here needs the GIL. Errors are raised as Python exceptions
// (py::error_already_set): TypeError for a wrong type, the package's
// InvalidArgumentError for a bad value.
#ifndef WORKSECTION_BINDINGS_PYTHON_SRC_CONVERT_H_
#define WORKSECTION_BINDINGS_PYTHON_SRC_CONVERT_H_

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/events.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/query.h"
#include "worksection/report.h"
#include "worksection/time_tracking.h"
#include "worksection/workspace.h"

namespace worksection::python {

namespace py = pybind11;

// Imports the CPython datetime API; called once from the module's init.
void InitConvert();

// Stores the package's classes: a dict from names ("Task", "Role",
// "NotFoundError", ...) to classes. Raises KeyError for a missing name.
void RegisterTypes(const py::dict& types);

// Raises `type` (a Python exception class) with `message`.
[[noreturn]] void Raise(py::handle type, const std::string& message);
[[noreturn]] void RaiseTypeError(const std::string& message);
[[noreturn]] void RaiseInvalidArgument(const std::string& message);
// Raises the package's exception class for `status.code()`; `status` is not
// OK.
[[noreturn]] void RaiseStatus(const absl::Status& status);

template <typename T>
T Unwrap(absl::StatusOr<T> result) {
  if (!result.ok()) RaiseStatus(result.status());
  return *std::move(result);
}

// --- Scalars -------------------------------------------------------------
// `field` names the value in error messages.
int64_t IntFromPy(py::handle obj, const char* field);
std::string StrFromPy(py::handle obj, const char* field);
bool BoolFromPy(py::handle obj, const char* field);

py::object ToPy(absl::Time t);             // aware datetime in UTC
py::object ToPy(absl::CivilDay day);       // datetime.date
py::object ToPy(absl::Duration duration);  // datetime.timedelta
absl::Time TimeFromPy(py::handle obj, const char* field);  // aware only
absl::CivilDay DayFromPy(py::handle obj, const char* field);
absl::Duration DurationFromPy(py::handle obj, const char* field);

// --- Enums ---------------------------------------------------------------
py::object ToPy(Role role);
py::object ToPy(ProjectRole role);
py::object ToPy(ProjectStatus status);
py::object ToPy(TaskStatus status);
py::object ToPy(absl::Weekday weekday);
Role RoleFromPy(py::handle obj, const char* field);
ProjectRole ProjectRoleFromPy(py::handle obj, const char* field);
ProjectStatus ProjectStatusFromPy(py::handle obj, const char* field);
TaskStatus TaskStatusFromPy(py::handle obj, const char* field);
TaskOrder TaskOrderFromPy(py::handle obj, const char* field);
absl::Weekday WeekdayFromPy(py::handle obj, const char* field);

// --- Entities --------------------------------------------------------------
py::object ToPy(const WorkspaceSettings& settings);
py::object ToPy(const Member& member);
py::object ToPy(const Project& project);
py::object ToPy(const Task& task);
py::object ToPy(const Comment& comment);
py::object ToPy(const TaskPage& page);
py::list ToPy(const std::vector<Member>& members);
py::list ToPy(const std::vector<Project>& projects);
py::list ToPy(const std::vector<Comment>& comments);

WorkspaceSetup SetupFromPy(py::handle obj);
WorkspaceSettings SettingsFromPy(py::handle obj);
Member MemberFromPy(py::handle obj);
Project ProjectFromPy(py::handle obj);
Task TaskFromPy(py::handle obj);
Comment CommentFromPy(py::handle obj);
MemberFilter MemberFilterFromPy(py::handle obj);
ProjectFilter ProjectFilterFromPy(py::handle obj);
TaskFilter TaskFilterFromPy(py::handle obj);

// --- Time entries, timers, costs, locks, budgets ----------------------------
py::object ToPy(const TimeEntry& entry);
py::object ToPy(const TimeEntryPage& page);
py::object ToPy(const Timer& timer);
py::object ToPy(const std::optional<Timer>& timer);  // None when empty
py::list ToPy(const std::vector<Timer>& timers);
py::object ToPy(const Cost& cost);
py::list ToPy(const std::vector<Cost>& costs);
py::object ToPy(const PeriodLock& lock);
py::list ToPy(const std::vector<PeriodLock>& locks);
py::object ToPy(const BudgetUsage& usage);
py::object ToPy(const BudgetAlert& alert);
py::list ToPy(const std::vector<BudgetAlert>& alerts);

py::list ToPy(const std::vector<TimeEntry>& entries);

TimeEntry TimeEntryFromPy(py::handle obj);
// A dict of log_time's keywords (None leaves a field unset; `task` is
// required), or a Mapping, dataclass or namedtuple with only those keys or
// fields. TypeError for an unknown key or a wrong type, naming the field.
TimeLog TimeLogFromPy(py::handle log);
// Any iterable of logs as TimeLogFromPy reads them; an error names the
// item: "<field>[17]: note: expected str, got int".
std::vector<TimeLog> TimeLogsFromPy(py::handle logs, const char* field);
TimeEntryFilter TimeEntryFilterFromPy(py::handle obj);
Cost CostFromPy(py::handle obj);
CostFilter CostFilterFromPy(py::handle obj);

// --- Change feed -------------------------------------------------------------
// Plain dicts; the package turns them into its Event and ChangesPage.
py::dict ToPy(const Event& event);
py::dict ToPy(const ChangesPage& page);

// --- Reports -----------------------------------------------------------------
// `native` is the module's handle on the C++ result, kept by the Python
// report (its `_native` field) for the exports.
py::object ToPy(const TimeReport& report, py::object native);
py::object ToPy(const OverdueReport& report, py::object native);
py::object ToPy(const std::vector<ProjectHealth>& projects,
                const std::string& currency, py::object native);
py::object ToPy(const std::vector<WorkloadRow>& workload, py::object native);
py::object ToPy(const Digest& digest, py::object native);

TimeReportQuery TimeReportQueryFromPy(py::handle obj);
OverdueQuery OverdueQueryFromPy(py::handle obj);
ProjectHealthQuery ProjectHealthQueryFromPy(py::handle obj);
WorkloadQuery WorkloadQueryFromPy(py::handle obj);
DigestQuery DigestQueryFromPy(py::handle obj);

}  // namespace worksection::python

#endif  // WORKSECTION_BINDINGS_PYTHON_SRC_CONVERT_H_
