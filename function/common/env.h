// The process environment, as a parameter: stages that read it (the
// identity's license variable, the reader's limits) take a lookup, so that
// tests need not touch the real environment.
#pragma once

#include <functional>

namespace ppi {

// Returns the variable's value, or nullptr when it is unset.
using EnvLookup = std::function<const char*(const char*)>;

}  // namespace ppi
