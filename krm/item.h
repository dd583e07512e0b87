// What a KRM function needs of an item: its reference and file (for
// results), its annotations, whether it is local configuration, and the
// annotations that tell kpt which file a new item goes to.
#pragma once

#include <string>
#include <string_view>

#include "krm/document.h"
#include "krm/result.h"
#include "krm/value.h"

namespace krm {

// apiVersion, kind, metadata.name and metadata.namespace ("" when absent).
ResourceRef RefOf(const Node& item);
// config.kubernetes.io/path and index (or their internal.config.kubernetes.io
// forms, which kpt also sends).
FileRef FileOf(const Node& item);
// metadata.annotations[name], or "" when absent or not a string.
std::string Annotation(const Node& item, std::string_view name);
// config.kubernetes.io/local-config: "true": configuration for the tools,
// never applied to a cluster.
bool IsLocalConfig(const Node& item);

// The annotations `kpt fn render` needs to write a new item to `path` as
// its document `index` (both the config.kubernetes.io and the
// internal.config.kubernetes.io forms; kustomize strips them), added to
// `annotations` (a map).
void AddFileAnnotations(const std::string& path, int index, Value* annotations);

// A result about one item, with its reference, file and (optionally) field;
// the message starts "Kind/name (namespace ns): <field>: ".
Result ItemResult(const Node& item, Severity severity, const std::string& field_path,
                  const std::string& message);
// The same for an item whose reference and file are already known.
Result ItemResult(const ResourceRef& ref, const FileRef& file, Severity severity,
                  const std::string& field_path, const std::string& message);

}  // namespace krm
