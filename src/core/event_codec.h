// Conversions between the public Event and its wire message.
#ifndef WORKSECTION_SRC_CORE_EVENT_CODEC_H_
#define WORKSECTION_SRC_CORE_EVENT_CODEC_H_

#include "worksection/events.h"
#include "worksection/v1/event.pb.h"

namespace worksection {

Event FromProto(const v1::Event& event);
// Fills `out`, which should be empty.
void ToProto(const Event& event, v1::Event& out);

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_EVENT_CODEC_H_
