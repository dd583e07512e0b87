// Applying a plan: turns it into text edits through krm::Editor.
#pragma once

#include <string>
#include <vector>

#include "function/plan.h"
#include "krm/editor.h"

namespace ppi {

// Makes the plan's edits. Problems (text that cannot be edited in place)
// are appended to `results` as errors.
void Apply(const RewritePlan& plan, const Workloads& workloads, const Config& config,
           const ProbeRecord& record, const krm::ResourceList& list, krm::Editor* editor,
           std::vector<krm::Result>* results);

}  // namespace ppi
