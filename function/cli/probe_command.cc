#include "function/cli/probe_command.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "function/classify/probe_record.h"
#include "function/config/settings.h"
#include "function/image/image_ref.h"
#include "krm/function_config.h"
#include "krm/resource_list.h"
#include "krm/value.h"

namespace ppi {
namespace {

constexpr const char* kPrefix = "proxy-private-images probe: ";

struct ProbeArgs {
  bool json = false;
  std::string record;
  ProbeOptions options;
  std::vector<std::string> images;
};

// --timeout and --concurrency, in the ranges the settings allow.
std::string ParseLimit(const std::string& flag, const std::string& value, ProbeOptions* o) {
  bool timeout = flag == "--timeout";
  IntRange range = timeout ? kProbeTimeoutRange : kProbeConcurrencyRange;
  int* field = timeout ? &o->timeout_seconds : &o->concurrency;
  if (krm::ParseWholeNumber(value, range.lo, range.hi, field)) return "";
  return flag + ": \"" + value + "\" must be a whole number from " + std::to_string(range.lo) +
         " to " + std::to_string(range.hi);
}

// Parses the options; returns an error message, or "" when fine.
std::string ParseArgs(const std::vector<std::string>& args, ProbeArgs* a) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& w = args[i];
    bool takes_value = w == "--record" || w == "--ca-file" || w == "--insecure-registry" ||
                       w == "--timeout" || w == "--concurrency";
    if (w == "--json") {
      a->json = true;
    } else if (takes_value && i + 1 == args.size()) {
      return w + " needs a value";
    } else if (w == "--record") {
      a->record = args[++i];
    } else if (w == "--ca-file") {
      a->options.ca_file = args[++i];
    } else if (w == "--insecure-registry") {  // repeatable, or comma-separated
      for (std::string& host : krm::SplitCommaList(args[++i])) {
        a->options.insecure_registries.push_back(std::move(host));
      }
    } else if (w == "--timeout" || w == "--concurrency") {
      std::string problem = ParseLimit(w, args[++i], &a->options);
      if (!problem.empty()) return problem;
    } else if (!w.empty() && w[0] == '-') {
      return "unknown option " + w;
    } else {
      a->images.push_back(w);
    }
  }
  return a->images.empty() ? "name at least one image" : "";
}

// An existing record file, read in full before anything is probed: a file
// that is there but cannot be read as a record, or holds a malformed entry,
// is never written over (its content would be lost).
struct RecordFile {
  bool exists = false;
  std::map<std::string, RecordEntry> entries;
};

bool ReadRecordFile(const std::string& path, RecordFile* file, std::vector<std::string>* errors) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 && errno == ENOENT) return true;  // a new file
  std::ifstream in(path, std::ios::binary);
  if (!in || !S_ISREG(st.st_mode)) {
    errors->push_back(path + ": cannot be read as a file; it is left unchanged");
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  file->exists = true;
  if (text.str().find_first_not_of(" \t\r\n") == std::string::npos) return true;  // empty
  krm::ResourceList doc;
  std::string why;
  std::vector<krm::Result> problems;
  if (!krm::ResourceList::Parse(text.str(), krm::Limits{}, &doc, &why)) {
    errors->push_back(path + ": " + why);
  } else if (krm::ResourceList::GetString(doc.root(), "kind") != kRecordKind ||
             krm::ResourceList::GetString(doc.root(), "apiVersion") != kApiVersion) {
    errors->push_back(path + ": not an " + kRecordKind + " (" + kApiVersion + ")");
  } else {
    problems = doc.problems();
    file->entries = ReadProbeRecord({doc.root()}, &problems).entries;
  }
  for (const krm::Result& r : problems) errors->push_back(path + ": " + r.message);
  if (!errors->empty()) errors->push_back(path + ": left unchanged; mend or remove it");
  return errors->empty();
}

bool WriteRecordFile(const std::string& path, const std::map<std::string, RecordEntry>& e,
                     std::string* error) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    out << krm::ToBlock(NewRecord(e, /*for_kpt=*/false), 0, krm::BlockStyle{});
    if (!out) {
      *error = "cannot write " + tmp;
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path;
    return false;
  }
  return true;
}

void Print(const std::vector<std::pair<std::string, RecordEntry>>& rows, bool json,
           std::ostream& out) {
  if (!json) {
    for (const auto& [written, e] : rows) {
      out << written << "\t" << ProbeClassName(e.klass) << "\t" << e.reason << "\n";
    }
    return;
  }
  krm::Value list = krm::Value::List();
  for (const auto& [written, e] : rows) {
    list.Push(krm::Value::Map()
                  .Set("image", written)
                  .Set("normalized", e.image)
                  .Set("class", ProbeClassName(e.klass))
                  .Set("reason", e.reason));
  }
  out << krm::ToFlow(list) << "\n";
}

// Probes the valid images; returns a row per image probed (as written,
// with its entry), and sets *code to 1 when an image is invalid or was
// not found public or private.
std::vector<std::pair<std::string, RecordEntry>> ProbeAll(const ProbeArgs& a,
                                                          const ProbeCommandEnv& env,
                                                          std::ostream& err, int* code) {
  std::vector<ProbeTarget> targets;
  std::vector<std::pair<std::string, std::string>> valid;  // written, key
  for (const std::string& image : a.images) {
    auto parsed = ParseImageRef(image);
    if (auto* e = std::get_if<RefError>(&parsed)) {
      err << kPrefix << e->message << "\n";
      *code = 1;
      continue;
    }
    const ImageRef& ref = std::get<ImageRef>(parsed);
    targets.push_back({ref.Normalized(), ref.ApiHost(), ref.path, ref.ManifestReference()});
    valid.emplace_back(image, ref.Normalized());
  }
  std::map<std::string, ProbeVerdict> verdicts;
  if (!targets.empty()) verdicts = env.make_prober(a.options)->Probe(targets);
  std::string now = env.now ? env.now() : "";
  std::vector<std::pair<std::string, RecordEntry>> rows;
  for (const auto& [written, key] : valid) {
    auto v = verdicts.find(key);
    ProbeVerdict pv =
        v != verdicts.end() ? v->second : ProbeVerdict{ProbeClass::kUnreachable, "not probed"};
    if (pv.klass != ProbeClass::kPublic && pv.klass != ProbeClass::kPrivate) *code = 1;
    rows.emplace_back(written, RecordEntry{key, pv.klass, pv.reason, now});
  }
  return rows;
}

}  // namespace

int RunProbeCommand(const std::vector<std::string>& args, const ProbeCommandEnv& env,
                    std::ostream& out, std::ostream& err) {
  ProbeArgs a;
  std::string usage = ParseArgs(args, &a);
  if (!usage.empty()) {
    err << kPrefix << usage
        << "\nusage: proxy-private-images probe [--json] [--record FILE] [--ca-file FILE]"
           " [--insecure-registry HOST[:PORT]]... [--timeout S] [--concurrency N] IMAGE...\n";
    return 2;
  }
  RecordFile file;
  std::vector<std::string> errors;
  if (!a.record.empty() && !ReadRecordFile(a.record, &file, &errors)) {
    for (const std::string& e : errors) err << kPrefix << e << "\n";
    return 1;
  }
  int code = 0;
  std::vector<std::pair<std::string, RecordEntry>> rows = ProbeAll(a, env, err, &code);
  Print(rows, a.json, out);
  if (a.record.empty() || rows.empty()) return code;
  std::map<std::string, RecordEntry> merged = file.entries;
  for (const auto& [written, e] : rows) merged[e.image] = e;
  if (file.exists && merged == file.entries) return code;  // nothing new: left as it is
  std::string error;
  if (!WriteRecordFile(a.record, merged, &error)) {
    err << kPrefix << error << "\n";
    return 1;
  }
  return code;
}

}  // namespace ppi
