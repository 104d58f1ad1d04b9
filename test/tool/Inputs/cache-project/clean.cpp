#include "task.h"

task tick(int &count) {
  ++count;
  co_return;
}
