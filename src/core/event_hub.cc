#include "src/core/event_hub.h"

#include <algorithm>
#include <utility>

#include "src/core/call.h"
#include "src/core/event_codec.h"
#include "src/core/event_feed.h"

namespace worksection {

Subscription::Subscription(std::shared_ptr<Entry> entry)
    : entry_(std::move(entry)) {}

Subscription::Subscription(Subscription&& other) noexcept
    : entry_(std::move(other.entry_)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    Cancel();
    entry_ = std::move(other.entry_);
  }
  return *this;
}

Subscription::~Subscription() { Cancel(); }

void Subscription::Cancel() {
  if (entry_ == nullptr) return;
  entry_->hub->Remove(entry_.get());
  {
    std::lock_guard<std::recursive_mutex> lock(entry_->call_mu);
    entry_->cancelled = true;
  }
  entry_.reset();
}

Subscription EventHub::Add(MemberId member, EventCallback callback) {
  auto entry = std::make_shared<Subscription::Entry>();
  entry->hub = this;
  entry->member = member;
  entry->callback = std::move(callback);
  std::lock_guard<std::mutex> lock(mu_);
  entries_.push_back(entry);
  count_.store(entries_.size());
  return Subscription(std::move(entry));
}

void EventHub::Remove(const Subscription::Entry* entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(
      std::remove_if(entries_.begin(), entries_.end(),
                     [entry](const auto& e) { return e.get() == entry; }),
      entries_.end());
  count_.store(entries_.size());
}

void EventHub::Publish(Store& store, const EventRange& range) {
  if (range.empty() || count_.load() == 0) return;
  std::vector<std::shared_ptr<Subscription::Entry>> entries;
  {
    std::lock_guard<std::mutex> lock(mu_);
    entries = entries_;
  }
  // Filter inside one read transaction, call back after it ends: a
  // callback that writes must not wait for our read.
  std::vector<std::pair<Subscription::Entry*, std::vector<Event>>> deliveries;
  {
    absl::StatusOr<std::unique_ptr<Transaction>> tx =
        store.Begin(Store::Mode::kRead);
    if (!tx.ok()) return;
    const int64_t count = range.last - range.first + 1;
    absl::StatusOr<std::vector<StoredEvent>> stored = (*tx)->ScanEvents(
        range.first - 1, static_cast<int>(std::min<int64_t>(count, 1 << 30)));
    if (!stored.ok()) return;
    std::vector<v1::Event> events;
    events.reserve(stored->size());
    for (const StoredEvent& s : *stored) {
      absl::StatusOr<v1::Event> event = ParseStoredEvent(s);
      if (!event.ok()) return;
      events.push_back(*std::move(event));
    }
    for (const auto& entry : entries) {
      absl::StatusOr<Actor> viewer = LoadMemberRoles(**tx, entry->member);
      if (!viewer.ok() || !viewer->member.active) continue;
      EventFilter filter(**tx, *viewer);
      std::vector<Event> visible;
      for (const v1::Event& e : events) {
        v1::Event copy = e;
        absl::StatusOr<bool> admitted = filter.Admit(copy);
        if (admitted.ok() && *admitted) visible.push_back(FromProto(copy));
      }
      if (!visible.empty()) {
        deliveries.emplace_back(entry.get(), std::move(visible));
      }
    }
  }
  for (auto& [entry, visible] : deliveries) {
    std::lock_guard<std::recursive_mutex> lock(entry->call_mu);
    if (!entry->cancelled) entry->callback(visible);
  }
}

}  // namespace worksection
