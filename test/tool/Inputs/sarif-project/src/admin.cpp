// The admin console reloads the configuration the same way.
#include "config.h"
#include "task.h"

namespace app {

task reload() {
  std::string config = load_config("/etc/admin.conf");
  co_return;
}

} // namespace app
