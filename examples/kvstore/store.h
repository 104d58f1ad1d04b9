// store.h - the key-value table shared by every session, and the server's
// counters. Sessions run on one io_context thread; the replication link runs
// on its own thread, so the table takes a short lock per operation.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kv {

class Store {
public:
  std::optional<std::string> get(const std::string &key) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = table_.find(key);
    if (it == table_.end())
      return std::nullopt;
    return it->second;
  }

  void set(std::string key, std::string value) {
    std::lock_guard<std::mutex> lock(mutex_);
    table_.insert_or_assign(std::move(key), std::move(value));
    ++version_;
  }

  bool erase(const std::string &key) {
    std::lock_guard<std::mutex> lock(mutex_);
    bool erased = table_.erase(key) > 0;
    version_ += erased;
    return erased;
  }

  // A consistent copy for the replication link, taken under the lock so the
  // (slow) network transfer happens without it.
  std::vector<std::pair<std::string, std::string>>
  snapshot(std::uint64_t &version) const {
    std::lock_guard<std::mutex> lock(mutex_);
    version = version_;
    return {table_.begin(), table_.end()};
  }

  std::uint64_t version() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return version_;
  }

private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> table_;
  std::uint64_t version_ = 0;
};

struct Metrics {
  std::atomic<std::uint64_t> connections{0};
  std::atomic<std::uint64_t> commands{0};
  std::atomic<std::uint64_t> errors{0};

  std::string render() const {
    return "kv_connections " + std::to_string(connections.load()) +
           "\nkv_commands " + std::to_string(commands.load()) +
           "\nkv_errors " + std::to_string(errors.load()) + "\n";
  }
};

} // namespace kv
