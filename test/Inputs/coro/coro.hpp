// Mock of coro/coro.hpp (libcoro's umbrella header) for corolint tests.
#pragma once
#include <coro/io_scheduler.hpp>
#include <coro/sync_wait.hpp>
#include <coro/task.hpp>
#include <coro/thread_pool.hpp>
