// The frame every KRM function runs in: read the ResourceList, check its
// envelope, let the function make its edits and results, and write the
// whole ResourceList back, always.
//
//   1. Read the input (krm::ResourceList::Parse). Input that cannot be read
//      as one ResourceList-shaped mapping comes back as `items: []` with the
//      error: nothing of it can be trusted to be written back.
//   2. Problems found while reading (duplicate keys, too many items) and
//      results known before the input (ExecuteOptions::results) fail the
//      run; so does an envelope that is not a ResourceList (kind, apiVersion
//      config.kubernetes.io/v1 or v1beta1, items a list).
//   3. Otherwise the processor runs: it reads the list, makes edits through
//      the editor and appends results.
//   4. When any result is an error, every edit is dropped: the items come
//      back exactly as they came, with the results. Error messages also go
//      to stderr, one a line, after "<name>: ".
//   5. The output is written with its results (WriteOutput); when the text
//      cannot take them, they go out on their own as in 1.
//   6. The exit code is 1 when any result is an error (kpt and kustomize
//      ignore error results when it is 0), else 0.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "krm/editor.h"
#include "krm/resource_list.h"
#include "krm/result.h"

namespace krm {

// A function's work on a list that passed the envelope check.
using Processor = std::function<void(const ResourceList&, Editor*, std::vector<Result>*)>;

struct ExecuteOptions {
  Limits limits;
  // Results known before the input is read (a bad setting of the limits):
  // an error among them fails the run before the processor.
  std::vector<Result> results;
  std::string name = "krm-function";  // what stderr lines start with
  // Called with the exit code once the output is written, while the parsed
  // input still exists: a command line can end the process there instead
  // of freeing a large tree.
  std::function<void(int)> finish;
};

// Runs `process` on `input`; writes the ResourceList to `out` and error
// messages to `err`. Returns the exit code.
int Execute(std::string input, const ExecuteOptions& options, const Processor& process,
            std::ostream& out, std::ostream& err);

// Appends an error if `list` is not a ResourceList envelope; true when it is.
bool CheckEnvelope(const ResourceList& list, std::vector<Result>* results);

}  // namespace krm
