#include "src/io/snapshot_format.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "src/io/proto_json.h"
#include "worksection/snapshot.h"

namespace worksection::io {
namespace {

namespace pb = ::worksection::v1;
using google::protobuf::RepeatedPtrField;

absl::Status CheckVersion(const pb::SnapshotHeader& header,
                          absl::string_view position) {
  if (header.format_version() > kSnapshotFormatVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        position, ": the snapshot has format version ", header.format_version(),
        " (written by worksection ", header.library_version(),
        "), newer than version ", kSnapshotFormatVersion,
        ", the newest this library reads"));
  }
  if (header.format_version() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(position, ": header.format_version is missing or 0"));
  }
  return absl::OkStatus();
}

std::string RecordAt(uint64_t index, uint64_t offset) {
  return absl::StrCat("record ", index, " at byte ", offset);
}

absl::StatusOr<std::vector<PositionedRecord>> DecodeBinary(
    absl::string_view bytes) {
  std::vector<PositionedRecord> out;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  size_t offset = kSnapshotMagic.size();
  while (true) {
    const uint64_t index = out.size();
    if (offset == bytes.size()) {
      return absl::DataLossError(
          absl::StrCat("the snapshot is truncated: it ends at byte ", offset,
                       " after ", index, " records, without its end record"));
    }
    google::protobuf::io::CodedInputStream in(data + offset,
                                              bytes.size() - offset);
    uint32_t length = 0;
    if (!in.ReadVarint32(&length)) {
      return absl::DataLossError(absl::StrCat(
          RecordAt(index, offset), ": truncated or corrupt record length"));
    }
    const size_t body = offset + in.CurrentPosition();
    if (length > bytes.size() - body) {
      return absl::DataLossError(
          absl::StrCat(RecordAt(index, offset), ": the record claims ", length,
                       " bytes but only ", bytes.size() - body,
                       " remain (the snapshot is truncated)"));
    }
    PositionedRecord r;
    r.position = RecordAt(index, offset);
    if (!r.record.ParseFromArray(data + body, static_cast<int>(length))) {
      return absl::DataLossError(
          absl::StrCat(r.position, ": corrupt record (not a SnapshotRecord)"));
    }
    offset = body + length;
    const bool first = index == 0;
    if (first != r.record.has_header()) {
      return absl::DataLossError(absl::StrCat(
          r.position, first ? ": the first record is not the header"
                            : ": a second header"));
    }
    if (first) {
      if (absl::Status s = CheckVersion(r.record.header(), r.position);
          !s.ok()) {
        return s;
      }
    }
    if (r.record.has_end()) {
      if (r.record.end().record_count() != index) {
        return absl::DataLossError(absl::StrCat(
            r.position, ": the end record counts ",
            r.record.end().record_count(), " records before it, not ", index));
      }
      if (offset != bytes.size()) {
        return absl::DataLossError(absl::StrCat("byte ", offset, ": ",
                                                bytes.size() - offset,
                                                " bytes after the end record"));
      }
      return out;
    }
    if (r.record.record_case() == pb::SnapshotRecord::RECORD_NOT_SET) {
      return absl::DataLossError(
          absl::StrCat(r.position, ": a record of no known kind"));
    }
    out.push_back(std::move(r));
  }
}

// Appends `items` as records named "<list>[i]".
template <typename T>
void AppendAll(const RepeatedPtrField<T>& items, absl::string_view list,
               T* (pb::SnapshotRecord::*mutable_field)(),
               std::vector<PositionedRecord>& out) {
  for (int i = 0; i < items.size(); ++i) {
    PositionedRecord r;
    *(r.record.*mutable_field)() = items[i];
    r.position = absl::StrCat(list, "[", i, "]");
    out.push_back(std::move(r));
  }
}

absl::StatusOr<std::vector<PositionedRecord>> DecodeJson(
    absl::string_view bytes) {
  pb::Snapshot snapshot;
  absl::Status status = ParseJson(bytes, &snapshot, false);
  if (!status.ok()) {
    // A newer format may add fields: report its version rather than them.
    pb::Snapshot newer;
    if (ParseJson(bytes, &newer, true).ok() &&
        newer.header().format_version() > kSnapshotFormatVersion) {
      return CheckVersion(newer.header(), "header");
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "the snapshot is not valid snapshot JSON: ", status.message()));
  }
  if (!snapshot.has_header()) {
    return absl::InvalidArgumentError("the JSON snapshot has no header");
  }
  if (absl::Status s = CheckVersion(snapshot.header(), "header"); !s.ok()) {
    return s;
  }
  std::vector<PositionedRecord> out;
  PositionedRecord header;
  *header.record.mutable_header() = snapshot.header();
  header.position = "header";
  out.push_back(std::move(header));
  using R = pb::SnapshotRecord;
  AppendAll(snapshot.members(), "members", &R::mutable_member, out);
  AppendAll(snapshot.projects(), "projects", &R::mutable_project, out);
  AppendAll(snapshot.tasks(), "tasks", &R::mutable_task, out);
  AppendAll(snapshot.comments(), "comments", &R::mutable_comment, out);
  AppendAll(snapshot.time_entries(), "time_entries", &R::mutable_time_entry,
            out);
  AppendAll(snapshot.timers(), "timers", &R::mutable_timer, out);
  AppendAll(snapshot.costs(), "costs", &R::mutable_cost, out);
  AppendAll(snapshot.locks(), "locks", &R::mutable_lock, out);
  AppendAll(snapshot.budget_alerts(), "budget_alerts", &R::mutable_budget_alert,
            out);
  AppendAll(snapshot.events(), "events", &R::mutable_event, out);
  return out;
}

void AppendDelimited(const google::protobuf::MessageLite& message,
                     std::string& out) {
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  coded.WriteVarint32(static_cast<uint32_t>(message.ByteSizeLong()));
  message.SerializeWithCachedSizes(&coded);
}

}  // namespace

std::string EncodeBinarySnapshot(
    const std::vector<v1::SnapshotRecord>& records) {
  std::string out(kSnapshotMagic);
  for (const pb::SnapshotRecord& r : records) AppendDelimited(r, out);
  pb::SnapshotRecord end;
  end.mutable_end()->set_record_count(records.size());
  AppendDelimited(end, out);
  return out;
}

absl::StatusOr<std::string> EncodeJsonSnapshot(
    const std::vector<v1::SnapshotRecord>& records) {
  pb::Snapshot snapshot;
  for (const pb::SnapshotRecord& r : records) {
    switch (r.record_case()) {
      case pb::SnapshotRecord::kHeader:
        *snapshot.mutable_header() = r.header();
        break;
      case pb::SnapshotRecord::kMember:
        *snapshot.add_members() = r.member();
        break;
      case pb::SnapshotRecord::kProject:
        *snapshot.add_projects() = r.project();
        break;
      case pb::SnapshotRecord::kTask:
        *snapshot.add_tasks() = r.task();
        break;
      case pb::SnapshotRecord::kComment:
        *snapshot.add_comments() = r.comment();
        break;
      case pb::SnapshotRecord::kTimeEntry:
        *snapshot.add_time_entries() = r.time_entry();
        break;
      case pb::SnapshotRecord::kTimer:
        *snapshot.add_timers() = r.timer();
        break;
      case pb::SnapshotRecord::kCost:
        *snapshot.add_costs() = r.cost();
        break;
      case pb::SnapshotRecord::kLock:
        *snapshot.add_locks() = r.lock();
        break;
      case pb::SnapshotRecord::kBudgetAlert:
        *snapshot.add_budget_alerts() = r.budget_alert();
        break;
      case pb::SnapshotRecord::kEvent:
        *snapshot.add_events() = r.event();
        break;
      case pb::SnapshotRecord::kEnd:
      case pb::SnapshotRecord::RECORD_NOT_SET:
        break;
    }
  }
  return PrintJson(snapshot, /*pretty=*/true,
                   /*always_print_primitive_fields=*/false);
}

absl::StatusOr<std::vector<PositionedRecord>> DecodeSnapshot(
    absl::string_view bytes) {
  if (bytes.size() > kMaxSnapshotBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the snapshot is ", bytes.size(),
                     " bytes, more than the limit of ", kMaxSnapshotBytes));
  }
  if (absl::StartsWith(bytes, kSnapshotMagic)) return DecodeBinary(bytes);
  if (absl::StartsWith(absl::StripLeadingAsciiWhitespace(bytes), "{")) {
    return DecodeJson(bytes);
  }
  return absl::InvalidArgumentError(
      "not a worksection snapshot: byte 0 starts neither the binary magic "
      "nor a JSON object");
}

}  // namespace worksection::io
