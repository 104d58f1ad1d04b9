// Defaults: a project's own token type is unknown, no function shields.
// RUN: %check_corolint -check-suffix=DEFAULT %s coro-dropped-cancellation %t -- %std_flags
//
// TokenTypes teaches a token type; ShieldFunctions names the documented
// helpers that shield work from cancellation on purpose: calls to them, and
// their own bodies, are not reported.
// RUN: %check_corolint -check-suffix=CONFIGURED %s coro-dropped-cancellation %t \
// RUN:   -config="{CheckOptions: { \
// RUN:     coro-dropped-cancellation.TokenTypes: 'rpc::Deadline', \
// RUN:     coro-dropped-cancellation.ShieldFunctions: 'db::commit_uncancellable;shielded_flush'}}" \
// RUN:   -- %std_flags
//
// A name that can never match is a configuration error, not silence.
// RUN: not %corolint --checks='-*,coro-dropped-cancellation' \
// RUN:   --config="{CheckOptions: {coro-dropped-cancellation.TokenTypes: 'rpc::Deadline;rpc::Dead line'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-TYPE
// BAD-TYPE: invalid configuration value 'rpc::Dead line' for option 'coro-dropped-cancellation.TokenTypes'; expected qualified names such as 'mylib::StopToken'
// RUN: not %corolint --checks='-*,coro-dropped-cancellation' \
// RUN:   --config="{CheckOptions: {coro-dropped-cancellation.ShieldFunctions: 'a::b()'}}" \
// RUN:   %s -- %std_flags 2>&1 | FileCheck %s --check-prefix=BAD-SHIELD
// BAD-SHIELD: invalid configuration value 'a::b()' for option 'coro-dropped-cancellation.ShieldFunctions'; expected qualified names such as 'mylib::shield'
#include <stop_token>
#include <string>

namespace rpc {
// A project's own cancellation: an RPC deadline the server propagates.
class Deadline {
public:
  bool expired() const;
};
std::string call(const std::string &method, Deadline deadline = {});
} // namespace rpc

namespace db {
void commit(std::stop_token st = {});
// Commits even when the request was abandoned: half a transaction is worse.
void commit_uncancellable(std::stop_token st);
} // namespace db

// A project token type is a token only when named.
std::string cached_status(const std::string &cache, rpc::Deadline deadline) {
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:67: warning: cancellation token 'deadline' is never used: {{.*}}
  return cache.empty() ? "UNKNOWN" : cache;
}

std::string forward_checked(rpc::Deadline deadline) {
  if (deadline.expired())
    return "";
  return rpc::call("Status");
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-1]]:10: warning: 'rpc::call' accepts a cancellation token but none is passed: cancelling 'forward_checked' does not reach it; pass 'deadline' [coro-dropped-cancellation]
}

// Reported in both runs: db::commit is not a shield.
void save(std::stop_token st) {
  if (st.stop_requested())
    return;
  db::commit();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: 'db::commit' accepts a cancellation token but none is passed: cancelling 'save' does not reach it; pass 'st' [coro-dropped-cancellation]
  // CHECK-MESSAGES-CONFIGURED: :[[@LINE-2]]:3: warning: 'db::commit' accepts a cancellation token but none is passed: {{.*}}
}

// A call to a shield helper is deliberate.
void save_all(std::stop_token st) {
  if (st.stop_requested())
    return;
  db::commit_uncancellable(std::stop_token{});
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:28: warning: 'db::commit_uncancellable' is given an empty cancellation token: {{.*}}
}

// So is the body of one.
void shielded_flush(std::stop_token st) {
  db::commit();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: warning: 'db::commit' accepts a cancellation token but none is passed: cancelling 'shielded_flush' does not reach it; pass 'st' [coro-dropped-cancellation]
}
