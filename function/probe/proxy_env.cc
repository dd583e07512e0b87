#include "function/probe/proxy_env.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <sstream>

#include "function/common/ascii.h"

namespace ppi {
namespace {

// Parses an IP literal into 16 bytes (IPv4 in the first 4); returns the
// address length in bits, or 0.
int ParseIp(const std::string& text, unsigned char* bytes) {
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) return 32;
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) return 128;
  return 0;
}

bool PrefixEqual(const unsigned char* a, const unsigned char* b, int bits) {
  for (int i = 0; i < bits; ++i) {
    int mask = 0x80 >> (i % 8);
    if ((a[i / 8] & mask) != (b[i / 8] & mask)) return false;
  }
  return true;
}

bool IpEntryMatches(const std::string& entry, const unsigned char* host, int host_bits) {
  size_t slash = entry.find('/');
  unsigned char net[16];
  if (ParseIp(entry.substr(0, slash), net) != host_bits) return false;
  int bits = host_bits;
  if (slash != std::string::npos) {
    bits = std::atoi(entry.c_str() + slash + 1);
    if (bits < 0 || bits > host_bits) return false;
  }
  return PrefixEqual(net, host, bits);
}

bool NameEntryMatches(std::string entry, const std::string& host) {
  if (!entry.empty() && entry[0] == '.') entry.erase(0, 1);
  if (entry.empty()) return false;
  if (host == entry) return true;
  return host.size() > entry.size() &&
         host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
         host[host.size() - entry.size() - 1] == '.';
}

std::string FirstSet(const EnvLookup& env, const char* a, const char* b) {
  std::string value = env(a);
  if (value.empty() && b != nullptr) value = env(b);
  return value;
}

}  // namespace

std::string GetEnv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

bool NoProxyMatches(const std::string& no_proxy, const std::string& host_in) {
  std::string host = AsciiLower(host_in);
  if (!host.empty() && host.back() == '.') host.pop_back();
  unsigned char ip[16];
  int ip_bits = ParseIp(host, ip);
  std::string list = no_proxy;
  for (char& c : list) {
    if (c == ',') c = ' ';
  }
  std::istringstream entries(list);
  std::string entry;
  while (entries >> entry) {
    entry = AsciiLower(entry);
    if (entry == "*") return true;
    bool match = ip_bits ? IpEntryMatches(entry, ip, ip_bits) : NameEntryMatches(entry, host);
    if (match) return true;
  }
  return false;
}

std::string ProxyFor(const Url& url, const EnvLookup& env) {
  if (NoProxyMatches(FirstSet(env, "no_proxy", "NO_PROXY"), url.host)) {
    return "";
  }
  std::string proxy = url.scheme == "https" ? FirstSet(env, "https_proxy", "HTTPS_PROXY")
                                            : FirstSet(env, "http_proxy", nullptr);
  if (proxy.empty()) proxy = FirstSet(env, "all_proxy", "ALL_PROXY");
  return proxy;
}

}  // namespace ppi
