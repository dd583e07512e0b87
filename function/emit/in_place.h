// The in-place emitter: makes a plan's changes as edits of the input's
// text through krm::Editor, so that every byte it does not change comes
// out as it came. It needs nothing but the plan.
#pragma once

#include <vector>

#include "function/plan/plan.h"
#include "krm/editor.h"
#include "krm/result.h"

namespace ppi {

// Returns the problems (text that cannot be edited in place) as errors
// naming the resource and field.
std::vector<krm::Result> EmitInPlace(const RewritePlan& plan, krm::Editor* editor);

}  // namespace ppi
