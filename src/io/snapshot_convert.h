// The model's entities as snapshot records (proto/worksection/v1/
// snapshot.proto) and back. Reading a record checks what the proto cannot:
// enum names, days, durations; errors are InvalidArgument naming the
// record's position and the field.
#ifndef WORKSECTION_SRC_IO_SNAPSHOT_CONVERT_H_
#define WORKSECTION_SRC_IO_SNAPSHOT_CONVERT_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/time_tracking.h"
#include "worksection/v1/snapshot.pb.h"

namespace worksection::io {

v1::SnapshotSettings ToProto(const WorkspaceSettings& settings);
v1::SnapshotMember ToProto(const Member& member);
v1::SnapshotProject ToProto(const Project& project);
v1::SnapshotTask ToProto(const Task& task);
v1::SnapshotComment ToProto(const Comment& comment);
v1::SnapshotTimeEntry ToProto(const TimeEntry& entry);
v1::SnapshotTimer ToProto(const Timer& timer);
v1::SnapshotCost ToProto(const Cost& cost);
v1::SnapshotLock ToProto(const PeriodLock& lock);
v1::SnapshotBudgetAlert ToProto(const BudgetAlert& alert);

absl::StatusOr<WorkspaceSettings> FromProto(const v1::SnapshotSettings& p,
                                            absl::string_view position);
absl::StatusOr<Member> FromProto(const v1::SnapshotMember& p,
                                 absl::string_view position);
absl::StatusOr<Project> FromProto(const v1::SnapshotProject& p,
                                  absl::string_view position);
absl::StatusOr<Task> FromProto(const v1::SnapshotTask& p,
                               absl::string_view position);
absl::StatusOr<Comment> FromProto(const v1::SnapshotComment& p,
                                  absl::string_view position);
absl::StatusOr<TimeEntry> FromProto(const v1::SnapshotTimeEntry& p,
                                    absl::string_view position);
absl::StatusOr<Timer> FromProto(const v1::SnapshotTimer& p,
                                absl::string_view position);
absl::StatusOr<Cost> FromProto(const v1::SnapshotCost& p,
                               absl::string_view position);
absl::StatusOr<PeriodLock> FromProto(const v1::SnapshotLock& p,
                                     absl::string_view position);
absl::StatusOr<BudgetAlert> FromProto(const v1::SnapshotBudgetAlert& p,
                                      absl::string_view position);

}  // namespace worksection::io

#endif  // WORKSECTION_SRC_IO_SNAPSHOT_CONVERT_H_
