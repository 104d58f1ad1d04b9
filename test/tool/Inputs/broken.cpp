#include "task.h"

task broken() {
  co_return undeclared_name;
}
