// Storage, built as a static library of its own in the real project.
#include "storage.h"
#include <unistd.h>

std::string storage_lookup(int id) {
  char buffer[64] = {};
  // A blocking read of a descriptor, two files away from the coroutine.
  ssize_t n = ::read(id, buffer, sizeof buffer);
  return std::string(buffer, n > 0 ? n : 0);
}
