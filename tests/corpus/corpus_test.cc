// Real-world manifests (testdata/corpus, see its SOURCES.md), each wrapped
// into a ResourceList and run with proxyAll=true. The output may differ from
// the input only where an image was rewritten, where imagePullSecrets were
// added, in the appended Secrets and in the results; every item survives.
// Files holding references that are not valid (ko://…, upper case) must
// fail with errors that name resource and field, and change nothing.
#include <dirent.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "function/pipeline.h"
#include "krm/resource_list.h"
#include "tests/file_util.h"

namespace {

const char kSlug[] = "corpus";
const char kSecret[] = "corpus-registry";
const char kProxy[] = "proxy.replicated.com/proxy/corpus/";

using ppi_test::ReadFile;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size() - 1;
    out.push_back(text.substr(start, nl + 1 - start));
    start = nl + 1;
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "---" starts a document, "..." ends one: either way the next item begins.
bool IsSeparator(const std::string& line) {
  return (line.compare(0, 3, "---") == 0 || line.compare(0, 3, "...") == 0) &&
         Trim(line.substr(3)).empty();
}

// The manifest stream as a ResourceList: each document becomes an item,
// indented by two columns, byte for byte otherwise.
std::string Wrap(const std::string& text, size_t* items) {
  std::string nl = text.find("\r\n") != std::string::npos ? "\r\n" : "\n";
  std::string out =
      "apiVersion: config.kubernetes.io/v1" + nl + "kind: ResourceList" + nl + "items:" + nl;
  std::vector<std::vector<std::string>> docs(1);
  for (const std::string& line : Lines(text)) {
    if (IsSeparator(line))
      docs.emplace_back();
    else
      docs.back().push_back(line);
  }
  *items = 0;
  for (const auto& doc : docs) {
    std::string joined;
    for (const std::string& l : doc) joined += l;
    if (!krm::Document::Load(joined)->root().IsMap()) continue;  // comments only
    ++*items;
    bool first = true;
    for (const std::string& l : doc) {
      std::string body = Trim(l).empty() ? l.substr(l.find_first_of("\r\n") == std::string::npos
                                                        ? l.size()
                                                        : l.find_first_of("\r\n"))
                                         : l;
      out += (first ? "- " : (Trim(l).empty() ? "" : "  ")) + body;
      first = false;
    }
    if (!doc.empty() && doc.back().back() != '\n') out += nl;
  }
  out += "functionConfig:" + nl + "  apiVersion: v1" + nl + "  kind: ConfigMap" + nl +
         "  metadata:" + nl + "    name: cfg" + nl + "  data:" + nl + "    appSlug: " + kSlug + nl +
         "    licenseID: corpus-lic-0000" + nl + "    proxyAll: \"true\"" + nl;
  return out;
}

// The image value on an "image:" line, without quotes and comment.
std::string ImageOnLine(const std::string& line) {
  size_t p = line.find("image:");
  std::string rest = Trim(line.substr(p + 6));
  size_t hash = rest.find(" #");
  if (hash != std::string::npos) rest = Trim(rest.substr(0, hash));
  if (rest.size() >= 2 && (rest[0] == '"' || rest[0] == '\''))
    rest = rest.substr(1, rest.size() - 2);
  return rest;
}

bool IsRewrite(const std::string& in, const std::string& out) {
  if (in.find("image:") == std::string::npos) return false;
  std::string image = ImageOnLine(in);
  if (image.empty()) return false;
  std::string expected = in;
  expected.replace(in.find(image, in.find("image:")), image.size(), kProxy + image);
  return out == expected;
}

bool IsAddedPullSecretLine(const std::string& line) {
  std::string t = Trim(line);
  return t == "imagePullSecrets:" || t == std::string("- name: ") + kSecret;
}

struct Walk {
  size_t rewrites = 0, added = 0;
  std::string appended;  // the Secret items added before functionConfig
  std::string failure;
};

Walk Compare(const std::vector<std::string>& in, const std::vector<std::string>& out) {
  Walk w;
  size_t i = 0, j = 0;
  while (i < in.size() && w.failure.empty()) {
    if (j < out.size() && in[i] == out[j]) {
      ++i, ++j;
    } else if (j < out.size() && IsRewrite(in[i], out[j])) {
      ++w.rewrites, ++i, ++j;
    } else if (j < out.size() && IsAddedPullSecretLine(out[j])) {
      ++w.added, ++j;
    } else if (in[i].rfind("functionConfig:", 0) == 0 && j < out.size() &&
               out[j].rfind("- ", 0) == 0) {
      while (j < out.size() && out[j] != in[i]) w.appended += out[j++];
    } else {
      w.failure = "input line " + std::to_string(i + 1) + " [" + Trim(in[i]) + "] vs output line " +
                  std::to_string(j + 1) + " [" + (j < out.size() ? Trim(out[j]) : "<end>") + "]";
    }
  }
  if (w.failure.empty() && (j >= out.size() || out[j].rfind("results:", 0) != 0)) {
    w.failure = "the output does not end with results after the input";
  }
  return w;
}

std::vector<std::string> CorpusFiles(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) out.push_back(name);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

void CheckItemsSurvive(const std::string& input, const std::string& output, size_t added) {
  krm::ResourceList in, out;
  std::string error;
  REQUIRE(krm::ResourceList::Parse(input, krm::Limits{}, &in, &error));
  REQUIRE(krm::ResourceList::Parse(output, krm::Limits{}, &out, &error));
  REQUIRE(out.items().size() == in.items().size() + added);
  for (size_t k = 0; k < in.items().size(); ++k) {
    krm::ResourceRef a = krm::RefOf(in.items()[k]), b = krm::RefOf(out.items()[k]);
    CHECK(a.kind == b.kind);
    CHECK(a.name == b.name);
    CHECK(a.ns == b.ns);
  }
  for (size_t k = in.items().size(); k < out.items().size(); ++k) {
    krm::ResourceRef s = krm::RefOf(out.items()[k]);
    CHECK(s.kind == "Secret");
    CHECK(s.name == kSecret);
    CHECK(krm::ResourceList::GetString(out.items()[k], "type") == "kubernetes.io/dockerconfigjson");
  }
}

}  // namespace

TEST_CASE("corpus manifests with proxyAll") {
  const char* dir = std::getenv("PPI_CORPUS");
  REQUIRE(dir != nullptr);
  std::vector<std::string> files = CorpusFiles(dir);
  REQUIRE(files.size() >= 15);
  for (const std::string& file : files) {
    SECTION(file) {
      size_t items = 0;
      std::string input = Wrap(ReadFile(std::string(dir) + "/" + file), &items);
      REQUIRE(items > 0);
      ppi::RunOptions options;
      options.env = [](const char*) -> const char* { return nullptr; };
      std::ostringstream out, err;
      int code = ppi::Run(input, options, out, err);
      std::vector<std::string> in_lines = Lines(input), out_lines = Lines(out.str());
      Walk w = Compare(in_lines, out_lines);
      INFO(file << ": " << w.failure << "\nstderr: " << err.str().substr(0, 2000));
      REQUIRE(w.failure.empty());
      if (code == 0) {
        CHECK(w.rewrites > 0);
        CHECK(w.added > 0);
        CHECK(err.str().empty());
      } else {
        // invalid references (an error per bad image) or a duplicate key
        // (kubernetes/examples' openshift-controller.yaml has two
        // `selector:` keys): nothing changed
        CHECK(w.rewrites == 0);
        CHECK(w.added == 0);
        CHECK(w.appended.empty());
        CHECK((err.str().find("invalid reference") != std::string::npos ||
               err.str().find("duplicate key") != std::string::npos));
      }
      size_t secrets = 0;
      for (size_t p = w.appended.find("kind: Secret"); p != std::string::npos;
           p = w.appended.find("kind: Secret", p + 1)) {
        ++secrets;
      }
      std::printf(
          "%s: %zu items, exit %d, %zu image lines rewritten, %zu lines added, %zu Secrets\n",
          file.c_str(), items, code, w.rewrites, w.added, secrets);
      CheckItemsSurvive(input, out.str(), secrets);
    }
  }
}
