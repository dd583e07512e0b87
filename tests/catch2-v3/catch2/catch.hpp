// The tests include Catch2 v2's single header; with Catch2 v3 (which has
// no such header) this one stands in for it. Only the CMake build's v3
// path puts this directory on the include path.
#pragma once

#include <catch2/catch_all.hpp>

using Catch::Approx;
