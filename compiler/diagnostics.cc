#include "compiler/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>

namespace schemac {

Diagnostic& Diagnostics::Error(const Span& span, std::string message) {
  ++error_count_;
  diagnostics_.push_back(Diagnostic{Severity::kError, std::move(message), span, {}});
  return diagnostics_.back();
}

Diagnostic& Diagnostics::Warning(const Span& span, std::string message) {
  ++warning_count_;
  diagnostics_.push_back(Diagnostic{Severity::kWarning, std::move(message), span, {}});
  return diagnostics_.back();
}

Diagnostic& Diagnostics::Error(std::string message) {
  ++error_count_;
  diagnostics_.push_back(Diagnostic{Severity::kError, std::move(message), std::nullopt, {}});
  return diagnostics_.back();
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
// the span; a span over several lines is underlined to the end of its first line.
void AppendSnippet(std::string& out, const Span& span, const SourceManager& sources, bool color) {
  const SourceFile& file = sources.file(span.file);
  std::string_view line = file.Line(span.begin.line);
  if (span.begin.line == 0 || span.begin.line > file.line_starts.size()) return;
  out += "  ";
  out += line;
  out += "\n  ";
  uint32_t start = span.begin.col > 0 ? span.begin.col - 1 : 0;
  for (uint32_t i = 0; i < start && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  uint32_t width = 1;
  if (span.end.line == span.begin.line && span.end.col > span.begin.col) {
    width = span.end.col - span.begin.col;
  } else if (span.end.line > span.begin.line && line.size() > start) {
    width = static_cast<uint32_t>(line.size()) - start;
  }
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
                  const std::optional<Span>& span, const SourceManager& sources, bool color) {
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

}  // namespace

std::string RenderText(const Diagnostic& d, const SourceManager& sources,
                       const RenderOptions& options) {
  std::string out;
  AppendHeader(out, d.severity, d.message, d.span, sources, options.color);
  if (d.span) AppendSnippet(out, *d.span, sources, options.color);
  for (const DiagnosticNote& note : d.notes) {
    AppendHeader(out, Severity::kNote, note.message, note.span ? note.span : d.span, sources,
                 options.color);
    if (note.span) AppendSnippet(out, *note.span, sources, options.color);
  }
  return out;
}

std::string RenderText(const Diagnostics& d, const SourceManager& sources,
                       const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& diagnostic : d.all()) out += RenderText(diagnostic, sources, options);
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
    out += ",\"message\":";
    AppendJsonString(out, diagnostic.message);
    AppendJsonLocation(out, diagnostic.span, sources);
    out += ",\"notes\":[";
    bool first_note = true;
    for (const DiagnosticNote& note : diagnostic.notes) {
      if (!first_note) out += ',';
      first_note = false;
      out += "{\"message\":";
      AppendJsonString(out, note.message);
      AppendJsonLocation(out, note.span, sources);
      out += '}';
    }
    out += "]}";
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two adjacent
  // characters each cost one ("emial" is one edit from "email").
  const size_t width = b.size() + 1;
  std::vector<size_t> d((a.size() + 1) * width);
  for (size_t i = 0; i <= a.size(); ++i) d[i * width] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1,
                              d[(i - 1) * width + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * width + j - 2] + 1);
      }
      d[i * width + j] = best;
    }
  }
  return d[a.size() * width + b.size()];
}

std::optional<std::string> ClosestMatch(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  // A typo is at most a third of the name (at least one edit, at most three).
  size_t limit = std::clamp<size_t>(name.size() / 3, 1, 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    if (candidate == name) continue;
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
