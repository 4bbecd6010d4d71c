#include "worksection/workspace.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "src/core/call.h"
#include "src/core/event_hub.h"
#include "src/core/event_recorder.h"
#include "src/core/validate.h"
#include "worksection/limits.h"

namespace worksection {
namespace {

// The checked setup, with the owner's e-mail normalized.
absl::StatusOr<WorkspaceSetup> CheckSetup(WorkspaceSetup setup) {
  absl::Status s =
      CheckText("setup.name", setup.name, 1, limits::kMaxNameBytes);
  if (s.ok()) s = CheckTimeZone("setup.time_zone", setup.time_zone);
  if (s.ok()) s = CheckCurrency("setup.currency", setup.currency);
  if (s.ok()) {
    s = CheckText("setup.owner_name", setup.owner_name, 1,
                  limits::kMaxNameBytes);
  }
  if (!s.ok()) return s;
  absl::StatusOr<std::string> email =
      NormalizeEmail("setup.owner_email", setup.owner_email);
  if (!email.ok()) return email.status();
  setup.owner_email = *std::move(email);
  return setup;
}

}  // namespace

Workspace::Workspace(std::unique_ptr<Store> store,
                     std::function<absl::Time()> clock)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      hub_(std::make_unique<EventHub>()) {}

Workspace::~Workspace() = default;

absl::StatusOr<std::unique_ptr<Workspace>> Workspace::Open(
    absl::string_view uri, OpenOptions options) {
  if (options.create) {
    absl::StatusOr<WorkspaceSetup> setup = CheckSetup(*options.create);
    if (!setup.ok()) return setup.status();
  }
  StoreOptions store_options;
  store_options.read_only = options.read_only;
  store_options.busy_timeout = options.busy_timeout;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(uri, store_options);
  if (!store.ok()) return store.status();
  std::function<absl::Time()> clock =
      options.clock ? std::move(options.clock) : [] { return absl::Now(); };
  std::unique_ptr<Workspace> workspace(
      new Workspace(*std::move(store), std::move(clock)));
  if (options.create && !options.read_only) {
    absl::StatusOr<bool> initialized = workspace->Initialized();
    if (!initialized.ok()) return initialized.status();
    if (!*initialized) {
      absl::StatusOr<Member> owner = workspace->Bootstrap(*options.create);
      // Another process may have set it up between the two transactions.
      if (!owner.ok() && !absl::IsFailedPrecondition(owner.status())) {
        return owner.status();
      }
    }
  }
  return workspace;
}

absl::StatusOr<Member> Workspace::Bootstrap(const WorkspaceSetup& raw_setup) {
  absl::StatusOr<WorkspaceSetup> setup = CheckSetup(raw_setup);
  if (!setup.ok()) return setup.status();
  absl::StatusOr<std::unique_ptr<Transaction>> store_tx =
      store_->Begin(Store::Mode::kWrite);
  if (!store_tx.ok()) return store_tx.status();
  const absl::Time now = Now();
  // The setup's events have no actor: the owner does not exist yet.
  EventRecorder recorder(**store_tx, MemberId(), now);
  EventRecorder* tx = &recorder;
  absl::StatusOr<std::optional<WorkspaceSettings>> existing = tx->GetSettings();
  if (!existing.ok()) return existing.status();
  if (*existing) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the store already holds workspace ", Quote((*existing)->name)));
  }
  WorkspaceSettings settings;
  settings.revision = 1;
  settings.name = setup->name;
  settings.time_zone = setup->time_zone;
  settings.currency = setup->currency;
  settings.week_start = setup->week_start;
  if (absl::Status s = tx->PutSettings(settings); !s.ok()) return s;

  Member owner;
  owner.revision = 1;
  owner.name = setup->owner_name;
  owner.email = setup->owner_email;
  owner.role = Role::kOwner;
  owner.cost_rate = 0;
  owner.billing_rate = 0;
  owner.created_at = now;
  owner.updated_at = now;
  absl::StatusOr<MemberId> id = tx->InsertMember(owner);
  if (!id.ok()) return id.status();
  owner.id = *id;
  if (absl::Status s = tx->Commit(); !s.ok()) return s;
  store_tx->reset();
  hub_->Publish(*store_, recorder.range());
  return owner;
}

absl::StatusOr<bool> Workspace::Initialized() const {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store_->Begin(Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<std::optional<WorkspaceSettings>> settings =
      (*tx)->GetSettings();
  if (!settings.ok()) return settings.status();
  return settings->has_value();
}

absl::StatusOr<Member> Workspace::FirstOwner() const {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store_->Begin(Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  MemberFilter filter;
  filter.role = Role::kOwner;
  absl::StatusOr<std::vector<Member>> owners = (*tx)->ListMembers(filter);
  if (!owners.ok()) return owners.status();
  if (owners->empty()) {
    return absl::FailedPreconditionError(
        "the workspace is not set up yet (call Workspace::Bootstrap)");
  }
  return owners->front();
}

Session Workspace::As(MemberId actor) { return Session(this, actor); }

absl::StatusOr<Subscription> Workspace::Subscribe(MemberId member,
                                                  EventCallback callback) {
  absl::StatusOr<std::unique_ptr<Transaction>> tx =
      store_->Begin(Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  absl::StatusOr<Member> found = (*tx)->GetMember(member);
  if (!found.ok()) return found.status();
  return hub_->Add(member, std::move(callback));
}

}  // namespace worksection
