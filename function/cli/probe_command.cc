#include "function/cli/probe_command.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "function/classify/probe_record.h"
#include "function/image/image_ref.h"
#include "krm/function_config.h"
#include "krm/value.h"

namespace ppi {
namespace {

struct ProbeArgs {
  bool json = false;
  std::string record;
  ProbeOptions options;
  std::vector<std::string> images;
};

// Parses the options; returns an error message, or "" when fine.
std::string ParseArgs(const std::vector<std::string>& args, ProbeArgs* a) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& w = args[i];
    bool has_value = i + 1 < args.size();
    if (w == "--json") {
      a->json = true;
    } else if ((w == "--record" || w == "--ca-file" || w == "--insecure-registry" ||
                w == "--timeout" || w == "--concurrency") &&
               !has_value) {
      return w + " needs a value";
    } else if (w == "--record") {
      a->record = args[++i];
    } else if (w == "--ca-file") {
      a->options.ca_file = args[++i];
    } else if (w == "--insecure-registry") {
      for (std::string& host : krm::SplitCommaList(args[++i])) {  // repeatable, or a, b
        a->options.insecure_registries.push_back(std::move(host));
      }
    } else if (w == "--timeout" || w == "--concurrency") {
      const std::string& v = args[++i];
      int n = v.size() < 5 && v.find_first_not_of("0123456789") == std::string::npos
                  ? std::atoi(v.c_str())
                  : 0;
      if (n < 1) return w + " takes a whole number above 0";
      (w == "--timeout" ? a->options.timeout_seconds : a->options.concurrency) = n;
    } else if (!w.empty() && w[0] == '-') {
      return "unknown option " + w;
    } else {
      a->images.push_back(w);
    }
  }
  return a->images.empty() ? "name at least one image" : "";
}

// Reads the entries of an existing record file, if there is one.
std::map<std::string, RecordEntry> ReadRecordFile(const std::string& path) {
  std::map<std::string, RecordEntry> entries;
  std::ifstream in(path);
  if (!in) return entries;
  std::stringstream text;
  text << in.rdbuf();
  try {
    std::vector<krm::Result> problems;
    auto doc = krm::Document::Load(text.str());
    ProbeRecord record = ReadProbeRecord({doc->root()}, &problems);
    entries = record.entries;
  } catch (const std::exception&) {  // YAML::Exception, or too large
  }
  return entries;
}

bool WriteRecordFile(const std::string& path, const std::map<std::string, RecordEntry>& e,
                     std::string* error) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
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

}  // namespace

int RunProbeCommand(const std::vector<std::string>& args, const ProbeCommandEnv& env,
                    std::ostream& out, std::ostream& err) {
  ProbeArgs a;
  std::string usage = ParseArgs(args, &a);
  if (!usage.empty()) {
    err << "proxy-private-images probe: " << usage
        << "\nusage: proxy-private-images probe [--json] [--record FILE] [--ca-file FILE]"
           " [--insecure-registry HOST[:PORT]]... [--timeout S] [--concurrency N] IMAGE...\n";
    return 2;
  }
  int code = 0;
  std::vector<ProbeTarget> targets;
  std::vector<std::pair<std::string, std::string>> valid;  // written, key
  for (const std::string& image : a.images) {
    auto parsed = ParseImageRef(image);
    if (auto* e = std::get_if<RefError>(&parsed)) {
      err << "proxy-private-images probe: " << e->message << "\n";
      code = 1;
      continue;
    }
    const ImageRef& ref = std::get<ImageRef>(parsed);
    targets.push_back({ref.Normalized(), ref.ApiHost(), ref.path, ref.ManifestReference()});
    valid.emplace_back(image, ref.Normalized());
  }
  std::map<std::string, ProbeVerdict> verdicts;
  if (!targets.empty()) verdicts = env.make_prober(a.options)->Probe(targets);
  std::vector<std::pair<std::string, RecordEntry>> rows;
  std::map<std::string, RecordEntry> fresh;
  std::string now = env.now ? env.now() : "";
  for (const auto& [written, key] : valid) {
    ProbeVerdict v =
        verdicts.count(key) ? verdicts[key] : ProbeVerdict{ProbeClass::kUnreachable, "not probed"};
    RecordEntry e{key, v.klass, v.reason, now};
    if (v.klass != ProbeClass::kPublic && v.klass != ProbeClass::kPrivate) code = 1;
    rows.emplace_back(written, e);
    fresh[key] = e;
  }
  Print(rows, a.json, out);
  if (!a.record.empty()) {
    std::map<std::string, RecordEntry> merged = ReadRecordFile(a.record);
    for (const auto& [key, e] : fresh) merged[key] = e;
    std::string error;
    if (!WriteRecordFile(a.record, merged, &error)) {
      err << "proxy-private-images probe: " << error << "\n";
      return 1;
    }
  }
  return code;
}

}  // namespace ppi
