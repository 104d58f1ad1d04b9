// RUN: %check_corolint %s coro-blocking-call %t -- %std_flags
//
// What a helper reaches does not depend on which coroutine asked first:
// summaries are solved bottom-up over the call graph's strongly connected
// components. Recursion, long chains, virtual calls, function pointers and
// functions defined nowhere in the translation unit are each handled on
// purpose.
#include <asio.hpp>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

using namespace std::chrono_literals;

// ---- A cycle: retry_connect calls back_off, which calls retry_connect.
// Asking about retry_connect first used to leave back_off "reaching
// nothing" for every later caller.
void back_off(int attempts);
void retry_connect(int attempts) {
  if (attempts > 0)
    back_off(attempts);
  std::this_thread::sleep_for(10ms);
}
void back_off(int attempts) { retry_connect(attempts - 1); }

asio::awaitable<void> first_caller() {
  retry_connect(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'retry_connect' in coroutine 'first_caller' blocks the executor thread: it reaches 'std::this_thread::sleep_for' (sleep) [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'std::this_thread::sleep_for' blocks here
  co_return;
}
asio::awaitable<void> second_caller() {
  back_off(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to 'back_off' in coroutine 'second_caller' blocks the executor thread: it reaches 'std::this_thread::sleep_for' (sleep) [coro-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-11]]:31: note: through the call to 'retry_connect' here
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: 'std::this_thread::sleep_for' blocks here
  co_return;
}

// ---- A chain deeper than any fixed limit: every link is reported, the
// first asked about and a middle one asked about later.
static std::string read_all(const char *path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
static std::string step8(const char *p) { return read_all(p); }
static std::string step7(const char *p) { return step8(p); }
static std::string step6(const char *p) { return step7(p); }
static std::string step5(const char *p) { return step6(p); }
static std::string step4(const char *p) { return step5(p); }
static std::string step3(const char *p) { return step4(p); }
static std::string step2(const char *p) { return step3(p); }
static std::string step1(const char *p) { return step2(p); }

asio::awaitable<std::string> deep_caller() {
  co_return step1("/etc/app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'step1' in coroutine 'deep_caller' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O)
  // CHECK-MESSAGES: :[[@LINE-5]]:50: note: through the call to 'step2' here
  // CHECK-MESSAGES: :[[@LINE-13]]:50: note: through the call to 'read_all' here
  // CHECK-MESSAGES: :[[@LINE-17]]:17: note: 'std::basic_ifstream::basic_ifstream' blocks here
}
asio::awaitable<std::string> middle_caller() {
  co_return step5("/etc/app.conf");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: call to 'step5' in coroutine 'middle_caller' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O)
}

// ---- Recursion that blocks at its leaves, and recursion that only
// computes.
struct Node {
  const char *path;
  Node *left, *right;
};
static size_t load_tree(const Node *n) {
  size_t bytes = read_all(n->path).size();
  if (n->left)
    bytes += load_tree(n->left) + load_tree(n->right);
  return bytes;
}
// Reads only at the leaves, in a branch: it may block, which is reported
// only with ReportConditionalPaths.
static size_t load_leaves(const Node *n) {
  if (!n->left)
    return read_all(n->path).size();
  return load_leaves(n->left) + load_leaves(n->right);
}
static int depth(const Node *n) {
  return n ? 1 + std::max(depth(n->left), depth(n->right)) : 0;
}

asio::awaitable<void> walk(const Node *root) {
  size_t bytes = load_tree(root);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: call to 'load_tree' in coroutine 'walk' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O)
  size_t leaves = load_leaves(root);
  int d = depth(root);
  (void)bytes, (void)leaves, (void)d;
  co_return;
}

// ---- Virtual calls: the base's body is not what runs.
struct Store {
  virtual ~Store() = default;
  virtual std::string get(const char *key) { return read_all(key); }
};
struct MemoryStore : Store {
  std::string get(const char *key) override { return key; }
};
struct FileStore final : Store {
  std::string get(const char *key) override { return read_all(key); }
};

asio::awaitable<void> lookups(Store &any, FileStore &files, MemoryStore &mem) {
  std::string a = any.get("k"); // May be a MemoryStore: not followed.
  std::string b = files.get("k"); // A final class: this body runs.
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'FileStore::get' in coroutine 'lookups' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O)
  std::string c = mem.Store::get("k"); // Qualified: Store's body runs.
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: call to 'Store::get' in coroutine 'lookups' blocks the executor thread: it reaches 'std::basic_ifstream::basic_ifstream' (file I/O)
  co_return;
}

// ---- Calls the summaries do not follow: through a function pointer or a
// std::function (documented), and of a function defined in another file
// (unknown without the project index: never guessed to block).
std::string fetch_remote(const char *key);
asio::awaitable<void> indirect(std::string (*reader)(const char *),
                               std::function<std::string(const char *)> fn) {
  std::string a = reader("/etc/hosts");
  std::string b = fn("/etc/hosts");
  std::string c = fetch_remote("k");
  co_return;
}
