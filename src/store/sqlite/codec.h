// How the SQLite store encodes model values in columns. These encodings are
// part of the file format: never change a mapping, only add new values.
//
//   absl::Time      int64 microseconds since the Unix epoch, UTC
//                   (InfinitePast/InfiniteFuture as INT64_MIN/INT64_MAX)
//   absl::Duration  int64 whole seconds
//   absl::CivilDay  int64 days since 1970-01-01
//   enums           small ints, mapped explicitly below (never the C++
//                   declaration order)
//   ids             int64; an invalid id ("none") as NULL, so that foreign
//                   keys hold
#ifndef WORKSECTION_SRC_STORE_SQLITE_CODEC_H_
#define WORKSECTION_SRC_STORE_SQLITE_CODEC_H_

#include <cstdint>
#include <limits>
#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "worksection/model.h"
#include "worksection/money.h"

namespace worksection::sqlite_internal {

inline int64_t EncodeTime(absl::Time t) {
  if (t == absl::InfinitePast()) return std::numeric_limits<int64_t>::min();
  if (t == absl::InfiniteFuture()) return std::numeric_limits<int64_t>::max();
  return absl::ToUnixMicros(t);
}

inline absl::Time DecodeTime(int64_t micros) {
  if (micros == std::numeric_limits<int64_t>::min()) {
    return absl::InfinitePast();
  }
  if (micros == std::numeric_limits<int64_t>::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromUnixMicros(micros);
}

inline int64_t EncodeDuration(absl::Duration d) {
  return absl::ToInt64Seconds(d);
}
inline absl::Duration DecodeDuration(int64_t seconds) {
  return absl::Seconds(seconds);
}

inline int64_t EncodeDay(absl::CivilDay day) {
  return day - absl::CivilDay(1970, 1, 1);
}
inline absl::CivilDay DecodeDay(int64_t days) {
  return absl::CivilDay(1970, 1, 1) + days;
}

// Enums. Each Decode* returns false for a value no version ever wrote.

inline int64_t EncodeRole(Role role) {
  switch (role) {
    case Role::kOwner:
      return 1;
    case Role::kAdmin:
      return 2;
    case Role::kEmployee:
      return 3;
    case Role::kClient:
      return 4;
    case Role::kReader:
      return 5;
  }
  return 0;
}
inline bool DecodeRole(int64_t v, Role* out) {
  switch (v) {
    case 1:
      *out = Role::kOwner;
      return true;
    case 2:
      *out = Role::kAdmin;
      return true;
    case 3:
      *out = Role::kEmployee;
      return true;
    case 4:
      *out = Role::kClient;
      return true;
    case 5:
      *out = Role::kReader;
      return true;
  }
  return false;
}

inline int64_t EncodeProjectRole(ProjectRole role) {
  switch (role) {
    case ProjectRole::kManager:
      return 1;
    case ProjectRole::kMember:
      return 2;
    case ProjectRole::kClient:
      return 3;
  }
  return 0;
}
inline bool DecodeProjectRole(int64_t v, ProjectRole* out) {
  switch (v) {
    case 1:
      *out = ProjectRole::kManager;
      return true;
    case 2:
      *out = ProjectRole::kMember;
      return true;
    case 3:
      *out = ProjectRole::kClient;
      return true;
  }
  return false;
}

inline int64_t EncodeProjectStatus(ProjectStatus status) {
  switch (status) {
    case ProjectStatus::kActive:
      return 1;
    case ProjectStatus::kPaused:
      return 2;
    case ProjectStatus::kArchived:
      return 3;
  }
  return 0;
}
inline bool DecodeProjectStatus(int64_t v, ProjectStatus* out) {
  switch (v) {
    case 1:
      *out = ProjectStatus::kActive;
      return true;
    case 2:
      *out = ProjectStatus::kPaused;
      return true;
    case 3:
      *out = ProjectStatus::kArchived;
      return true;
  }
  return false;
}

inline int64_t EncodeTaskStatus(TaskStatus status) {
  switch (status) {
    case TaskStatus::kOpen:
      return 1;
    case TaskStatus::kDone:
      return 2;
  }
  return 0;
}
inline bool DecodeTaskStatus(int64_t v, TaskStatus* out) {
  switch (v) {
    case 1:
      *out = TaskStatus::kOpen;
      return true;
    case 2:
      *out = TaskStatus::kDone;
      return true;
  }
  return false;
}

// ISO 8601 numbering: Monday = 1 .. Sunday = 7.
inline int64_t EncodeWeekday(absl::Weekday day) {
  switch (day) {
    case absl::Weekday::monday:
      return 1;
    case absl::Weekday::tuesday:
      return 2;
    case absl::Weekday::wednesday:
      return 3;
    case absl::Weekday::thursday:
      return 4;
    case absl::Weekday::friday:
      return 5;
    case absl::Weekday::saturday:
      return 6;
    case absl::Weekday::sunday:
      return 7;
  }
  return 0;
}
inline bool DecodeWeekday(int64_t v, absl::Weekday* out) {
  switch (v) {
    case 1:
      *out = absl::Weekday::monday;
      return true;
    case 2:
      *out = absl::Weekday::tuesday;
      return true;
    case 3:
      *out = absl::Weekday::wednesday;
      return true;
    case 4:
      *out = absl::Weekday::thursday;
      return true;
    case 5:
      *out = absl::Weekday::friday;
      return true;
    case 6:
      *out = absl::Weekday::saturday;
      return true;
    case 7:
      *out = absl::Weekday::sunday;
      return true;
  }
  return false;
}

// Schema version 2.

inline int64_t EncodeRoundingMode(Rounding::Mode mode) {
  switch (mode) {
    case Rounding::Mode::kNone:
      return 1;
    case Rounding::Mode::kUp:
      return 2;
    case Rounding::Mode::kNearest:
      return 3;
    case Rounding::Mode::kDown:
      return 4;
  }
  return 0;
}
inline bool DecodeRoundingMode(int64_t v, Rounding::Mode* out) {
  switch (v) {
    case 1:
      *out = Rounding::Mode::kNone;
      return true;
    case 2:
      *out = Rounding::Mode::kUp;
      return true;
    case 3:
      *out = Rounding::Mode::kNearest;
      return true;
    case 4:
      *out = Rounding::Mode::kDown;
      return true;
  }
  return false;
}

inline int64_t EncodeCostKind(Cost::Kind kind) {
  switch (kind) {
    case Cost::Kind::kExpense:
      return 1;
    case Cost::Kind::kIncome:
      return 2;
  }
  return 0;
}
inline bool DecodeCostKind(int64_t v, Cost::Kind* out) {
  switch (v) {
    case 1:
      *out = Cost::Kind::kExpense;
      return true;
    case 2:
      *out = Cost::Kind::kIncome;
      return true;
  }
  return false;
}

// Ordered as the enum is, so ORDER BY kind is the reference order.
inline int64_t EncodeBudgetAlertKind(BudgetAlert::Kind kind) {
  switch (kind) {
    case BudgetAlert::Kind::kTime:
      return 1;
    case BudgetAlert::Kind::kMoney:
      return 2;
  }
  return 0;
}
inline bool DecodeBudgetAlertKind(int64_t v, BudgetAlert::Kind* out) {
  switch (v) {
    case 1:
      *out = BudgetAlert::Kind::kTime;
      return true;
    case 2:
      *out = BudgetAlert::Kind::kMoney;
      return true;
  }
  return false;
}

}  // namespace worksection::sqlite_internal

#endif  // WORKSECTION_SRC_STORE_SQLITE_CODEC_H_
