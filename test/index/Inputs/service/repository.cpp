// The repository: reads files itself, and asks storage (a third file) for
// users.
#include "repository.h"
#include "storage.h"
#include <future>

static std::string read_file(const std::string &path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string load_page(const std::string &name) {
  return read_file("/srv/pages/" + name);
}
std::string greet(const std::string &who) { return "hello " + who; }
std::string find_user(int id) { return storage_lookup(id); }

// Recursion across two functions that ends in a read.
std::string walk_tree(int depth);
static std::string walk_leaf(int depth) {
  return depth > 0 ? walk_tree(depth - 1) : std::string();
}
std::string walk_tree(int depth) {
  std::string here = read_file("/srv/tree/" + std::to_string(depth));
  return here + walk_leaf(depth);
}

std::string Store::get(const std::string &key) { return read_file(key); }
std::string FileStore::get(const std::string &key) { return read_file(key); }

// Waits synchronously for work started on another thread.
std::string wait_for_cache(const std::string &key) {
  std::future<std::string> value =
      std::async(std::launch::async, [key] { return "cached:" + key; });
  return value.get();
}
