#include "compiler/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace schemac {

namespace {

// The longest prefix of `text` of at most `bytes` bytes that does not end inside a UTF-8
// character.
std::string_view Clip(std::string_view text, size_t bytes) {
  if (bytes >= text.size()) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

std::string BoundMessage(std::string message) {
  // Quoted parts are cut first, so that the words around a long name stay readable.
  if (message.size() > kMaxQuotedBytes) {
    std::string out;
    size_t i = 0;
    while (i < message.size()) {
      size_t open = message.find('\'', i);
      if (open == std::string::npos) break;
      size_t close = message.find('\'', open + 1);
      if (close == std::string::npos) break;
      std::string_view inner(message.data() + open + 1, close - open - 1);
      out.append(message, i, open + 1 - i);
      if (inner.size() > kMaxQuotedBytes) {
        out += Clip(inner, kMaxQuotedBytes - 3);
        out += "...";
      } else {
        out += inner;
      }
      out += '\'';
      i = close + 1;
    }
    if (i > 0) {
      out.append(message, i);
      message = std::move(out);
    }
  }
  if (message.size() > kMaxMessageBytes) {
    message = std::string(Clip(message, kMaxMessageBytes - 3)) + "...";
  }
  return message;
}

Diagnostic& Diagnostics::Add(Severity severity, std::optional<Span> span, std::string message) {
  bool error = severity == Severity::kError;
  ++(error ? error_count_ : warning_count_);
  size_t& kept = error ? kept_errors_ : kept_warnings_;
  if (kept >= kMaxKeptDiagnostics) {
    dropped_ = Diagnostic{severity, {}, span, {}, {}};
    return dropped_;
  }
  ++kept;
  diagnostics_.push_back(Diagnostic{severity, BoundMessage(std::move(message)), span, {}, {}});
  return diagnostics_.back();
}

Diagnostic& Diagnostics::Error(const Span& span, std::string message) {
  return Add(Severity::kError, span, std::move(message));
}

Diagnostic& Diagnostics::Warning(const Span& span, std::string message) {
  return Add(Severity::kWarning, span, std::move(message));
}

Diagnostic& Diagnostics::Error(std::string message) {
  return Add(Severity::kError, std::nullopt, std::move(message));
}

Diagnostic& Diagnostics::Lint(Severity severity, const Span& span, std::string message,
                              std::string_view rule) {
  Diagnostic& d = Add(severity, span, std::move(message));
  d.rule = rule;
  return d;
}

void Diagnostics::SortByPosition() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (!a.span || !b.span) return a.span.has_value() < b.span.has_value();
                     if (a.span->file != b.span->file) return a.span->file < b.span->file;
                     return a.span->begin.offset < b.span->begin.offset;
                   });
}

namespace {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

const char* SeverityColor(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\033[1;31m";
    case Severity::kWarning:
      return "\033[1;35m";
    case Severity::kNote:
      return "\033[1;36m";
  }
  return "";
}

// The source line with tabs kept (so the caret lines up in a terminal) and a caret line under
// the span; a span over several lines is underlined to the end of its first line. A line longer
// than kMaxSnippetBytes is shown as a window of that many bytes around the caret, "..." marking
// each cut side: a one-line file of megabytes would otherwise be printed once per diagnostic.
void AppendSnippet(std::string& out, const Span& span, const SourceManager& sources, bool color) {
  const SourceFile& file = sources.file(span.file);
  if (span.begin.line == 0 || span.begin.line > file.line_starts.size()) return;
  std::string_view line = file.Line(span.begin.line);
  size_t start = span.begin.col > 0 ? span.begin.col - 1 : 0;
  size_t width = 1;
  if (span.end.line == span.begin.line && span.end.col > span.begin.col) {
    width = span.end.col - span.begin.col;
  } else if (span.end.line > span.begin.line && line.size() > start) {
    width = line.size() - start;
  }
  std::string_view prefix, suffix;
  if (line.size() > kMaxSnippetBytes) {
    // A third of the window before the caret, the rest after it.
    size_t from = start > kMaxSnippetBytes / 3 ? start - kMaxSnippetBytes / 3 : 0;
    if (from + kMaxSnippetBytes > line.size()) from = line.size() - kMaxSnippetBytes;
    while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
    std::string_view window = Clip(line.substr(from), kMaxSnippetBytes);
    if (from > 0) prefix = "...";
    if (from + window.size() < line.size()) suffix = "...";
    start = start >= from ? start - from : 0;
    line = window;
    if (start > line.size()) start = line.size();
    if (start + width > line.size()) width = std::max<size_t>(1, line.size() - start);
  }
  out += "  ";
  out += prefix;
  // A NUL byte (reported as an error) is shown as a space: output is text.
  for (char c : line) out += c == '\0' ? ' ' : c;
  out += suffix;
  out += "\n  ";
  out.append(prefix.size(), ' ');
  for (size_t i = 0; i < start && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  if (color) out += "\033[1;32m";
  out += '^';
  if (width > 1) out.append(width - 1, '~');
  if (color) out += "\033[0m";
  out += '\n';
}

std::string Location(const Span& span, const SourceManager& sources) {
  return fmt::format("{}:{}:{}", sources.file(span.file).path, span.begin.line, span.begin.col);
}

void AppendHeader(std::string& out, Severity severity, const std::string& message,
                  const std::optional<Span>& span, const SourceManager& sources, bool color,
                  std::string_view rule = {}) {
  if (span) {
    if (color) out += "\033[1m";
    out += Location(*span, sources);
    out += ": ";
    if (color) out += "\033[0m";
  } else {
    out += "schemac: ";
  }
  if (color) out += SeverityColor(severity);
  out += SeverityName(severity);
  out += ':';
  if (color) out += "\033[0m\033[1m";
  out += ' ';
  out += message;
  if (!rule.empty()) {
    out += " [";
    out += rule;
    out += ']';
  }
  if (color) out += "\033[0m";
  out += '\n';
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void AppendJsonLocation(std::string& out, const std::optional<Span>& span,
                        const SourceManager& sources) {
  if (!span) return;
  out += ",\"file\":";
  AppendJsonString(out, sources.file(span->file).path);
  out += fmt::format(",\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{}",
                     span->begin.line, span->begin.col, span->end.line, span->end.col);
}

// "and 9,900 more errors not shown", or empty when every diagnostic was kept.
std::string OmittedText(const Diagnostics& d) {
  auto count = [](size_t n, const char* what) {
    return fmt::format("{} more {}{}", n, what, n == 1 ? "" : "s");
  };
  std::string parts;
  if (d.omitted_errors() > 0) parts = count(d.omitted_errors(), "error");
  if (d.omitted_warnings() > 0) {
    parts += (parts.empty() ? "" : " and ") + count(d.omitted_warnings(), "warning");
  }
  if (parts.empty()) return {};
  return fmt::format("and {} not shown", parts);
}

}  // namespace

std::string RenderText(const Diagnostic& d, const SourceManager& sources,
                       const RenderOptions& options) {
  std::string out;
  AppendHeader(out, d.severity, d.message, d.span, sources, options.color, d.rule);
  if (d.span) AppendSnippet(out, *d.span, sources, options.color);
  for (const DiagnosticNote& note : d.notes) {
    AppendHeader(out, Severity::kNote, BoundMessage(note.message), note.span ? note.span : d.span,
                 sources, options.color);
    if (note.span) AppendSnippet(out, *note.span, sources, options.color);
  }
  return out;
}

std::string RenderText(const Diagnostics& d, const SourceManager& sources,
                       const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& diagnostic : d.all()) out += RenderText(diagnostic, sources, options);
  if (std::string omitted = OmittedText(d); !omitted.empty()) {
    AppendHeader(out, Severity::kNote, omitted, std::nullopt, sources, options.color);
  }
  return out;
}

// Written by hand rather than with nlohmann/json so that the compiler core has no JSON
// dependency; the format is small and fixed.
std::string RenderJson(const Diagnostics& d, const SourceManager& sources) {
  std::string out = "[";
  bool first = true;
  for (const Diagnostic& diagnostic : d.all()) {
    if (!first) out += ',';
    first = false;
    out += "\n  {\"severity\":";
    AppendJsonString(out, SeverityName(diagnostic.severity));
    if (!diagnostic.rule.empty()) {
      out += ",\"rule\":";
      AppendJsonString(out, diagnostic.rule);
    }
    out += ",\"message\":";
    AppendJsonString(out, diagnostic.message);
    AppendJsonLocation(out, diagnostic.span, sources);
    out += ",\"notes\":[";
    bool first_note = true;
    for (const DiagnosticNote& note : diagnostic.notes) {
      if (!first_note) out += ',';
      first_note = false;
      out += "{\"message\":";
      AppendJsonString(out, BoundMessage(note.message));
      AppendJsonLocation(out, note.span, sources);
      out += '}';
    }
    out += "]}";
  }
  if (std::string omitted = OmittedText(d); !omitted.empty()) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += "{\"severity\":\"note\",\"message\":";
    AppendJsonString(out, omitted);
    out += ",\"notes\":[]}";
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two adjacent
  // characters each cost one ("emial" is one edit from "email"). Three rows of the table are
  // enough (the swap looks two rows back), so memory grows with one string, not their product.
  const size_t width = b.size() + 1;
  std::vector<size_t> before(width), previous(width), current(width);
  for (size_t j = 0; j < width; ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> ClosestMatch(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  // A typo is at most a third of the name (at least one edit, at most three).
  size_t limit = std::clamp<size_t>(name.size() / 3, 1, 3);
  // No name is longer than a qualified one (two identifiers of 63 bytes and a dot): a longer
  // name is no typo of one, and comparing it with a candidate as long would cost its square.
  if (name.size() > kMaxQualifiedName + limit) return std::nullopt;
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
    // The distance is at least the difference in length.
    size_t longer = std::max(candidate.size(), name.size());
    if (longer - std::min(candidate.size(), name.size()) > limit) continue;
    size_t distance = EditDistance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string WithSuggestion(std::string message, std::string_view name,
                           const std::vector<std::string>& candidates) {
  if (auto match = ClosestMatch(name, candidates)) {
    message += fmt::format("; did you mean '{}'?", *match);
  }
  return message;
}

}  // namespace schemac
