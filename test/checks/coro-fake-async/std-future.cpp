// Future-returning functions on real libstdc++: std::async, std::thread
// with a std::promise, std::jthread, std::packaged_task. Flagged when the
// work handed over blocks (a catalog API, directly or through the
// project's own functions, with the path in notes); silent when it only
// computes, when nothing is offloaded, or when the signature promises
// nothing.
// RUN: %check_corolint %s coro-fake-async %t -- -std=c++20 -pthread
#include <chrono>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <netdb.h>
#include <numeric>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace store {

std::string slurp(const std::string &path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string load_manifest(const std::string &root) {
  return slurp(root + "/MANIFEST");
}

// Through two project functions down to the ifstream.
std::future<std::string> manifest_async(std::string root) {
  return std::async(std::launch::async,
                    [root] { return load_manifest(root); });
}
// CHECK-MESSAGES: :[[@LINE-4]]:26: warning: 'store::manifest_async' is fake asynchrony: it returns 'std::future<std::string>' but only runs blocking work on another thread, where 'std::basic_ifstream::basic_ifstream' (file I/O) holds the thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use asynchronous file I/O, or a thread pool that hands the result back [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:10: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-4]]:37: note: through the call to 'store::load_manifest' here
// CHECK-MESSAGES: :[[@LINE-11]]:10: note: through the call to 'store::slurp' here
// CHECK-MESSAGES: :[[@LINE-17]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here

// The default launch policy may run the work on another thread too.
std::future<void> backoff_async(std::chrono::milliseconds d) {
  return std::async([d] { std::this_thread::sleep_for(d); });
}
// CHECK-MESSAGES: :[[@LINE-3]]:19: warning: 'store::backoff_async' is fake asynchrony: it returns 'std::future<void>' but only runs blocking work on another thread, where 'std::this_thread::sleep_for' (sleep) holds the thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use an asynchronous timer [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-4]]:27: note: 'std::this_thread::sleep_for' blocks here

// A std::promise set on a detached thread.
std::future<addrinfo *> resolve_async(std::string host) {
  std::promise<addrinfo *> done;
  std::future<addrinfo *> result = done.get_future();
  std::thread([host, done = std::move(done)]() mutable {
    addrinfo *list = nullptr;
    getaddrinfo(host.c_str(), "443", nullptr, &list);
    done.set_value(list);
  }).detach();
  return result;
}
// CHECK-MESSAGES: :[[@LINE-10]]:25: warning: 'store::resolve_async' is fake asynchrony: it returns 'std::future<addrinfo *>' but only runs blocking work on another thread, where 'getaddrinfo' (DNS lookup) holds the thread for the whole wait; expose the synchronous function and let callers decide where to run it, or use an asynchronous resolver [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'getaddrinfo' blocks here

// A function handed over by name, and a std::jthread.
void write_journal(int fd, std::string entry) {
  ::write(fd, entry.data(), entry.size());
  ::fsync(fd);
}
std::future<void> journal_async(int fd, std::string entry) {
  std::packaged_task<void(int, std::string)> task(write_journal);
  std::future<void> written = task.get_future();
  std::jthread(std::move(task), fd, std::move(entry)).detach();
  return written;
}
// CHECK-MESSAGES: :[[@LINE-6]]:19: warning: 'store::journal_async' is fake asynchrony: it returns 'std::future<void>' but only runs blocking work on another thread, where 'write' (file I/O) {{.*}} [coro-fake-async]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: the work moves to another thread here
// CHECK-MESSAGES: :[[@LINE-11]]:3: note: 'write' blocks here

// --- Silent --------------------------------------------------------------

// std::async of pure computation: offloading CPU work is legitimate.
std::future<long> checksum_async(std::vector<int> data) {
  return std::async(std::launch::async, [data = std::move(data)] {
    return std::accumulate(data.begin(), data.end(), 0L);
  });
}

// Deferred: runs on the thread that waits, nothing is offloaded.
std::future<std::string> lazy_manifest_async(std::string root) {
  return std::async(std::launch::deferred,
                    [root] { return load_manifest(root); });
}

// The signature promises nothing: a synchronous function that uses a
// thread internally and joins it.
std::string manifest_with_timeout(std::string root) {
  auto pending = std::async(std::launch::async,
                            [root] { return load_manifest(root); });
  pending.wait_for(std::chrono::seconds(1));
  return pending.get();
}

// Composes another future-returning function: that one is the finding.
std::future<std::string> current_manifest_async() {
  return manifest_async("/var/lib/store");
}

// A work the translation unit cannot see (a parameter).
std::future<void> run_async(std::function<void()> job) {
  return std::async(std::launch::async, std::move(job));
}

// The blocking call runs only on an error path of the work.
std::future<int> parse_async(std::string text, bool trace) {
  return std::async(std::launch::async, [text, trace] {
    if (trace)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return std::stoi(text);
  });
}

// Several threads for parallel computation, joined before returning.
long parallel_sum(const std::vector<long> &v) {
  long a = 0, b = 0;
  std::thread first([&] { a = std::accumulate(v.begin(), v.begin() + v.size() / 2, 0L); });
  std::thread second([&] { b = std::accumulate(v.begin() + v.size() / 2, v.end(), 0L); });
  first.join();
  second.join();
  return a + b;
}

struct Loader {
  virtual ~Loader() = default;
  virtual std::future<std::string> load_async(std::string key) = 0;
};

// An override keeps the signature its interface dictates.
struct FileLoader : Loader {
  std::future<std::string> load_async(std::string key) override {
    return std::async(std::launch::async, [key] { return slurp(key); });
  }
};

} // namespace store

int main() {
  auto lambda_async = [](std::string root) {
    return std::async(std::launch::async,
                      [root] { return store::load_manifest(root); });
  };
  (void)lambda_async;
}
