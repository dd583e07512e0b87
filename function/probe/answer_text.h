// What an error answer says, and whether a registry said it.
//
// A registry's answer carries at least one of: a Docker-Distribution-API-
// Version header, a JSON media type, a distribution error body
// ({"errors":[{"code":…,"message":…}]}), or a WWW-Authenticate challenge.
// Anything else (Google's HTML 403 page, an S3 XML error, a proxy's block
// page) comes from something in front of the registry, and is never read as
// "private" or "missing" (classification.h).
#pragma once

#include <string>

#include "function/probe/http_client.h"

namespace ppi {

struct AnswerText {
  bool from_registry = false;
  std::string code;        // the first error's code as words ("manifest unknown"), or ""
  std::string message;     // the first error's message (printable, at most 200 bytes)
  std::string media_type;  // Content-Type without parameters, lowercase, or ""
  std::string title;       // an HTML body's <title> (printable, at most 80 bytes)
};

AnswerText ReadAnswer(const HttpResponse& response);

// "HTTP 403 with text/html \"Error 403 (Forbidden)!!1\"", for an answer
// that is not a registry's.
std::string DescribeForeign(long status, const AnswerText& text);

// `code`, or `fallback` when the answer named no error code.
std::string CodeOr(const AnswerText& text, const char* fallback);

}  // namespace ppi
