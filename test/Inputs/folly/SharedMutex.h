// Mock of folly/SharedMutex.h: the reader-writer mutex folly::Synchronized
// uses by default. A blocking, thread-owned mutex.
#pragma once
#include <atomic>

namespace folly {
struct SharedMutexPolicyDefault {};
template <bool ReaderPriority, typename Tag_ = void,
          template <typename> class Atom = std::atomic,
          typename Policy = SharedMutexPolicyDefault>
class SharedMutexImpl {
public:
  void lock();
  bool try_lock();
  void unlock();
  void lock_shared();
  bool try_lock_shared();
  void unlock_shared();

private:
  Atom<unsigned> state_{0};
};
using SharedMutexReadPriority = SharedMutexImpl<true>;
using SharedMutexWritePriority = SharedMutexImpl<false>;
using SharedMutex = SharedMutexWritePriority;
} // namespace folly
