#pragma once
// The one path for user-facing errors and warnings: code deep in the compiler reports into a
// Diagnostics sink; only the CLI renders them (text with source line and caret, or JSON).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source.h"

namespace schemac {

enum class Severity { kError, kWarning, kNote };

/// A secondary message attached to a diagnostic, optionally with its own location.
struct DiagnosticNote {
  std::string message;
  std::optional<Span> span;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string message;
  std::optional<Span> span;  ///< Empty for errors that belong to no source position.
  std::vector<DiagnosticNote> notes;
};

/// Collects the diagnostics of a run, in the order they were reported.
class Diagnostics {
 public:
  Diagnostic& Error(const Span& span, std::string message);
  Diagnostic& Warning(const Span& span, std::string message);
  /// An error with no source position (unreadable file, bad argument).
  Diagnostic& Error(std::string message);

  bool HasErrors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  size_t warning_count() const { return warning_count_; }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }

  /// Sorts by file, line, column (stable for equal positions). Used before rendering so that
  /// errors found in different passes still read top to bottom.
  void SortByPosition();

 private:
  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
  size_t warning_count_ = 0;
};

struct RenderOptions {
  bool color = false;
};

/// `file:line:col: error: message`, the source line, a caret under the span, then notes.
std::string RenderText(const Diagnostic& d, const SourceManager& sources, const RenderOptions& options);
/// All diagnostics rendered as text, one after another.
std::string RenderText(const Diagnostics& d, const SourceManager& sources, const RenderOptions& options);
/// A JSON array: [{"severity","message","file","line","column","end_line","end_column","notes"}].
std::string RenderJson(const Diagnostics& d, const SourceManager& sources);

/// Levenshtein distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);
/// The candidate closest to `name`, if it is close enough to be a plausible typo.
std::optional<std::string> ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);
/// Appends `; did you mean 'x'?` to a message when a close candidate exists.
std::string WithSuggestion(std::string message, std::string_view name,
                           const std::vector<std::string>& candidates);

}  // namespace schemac
