// RUN: %check_corolint %s coro-detached-task %t -- %std_flags
//
// A log shipper and a thumbnail service: threads let go with detach(),
// std::async whose future is dropped (the destructor waits: a hidden
// synchronous wait, or with launch::deferred work that never runs), next to
// the correct forms: std::jthread, a joined thread, a stored future.
#include <future>
#include <string>
#include <thread>
#include <vector>

struct Uploader {
  void upload(const std::string &) {}
};

void ship_logs(Uploader &up, std::vector<std::string> batch) {
  std::thread worker([&up, batch] {
    for (const auto &line : batch)
      up.upload(line);
  });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::thread::detach' lets the work go: nothing waits for it or observes its errors, and it may outlive what it uses; use std::jthread, or keep the std::thread and join it instead [coro-detached-task]
}

void ship_now(Uploader &up, std::string line) {
  std::thread([&up, line] { up.upload(line); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::thread::detach' lets the work go: {{.*}}
}

void ship_jthread(Uploader &up, std::string line) {
  std::jthread worker([&up, line] { up.upload(line); });
  worker.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::jthread::detach' lets the work go: {{.*}}; use the std::jthread itself, which joins when it goes out of scope instead [coro-detached-task]
}

int render(int size) { return size * 2; }

void warm_cache() {
  std::async(std::launch::async, render, 64);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future returned by 'std::async' is discarded: its destructor blocks until the work finishes, so this is a hidden synchronous wait, not fire-and-forget; keep the future and wait for it where the result is needed [coro-detached-task]
  std::async([] { return render(128); });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future returned by 'std::async' is discarded: {{.*}}
  std::async(std::launch::deferred, render, 256);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the future returned by 'std::async' with std::launch::deferred is discarded: the work never runs [coro-detached-task]
  (void)std::async(std::launch::async, render, 512);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the future returned by 'std::async' is discarded: {{.*}}
  if (render(1) > 0)
    std::async(std::launch::async, render, 1024);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the future returned by 'std::async' is discarded: {{.*}}
}

// Negatives: the thread is owned and joined, the futures are kept.
void ship_joined(Uploader &up, std::string line) {
  std::thread worker([&up, line] { up.upload(line); });
  worker.join();
  std::jthread scoped([&up, line] { up.upload(line); });
  std::vector<std::jthread> pool;
  pool.emplace_back([&up, line] { up.upload(line); });
}

int render_all() {
  std::future<int> small = std::async(std::launch::async, render, 16);
  auto large = std::async(std::launch::async, render, 32);
  std::vector<std::future<int>> pending;
  pending.push_back(std::async(std::launch::async, render, 8));
  int total = small.get() + large.get();
  for (auto &f : pending)
    total += f.get();
  return total;
}

std::future<int> render_later() {
  return std::async(std::launch::async, render, 4);
}

// A project's own `detach` is not std::thread's.
struct Subscription {
  void detach() {}
};
void unsubscribe(Subscription &s) { s.detach(); }
