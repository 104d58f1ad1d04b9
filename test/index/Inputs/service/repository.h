#pragma once
#include <fstream>
#include <iterator>
#include <string>

std::string load_page(const std::string &name);
std::string greet(const std::string &who);
std::string find_user(int id);
std::string ask_peer(const std::string &what);
std::string walk_tree(int depth);
std::string defined_nowhere(const std::string &key);
std::string wait_for_cache(const std::string &key);

struct Store {
  virtual ~Store() = default;
  virtual std::string get(const std::string &key);
};
struct FileStore final : Store {
  std::string get(const std::string &key) override;
};

// Header-only: every file that includes it defines it.
inline std::string header_helper(const std::string &path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
