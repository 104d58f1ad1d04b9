#include "session.h"
#include <fstream>
#include <string>

task load_page(std::string path) {
  std::ifstream in(path);
  std::string page((std::istreambuf_iterator<char>(in)), {});
  co_return;
}
