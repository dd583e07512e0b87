#include "function/config/setting_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ppi {
namespace {

// Closes the descriptor when it goes out of scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) close(fd);
  }
};

std::string Reason(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

bool ReadSettingFile(const std::string& path, size_t max_bytes, std::string* text,
                     std::string* error) {
  Descriptor file{open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
  if (file.fd < 0) {
    *error = Reason("cannot be opened");
    return false;
  }
  struct stat st {};
  if (fstat(file.fd, &st) != 0) {
    *error = Reason("cannot be read");
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = S_ISDIR(st.st_mode) ? "is a directory, not a file" : "is not a regular file";
    return false;
  }
  text->clear();
  char buf[1 << 14];
  while (text->size() <= max_bytes) {
    ssize_t n = read(file.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = Reason("cannot be read");
      return false;
    }
    if (n == 0) return true;
    text->append(buf, static_cast<size_t>(n));
  }
  *error = "is larger than the limit of " + std::to_string(max_bytes) + " bytes";
  return false;
}

}  // namespace ppi
