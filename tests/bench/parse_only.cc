// The floor the benchmark issue names: read the ResourceList from stdin into
// a string and YAML::Load it, the usual way to read a document with
// yaml-cpp, nothing else (no output). The text is read in place, as the
// function reads it, not copied into a stringstream. It exits without
// freeing the tree: tearing down hundreds of MB of nodes is work a filter
// need not do, and a floor must not include avoidable work. The function no
// longer builds this tree (see parse_events.cc for its floor now).
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <istream>
#include <string>

#include "stdin_text.h"

int main() {
  std::string text = ReadStdin();
  ViewBuf view(text);
  std::istream in(&view);
  YAML::Node root = YAML::Load(in);
  // Touch the result so that nothing can be optimised away.
  std::_Exit(root.IsMap() ? 0 : 1);
}
