#include "tests/hostile/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ppi_test {
namespace {

// A run that has not finished after this long is stuck on something the
// resource limits cannot see (a blocked read): it is killed and reported.
constexpr int kSafetyStopMs = 15 * 60 * 1000;

void SetLimit(int resource, rlim_t value) {
  struct rlimit rl {
    value, value
  };
  setrlimit(resource, &rl);
}

[[noreturn]] void Child(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                        const ProcessLimits& limits, const std::string& cwd, int in, int out,
                        int err) {
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  for (int fd = 3; fd < 1024; ++fd) close(fd);
  if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
  SetLimit(RLIMIT_CPU, limits.cpu_seconds);
  if (limits.memory_mb) SetLimit(RLIMIT_AS, limits.memory_mb << 20);
  SetLimit(RLIMIT_CORE, 0);
  signal(SIGPIPE, SIG_DFL);
  std::vector<char*> args, vars;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  for (const std::string& v : env) vars.push_back(const_cast<char*>(v.c_str()));
  args.push_back(nullptr);
  vars.push_back(nullptr);
  execve(args[0], args.data(), vars.data());
  _exit(127);
}

void Drain(int fd, std::string* into, bool* open) {
  char buf[1 << 16];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n > 0) {
    into->append(buf, static_cast<size_t>(n));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    *open = false;
  }
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         const std::string& input, const ProcessLimits& limits,
                         const std::string& cwd) {
  signal(SIGPIPE, SIG_IGN);  // a child that stops reading early is fine
  int in[2], out[2], err[2];
  ProcessResult r;
  if (pipe(in) || pipe(out) || pipe(err)) return r;
  pid_t pid = fork();
  if (pid == 0) Child(argv, env, limits, cwd, in[0], out[1], err[1]);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  bool in_open = true, out_open = true, err_open = true;
  if (input.empty()) close(in[1]), in_open = false;
  int waited = 0;
  while (out_open || err_open) {
    struct pollfd fds[3] = {{in_open ? in[1] : -1, POLLOUT, 0},
                            {out_open ? out[0] : -1, POLLIN, 0},
                            {err_open ? err[0] : -1, POLLIN, 0}};
    int ready = poll(fds, 3, 1000);
    if (ready == 0 && (waited += 1000) >= kSafetyStopMs) {
      kill(pid, SIGKILL);
      r.hung = true;
    }
    if (ready < 0) continue;
    if (in_open && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in[1], input.data() + r.input_taken, input.size() - r.input_taken);
      if (n > 0) r.input_taken += static_cast<size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || r.input_taken == input.size()) {
        close(in[1]);
        in_open = false;
      }
    }
    if (out_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
      Drain(out[0], &r.out, &out_open);
    if (err_open && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)))
      Drain(err[0], &r.err, &err_open);
  }
  if (in_open) close(in[1]);
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

std::string Describe(const ProcessResult& r) {
  if (r.hung) return "hung (killed by the safety stop)";
  if (r.signal) return "signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")";
  return "exit " + std::to_string(r.exit_code);
}

}  // namespace ppi_test
