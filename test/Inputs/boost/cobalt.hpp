// Mock of boost/cobalt.hpp (Boost.Cobalt's umbrella header) for corolint
// tests.
#pragma once
#include <boost/cobalt/detached.hpp>
#include <boost/cobalt/promise.hpp>
#include <boost/cobalt/run.hpp>
#include <boost/cobalt/spawn.hpp>
#include <boost/cobalt/task.hpp>
