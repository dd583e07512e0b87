#include "function/license/instant.h"

#include <cstddef>
#include <cstdio>

namespace ppi::license {
namespace {

// Reads `n` digits at `text[*pos]`; false when they are not all digits.
bool Digits(std::string_view text, size_t* pos, size_t n, int* value) {
  if (*pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Literal(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, by
// counting in 400-year eras that start on March 1st (so the leap day is
// the last day of an era year).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// The inverse of DaysFromCivil.
void CivilFromDays(int64_t days, int* y, int* m, int* d) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  *d = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(year_of_era + era * 400 + (*m <= 2));
}

// ".123" (1 to 9 digits) as nanoseconds; 0 when absent.
bool Fraction(std::string_view text, size_t* pos, int32_t* nanos) {
  *nanos = 0;
  if (*pos >= text.size() || text[*pos] != '.') return true;
  size_t start = ++*pos;
  int32_t scale = 100000000;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    if (*pos - start == 9) return false;
    *nanos += (text[*pos] - '0') * scale;
    scale /= 10;
    ++*pos;
  }
  return *pos > start;
}

// "Z" or ±HH:MM, as seconds east of UTC.
bool Offset(std::string_view text, size_t* pos, int64_t* seconds) {
  if (Literal(text, pos, 'Z')) {
    *seconds = 0;
    return true;
  }
  if (*pos >= text.size() || (text[*pos] != '+' && text[*pos] != '-')) return false;
  int sign = text[(*pos)++] == '-' ? -1 : 1;
  int hh = 0, mm = 0;
  if (!Digits(text, pos, 2, &hh) || !Literal(text, pos, ':') || !Digits(text, pos, 2, &mm)) {
    return false;
  }
  if (hh > 23 || mm > 59) return false;
  *seconds = sign * (hh * 3600 + mm * 60);
  return true;
}

}  // namespace

std::optional<Instant> ParseRfc3339(std::string_view text) {
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  bool ok = Digits(text, &pos, 4, &y) && Literal(text, &pos, '-') && Digits(text, &pos, 2, &mo) &&
            Literal(text, &pos, '-') && Digits(text, &pos, 2, &d) && Literal(text, &pos, 'T') &&
            Digits(text, &pos, 2, &h) && Literal(text, &pos, ':') && Digits(text, &pos, 2, &mi) &&
            Literal(text, &pos, ':') && Digits(text, &pos, 2, &s);
  if (!ok || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return std::nullopt;
  }
  Instant out;
  int64_t offset = 0;
  if (!Fraction(text, &pos, &out.nanos) || !Offset(text, &pos, &offset) || pos != text.size()) {
    return std::nullopt;
  }
  out.seconds = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return out;
}

std::string FormatRfc3339(const Instant& at) {
  int64_t days = at.seconds / 86400;
  int64_t rest = at.seconds % 86400;
  if (rest < 0) rest += 86400, --days;
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0 || y > 9999) return "";
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  std::string out = text;
  if (at.nanos != 0) {
    std::snprintf(text, sizeof text, ".%09d", at.nanos);
    std::string fraction = text;
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  return out + "Z";
}

}  // namespace ppi::license
