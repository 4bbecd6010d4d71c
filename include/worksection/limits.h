// The bounds every input is checked against. Strings are counted in bytes of
// UTF-8; a value outside its bound fails with InvalidArgument naming the field.
#ifndef WORKSECTION_LIMITS_H_
#define WORKSECTION_LIMITS_H_

#include <cstddef>

namespace worksection::limits {

inline constexpr size_t kMaxNameBytes = 200;       // workspace, member, project
inline constexpr size_t kMaxEmailBytes = 254;      // RFC 5321 path limit
inline constexpr size_t kMaxTitleBytes = 500;      // task title, checklist item
inline constexpr size_t kMaxTextBytes = 100'000;   // task text, comment, note
inline constexpr size_t kMaxLabelBytes = 100;      // tag, folder, company
inline constexpr size_t kMaxTags = 50;             // per project or task
inline constexpr size_t kMaxChecklistItems = 500;  // per task
inline constexpr size_t kMaxSubscribers = 500;     // per task
inline constexpr size_t kMaxProjectMembers = 1000;  // per project
inline constexpr int kMaxTaskDepth = 3;  // task, subtask, sub-subtask
inline constexpr int kMinPriority = 0;   // 0 means paused
inline constexpr int kMaxPriority = 10;
inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;
// Years a date may name; keeps every date arithmetic far from overflow.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 9999;

}  // namespace worksection::limits

#endif  // WORKSECTION_LIMITS_H_
