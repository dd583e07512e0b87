// Reading a file that a setting names (licenseFile, licenseKeyFile): a
// regular file, read whole up to a cap, never written. A relative path is
// relative to the function's working directory (where kpt runs; see the
// README). The reader is a parameter, so the stages that read files can be
// tested without a disk.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace ppi {

// Reads `path` into `text`; false with a reason ("cannot be opened: No
// such file or directory", "is not a regular file", "is larger than the
// limit of N bytes") otherwise.
using FileReader = std::function<bool(const std::string& path, size_t max_bytes, std::string* text,
                                      std::string* error)>;

// The real one. It opens without blocking (a FIFO is refused, not waited
// on) and reads at most max_bytes + 1 bytes.
bool ReadSettingFile(const std::string& path, size_t max_bytes, std::string* text,
                     std::string* error);

}  // namespace ppi
