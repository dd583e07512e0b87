// A ResourceList's text with its results emptied: what a second run must
// give again, and what a failed run must hand back of its input. Shared by
// the golden runner (in process) and the hostile tests (the real binary).
#pragma once

#include <sstream>
#include <string>

#include "krm/editor.h"
#include "krm/resource_list.h"

namespace ppi_test {

// Sets `out`; on failure returns false and sets `error` instead.
inline bool WithoutResults(const std::string& text, const krm::Limits& limits, std::string* out,
                           std::string* error) {
  krm::ResourceList list;
  if (!krm::ResourceList::Parse(text, limits, &list, error)) return false;
  krm::Editor editor(list);
  std::ostringstream written;
  if (!editor.SetResults(krm::Value::List(), error) || !editor.Write(written, error)) {
    return false;
  }
  *out = written.str();
  return true;
}

}  // namespace ppi_test
