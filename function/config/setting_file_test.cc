#include "function/config/setting_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ppi {
namespace {

// A fresh directory, removed with what it holds when the test ends.
struct TempDir {
  std::string path;
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "setting-file-XXXXXX").string();
    REQUIRE(mkdtemp(name.data()) != nullptr);
    path = name;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path + "/" + name, std::ios::binary) << text;
    return path + "/" + name;
  }
};

struct Read {
  bool ok;
  std::string text, error;
};

Read ReadOf(const std::string& path, size_t cap) {
  Read r;
  r.ok = ReadSettingFile(path, cap, &r.text, &r.error);
  return r;
}

TEST_CASE("a setting's file is read whole, up to its cap") {
  TempDir dir;
  std::string path = dir.Write("license.yaml", "kind: License\n");
  Read r = ReadOf(path, 14);
  CHECK(r.ok);
  CHECK(r.text == "kind: License\n");
  Read big = ReadOf(path, 13);
  CHECK_FALSE(big.ok);
  CHECK(big.error == "is larger than the limit of 13 bytes");
  std::string large = dir.Write("large", std::string(100000, 'x'));
  CHECK(ReadOf(large, 100000).text.size() == 100000);
  CHECK(ReadOf(large, 99999).error == "is larger than the limit of 99999 bytes");
  CHECK(ReadOf(dir.Write("empty", ""), 10).ok);
}

TEST_CASE("what is not a readable regular file is refused with the reason") {
  TempDir dir;
  CHECK(ReadOf(dir.path + "/absent", 10).error == "cannot be opened: No such file or directory");
  CHECK(ReadOf(dir.path, 10).error == "is a directory, not a file");
  std::string fifo = dir.path + "/fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(ReadOf(fifo, 10).error == "is not a regular file");  // and it did not wait for a writer
  CHECK(ReadOf("/dev/zero", 10).error == "is not a regular file");
}

}  // namespace
}  // namespace ppi
