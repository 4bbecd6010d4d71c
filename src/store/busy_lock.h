// BusyLock: the stores' transaction lock. Exclusive for a write transaction,
// shared for a read one, taken within the busy timeout (false past it, which
// the store reports as Unavailable), held from Begin to the transaction's
// destruction.
//
// Built on std::mutex and std::condition_variable (pthreads, which
// ThreadSanitizer intercepts; the system's Abseil is not instrumented, so an
// absl::Mutex would hide every lock from it), with a timed wait and no
// polling. Not std::shared_timed_mutex / std::timed_mutex:
//   - a transaction may wait for a lock its own thread holds: a call through
//     another session while a SessionTransaction holds the write lock waits
//     the busy timeout and gets Unavailable. Locking a standard mutex the
//     thread already owns is undefined behaviour; here it is a plain wait.
//     Likewise any thread may release it.
//   - libstdc++ waits for their steady_clock deadlines with
//     pthread_{mutex,rwlock}_clock*lock, which the ThreadSanitizer runtime
//     of LLVM 14 (Debian 12) does not intercept; pthread_cond_clockwait,
//     behind condition_variable::wait_until, it does.
// Writers come first: while a writer waits, new readers wait too, so a
// stream of overlapping readers cannot starve it.
#ifndef WORKSECTION_SRC_STORE_BUSY_LOCK_H_
#define WORKSECTION_SRC_STORE_BUSY_LOCK_H_

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/time/time.h"

namespace worksection {
namespace store_internal {

class BusyLock {
 public:
  BusyLock() = default;
  BusyLock(const BusyLock&) = delete;
  BusyLock& operator=(const BusyLock&) = delete;

  // Takes the lock exclusively within `timeout` (an infinite one waits as
  // long as it takes); false if it could not.
  bool Lock(absl::Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    ++writers_waiting_;
    const bool free =
        WaitFor(lock, timeout, [this] { return !writer_ && readers_ == 0; });
    --writers_waiting_;
    if (!free) {
      // Readers held back for this writer may go on.
      if (writers_waiting_ == 0) cv_.notify_all();
      return false;
    }
    writer_ = true;
    return true;
  }

  // Takes the lock shared within `timeout`; false if it could not.
  bool LockShared(absl::Duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!WaitFor(lock, timeout,
                 [this] { return !writer_ && writers_waiting_ == 0; })) {
      return false;
    }
    ++readers_;
    return true;
  }

  void Unlock() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      writer_ = false;
    }
    cv_.notify_all();
  }

  void UnlockShared() {
    bool last;
    {
      std::lock_guard<std::mutex> lock(mu_);
      last = --readers_ == 0;
    }
    if (last) cv_.notify_all();
  }

 private:
  // Waits until `ready` holds, at most `timeout`; whether it holds.
  template <typename Ready>
  bool WaitFor(std::unique_lock<std::mutex>& lock, absl::Duration timeout,
               Ready ready) {
    if (timeout == absl::InfiniteDuration()) {
      cv_.wait(lock, ready);
      return true;
    }
    // Bounded (100 years) so that the deadline cannot overflow the clock.
    const absl::Duration wait =
        std::clamp(timeout, absl::ZeroDuration(), absl::Hours(24 * 365 * 100));
    return cv_.wait_until(
        lock,
        std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(wait),
        ready);
  }

  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  int readers_ = 0;          // transactions holding it shared
  bool writer_ = false;      // a transaction holds it exclusively
  int writers_waiting_ = 0;  // Lock calls waiting: new readers wait too
};

}  // namespace store_internal
}  // namespace worksection

#endif  // WORKSECTION_SRC_STORE_BUSY_LOCK_H_
