#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "src/core/call.h"
#include "worksection/session.h"
#include "worksection/workspace.h"

namespace worksection {

absl::StatusOr<std::unique_ptr<SessionTransaction>>
Session::BeginTransaction() {
  if (joined_ != nullptr) {
    return absl::FailedPreconditionError(
        "this session already belongs to a transaction");
  }
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      workspace_->store().Begin(Store::Mode::kWrite);
  if (!tx.ok()) return tx.status();
  std::unique_ptr<SessionTransaction> joined(
      new SessionTransaction(*this, *std::move(tx)));
  joined->session_.joined_ = joined.get();
  return joined;
}

SessionTransaction::SessionTransaction(Session session,
                                       std::unique_ptr<Transaction> tx)
    : session_(session), tx_(std::move(tx)) {}

SessionTransaction::~SessionTransaction() = default;

absl::Status SessionTransaction::Commit() {
  if (tx_ == nullptr) {
    return absl::FailedPreconditionError(
        "the transaction was already committed or rolled back");
  }
  std::unique_ptr<Transaction> tx = std::move(tx_);
  if (!failure_.ok()) {
    return absl::AbortedError(absl::StrCat(
        "rolled back: a call inside failed: ", failure_.message()));
  }
  if (absl::Status s = tx->Commit(); !s.ok()) return s;
  tx.reset();
  Workspace& workspace = SessionAccess::workspace(session_);
  SessionAccess::hub(workspace).Publish(
      workspace.store(), EventRange{first_event_seq_, last_event_seq_});
  return absl::OkStatus();
}

void SessionTransaction::Rollback() { tx_.reset(); }

}  // namespace worksection
