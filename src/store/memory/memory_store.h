#ifndef WORKSECTION_SRC_STORE_MEMORY_MEMORY_STORE_H_
#define WORKSECTION_SRC_STORE_MEMORY_MEMORY_STORE_H_

#include <memory>

#include "worksection/store.h"

namespace worksection {

// A private store held in this process's memory, lost when destroyed.
// Write transactions are serialized; rollback replays an undo log, so a
// transaction costs what it touches, never a copy of the whole store.
std::unique_ptr<Store> NewMemoryStore(const StoreOptions& options);

}  // namespace worksection

#endif  // WORKSECTION_SRC_STORE_MEMORY_MEMORY_STORE_H_
