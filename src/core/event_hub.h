// The in-process subscribers of a Workspace (Workspace::Subscribe), and
// delivering each commit's events to them.
#ifndef WORKSECTION_SRC_CORE_EVENT_HUB_H_
#define WORKSECTION_SRC_CORE_EVENT_HUB_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "src/core/event_recorder.h"
#include "worksection/events.h"
#include "worksection/store.h"

namespace worksection {

struct Subscription::Entry {
  class EventHub* hub;
  MemberId member;
  EventCallback callback;
  // Held while the callback runs, so Cancel waits for a running call.
  // Recursive: the callback may write (and so publish) or cancel itself
  // on its own thread.
  std::recursive_mutex call_mu;
  bool cancelled = false;  // guarded by call_mu
};

// Thread-safe.
class EventHub {
 public:
  Subscription Add(MemberId member, EventCallback callback);
  void Remove(const Subscription::Entry* entry);

  // After the commit that appended `range` (and after its transaction is
  // gone, so a callback may write): reads those events from `store` and
  // calls each subscriber with the ones it may see. Best effort: a read
  // error delivers nothing (ChangesSince still has the events).
  void Publish(Store& store, const EventRange& range);

 private:
  std::mutex mu_;
  std::vector<std::shared_ptr<Subscription::Entry>> entries_;  // guarded
  std::atomic<size_t> count_{0};
};

}  // namespace worksection

#endif  // WORKSECTION_SRC_CORE_EVENT_HUB_H_
