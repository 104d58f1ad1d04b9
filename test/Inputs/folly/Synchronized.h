// Mock of folly/Synchronized.h: data guarded by a mutex, reached through a
// LockedPtr that holds the lock while it lives (wlock(), rlock()).
#pragma once
#include <folly/SharedMutex.h>

namespace folly {
struct LockPolicyExclusive {};
struct LockPolicyShared {};

template <class SynchronizedType, class LockPolicy> class LockedPtr {
public:
  using DataType = typename SynchronizedType::DataType;
  LockedPtr() = default;
  explicit LockedPtr(SynchronizedType *parent);
  LockedPtr(LockedPtr &&other) noexcept;
  LockedPtr &operator=(LockedPtr &&other) noexcept;
  ~LockedPtr();
  DataType *operator->() const;
  DataType &operator*() const;
  void unlock();
  bool isNull() const;

private:
  SynchronizedType *parent_ = nullptr;
};

template <class T, class Mutex = SharedMutex> struct Synchronized {
  using DataType = T;
  using MutexType = Mutex;
  LockedPtr<Synchronized, LockPolicyExclusive> wlock();
  LockedPtr<const Synchronized, LockPolicyShared> rlock() const;
  template <class Function> auto withWLock(Function &&function);

  T datum_;
  mutable Mutex mutex_;
};
} // namespace folly
