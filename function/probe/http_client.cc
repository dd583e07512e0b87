#include "function/probe/http_client.h"

namespace ppi {

std::string HttpResponse::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

std::string HttpResponse::JoinedHeader(const std::string& name) const {
  std::string joined;
  for (const auto& [key, value] : headers) {
    if (key != name) continue;
    if (!joined.empty()) joined += ", ";
    joined += value;
  }
  return joined;
}

const char* HttpErrorName(HttpError e) {
  switch (e) {
    case HttpError::kNone:
      return "ok";
    case HttpError::kDns:
      return "DNS failed";
    case HttpError::kConnect:
      return "connect failed";
    case HttpError::kTls:
      return "TLS failed";
    case HttpError::kTimeout:
      return "timeout";
    case HttpError::kForbiddenAddress:
      return "address refused";
    case HttpError::kProtocol:
      return "protocol error";
    case HttpError::kOther:
      return "transfer failed";
  }
  return "transfer failed";
}

}  // namespace ppi
