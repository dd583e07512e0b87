#include "function/probe/classification.h"

#include <rapidjson/document.h>

#include <cctype>

namespace ppi {
namespace {

ProbeVerdict Verdict(ProbeClass klass, std::string reason) {
  return ProbeVerdict{klass, std::move(reason)};
}

std::string Attempts(int n) { return std::to_string(n) + (n == 1 ? " attempt" : " attempts"); }

std::string TransportReason(const FetchResult& r) {
  std::string reason = HttpErrorName(r.response.error);
  if (!r.response.error_text.empty()) reason += ": " + r.response.error_text;
  if (r.attempts > 1) reason += " (after " + Attempts(r.attempts) + ")";
  return reason;
}

// " after N attempts" plus why no further retry, if one was possible.
std::string AfterAttempts(const FetchResult& r) {
  std::string text = " after " + Attempts(r.attempts);
  if (!r.retry_note.empty()) text += " (" + r.retry_note + ")";
  return text;
}

// The first error code of a distribution error body, as words:
// {"errors":[{"code":"NAME_UNKNOWN"}]} gives "name unknown".
std::string ErrorCode(const std::string& body, const char* fallback) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return fallback;
  auto errors = doc.FindMember("errors");
  if (errors == doc.MemberEnd() || !errors->value.IsArray() || errors->value.Empty() ||
      !errors->value[0].IsObject()) {
    return fallback;
  }
  auto code = errors->value[0].FindMember("code");
  if (code == errors->value[0].MemberEnd() || !code->value.IsString()) {
    return fallback;
  }
  std::string words = code->value.GetString();
  if (words.empty() || words.size() > 64) return fallback;
  for (char& c : words) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return words;
}

ManifestDecision Decide401(const FetchResult& r, const ManifestContext& c) {
  ManifestDecision d;
  auto challenges = ParseWwwAuthenticate(r.response.JoinedHeader("www-authenticate"));
  const AuthChallenge* bearer = FindChallenge(challenges, "bearer");
  if (bearer != nullptr && !bearer->Param("realm").empty() && !c.sent_token) {
    d.step = ManifestStep::kFetchToken;
    d.challenge = *bearer;
    return d;
  }
  if (bearer != nullptr && c.sent_token) {
    std::string error = bearer->Param("error");
    d.verdict = Verdict(ProbeClass::kPrivate,
                        "401 " + (error.empty() ? "" : error + " ") + "after anonymous token");
  } else if (FindChallenge(challenges, "basic") != nullptr) {
    d.verdict = Verdict(ProbeClass::kPrivate, "401 Basic: credentials required");
  } else if (!challenges.empty()) {
    std::string scheme = challenges[0].scheme;
    scheme[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(scheme[0])));
    d.verdict = Verdict(ProbeClass::kPrivate, "401 " + scheme + ": credentials required");
  } else {
    d.verdict = Verdict(ProbeClass::kPrivate, "401 without a challenge");
  }
  return d;
}

ProbeVerdict DecideStatus(const FetchResult& r, const ManifestContext& c) {
  long status = r.response.status;
  std::string code = std::to_string(status);
  if (status >= 200 && status < 300) {
    return Verdict(ProbeClass::kPublic,
                   code + (c.sent_token ? " after anonymous token" : " without authentication"));
  }
  if (status == 403) {
    return Verdict(ProbeClass::kPrivate, "403 " + ErrorCode(r.response.body, "denied"));
  }
  if (status == 404) {
    return Verdict(ProbeClass::kMissing, "404 " + ErrorCode(r.response.body, "manifest unknown"));
  }
  if (status == 429) {
    return Verdict(ProbeClass::kRateLimited, "429" + AfterAttempts(r));
  }
  if (status == 408 || (status >= 500 && status < 600)) {
    return Verdict(ProbeClass::kUnreachable, "HTTP " + code + AfterAttempts(r));
  }
  if (status == 405 || status == 400) {
    return Verdict(ProbeClass::kUnreachable, "HTTP " + code + " to HEAD and GET");
  }
  if (status >= 300 && status < 400) {
    return Verdict(ProbeClass::kUnreachable, "HTTP " + code + " without Location");
  }
  return Verdict(ProbeClass::kUnreachable, "unexpected HTTP " + code);
}

}  // namespace

ManifestDecision DecideManifest(const FetchResult& r, const ManifestContext& c) {
  ManifestDecision d;
  if (!r.refused.empty()) {
    d.verdict = Verdict(ProbeClass::kUnreachable, r.refused);
  } else if (r.response.error != HttpError::kNone) {
    d.verdict = Verdict(ProbeClass::kUnreachable, TransportReason(r));
  } else if (r.response.status == 401) {
    d = Decide401(r, c);
  } else if ((r.response.status == 405 || r.response.status == 400) && !c.was_get) {
    d.step = ManifestStep::kRetryWithGet;
  } else {
    d.verdict = DecideStatus(r, c);
  }
  return d;
}

ProbeVerdict DecideTokenFailure(const FetchResult& r, const std::string& parse_error) {
  long status = r.response.status;
  if (!r.refused.empty()) {
    return Verdict(ProbeClass::kUnreachable, "token endpoint " + r.refused);
  }
  if (r.response.error != HttpError::kNone) {
    return Verdict(ProbeClass::kUnreachable, "token endpoint: " + TransportReason(r));
  }
  if (status == 401 || status == 403) {
    return Verdict(ProbeClass::kPrivate, "token endpoint answered " + std::to_string(status));
  }
  if (status == 429) {
    return Verdict(ProbeClass::kRateLimited, "429 from token endpoint" + AfterAttempts(r));
  }
  if (status == 408 || (status >= 500 && status < 600)) {
    return Verdict(ProbeClass::kUnreachable,
                   "token endpoint: HTTP " + std::to_string(status) + AfterAttempts(r));
  }
  if (status >= 200 && status < 300) {
    return Verdict(ProbeClass::kUnreachable, "token endpoint: " + parse_error);
  }
  return Verdict(ProbeClass::kUnreachable, "token endpoint answered " + std::to_string(status));
}

}  // namespace ppi
