#include "src/io/taskwarrior.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "src/io/tool_json.h"
#include "worksection/v1/tool_exports.pb.h"

namespace worksection::io {
namespace {

using google::protobuf::Value;

// Fields Taskwarrior computes on export: nothing is lost without them.
bool IsDerived(absl::string_view name) {
  return name == "id" || name == "urgency" || name == "imask" ||
         name == "mask" || name == "rtype";
}

class TaskReader {
 public:
  TaskReader(const std::string& position) : position_(position) {}

  std::string Text(const Value& v, absl::string_view field) {
    if (!v.has_string_value()) Fail(field, "expected a string");
    return v.string_value();
  }
  std::optional<absl::Time> Date(const Value& v, absl::string_view field) {
    const std::string text = Text(v, field);
    absl::Time t;
    if (!ParseBasicInstant(text, &t)) {
      Fail(field,
           absl::StrCat("bad date \"", text, "\" (expected YYYYMMDDTHHMMSSZ)"));
      return std::nullopt;
    }
    return t;
  }
  std::vector<std::string> Strings(const Value& v, absl::string_view field) {
    std::vector<std::string> out;
    if (v.has_string_value()) {  // 2.6 writes depends as "uuid,uuid"
      for (absl::string_view part :
           absl::StrSplit(v.string_value(), ',', absl::SkipEmpty())) {
        out.emplace_back(part);
      }
      return out;
    }
    if (!v.has_list_value()) {
      Fail(field, "expected an array of strings");
      return out;
    }
    for (const Value& item : v.list_value().values()) {
      out.push_back(Text(item, field));
    }
    return out;
  }
  std::vector<TaskwarriorAnnotation> Annotations(const Value& v) {
    std::vector<TaskwarriorAnnotation> out;
    if (!v.has_list_value()) {
      Fail("annotations", "expected an array");
      return out;
    }
    for (const Value& item : v.list_value().values()) {
      if (!item.has_struct_value()) {
        Fail("annotations", "expected objects");
        break;
      }
      TaskwarriorAnnotation a;
      for (const auto& [name, value] : item.struct_value().fields()) {
        if (name == "entry") a.entry = Date(value, "annotations.entry");
        if (name == "description") {
          a.description = Text(value, "annotations.description");
        }
      }
      out.push_back(std::move(a));
    }
    return out;
  }

  const absl::Status& status() const { return status_; }

  void Fail(absl::string_view field, absl::string_view what) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(position_, ".", field, ": ", what));
    }
  }

 private:
  std::string position_;
  absl::Status status_;
};

// `fields` in name order.
absl::StatusOr<TaskwarriorTask> ReadTask(const NamedValues& fields, int index) {
  TaskwarriorTask t;
  for (const auto& [name, value] : fields) {
    if (name == "uuid" && value->has_string_value()) {
      t.uuid = value->string_value();
    }
  }
  t.position = t.uuid.empty()
                   ? absl::StrCat("tasks[", index, "]")
                   : absl::StrCat("tasks[", index, "] (uuid ", t.uuid, ")");
  if (t.uuid.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(t.position, ": no uuid string"));
  }
  TaskReader r(t.position);
  // In name order, so that the kept fields come out the same every time.
  for (const auto& [name, value] : fields) {
    const Value& v = *value;
    if (name == "uuid" || IsDerived(name)) continue;
    if (name == "description") {
      t.description = r.Text(v, name);
    } else if (name == "project") {
      t.project = r.Text(v, name);
    } else if (name == "status") {
      t.status = r.Text(v, name);
    } else if (name == "priority") {
      t.priority = r.Text(v, name);
    } else if (name == "recur") {
      t.recur = r.Text(v, name);
    } else if (name == "parent") {
      t.recurrence_parent = r.Text(v, name);
    } else if (name == "due") {
      t.due = r.Date(v, name);
    } else if (name == "scheduled") {
      t.scheduled = r.Date(v, name);
    } else if (name == "wait") {
      t.wait = r.Date(v, name);
    } else if (name == "until") {
      t.until = r.Date(v, name);
    } else if (name == "entry") {
      t.entry = r.Date(v, name);
    } else if (name == "end") {
      t.end = r.Date(v, name);
    } else if (name == "modified") {
      t.modified = r.Date(v, name);
    } else if (name == "tags") {
      t.tags = r.Strings(v, name);
    } else if (name == "depends") {
      t.depends = r.Strings(v, name);
    } else if (name == "annotations") {
      t.annotations = r.Annotations(v);
    } else {
      t.other.emplace_back(std::string(name), ValueText(v));
    }
  }
  if (r.status().ok() && t.description.empty()) {
    r.Fail("description", "missing or empty");
  }
  if (!r.status().ok()) return r.status();
  return t;
}

}  // namespace

absl::StatusOr<std::vector<TaskwarriorTask>> ParseTaskwarrior(
    absl::string_view json) {
  // User-defined attributes, or bad input, take ParseObjectArray's path.
  absl::StatusOr<std::vector<TaskwarriorTask>> tasks =
      ReadKnownObjects<TaskwarriorTask, v1::TaskwarriorExport>(
          json, "Taskwarrior", ReadTask);
  if (!tasks.ok()) return tasks.status();
  absl::flat_hash_map<std::string, size_t> first_index;
  for (size_t i = 0; i < tasks->size(); ++i) {
    auto [it, inserted] = first_index.emplace((*tasks)[i].uuid, i);
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat("tasks[", it->second, "] and tasks[", i,
                       "] have the same uuid ", (*tasks)[i].uuid));
    }
  }
  return tasks;
}

}  // namespace worksection::io
