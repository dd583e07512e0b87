// A result about one item: its reference, file and (optionally) field,
// with a message that starts "Kind/name (namespace ns): <field>: ".
#pragma once

#include <string>

#include "krm/document.h"
#include "krm/result.h"

namespace krm {

Result ItemResult(const Node& item, Severity severity, const std::string& field_path,
                  const std::string& message);
// The same for an item whose reference and file are already known.
Result ItemResult(const ResourceRef& ref, const FileRef& file, Severity severity,
                  const std::string& field_path, const std::string& message);

}  // namespace krm
