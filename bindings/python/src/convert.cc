#include "bindings/python/src/convert.h"

// The CPython datetime C API. PyDateTime_IMPORT fills a per-translation-unit
// pointer, so every use of the API lives in this file.
#include <datetime.h>
#include <structmember.h>  // READONLY

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace worksection::python {
namespace {

// Makes instances of one of the package's frozen, slotted dataclasses
// without calling the class: allocates the object and fills each field's
// slot, as unpickling does. Calling the class turns the keywords into a
// dict for the generated __init__, which sets each field through
// object.__setattr__: a batch's 100,000 TimeEntry objects took 0.18 s of CPU
// that way, 0.07 s this way. The constructor checks what this relies on:
// every field a writable slot, no __post_init__ to run.
class SlotMaker {
 public:
  template <size_t N>
  SlotMaker(py::handle cls, const char* const (&fields)[N])
      : cls_(py::reinterpret_borrow<py::object>(cls)) {
    if (!PyType_Check(cls.ptr())) {
      throw py::type_error("SlotMaker: expected a class");
    }
    auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
    const std::string name = type->tp_name;
    if (py::hasattr(cls, "__post_init__") ||
        py::len(py::module_::import("dataclasses").attr("fields")(cls)) != N) {
      throw py::type_error(absl::StrCat(name, ": expected a dataclass with ", N,
                                        " fields, no __post_init__"));
    }
    for (const char* field : fields) {
      PyObject* descr = PyDict_GetItemString(type->tp_dict, field);
      if (descr == nullptr || !Py_IS_TYPE(descr, &PyMemberDescr_Type) ||
          (reinterpret_cast<PyMemberDescrObject*>(descr)->d_member->flags &
           READONLY) != 0) {
        throw py::type_error(
            absl::StrCat(name, ".", field, ": expected a writable slot"));
      }
      members_.push_back(
          reinterpret_cast<PyMemberDescrObject*>(descr)->d_member);
    }
  }

  // `values` in the order of the constructor's `fields`.
  template <size_t N>
  py::object Make(const py::object (&values)[N]) const {
    assert(N == members_.size());
    auto* type = reinterpret_cast<PyTypeObject*>(cls_.ptr());
    py::object out = py::reinterpret_steal<py::object>(type->tp_alloc(type, 0));
    if (!out) throw py::error_already_set();
    for (size_t i = 0; i < N; ++i) {
      if (PyMember_SetOne(reinterpret_cast<char*>(out.ptr()), members_[i],
                          values[i].ptr()) != 0) {
        throw py::error_already_set();
      }
    }
    return out;
  }

 private:
  py::object cls_;
  std::vector<PyMemberDef*> members_;
};

// log_time's keywords, as TimeLogKey numbers them.
enum TimeLogKey {
  kTask,
  kMember,
  kDate,
  kDuration,
  kStart,
  kEnd,
  kBillable,
  kNote,
  kTimeLogKeyCount
};
constexpr const char* kTimeLogKeys[kTimeLogKeyCount] = {
    "task", "member", "date", "duration", "start", "end", "billable", "note"};

// The package's classes, set once by RegisterTypes. Never freed: they live
// as long as the interpreter, and destroying Python objects from a static
// destructor after finalization would crash.
struct Types {
  py::object settings, member, project_member, project, deadline,
      checklist_item, task, comment, task_page;
  // log_time's keywords, interned, as kTimeLogKeys spells them; and the
  // package's function that makes any other log (a Mapping, a dataclass,
  // a namedtuple) a dict of them.
  py::object time_log_keys[kTimeLogKeyCount];
  py::object time_log_fields;
  // Makes TimeEntry objects (kTimeEntryFields).
  std::unique_ptr<SlotMaker> time_entry_maker;
  py::object role, project_role, project_status, task_status, task_order,
      weekday;
  // The classes added with time tracking, money and reports, by name.
  py::dict by_name;
  // By absl::StatusCode value, 0..16; [0] is the base class Error.
  py::object errors[17];
};
Types* g_types = nullptr;

const Types& T() {
  if (g_types == nullptr) {
    Raise(PyExc_RuntimeError,
          "worksection._worksection is used through the worksection "
          "package; import worksection");
  }
  return *g_types;
}

// The classes T().by_name holds; Cls(name) finds them.
constexpr const char* kNamedTypes[] = {
    "Rounding",    "RoundingMode",   "TimeEntry",     "TimeEntryPage",
    "Timer",       "Cost",           "CostKind",      "PeriodLock",
    "BudgetUsage", "BudgetAlert",    "BudgetKind",    "ReportGroup",
    "ReportKey",   "ReportTotals",   "TimeReportRow", "TimeReport",
    "OverdueRow",  "OverdueReport",  "ProjectHealth", "ProjectHealthReport",
    "WorkloadRow", "WorkloadReport", "DigestEntry",   "Digest",
};

py::object Cls(const char* name) { return T().by_name[name]; }

// The exception class names, by absl::StatusCode value.
constexpr const char* kErrorNames[17] = {
    "Error",                    // kOk: never raised; the base class
    "CancelledError",           // kCancelled
    "UnknownError",             // kUnknown
    "InvalidArgumentError",     // kInvalidArgument
    "DeadlineExceededError",    // kDeadlineExceeded
    "NotFoundError",            // kNotFound
    "AlreadyExistsError",       // kAlreadyExists
    "PermissionDeniedError",    // kPermissionDenied
    "ResourceExhaustedError",   // kResourceExhausted
    "FailedPreconditionError",  // kFailedPrecondition
    "ConflictError",            // kAborted
    "OutOfRangeError",          // kOutOfRange
    "UnimplementedError",       // kUnimplemented
    "InternalError",            // kInternal
    "UnavailableError",         // kUnavailable
    "DataLossError",            // kDataLoss
    "UnauthenticatedError",     // kUnauthenticated
};

std::string TypeName(py::handle obj) { return Py_TYPE(obj.ptr())->tp_name; }

[[noreturn]] void RaiseExpected(const char* field, const char* expected,
                                py::handle got) {
  RaiseTypeError(
      absl::StrCat(field, ": expected ", expected, ", got ", TypeName(got)));
}

// The attribute `name` of `obj`, or an empty handle when it has none.
py::object Attr(py::handle obj, const char* name) {
  if (!py::hasattr(obj, name)) return py::object();
  return obj.attr(name);
}

// Calls `read(value)` when `obj` has the attribute `name`.
template <typename F>
void Read(py::handle obj, const char* name, F read) {
  py::object value = Attr(obj, name);
  if (value) read(value);
}

// For an optional field: None clears it, anything else is read.
template <typename V, typename F>
void ReadOptional(py::handle obj, const char* name, std::optional<V>& out,
                  F read) {
  py::object value = Attr(obj, name);
  if (!value) return;
  if (value.is_none()) {
    out.reset();
  } else {
    out = read(value, name);
  }
}

// An id field: None (or 0) means "none".
template <typename Id>
void ReadId(py::handle obj, const char* name, Id& out) {
  py::object value = Attr(obj, name);
  if (!value) return;
  out = value.is_none() ? Id() : Id(IntFromPy(value, name));
}

template <typename Id>
void ReadOptionalId(py::handle obj, const char* name, std::optional<Id>& out) {
  ReadOptional(obj, name, out, [](py::handle v, const char* field) {
    return Id(IntFromPy(v, field));
  });
}

// Iterates a sequence (never a str, which would iterate its characters).
template <typename F>
void ForEach(py::handle obj, const char* field, F each) {
  if (PyUnicode_Check(obj.ptr()) || PyBytes_Check(obj.ptr()) ||
      !py::isinstance<py::iterable>(obj)) {
    RaiseExpected(field, "a sequence", obj);
  }
  for (py::handle item : obj) each(item);
}

std::vector<std::string> StrsFromPy(py::handle obj, const char* field) {
  std::vector<std::string> out;
  ForEach(obj, field,
          [&](py::handle item) { out.push_back(StrFromPy(item, field)); });
  return out;
}

py::tuple StrsToPy(const std::vector<std::string>& values) {
  py::tuple out(values.size());
  for (size_t i = 0; i < values.size(); ++i) out[i] = py::str(values[i]);
  return out;
}

template <typename Id>
py::object IdToPy(Id id) {
  if (!id.valid()) return py::none();
  return py::int_(id.value());
}

py::object MoneyToPy(const std::optional<Money>& money) {
  if (!money) return py::none();
  return py::int_(*money);
}

template <typename V>
py::object OptionalToPy(const std::optional<V>& value) {
  if (!value) return py::none();
  return ToPy(*value);
}

// An int the library keeps as `int`; the library checks its own bounds.
int Int32FromPy(py::handle obj, const char* field) {
  const int64_t value = IntFromPy(obj, field);
  if (value < INT32_MIN || value > INT32_MAX) {
    RaiseInvalidArgument(absl::StrCat(field, ": ", value, " is out of range"));
  }
  return static_cast<int>(value);
}

Money MoneyFromPy(py::handle obj, const char* field) {
  return IntFromPy(obj, field);
}

// An enum member's value (a str), after coercing `obj` through `cls`, which
// accepts a member or its value and raises ValueError for anything else.
std::string EnumValue(py::handle cls, py::handle obj, const char* field) {
  py::object member;
  try {
    member = cls(obj);
  } catch (py::error_already_set& e) {
    if (!e.matches(PyExc_ValueError)) throw;
    RaiseInvalidArgument(
        absl::StrCat(field, ": ", py::repr(obj).cast<std::string>(),
                     " is not a ", cls.attr("__name__").cast<std::string>()));
  }
  return StrFromPy(member.attr("value"), field);
}

// Looks `value` up among `all` by `name_of`.
template <typename E, size_t N, typename NameOf>
E EnumFromName(const E (&all)[N], NameOf name_of, const std::string& value,
               const char* field) {
  for (E e : all) {
    if (name_of(e) == value) return e;
  }
  RaiseInvalidArgument(absl::StrCat(field, ": unknown value \"", value, "\""));
}

constexpr Role kRoles[] = {Role::kOwner, Role::kAdmin, Role::kEmployee,
                           Role::kClient, Role::kReader};
constexpr ProjectRole kProjectRoles[] = {
    ProjectRole::kManager, ProjectRole::kMember, ProjectRole::kClient};
constexpr ProjectStatus kProjectStatuses[] = {
    ProjectStatus::kActive, ProjectStatus::kPaused, ProjectStatus::kArchived};
constexpr TaskStatus kTaskStatuses[] = {TaskStatus::kOpen, TaskStatus::kDone};
constexpr TaskOrder kTaskOrders[] = {TaskOrder::kId, TaskOrder::kDeadline,
                                     TaskOrder::kPriority};
constexpr absl::Weekday kWeekdays[] = {
    absl::Weekday::monday,   absl::Weekday::tuesday, absl::Weekday::wednesday,
    absl::Weekday::thursday, absl::Weekday::friday,  absl::Weekday::saturday,
    absl::Weekday::sunday};

absl::string_view TaskOrderName(TaskOrder order) {
  switch (order) {
    case TaskOrder::kId:
      return "id";
    case TaskOrder::kDeadline:
      return "deadline";
    case TaskOrder::kPriority:
      return "priority";
  }
  return "unknown";
}

absl::string_view WeekdayName(absl::Weekday weekday) {
  switch (weekday) {
    case absl::Weekday::monday:
      return "monday";
    case absl::Weekday::tuesday:
      return "tuesday";
    case absl::Weekday::wednesday:
      return "wednesday";
    case absl::Weekday::thursday:
      return "thursday";
    case absl::Weekday::friday:
      return "friday";
    case absl::Weekday::saturday:
      return "saturday";
    case absl::Weekday::sunday:
      return "sunday";
  }
  return "unknown";
}

py::object EnumToPy(py::handle cls, absl::string_view name) {
  return cls(py::str(name.data(), name.size()));
}

// timedelta -> Duration, exactly (microseconds).
absl::Duration DeltaToDuration(PyObject* delta) {
  return absl::Hours(24) * PyDateTime_DELTA_GET_DAYS(delta) +
         absl::Seconds(PyDateTime_DELTA_GET_SECONDS(delta)) +
         absl::Microseconds(PyDateTime_DELTA_GET_MICROSECONDS(delta));
}

py::object CheckNew(PyObject* created) {
  if (created == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(created);
}

// TimeEntry's fields, in the order TimeEntryMaker passes them.
constexpr const char* kTimeEntryFields[] = {
    "id",         "revision",     "task",      "project",         "member",
    "date",       "start",        "duration",  "billed_duration", "billable",
    "note",       "billing_rate", "cost_rate", "billed_amount",   "labour_cost",
    "created_at", "updated_at"};

py::object DeadlineToPy(const Deadline& deadline) {
  py::object time = py::none();
  if (deadline.minute_of_day) {
    time = CheckNew(PyTime_FromTime(*deadline.minute_of_day / 60,
                                    *deadline.minute_of_day % 60, 0, 0));
  }
  return T().deadline(py::arg("day") = ToPy(deadline.day),
                      py::arg("time") = time);
}

Deadline DeadlineFromPy(py::handle obj, const char* field) {
  if (!py::isinstance(obj, T().deadline)) {
    RaiseExpected(field, "a worksection.Deadline", obj);
  }
  Deadline deadline;
  deadline.day = DayFromPy(obj.attr("day"), "deadline.day");
  py::object time = obj.attr("time");
  if (!time.is_none()) {
    PyObject* t = time.ptr();
    if (!PyTime_Check(t)) RaiseExpected("deadline.time", "a datetime.time", t);
    if (!py::getattr(time, "tzinfo").is_none()) {
      RaiseInvalidArgument(
          "deadline.time: a deadline is wall-clock time in the workspace "
          "time zone; pass a time without tzinfo");
    }
    if (PyDateTime_TIME_GET_SECOND(t) != 0 ||
        PyDateTime_TIME_GET_MICROSECOND(t) != 0) {
      RaiseInvalidArgument(
          absl::StrCat("deadline.time: a deadline has minutes, not seconds: ",
                       py::str(time).cast<std::string>()));
    }
    deadline.minute_of_day =
        PyDateTime_TIME_GET_HOUR(t) * 60 + PyDateTime_TIME_GET_MINUTE(t);
  }
  return deadline;
}

py::object ChecklistToPy(const std::vector<ChecklistItem>& items) {
  py::tuple out(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    out[i] = T().checklist_item(py::arg("text") = items[i].text,
                                py::arg("done") = items[i].done);
  }
  return out;
}

std::vector<ChecklistItem> ChecklistFromPy(py::handle obj) {
  std::vector<ChecklistItem> out;
  ForEach(obj, "checklist", [&](py::handle item) {
    if (!py::isinstance(item, T().checklist_item)) {
      RaiseExpected("checklist", "worksection.ChecklistItem items", item);
    }
    ChecklistItem c;
    c.text = StrFromPy(item.attr("text"), "checklist.text");
    c.done = BoolFromPy(item.attr("done"), "checklist.done");
    out.push_back(std::move(c));
  });
  return out;
}

py::object ProjectMembersToPy(const std::vector<ProjectMember>& members) {
  py::tuple out(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    out[i] = T().project_member(
        py::arg("member") = members[i].member.value(),
        py::arg("role") = ToPy(members[i].role),
        py::arg("billing_rate") = MoneyToPy(members[i].billing_rate));
  }
  return out;
}

std::vector<ProjectMember> ProjectMembersFromPy(py::handle obj) {
  std::vector<ProjectMember> out;
  ForEach(obj, "members", [&](py::handle item) {
    if (!py::isinstance(item, T().project_member)) {
      RaiseExpected("members", "worksection.ProjectMember items", item);
    }
    ProjectMember m;
    m.member = MemberId(IntFromPy(item.attr("member"), "members.member"));
    m.role = ProjectRoleFromPy(item.attr("role"), "members.role");
    ReadOptional(item, "billing_rate", m.billing_rate,
                 [](py::handle v, const char*) {
                   return MoneyFromPy(v, "members.billing_rate");
                 });
    out.push_back(m);
  });
  return out;
}

constexpr Rounding::Mode kRoundingModes[] = {
    Rounding::Mode::kNone, Rounding::Mode::kUp, Rounding::Mode::kNearest,
    Rounding::Mode::kDown};

py::object RoundingToPy(const Rounding& r) {
  return Cls("Rounding")(
      py::arg("mode") = EnumToPy(Cls("RoundingMode"), RoundingModeName(r.mode)),
      py::arg("minutes") = r.minutes);
}

Rounding RoundingFromPy(py::handle obj) {
  if (!py::isinstance(obj, Cls("Rounding"))) {
    RaiseExpected("rounding", "a worksection.Rounding", obj);
  }
  Rounding r;
  r.mode = EnumFromName(
      kRoundingModes, RoundingModeName,
      EnumValue(Cls("RoundingMode"), obj.attr("mode"), "rounding.mode"),
      "rounding.mode");
  r.minutes = Int32FromPy(obj.attr("minutes"), "rounding.minutes");
  return r;
}

}  // namespace

void InitConvert() {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
}

void RegisterTypes(const py::dict& types) {
  auto get = [&](const char* name) -> py::object {
    if (!types.contains(name)) {
      throw py::key_error(absl::StrCat("_register: missing ", name));
    }
    return types[name];
  };
  auto* t = new Types;
  t->settings = get("Settings");
  t->member = get("Member");
  t->project_member = get("ProjectMember");
  t->project = get("Project");
  t->deadline = get("Deadline");
  t->checklist_item = get("ChecklistItem");
  t->task = get("Task");
  t->comment = get("Comment");
  t->task_page = get("TaskPage");
  t->role = get("Role");
  t->project_role = get("ProjectRole");
  t->project_status = get("ProjectStatus");
  t->task_status = get("TaskStatus");
  t->task_order = get("TaskOrder");
  t->weekday = get("Weekday");
  for (const char* name : kNamedTypes) t->by_name[name] = get(name);
  t->time_log_fields = get("_time_log_fields");
  for (int i = 0; i < kTimeLogKeyCount; ++i) {
    t->time_log_keys[i] = CheckNew(PyUnicode_InternFromString(kTimeLogKeys[i]));
  }
  t->time_entry_maker =
      std::make_unique<SlotMaker>(get("TimeEntry"), kTimeEntryFields);
  for (int code = 0; code < 17; ++code)
    t->errors[code] = get(kErrorNames[code]);
  delete g_types;  // a second registration (importlib.reload) replaces
  g_types = t;
}

void Raise(py::handle type, const std::string& message) {
  PyErr_SetString(type.ptr(), message.c_str());
  throw py::error_already_set();
}

void RaiseTypeError(const std::string& message) {
  Raise(PyExc_TypeError, message);
}

void RaiseInvalidArgument(const std::string& message) {
  Raise(T().errors[static_cast<int>(absl::StatusCode::kInvalidArgument)],
        message);
}

void RaiseStatus(const absl::Status& status) {
  int code = static_cast<int>(status.code());
  if (code <= 0 || code >= 17)
    code = static_cast<int>(absl::StatusCode::kUnknown);
  Raise(T().errors[code], std::string(status.message()));
}

// --- Scalars -------------------------------------------------------------

int64_t IntFromPy(py::handle obj, const char* field) {
  if (PyBool_Check(obj.ptr()) || !PyLong_Check(obj.ptr())) {
    RaiseExpected(field, "int", obj);
  }
  int overflow = 0;
  long long value = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
  if (overflow != 0) {
    RaiseInvalidArgument(absl::StrCat(
        field, ": ", py::str(obj).cast<std::string>(), " is out of range"));
  }
  if (value == -1 && PyErr_Occurred()) throw py::error_already_set();
  return value;
}

std::string StrFromPy(py::handle obj, const char* field) {
  if (!PyUnicode_Check(obj.ptr())) RaiseExpected(field, "str", obj);
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();  // lone surrogates
  return std::string(data, static_cast<size_t>(size));
}

bool BoolFromPy(py::handle obj, const char* field) {
  if (!PyBool_Check(obj.ptr())) RaiseExpected(field, "bool", obj);
  return obj.ptr() == Py_True;
}

py::object ToPy(absl::Time t) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::CivilSecond cs = absl::ToCivilSecond(t, utc);
  const int64_t micros =
      absl::ToInt64Microseconds(t - absl::FromCivil(cs, utc));
  return CheckNew(PyDateTimeAPI->DateTime_FromDateAndTime(
      static_cast<int>(cs.year()), cs.month(), cs.day(), cs.hour(), cs.minute(),
      cs.second(), static_cast<int>(micros), PyDateTime_TimeZone_UTC,
      PyDateTimeAPI->DateTimeType));
}

py::object ToPy(absl::CivilDay day) {
  return CheckNew(
      PyDate_FromDate(static_cast<int>(day.year()), day.month(), day.day()));
}

py::object ToPy(absl::Duration duration) {
  // Floor division into days, seconds and microseconds, as timedelta keeps.
  const int64_t micros = absl::ToInt64Microseconds(duration);
  constexpr int64_t kPerDay = int64_t{86400} * 1000000;
  int64_t days = micros / kPerDay;
  int64_t rest = micros % kPerDay;
  if (rest < 0) {
    rest += kPerDay;
    --days;
  }
  return CheckNew(PyDelta_FromDSU(static_cast<int>(days),
                                  static_cast<int>(rest / 1000000),
                                  static_cast<int>(rest % 1000000)));
}

absl::Time TimeFromPy(py::handle obj, const char* field) {
  PyObject* p = obj.ptr();
  if (!PyDateTime_Check(p)) RaiseExpected(field, "datetime.datetime", obj);
  py::object offset = obj.attr("utcoffset")();
  if (offset.is_none()) {
    RaiseInvalidArgument(absl::StrCat(
        field, ": a naive datetime (", py::str(obj).cast<std::string>(),
        "); pass an aware one, e.g. datetime.now(timezone.utc)"));
  }
  const absl::CivilSecond cs(PyDateTime_GET_YEAR(p), PyDateTime_GET_MONTH(p),
                             PyDateTime_GET_DAY(p), PyDateTime_DATE_GET_HOUR(p),
                             PyDateTime_DATE_GET_MINUTE(p),
                             PyDateTime_DATE_GET_SECOND(p));
  return absl::FromCivil(cs, absl::UTCTimeZone()) +
         absl::Microseconds(PyDateTime_DATE_GET_MICROSECOND(p)) -
         DeltaToDuration(offset.ptr());
}

absl::CivilDay DayFromPy(py::handle obj, const char* field) {
  PyObject* p = obj.ptr();
  // A datetime is a date too; refuse it rather than drop its time.
  if (!PyDate_Check(p) || PyDateTime_Check(p)) {
    RaiseExpected(field, "datetime.date", obj);
  }
  return absl::CivilDay(PyDateTime_GET_YEAR(p), PyDateTime_GET_MONTH(p),
                        PyDateTime_GET_DAY(p));
}

absl::Duration DurationFromPy(py::handle obj, const char* field) {
  if (!PyDelta_Check(obj.ptr())) {
    RaiseExpected(field, "datetime.timedelta", obj);
  }
  return DeltaToDuration(obj.ptr());
}

// --- Enums ---------------------------------------------------------------

py::object ToPy(Role role) { return EnumToPy(T().role, RoleName(role)); }
py::object ToPy(ProjectRole role) {
  return EnumToPy(T().project_role, ProjectRoleName(role));
}
py::object ToPy(ProjectStatus status) {
  return EnumToPy(T().project_status, ProjectStatusName(status));
}
py::object ToPy(TaskStatus status) {
  return EnumToPy(T().task_status, TaskStatusName(status));
}
py::object ToPy(absl::Weekday weekday) {
  return EnumToPy(T().weekday, WeekdayName(weekday));
}

Role RoleFromPy(py::handle obj, const char* field) {
  return EnumFromName(kRoles, RoleName, EnumValue(T().role, obj, field), field);
}
ProjectRole ProjectRoleFromPy(py::handle obj, const char* field) {
  return EnumFromName(kProjectRoles, ProjectRoleName,
                      EnumValue(T().project_role, obj, field), field);
}
ProjectStatus ProjectStatusFromPy(py::handle obj, const char* field) {
  return EnumFromName(kProjectStatuses, ProjectStatusName,
                      EnumValue(T().project_status, obj, field), field);
}
TaskStatus TaskStatusFromPy(py::handle obj, const char* field) {
  return EnumFromName(kTaskStatuses, TaskStatusName,
                      EnumValue(T().task_status, obj, field), field);
}
TaskOrder TaskOrderFromPy(py::handle obj, const char* field) {
  return EnumFromName(kTaskOrders, TaskOrderName,
                      EnumValue(T().task_order, obj, field), field);
}
absl::Weekday WeekdayFromPy(py::handle obj, const char* field) {
  return EnumFromName(kWeekdays, WeekdayName,
                      EnumValue(T().weekday, obj, field), field);
}

// --- Entities --------------------------------------------------------------

py::object ToPy(const WorkspaceSettings& s) {
  return T().settings(
      py::arg("revision") = s.revision, py::arg("name") = s.name,
      py::arg("time_zone") = s.time_zone, py::arg("currency") = s.currency,
      py::arg("week_start") = ToPy(s.week_start),
      py::arg("forgotten_timer_after") = ToPy(s.forgotten_timer_after));
}

py::object ToPy(const Member& m) {
  py::dict kw;
  kw["id"] = py::int_(m.id.value());
  kw["revision"] = py::int_(m.revision);
  kw["name"] = py::str(m.name);
  kw["email"] = py::str(m.email);
  kw["role"] = ToPy(m.role);
  kw["company"] = py::str(m.company);
  kw["cost_rate"] = MoneyToPy(m.cost_rate);
  kw["billing_rate"] = MoneyToPy(m.billing_rate);
  kw["active"] = py::bool_(m.active);
  kw["created_at"] = ToPy(m.created_at);
  kw["updated_at"] = ToPy(m.updated_at);
  return T().member(**kw);
}

py::object ToPy(const Project& p) {
  py::dict kw;
  kw["id"] = py::int_(p.id.value());
  kw["revision"] = py::int_(p.revision);
  kw["name"] = py::str(p.name);
  kw["status"] = ToPy(p.status);
  kw["folder"] = py::str(p.folder);
  kw["manager"] = IdToPy(p.manager);
  kw["start_date"] = OptionalToPy(p.start_date);
  kw["deadline"] = OptionalToPy(p.deadline);
  kw["time_budget"] = OptionalToPy(p.time_budget);
  kw["money_budget"] = MoneyToPy(p.money_budget);
  kw["billing_rate"] = MoneyToPy(p.billing_rate);
  kw["tags"] = StrsToPy(p.tags);
  kw["members"] = ProjectMembersToPy(p.members);
  kw["rounding"] = RoundingToPy(p.rounding);
  kw["clients_see_hours"] = py::bool_(p.clients_see_hours);
  kw["created_at"] = ToPy(p.created_at);
  kw["updated_at"] = ToPy(p.updated_at);
  return T().project(**kw);
}

py::object ToPy(const Task& t) {
  py::dict kw;
  kw["id"] = py::int_(t.id.value());
  kw["revision"] = py::int_(t.revision);
  kw["project"] = py::int_(t.project.value());
  kw["parent"] = IdToPy(t.parent);
  kw["title"] = py::str(t.title);
  kw["text"] = py::str(t.text);
  kw["author"] = IdToPy(t.author);
  kw["assignee"] = IdToPy(t.assignee);
  kw["priority"] = py::int_(t.priority);
  kw["status"] = ToPy(t.status);
  kw["start_date"] = OptionalToPy(t.start_date);
  kw["deadline"] = t.deadline ? DeadlineToPy(*t.deadline) : py::none();
  kw["estimate"] = OptionalToPy(t.estimate);
  kw["money_budget"] = MoneyToPy(t.money_budget);
  kw["tags"] = StrsToPy(t.tags);
  kw["checklist"] = ChecklistToPy(t.checklist);
  py::tuple subscribers(t.subscribers.size());
  for (size_t i = 0; i < t.subscribers.size(); ++i) {
    subscribers[i] = py::int_(t.subscribers[i].value());
  }
  kw["subscribers"] = subscribers;
  kw["hidden_from_clients"] = py::bool_(t.hidden_from_clients);
  kw["completion_note"] = py::str(t.completion_note);
  kw["completed_at"] = OptionalToPy(t.completed_at);
  kw["created_at"] = ToPy(t.created_at);
  kw["updated_at"] = ToPy(t.updated_at);
  return T().task(**kw);
}

py::object ToPy(const Comment& c) {
  py::dict kw;
  kw["id"] = py::int_(c.id.value());
  kw["revision"] = py::int_(c.revision);
  kw["task"] = py::int_(c.task.value());
  kw["author"] = IdToPy(c.author);
  kw["text"] = py::str(c.text);
  kw["hidden_from_clients"] = py::bool_(c.hidden_from_clients);
  kw["created_at"] = ToPy(c.created_at);
  kw["updated_at"] = ToPy(c.updated_at);
  return T().comment(**kw);
}

py::object ToPy(const TaskPage& page) {
  py::tuple tasks(page.tasks.size());
  for (size_t i = 0; i < page.tasks.size(); ++i) tasks[i] = ToPy(page.tasks[i]);
  return T().task_page(py::arg("tasks") = tasks,
                       py::arg("next_page_token") = page.next_page_token);
}

template <typename V>
py::list ListToPy(const std::vector<V>& values) {
  py::list out(values.size());
  for (size_t i = 0; i < values.size(); ++i) out[i] = ToPy(values[i]);
  return out;
}

py::list ToPy(const std::vector<Member>& v) { return ListToPy(v); }
py::list ToPy(const std::vector<Project>& v) { return ListToPy(v); }
py::list ToPy(const std::vector<Comment>& v) { return ListToPy(v); }

WorkspaceSetup SetupFromPy(py::handle obj) {
  WorkspaceSetup s;
  Read(obj, "name", [&](py::handle v) { s.name = StrFromPy(v, "name"); });
  Read(obj, "time_zone",
       [&](py::handle v) { s.time_zone = StrFromPy(v, "time_zone"); });
  Read(obj, "currency",
       [&](py::handle v) { s.currency = StrFromPy(v, "currency"); });
  Read(obj, "week_start",
       [&](py::handle v) { s.week_start = WeekdayFromPy(v, "week_start"); });
  Read(obj, "owner_name",
       [&](py::handle v) { s.owner_name = StrFromPy(v, "owner_name"); });
  Read(obj, "owner_email",
       [&](py::handle v) { s.owner_email = StrFromPy(v, "owner_email"); });
  return s;
}

WorkspaceSettings SettingsFromPy(py::handle obj) {
  WorkspaceSettings s;
  Read(obj, "revision",
       [&](py::handle v) { s.revision = IntFromPy(v, "revision"); });
  Read(obj, "name", [&](py::handle v) { s.name = StrFromPy(v, "name"); });
  Read(obj, "time_zone",
       [&](py::handle v) { s.time_zone = StrFromPy(v, "time_zone"); });
  Read(obj, "currency",
       [&](py::handle v) { s.currency = StrFromPy(v, "currency"); });
  Read(obj, "week_start",
       [&](py::handle v) { s.week_start = WeekdayFromPy(v, "week_start"); });
  Read(obj, "forgotten_timer_after", [&](py::handle v) {
    s.forgotten_timer_after = DurationFromPy(v, "forgotten_timer_after");
  });
  return s;
}

Member MemberFromPy(py::handle obj) {
  Member m;
  ReadId(obj, "id", m.id);
  Read(obj, "revision",
       [&](py::handle v) { m.revision = IntFromPy(v, "revision"); });
  Read(obj, "name", [&](py::handle v) { m.name = StrFromPy(v, "name"); });
  Read(obj, "email", [&](py::handle v) { m.email = StrFromPy(v, "email"); });
  Read(obj, "role", [&](py::handle v) { m.role = RoleFromPy(v, "role"); });
  Read(obj, "company",
       [&](py::handle v) { m.company = StrFromPy(v, "company"); });
  ReadOptional(obj, "cost_rate", m.cost_rate, MoneyFromPy);
  ReadOptional(obj, "billing_rate", m.billing_rate, MoneyFromPy);
  return m;
}

Project ProjectFromPy(py::handle obj) {
  Project p;
  ReadId(obj, "id", p.id);
  Read(obj, "revision",
       [&](py::handle v) { p.revision = IntFromPy(v, "revision"); });
  Read(obj, "name", [&](py::handle v) { p.name = StrFromPy(v, "name"); });
  Read(obj, "status",
       [&](py::handle v) { p.status = ProjectStatusFromPy(v, "status"); });
  Read(obj, "folder", [&](py::handle v) { p.folder = StrFromPy(v, "folder"); });
  ReadId(obj, "manager", p.manager);
  ReadOptional(obj, "start_date", p.start_date, DayFromPy);
  ReadOptional(obj, "deadline", p.deadline, DayFromPy);
  ReadOptional(obj, "time_budget", p.time_budget, DurationFromPy);
  ReadOptional(obj, "money_budget", p.money_budget, MoneyFromPy);
  ReadOptional(obj, "billing_rate", p.billing_rate, MoneyFromPy);
  Read(obj, "tags", [&](py::handle v) { p.tags = StrsFromPy(v, "tags"); });
  Read(obj, "members",
       [&](py::handle v) { p.members = ProjectMembersFromPy(v); });
  Read(obj, "rounding", [&](py::handle v) { p.rounding = RoundingFromPy(v); });
  Read(obj, "clients_see_hours", [&](py::handle v) {
    p.clients_see_hours = BoolFromPy(v, "clients_see_hours");
  });
  return p;
}

Task TaskFromPy(py::handle obj) {
  Task t;
  ReadId(obj, "id", t.id);
  Read(obj, "revision",
       [&](py::handle v) { t.revision = IntFromPy(v, "revision"); });
  ReadId(obj, "project", t.project);
  ReadId(obj, "parent", t.parent);
  Read(obj, "title", [&](py::handle v) { t.title = StrFromPy(v, "title"); });
  Read(obj, "text", [&](py::handle v) { t.text = StrFromPy(v, "text"); });
  ReadId(obj, "assignee", t.assignee);
  Read(obj, "priority",
       [&](py::handle v) { t.priority = Int32FromPy(v, "priority"); });
  ReadOptional(obj, "start_date", t.start_date, DayFromPy);
  ReadOptional(obj, "deadline", t.deadline, DeadlineFromPy);
  ReadOptional(obj, "estimate", t.estimate, DurationFromPy);
  ReadOptional(obj, "money_budget", t.money_budget, MoneyFromPy);
  Read(obj, "tags", [&](py::handle v) { t.tags = StrsFromPy(v, "tags"); });
  Read(obj, "checklist",
       [&](py::handle v) { t.checklist = ChecklistFromPy(v); });
  Read(obj, "subscribers", [&](py::handle v) {
    ForEach(v, "subscribers", [&](py::handle item) {
      t.subscribers.push_back(MemberId(IntFromPy(item, "subscribers")));
    });
  });
  Read(obj, "hidden_from_clients", [&](py::handle v) {
    t.hidden_from_clients = BoolFromPy(v, "hidden_from_clients");
  });
  return t;
}

Comment CommentFromPy(py::handle obj) {
  Comment c;
  ReadId(obj, "id", c.id);
  Read(obj, "revision",
       [&](py::handle v) { c.revision = IntFromPy(v, "revision"); });
  ReadId(obj, "task", c.task);
  Read(obj, "text", [&](py::handle v) { c.text = StrFromPy(v, "text"); });
  Read(obj, "hidden_from_clients", [&](py::handle v) {
    c.hidden_from_clients = BoolFromPy(v, "hidden_from_clients");
  });
  return c;
}

MemberFilter MemberFilterFromPy(py::handle obj) {
  MemberFilter f;
  Read(obj, "include_inactive", [&](py::handle v) {
    f.include_inactive = BoolFromPy(v, "include_inactive");
  });
  ReadOptional(obj, "role", f.role, RoleFromPy);
  return f;
}

ProjectFilter ProjectFilterFromPy(py::handle obj) {
  ProjectFilter f;
  ReadOptional(obj, "status", f.status, ProjectStatusFromPy);
  Read(obj, "include_archived", [&](py::handle v) {
    f.include_archived = BoolFromPy(v, "include_archived");
  });
  ReadOptionalId(obj, "member", f.member);
  return f;
}

TaskFilter TaskFilterFromPy(py::handle obj) {
  TaskFilter f;
  ReadOptionalId(obj, "project", f.project);
  ReadOptionalId(obj, "parent", f.parent);
  ReadOptionalId(obj, "assignee", f.assignee);
  ReadOptionalId(obj, "author", f.author);
  ReadOptional(obj, "status", f.status, TaskStatusFromPy);
  ReadOptional(obj, "tag", f.tag, StrFromPy);
  auto read_int = [&](const char* name, int& out) {
    Read(obj, name, [&](py::handle v) { out = Int32FromPy(v, name); });
  };
  read_int("min_priority", f.min_priority);
  read_int("max_priority", f.max_priority);
  ReadOptional(obj, "deadline_from", f.deadline_from, DayFromPy);
  ReadOptional(obj, "deadline_to", f.deadline_to, DayFromPy);
  ReadOptional(obj, "overdue_as_of", f.overdue_as_of, DayFromPy);
  Read(obj, "text_contains",
       [&](py::handle v) { f.text_contains = StrFromPy(v, "text_contains"); });
  Read(obj, "order",
       [&](py::handle v) { f.order = TaskOrderFromPy(v, "order"); });
  read_int("limit", f.limit);
  Read(obj, "page_token",
       [&](py::handle v) { f.page_token = StrFromPy(v, "page_token"); });
  return f;
}

// --- Time entries and timers ---------------------------------------------

namespace {

template <typename Id>
std::vector<Id> IdsFromPy(py::handle obj, const char* field) {
  std::vector<Id> out;
  ForEach(obj, field,
          [&](py::handle item) { out.push_back(Id(IntFromPy(item, field))); });
  return out;
}

constexpr Cost::Kind kCostKinds[] = {Cost::Kind::kExpense, Cost::Kind::kIncome};
absl::string_view BudgetKindName(BudgetAlert::Kind kind) {
  return kind == BudgetAlert::Kind::kMoney ? "money" : "time";
}
constexpr ReportGroup kReportGroups[] = {
    ReportGroup::kProject, ReportGroup::kTask, ReportGroup::kMember,
    ReportGroup::kTag,     ReportGroup::kDay,  ReportGroup::kWeek,
    ReportGroup::kMonth};

py::object ReportGroupToPy(ReportGroup g) {
  return EnumToPy(Cls("ReportGroup"), ReportGroupName(g));
}

py::object DoubleToPy(const std::optional<double>& v) {
  if (!v) return py::none();
  return py::float_(*v);
}

// The Python object made for the last value seen, for runs of equal values:
// the entries of one batch share their created_at and updated_at, and
// mostly their date. The objects are immutable, so sharing them is safe.
template <typename V>
class LastValue {
 public:
  template <typename Make>
  py::object Get(const V& value, Make make) {
    if (!object_ || !(value == value_)) {
      value_ = value;
      object_ = make(value);
    }
    return object_;
  }

 private:
  V value_{};
  py::object object_;
};

// Makes the TimeEntry objects of one list or page.
class TimeEntryMaker {
 public:
  py::object operator()(const TimeEntry& e) {
    auto instant = [](absl::Time t) { return ToPy(t); };
    const py::object values[] = {
        py::int_(e.id.value()),
        py::int_(e.revision),
        py::int_(e.task.value()),
        py::int_(e.project.value()),
        py::int_(e.member.value()),
        date_.Get(e.date, [](absl::CivilDay d) { return ToPy(d); }),
        OptionalToPy(e.start),
        ToPy(e.duration),
        ToPy(e.billed_duration),
        py::bool_(e.billable),
        py::str(e.note),
        MoneyToPy(e.billing_rate),
        MoneyToPy(e.cost_rate),
        MoneyToPy(e.billed_amount),
        MoneyToPy(e.labour_cost),
        created_at_.Get(e.created_at, instant),
        updated_at_.Get(e.updated_at, instant)};
    static_assert(std::size(values) == std::size(kTimeEntryFields));
    return T().time_entry_maker->Make(values);
  }

 private:
  LastValue<absl::CivilDay> date_;
  LastValue<absl::Time> created_at_, updated_at_;
};

template <typename Seq>
Seq TimeEntriesToPy(const std::vector<TimeEntry>& entries) {
  TimeEntryMaker make;
  Seq out(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) out[i] = make(entries[i]);
  return out;
}

}  // namespace

py::object ToPy(const TimeEntry& e) { return TimeEntryMaker()(e); }

py::list ToPy(const std::vector<TimeEntry>& entries) {
  return TimeEntriesToPy<py::list>(entries);
}

py::object ToPy(const TimeEntryPage& page) {
  return Cls("TimeEntryPage")(
      py::arg("entries") = TimeEntriesToPy<py::tuple>(page.entries),
      py::arg("next_page_token") = page.next_page_token);
}

py::object ToPy(const Timer& t) {
  return Cls("Timer")(py::arg("member") = t.member.value(),
                      py::arg("task") = t.task.value(),
                      py::arg("started_at") = ToPy(t.started_at),
                      py::arg("forgotten") = t.forgotten);
}

py::object ToPy(const std::optional<Timer>& timer) {
  return timer ? ToPy(*timer) : py::none();
}

py::list ToPy(const std::vector<Timer>& v) { return ListToPy(v); }

TimeEntry TimeEntryFromPy(py::handle obj) {
  TimeEntry e;
  ReadId(obj, "id", e.id);
  Read(obj, "revision",
       [&](py::handle v) { e.revision = IntFromPy(v, "revision"); });
  ReadId(obj, "task", e.task);
  ReadId(obj, "project", e.project);
  ReadId(obj, "member", e.member);
  Read(obj, "date", [&](py::handle v) { e.date = DayFromPy(v, "date"); });
  ReadOptional(obj, "start", e.start, TimeFromPy);
  Read(obj, "duration",
       [&](py::handle v) { e.duration = DurationFromPy(v, "duration"); });
  Read(obj, "billable",
       [&](py::handle v) { e.billable = BoolFromPy(v, "billable"); });
  Read(obj, "note", [&](py::handle v) { e.note = StrFromPy(v, "note"); });
  return e;
}

namespace {

// An id given as an int or as the entity (`kind`) that has it.
int64_t RefFromPy(py::handle obj, py::handle kind, const char* field) {
  if (PyLong_Check(obj.ptr()) && !PyBool_Check(obj.ptr())) {
    return IntFromPy(obj, field);
  }
  if (PyObject_TypeCheck(obj.ptr(),
                         reinterpret_cast<PyTypeObject*>(kind.ptr()))) {
    return IntFromPy(obj.attr("id"), field);
  }
  RaiseExpected(
      field,
      absl::StrCat("an int id or a ",
                   reinterpret_cast<PyTypeObject*>(kind.ptr())->tp_name)
          .c_str(),
      obj);
}

// The index of `key` in kTimeLogKeys, or -1. Keys written in the source
// (dict(task=...), {"task": ...}) are interned, so the pointer test
// usually decides.
int TimeLogKeyIndex(PyObject* key) {
  const py::object* names = T().time_log_keys;
  for (int i = 0; i < kTimeLogKeyCount; ++i) {
    if (names[i].ptr() == key) return i;
  }
  if (!PyUnicode_Check(key)) return -1;
  for (int i = 0; i < kTimeLogKeyCount; ++i) {
    if (PyUnicode_Compare(names[i].ptr(), key) == 0) return i;
  }
  return -1;
}

// A dict of log_time's keywords; None leaves an optional field unset.
TimeLog TimeLogFromDict(PyObject* dict) {
  TimeLog l;
  bool has_task = false;
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  while (PyDict_Next(dict, &pos, &key, &value)) {
    const int index = TimeLogKeyIndex(key);
    if (index < 0) {
      RaiseTypeError(absl::StrCat(
          "unexpected key ", py::repr(key).cast<std::string>(),
          "; log_time's keywords are task, member, date, duration, start, "
          "end, billable, note"));
    }
    const char* field = kTimeLogKeys[index];
    const py::handle v(value);
    const bool none = value == Py_None;
    switch (index) {
      case kTask:
        l.task = TaskId(RefFromPy(v, T().task, field));
        has_task = true;
        break;
      case kMember:
        l.member =
            none ? MemberId() : MemberId(RefFromPy(v, T().member, field));
        break;
      case kDate:
        if (!none) l.date = DayFromPy(v, field);
        break;
      case kDuration:
        if (!none) l.duration = DurationFromPy(v, field);
        break;
      case kStart:
        if (!none) l.start = TimeFromPy(v, field);
        break;
      case kEnd:
        if (!none) l.end = TimeFromPy(v, field);
        break;
      case kBillable:
        l.billable = BoolFromPy(v, field);
        break;
      case kNote:
        l.note = StrFromPy(v, field);
        break;
    }
  }
  if (!has_task) RaiseTypeError("'task' is required");
  return l;
}

// Re-raises the Python error in flight with `prefix` before its message,
// keeping its class.
[[noreturn]] void RaisePrefixed(py::error_already_set& e,
                                const std::string& prefix) {
  py::object type = e.type();
  const std::string message = py::str(e.value()).cast<std::string>();
  Raise(type, prefix + message);
}

}  // namespace

TimeLog TimeLogFromPy(py::handle log) {
  if (PyDict_Check(log.ptr())) return TimeLogFromDict(log.ptr());
  // A Mapping, dataclass or namedtuple: the package makes it a dict.
  py::object dict = T().time_log_fields(log);
  return TimeLogFromDict(dict.ptr());
}

std::vector<TimeLog> TimeLogsFromPy(py::handle logs, const char* field) {
  PyObject* p = logs.ptr();
  // Any iterable (a list, a tuple, a generator), never a str.
  if (PyUnicode_Check(p) || PyBytes_Check(p) ||
      !py::isinstance<py::iterable>(logs)) {
    RaiseExpected(field, "a sequence", logs);
  }
  py::object items = py::reinterpret_steal<py::object>(
      PySequence_Fast(p, "expected a sequence"));
  if (!items) throw py::error_already_set();
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(items.ptr());
  PyObject** item = PySequence_Fast_ITEMS(items.ptr());
  std::vector<TimeLog> out;
  out.reserve(static_cast<size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    try {
      out.push_back(TimeLogFromPy(item[i]));
    } catch (py::error_already_set& e) {
      RaisePrefixed(e, absl::StrCat(field, "[", i, "]: "));
    }
  }
  return out;
}

TimeEntryFilter TimeEntryFilterFromPy(py::handle obj) {
  TimeEntryFilter f;
  ReadOptionalId(obj, "project", f.project);
  ReadOptionalId(obj, "task", f.task);
  ReadOptionalId(obj, "member", f.member);
  ReadOptional(obj, "date_from", f.from, DayFromPy);
  ReadOptional(obj, "date_to", f.to, DayFromPy);
  ReadOptional(obj, "billable", f.billable, BoolFromPy);
  ReadOptional(obj, "tag", f.tag, StrFromPy);
  Read(obj, "limit", [&](py::handle v) { f.limit = Int32FromPy(v, "limit"); });
  Read(obj, "page_token",
       [&](py::handle v) { f.page_token = StrFromPy(v, "page_token"); });
  return f;
}

// --- Costs, locks, budgets -------------------------------------------------

py::object ToPy(const Cost& c) {
  py::dict kw;
  kw["id"] = py::int_(c.id.value());
  kw["revision"] = py::int_(c.revision);
  kw["project"] = py::int_(c.project.value());
  kw["task"] = IdToPy(c.task);
  kw["kind"] = EnumToPy(Cls("CostKind"), CostKindName(c.kind));
  kw["amount"] = py::int_(c.amount);
  kw["date"] = ToPy(c.date);
  kw["note"] = py::str(c.note);
  kw["author"] = IdToPy(c.author);
  kw["created_at"] = ToPy(c.created_at);
  kw["updated_at"] = ToPy(c.updated_at);
  return Cls("Cost")(**kw);
}

py::list ToPy(const std::vector<Cost>& v) { return ListToPy(v); }

Cost::Kind CostKindFromPy(py::handle obj, const char* field) {
  return EnumFromName(kCostKinds, CostKindName,
                      EnumValue(Cls("CostKind"), obj, field), field);
}

Cost CostFromPy(py::handle obj) {
  Cost c;
  ReadId(obj, "id", c.id);
  Read(obj, "revision",
       [&](py::handle v) { c.revision = IntFromPy(v, "revision"); });
  ReadId(obj, "project", c.project);
  ReadId(obj, "task", c.task);
  Read(obj, "kind", [&](py::handle v) { c.kind = CostKindFromPy(v, "kind"); });
  Read(obj, "amount",
       [&](py::handle v) { c.amount = MoneyFromPy(v, "amount"); });
  Read(obj, "date", [&](py::handle v) { c.date = DayFromPy(v, "date"); });
  Read(obj, "note", [&](py::handle v) { c.note = StrFromPy(v, "note"); });
  return c;
}

CostFilter CostFilterFromPy(py::handle obj) {
  CostFilter f;
  ReadOptionalId(obj, "project", f.project);
  ReadOptionalId(obj, "task", f.task);
  ReadOptional(obj, "kind", f.kind, CostKindFromPy);
  ReadOptional(obj, "date_from", f.from, DayFromPy);
  ReadOptional(obj, "date_to", f.to, DayFromPy);
  return f;
}

py::object ToPy(const PeriodLock& l) {
  return Cls("PeriodLock")(py::arg("id") = l.id.value(),
                           py::arg("project") = IdToPy(l.project),
                           py::arg("through") = ToPy(l.through),
                           py::arg("author") = IdToPy(l.author),
                           py::arg("created_at") = ToPy(l.created_at));
}

py::list ToPy(const std::vector<PeriodLock>& v) { return ListToPy(v); }

py::object ToPy(const BudgetUsage& b) {
  py::dict kw;
  kw["time_budget"] = OptionalToPy(b.time_budget);
  kw["time_used"] = ToPy(b.time_used);
  kw["time_remaining"] = OptionalToPy(b.time_remaining);
  kw["time_percent"] = DoubleToPy(b.time_percent);
  kw["money_budget"] = MoneyToPy(b.money_budget);
  kw["money_used"] = MoneyToPy(b.money_used);
  kw["money_remaining"] = MoneyToPy(b.money_remaining);
  kw["money_percent"] = DoubleToPy(b.money_percent);
  return Cls("BudgetUsage")(**kw);
}

py::object ToPy(const BudgetAlert& a) {
  return Cls("BudgetAlert")(
      py::arg("project") = a.project.value(), py::arg("task") = IdToPy(a.task),
      py::arg("kind") = EnumToPy(Cls("BudgetKind"), BudgetKindName(a.kind)),
      py::arg("percent") = a.percent,
      py::arg("crossed_at") = ToPy(a.crossed_at));
}

py::list ToPy(const std::vector<BudgetAlert>& v) { return ListToPy(v); }

// --- Reports -----------------------------------------------------------------

namespace {

py::object KeyToPy(const ReportKey& k) {
  const bool has_id = k.group == ReportGroup::kProject ||
                      k.group == ReportGroup::kTask ||
                      k.group == ReportGroup::kMember;
  const bool has_period = k.group == ReportGroup::kDay ||
                          k.group == ReportGroup::kWeek ||
                          k.group == ReportGroup::kMonth;
  return Cls("ReportKey")(
      py::arg("group") = ReportGroupToPy(k.group),
      py::arg("id") = has_id ? py::object(py::int_(k.id)) : py::none(),
      py::arg("tag") = k.tag,
      py::arg("period") = has_period ? ToPy(k.period) : py::none(),
      py::arg("label") = k.label);
}

py::object TotalsToPy(const ReportTotals& t) {
  return Cls("ReportTotals")(
      py::arg("seconds") = t.seconds,
      py::arg("billable_seconds") = t.billable_seconds,
      py::arg("entry_count") = t.entry_count,
      py::arg("billed_amount") = MoneyToPy(t.billed_amount),
      py::arg("labour_cost") = MoneyToPy(t.labour_cost),
      py::arg("margin") = MoneyToPy(t.margin));
}

py::object OverdueRowToPy(const OverdueRow& r) {
  return Cls("OverdueRow")(
      py::arg("task") = ToPy(r.task), py::arg("project_name") = r.project_name,
      py::arg("assignee_name") = r.assignee_name,
      py::arg("author_name") = r.author_name,
      py::arg("days_late") = r.days_late, py::arg("late") = r.late);
}

py::tuple OverdueRowsToPy(const std::vector<OverdueRow>& rows) {
  py::tuple out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out[i] = OverdueRowToPy(rows[i]);
  return out;
}

}  // namespace

ReportGroup ReportGroupFromPy(py::handle obj, const char* field) {
  return EnumFromName(kReportGroups, ReportGroupName,
                      EnumValue(Cls("ReportGroup"), obj, field), field);
}

TimeReportQuery TimeReportQueryFromPy(py::handle obj) {
  TimeReportQuery q;
  ReadOptional(obj, "date_from", q.from, DayFromPy);
  ReadOptional(obj, "date_to", q.to, DayFromPy);
  Read(obj, "projects",
       [&](py::handle v) { q.projects = IdsFromPy<ProjectId>(v, "projects"); });
  Read(obj, "members",
       [&](py::handle v) { q.members = IdsFromPy<MemberId>(v, "members"); });
  Read(obj, "tasks",
       [&](py::handle v) { q.tasks = IdsFromPy<TaskId>(v, "tasks"); });
  Read(obj, "tags", [&](py::handle v) { q.tags = StrsFromPy(v, "tags"); });
  ReadOptional(obj, "billable", q.billable, BoolFromPy);
  Read(obj, "group_by", [&](py::handle v) {
    ForEach(v, "group_by", [&](py::handle item) {
      q.group_by.push_back(ReportGroupFromPy(item, "group_by"));
    });
  });
  return q;
}

OverdueQuery OverdueQueryFromPy(py::handle obj) {
  OverdueQuery q;
  ReadOptionalId(obj, "assignee", q.assignee);
  ReadOptionalId(obj, "author", q.author);
  ReadOptionalId(obj, "project", q.project);
  Read(obj, "due_within_days", [&](py::handle v) {
    q.due_within_days = Int32FromPy(v, "due_within_days");
  });
  ReadOptional(obj, "as_of", q.as_of, DayFromPy);
  return q;
}

ProjectHealthQuery ProjectHealthQueryFromPy(py::handle obj) {
  ProjectHealthQuery q;
  Read(obj, "projects",
       [&](py::handle v) { q.projects = IdsFromPy<ProjectId>(v, "projects"); });
  Read(obj, "include_archived", [&](py::handle v) {
    q.include_archived = BoolFromPy(v, "include_archived");
  });
  return q;
}

WorkloadQuery WorkloadQueryFromPy(py::handle obj) {
  WorkloadQuery q;
  ReadOptional(obj, "date_from", q.from, DayFromPy);
  ReadOptional(obj, "date_to", q.to, DayFromPy);
  Read(obj, "members",
       [&](py::handle v) { q.members = IdsFromPy<MemberId>(v, "members"); });
  return q;
}

DigestQuery DigestQueryFromPy(py::handle obj) {
  DigestQuery q;
  Read(obj, "members",
       [&](py::handle v) { q.members = IdsFromPy<MemberId>(v, "members"); });
  ReadOptional(obj, "as_of", q.as_of, DayFromPy);
  return q;
}

py::object ToPy(const TimeReport& r, py::object native) {
  py::tuple rows(r.rows.size());
  for (size_t i = 0; i < r.rows.size(); ++i) {
    py::tuple keys(r.rows[i].keys.size());
    for (size_t k = 0; k < keys.size(); ++k)
      keys[k] = KeyToPy(r.rows[i].keys[k]);
    rows[i] =
        Cls("TimeReportRow")(py::arg("keys") = keys,
                             py::arg("totals") = TotalsToPy(r.rows[i].totals));
  }
  py::tuple group_by(r.query.group_by.size());
  for (size_t i = 0; i < group_by.size(); ++i) {
    group_by[i] = ReportGroupToPy(r.query.group_by[i]);
  }
  return Cls("TimeReport")(
      py::arg("rows") = rows, py::arg("total") = TotalsToPy(r.total),
      py::arg("money_visible") = r.money_visible,
      py::arg("currency") = r.currency, py::arg("time_zone") = r.time_zone,
      py::arg("group_by") = group_by,
      py::arg("date_from") = OptionalToPy(r.query.from),
      py::arg("date_to") = OptionalToPy(r.query.to),
      py::arg("_native") = native);
}

py::object ToPy(const OverdueReport& r, py::object native) {
  return Cls("OverdueReport")(py::arg("as_of") = ToPy(r.as_of),
                              py::arg("rows") = OverdueRowsToPy(r.rows),
                              py::arg("_native") = native);
}

py::object ToPy(const std::vector<ProjectHealth>& projects,
                const std::string& currency, py::object native) {
  py::tuple rows(projects.size());
  for (size_t i = 0; i < projects.size(); ++i) {
    const ProjectHealth& h = projects[i];
    py::dict kw;
    kw["project"] = ToPy(h.project);
    kw["tasks_open"] = py::int_(h.tasks_open);
    kw["tasks_done"] = py::int_(h.tasks_done);
    kw["tasks_overdue"] = py::int_(h.tasks_overdue);
    kw["percent_done"] = py::float_(h.percent_done);
    kw["percent_done_by_estimate"] = DoubleToPy(h.percent_done_by_estimate);
    kw["nearest_deadline_task"] = IdToPy(h.nearest_deadline_task);
    kw["nearest_deadline"] =
        h.nearest_deadline ? DeadlineToPy(*h.nearest_deadline) : py::none();
    kw["budget"] = ToPy(h.budget);
    kw["billed"] = MoneyToPy(h.billed);
    kw["labour_cost"] = MoneyToPy(h.labour_cost);
    kw["expenses"] = MoneyToPy(h.expenses);
    kw["income"] = MoneyToPy(h.income);
    kw["margin"] = MoneyToPy(h.margin);
    kw["last_activity"] = OptionalToPy(h.last_activity);
    rows[i] = Cls("ProjectHealth")(**kw);
  }
  return Cls("ProjectHealthReport")(py::arg("projects") = rows,
                                    py::arg("currency") = currency,
                                    py::arg("_native") = native);
}

py::object ToPy(const std::vector<WorkloadRow>& workload, py::object native) {
  py::tuple rows(workload.size());
  for (size_t i = 0; i < workload.size(); ++i) {
    const WorkloadRow& w = workload[i];
    rows[i] =
        Cls("WorkloadRow")(py::arg("member") = w.member.value(),
                           py::arg("member_name") = w.member_name,
                           py::arg("open_tasks") = w.open_tasks,
                           py::arg("overdue_tasks") = w.overdue_tasks,
                           py::arg("estimate_left") = ToPy(w.estimate_left),
                           py::arg("seconds_logged") = w.seconds_logged);
  }
  return Cls("WorkloadReport")(py::arg("rows") = rows,
                               py::arg("_native") = native);
}

py::object ToPy(const Digest& d, py::object native) {
  py::tuple entries(d.entries.size());
  for (size_t i = 0; i < d.entries.size(); ++i) {
    const DigestEntry& e = d.entries[i];
    py::tuple timers(e.forgotten_timers.size());
    for (size_t t = 0; t < timers.size(); ++t) {
      timers[t] = ToPy(e.forgotten_timers[t]);
    }
    entries[i] = Cls("DigestEntry")(
        py::arg("member") = e.member.value(),
        py::arg("member_name") = e.member_name,
        py::arg("received_overdue") = OverdueRowsToPy(e.received_overdue),
        py::arg("set_overdue") = OverdueRowsToPy(e.set_overdue),
        py::arg("due_this_week") = OverdueRowsToPy(e.due_this_week),
        py::arg("forgotten_timers") = timers,
        py::arg("forgotten_timer_tasks") = StrsToPy(e.forgotten_timer_tasks));
  }
  return Cls("Digest")(
      py::arg("as_of") = ToPy(d.as_of), py::arg("entries") = entries,
      py::arg("time_zone") = d.time_zone, py::arg("_native") = native);
}

// --- Change feed -------------------------------------------------------------

namespace {

py::object ValueToPy(const std::optional<FieldValue>& v) {
  if (!v) return py::none();
  switch (v->kind) {
    case FieldValue::Kind::kText:
      return py::str(v->text);
    case FieldValue::Kind::kInteger:
    case FieldValue::Kind::kMoney:
      return py::int_(v->integer);
    case FieldValue::Kind::kFlag:
      return py::bool_(v->flag);
    case FieldValue::Kind::kDate:
      return ToPy(v->date);
    case FieldValue::Kind::kInstant:
      return ToPy(v->instant);
    case FieldValue::Kind::kDuration:
      return ToPy(v->duration);
    case FieldValue::Kind::kList: {
      py::list out;
      for (const std::string& item : v->list) out.append(py::str(item));
      return std::move(out);
    }
  }
  return py::none();
}

}  // namespace

py::dict ToPy(const Event& event) {
  py::list changes;
  for (const FieldChange& c : event.changes) {
    py::dict change;
    change["field"] = c.field;
    change["old"] = ValueToPy(c.old_value);
    change["new"] = ValueToPy(c.new_value);
    change["money"] = c.money;
    changes.append(std::move(change));
  }
  py::dict out;
  out["seq"] = event.seq;
  out["at"] = ToPy(event.at);
  out["actor"] = event.actor.value();
  out["entity_type"] = std::string(EntityTypeName(event.entity_type));
  out["entity_id"] = event.entity_id;
  out["project"] = event.project.value();
  out["task"] = event.task.value();
  out["action"] = std::string(EventActionName(event.action));
  out["hidden_from_clients"] = event.hidden_from_clients;
  out["money"] = event.money;
  out["changes"] = std::move(changes);
  py::tuple entity_ids(event.entity_ids.size());
  for (size_t i = 0; i < event.entity_ids.size(); ++i) {
    entity_ids[i] = py::int_(event.entity_ids[i]);
  }
  out["entity_ids"] = std::move(entity_ids);
  out["revealed_to_clients"] = event.revealed_to_clients;
  out["concealed_from_clients"] = event.concealed_from_clients;
  out["json"] = EventToJson(event);
  return out;
}

py::dict ToPy(const ChangesPage& page) {
  py::list events;
  for (const Event& e : page.events) events.append(ToPy(e));
  py::dict out;
  out["events"] = std::move(events);
  out["last_seq"] = page.last_seq;
  out["has_more"] = page.has_more;
  return out;
}

}  // namespace worksection::python
