// Runs the real binary as kpt and kustomize do: input on stdin, output and
// messages captured, with resource limits so that a run that would take
// unbounded time or memory is stopped by the kernel instead of the machine.
#pragma once

#include <string>
#include <vector>

namespace ppi_test {

struct ProcessLimits {
  unsigned cpu_seconds = 120;      // RLIMIT_CPU: SIGXCPU, then SIGKILL
  unsigned long memory_mb = 4096;  // RLIMIT_AS; 0: none (sanitizer builds)
};

struct ProcessResult {
  std::string out, err;
  int exit_code = -1;  // -1 when a signal ended it
  int signal = 0;
  bool hung = false;       // killed after the wall-clock safety stop
  size_t input_taken = 0;  // bytes of the input written before stdin closed
};

// Runs `argv[0]` with exactly `env` ("NAME=value") as its environment, in
// `cwd` when not empty.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         const std::string& input, const ProcessLimits& limits,
                         const std::string& cwd = "");

// "exit 1", "signal 9 (Killed)", "hung": for messages.
std::string Describe(const ProcessResult& r);

}  // namespace ppi_test
