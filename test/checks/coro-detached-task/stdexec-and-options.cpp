// RUN: %check_corolint %s coro-detached-task %t -- %std_flags -isystem %inputs
// RUN: %check_corolint -check-suffix=OPT %s coro-detached-task %t-opt \
// RUN:   -config='{CheckOptions: {coro-detached-task.AllowedSpawnSites: "boot", coro-detached-task.DetachFunctions: "telemetry::fire"}}' \
// RUN:   -- %std_flags -isystem %inputs
//
// stdexec's start_detached (a function object) against exec::async_scope,
// and the options: AllowedSpawnSites silences a function whose detaching is
// policy, DetachFunctions adds a project API.
#include <exec/async_scope.hpp>
#include <stdexec/execution.hpp>

namespace telemetry {
void fire(int event) { (void)event; }
} // namespace telemetry

void publish(int value) {
  stdexec::start_detached(stdexec::just(value));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stdexec::start_detached' lets the work go: nothing waits for it or observes its errors, and it may outlive what it uses; use an exec::async_scope (or exec::counting_scope): spawn into it and co_await its on_empty() before shutdown instead [coro-detached-task]
  // CHECK-MESSAGES-OPT: :[[@LINE-2]]:3: warning: 'stdexec::start_detached' lets the work go: {{.*}}
  telemetry::fire(value);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: 'telemetry::fire' lets the work go: {{.*}}; use a scope that owns the work and is joined before shutdown instead [coro-detached-task]
}

void boot(int value) {
  stdexec::start_detached(stdexec::just(value));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'stdexec::start_detached' lets the work go: {{.*}}
  telemetry::fire(value);
}

// Negative: the scope owns the work and is joined.
struct Publisher {
  exec::async_scope scope;
  void publish(int value) { scope.spawn(stdexec::just(value)); }
  void shutdown() { stdexec::sync_wait(scope.on_empty()); }
};
