// What every run of the binary must show, whatever its input: it ends with
// exit 0 or 1 (never a signal or a hang) and writes a complete
// ResourceList that reads back; when it fails, its results and stderr say
// why, and the items it was given come back untouched.
#pragma once

#include <string>
#include <vector>

#include "tests/file_util.h"  // ReadFile, Exists
#include "tests/hostile/process.h"

namespace ppi_test {

struct Expect {
  int code = 0;
  std::string message;  // exit 1: part of an error result ("" for any)
  // The input is over a limit the run was given (lower than the defaults):
  // it comes back as `items: []`, like input that is not a ResourceList.
  bool over_limit = false;
};

// The binary (PPI_BIN) and the source tree (PPI_SOURCE_DIR).
std::string Binary();
std::string SourceDir();
// Limits for a run: none on memory when the binary has a sanitizer.
ProcessLimits DefaultLimits();

// A minimal environment for the binary plus `extra` ("NAME=value").
std::vector<std::string> Environment(const std::vector<std::string>& extra = {});

// In `cwd` when not empty (a case whose settings name files relative to it).
ProcessResult RunBinary(const std::string& input, const std::vector<std::string>& env,
                        const ProcessLimits& limits, const std::string& cwd = "");

// Checks the run with Catch assertions.
void CheckRun(const std::string& input, const ProcessResult& r, const Expect& expect);

// The text with `results` emptied: what must match between the input and
// a failed run's output.
std::string WithoutResults(const std::string& text);

// Names of the entries of `dir` (no dot files), sorted.
std::vector<std::string> ListDir(const std::string& dir);

}  // namespace ppi_test
