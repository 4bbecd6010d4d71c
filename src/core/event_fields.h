// The field lists of the change feed: for each entity type, which fields an
// event reports, under which name, and which of them are money. Written once
// per type; used for created (before null), updated and deleted (after
// null) entities alike.
#ifndef WORKSECTION_SRC_CORE_EVENT_FIELDS_H_
#define WORKSECTION_SRC_CORE_EVENT_FIELDS_H_

#include "worksection/model.h"
#include "worksection/money.h"
#include "worksection/time_tracking.h"
#include "worksection/v1/event.pb.h"

namespace worksection {

// Appends to `event` a FieldChange for each field whose value differs
// between `before` and `after` (null: the entity did not exist). A field
// empty on both sides is skipped.
void DiffFields(const WorkspaceSettings* before, const WorkspaceSettings* after,
                v1::Event& event);
void DiffFields(const Member* before, const Member* after, v1::Event& event);
void DiffFields(const Project* before, const Project* after, v1::Event& event);
void DiffFields(const Task* before, const Task* after, v1::Event& event);
void DiffFields(const Comment* before, const Comment* after, v1::Event& event);
void DiffFields(const TimeEntry* before, const TimeEntry* after,
                v1::Event& event);
void DiffFields(const Timer* before, const Timer* after, v1::Event& event);
void DiffFields(const Cost* before, const Cost* after, v1::Event& event);
void DiffFields(const PeriodLock* before, const PeriodLock* after,
                v1::Event& event);
void DiffFields(const BudgetAlert* before, const BudgetAlert* after,
                v1::Event& event);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_EVENT_FIELDS_H_
