// A session that reads its configuration on the executor thread, through
// two of the project's helpers (config.h).
#include "config.h"
#include "task.h"

namespace app {

task handle_session(int id) {
  std::string config = load_config("/etc/app.conf");
  co_return;
}

} // namespace app
