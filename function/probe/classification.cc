#include "function/probe/classification.h"

#include <cctype>

#include "function/probe/answer_text.h"

namespace ppi {
namespace {

ProbeVerdict Verdict(ProbeClass klass, std::string reason) {
  return ProbeVerdict{klass, std::move(reason)};
}

ManifestDecision Final(ProbeClass klass, std::string reason) {
  ManifestDecision d;
  d.verdict = Verdict(klass, std::move(reason));
  return d;
}

ManifestDecision AskAgainWithGet() {
  ManifestDecision d;
  d.step = ManifestStep::kRetryWithGet;
  return d;
}

std::string Attempts(int n) { return std::to_string(n) + (n == 1 ? " attempt" : " attempts"); }

std::string TransportReason(const FetchResult& r) {
  std::string reason = HttpErrorName(r.response.error);
  if (!r.response.error_text.empty()) reason += ": " + r.response.error_text;
  if (r.attempts > 1) reason += " (after " + Attempts(r.attempts) + ")";
  return reason;
}

// " after N attempts" plus why no further retry, if one was possible; for a
// request never sent (the host had asked to wait), why.
std::string AfterAttempts(const FetchResult& r) {
  if (r.attempts == 0) return " (not sent: " + r.retry_note + ")";
  std::string text = " after " + Attempts(r.attempts);
  if (!r.retry_note.empty()) text += " (" + r.retry_note + ")";
  return text;
}

std::string Capitalized(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

// Rows 4-7.
ManifestDecision Decide401(const FetchResult& r, const ManifestContext& c) {
  auto challenges = ParseWwwAuthenticate(r.response.JoinedHeader("www-authenticate"));
  const AuthChallenge* bearer = FindChallenge(challenges, "bearer");
  std::string after = c.sent_token ? " after anonymous token" : "";
  ManifestDecision d;
  if (bearer != nullptr && !bearer->Param("realm").empty() && !c.sent_token) {
    d.step = ManifestStep::kFetchToken;
    d.challenge = *bearer;
  } else if (bearer != nullptr && c.sent_token) {
    std::string error = bearer->Param("error");
    d.step = ManifestStep::kTokenRefused;
    d.challenge = *bearer;
    d.verdict = Verdict(ProbeClass::kPrivate,
                        "401 " + (error.empty() ? "" : error + " ") + "after anonymous token");
  } else if (!challenges.empty()) {
    const AuthChallenge* basic = FindChallenge(challenges, "basic");
    std::string scheme = Capitalized(basic != nullptr ? "basic" : challenges[0].scheme);
    d.verdict = Verdict(ProbeClass::kPrivate, "401 " + scheme + after + ": credentials required");
  } else if (ReadAnswer(r.response).from_registry) {
    d.verdict = Verdict(ProbeClass::kPrivate, "401 without a challenge" + after);
  } else if (!c.was_get) {
    d = AskAgainWithGet();
  } else {
    d.verdict = Verdict(
        ProbeClass::kUnreachable,
        "blocked: " + DescribeForeign(401, ReadAnswer(r.response)) + ", not a registry's answer");
  }
  return d;
}

bool Contains(const std::string& text, const char* needle) {
  std::string lower = text;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower.find(needle) != std::string::npos;
}

// Rows 9-14, for the answer to GET.
ManifestDecision DecideDenialOrAbsence(const FetchResult& r) {
  long status = r.response.status;
  AnswerText text = ReadAnswer(r.response);
  if (!text.from_registry) {
    return Final(ProbeClass::kUnreachable,
                 "blocked: " + DescribeForeign(status, text) + ", not a registry's answer");
  }
  if (status == 403 && Contains(text.message, "is not allowed access")) {
    return Final(ProbeClass::kUnreachable,
                 "blocked: 403 " + CodeOr(text, "denied") + ": " + text.message);
  }
  if (status == 403) return Final(ProbeClass::kPrivate, "403 " + CodeOr(text, "denied"));
  if (Contains(text.message, "accept header does not support")) {
    return Final(ProbeClass::kPublic, "404 " + CodeOr(text, "manifest unknown") + ", but \"" +
                                          text.message + "\": it exists and is readable");
  }
  return Final(ProbeClass::kMissing, "404 " + CodeOr(text, "manifest unknown"));
}

ProbeVerdict DecideStatus(const FetchResult& r, const ManifestContext& c) {
  long status = r.response.status;
  std::string code = std::to_string(status);
  if (status >= 200 && status < 300) {
    return Verdict(ProbeClass::kPublic,
                   code + (c.sent_token ? " after anonymous token" : " without authentication"));
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
  long status = r.response.status;
  if (!r.refused.empty()) return Final(ProbeClass::kUnreachable, r.refused);
  if (r.response.error != HttpError::kNone) {
    return Final(ProbeClass::kUnreachable, TransportReason(r));
  }
  if (status == 401) return Decide401(r, c);
  bool asks_again = status == 400 || status == 403 || status == 404 || status == 405;
  if (asks_again && !c.was_get) return AskAgainWithGet();
  if (status == 403 || status == 404) return DecideDenialOrAbsence(r);
  ManifestDecision d;
  d.verdict = DecideStatus(r, c);
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
  AnswerText text = ReadAnswer(r.response);
  std::string answered = "token endpoint answered " + std::to_string(status) +
                         (text.code.empty() ? "" : " " + text.code);
  if (status == 401) return Verdict(ProbeClass::kPrivate, answered);
  if (status == 403 && !text.from_registry) {
    return Verdict(
        ProbeClass::kUnreachable,
        "token endpoint: blocked: " + DescribeForeign(status, text) + ", not a registry's answer");
  }
  if (status == 403 || ((status == 400 || status == 405) && text.code == "denied")) {
    return Verdict(ProbeClass::kPrivate, answered);
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
  return Verdict(ProbeClass::kUnreachable, answered);
}

}  // namespace ppi
