#pragma once
// The one path for user-facing errors and warnings: code deep in the compiler reports into a
// Diagnostics sink; only the CLI renders them (text with source line and caret, or JSON).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source.h"

namespace schemac {

class LintConfig;  // compiler/lint.h

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
  /// The id of the lint rule that raised it (compiler/lint.h), else empty. Points into the
  /// rule table, which lives as long as the program.
  std::string_view rule;
};

/// At most this many errors, and as many warnings, are kept (and shown) per run; the rest are
/// only counted. A small file can hold millions of errors: each kept one costs memory and a
/// few lines of output.
inline constexpr size_t kMaxKeptDiagnostics = 100;
/// A quoted part of a message ('name') longer than this is cut, and a whole message is cut to
/// kMaxMessageBytes: names and tokens come from the input, which can be megabytes long.
inline constexpr size_t kMaxQuotedBytes = 80;
inline constexpr size_t kMaxMessageBytes = 1000;
/// Source lines longer than this are shown cut around the caret, with "..." where cut.
inline constexpr size_t kMaxSnippetBytes = 120;

/// Collects the diagnostics of a run, in the order they were reported.
class Diagnostics {
 public:
  /// Each returns the diagnostic to attach notes to; once kMaxKeptDiagnostics of its severity
  /// are kept, a scratch one that is counted but neither kept nor shown.
  Diagnostic& Error(const Span& span, std::string message);
  Diagnostic& Warning(const Span& span, std::string message);
  /// An error with no source position (unreadable file, bad argument).
  Diagnostic& Error(std::string message);
  /// A finding of lint rule `rule` at `severity` (compiler/lint.h's ReportLint decides both).
  Diagnostic& Lint(Severity severity, const Span& span, std::string message, std::string_view rule);

  /// The levels lint rules get in this run (schemac.json); null: every rule at its default.
  /// Not owned: it must outlive the run.
  const LintConfig* lint_config() const { return lint_config_; }
  void set_lint_config(const LintConfig* config) { lint_config_ = config; }

  bool HasErrors() const { return error_count_ > 0; }
  size_t error_count() const { return error_count_; }
  size_t warning_count() const { return warning_count_; }
  /// Errors and warnings counted but not kept (beyond kMaxKeptDiagnostics).
  size_t omitted_errors() const { return error_count_ - kept_errors_; }
  size_t omitted_warnings() const { return warning_count_ - kept_warnings_; }
  /// Whether further errors are only counted: callers skip work that serves only the message
  /// (such as a "did you mean" search).
  bool ErrorsFull() const { return kept_errors_ >= kMaxKeptDiagnostics; }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }

  /// Sorts by file, line, column (stable for equal positions). Used before rendering so that
  /// errors found in different passes still read top to bottom.
  void SortByPosition();

 private:
  Diagnostic& Add(Severity severity, std::optional<Span> span, std::string message);

  std::vector<Diagnostic> diagnostics_;
  size_t error_count_ = 0;
  size_t warning_count_ = 0;
  size_t kept_errors_ = 0;
  size_t kept_warnings_ = 0;
  Diagnostic dropped_;  // Returned for diagnostics beyond the cap.
  const LintConfig* lint_config_ = nullptr;
};

/// `message` with every quoted part longer than kMaxQuotedBytes cut to it (ending in "..."),
/// and the whole cut to kMaxMessageBytes; never splits a UTF-8 character.
std::string BoundMessage(std::string message);

struct RenderOptions {
  bool color = false;
};

/// `file:line:col: error: message`, then ` [rule]` for a lint finding, the source line, a caret
/// under the span, then notes.
std::string RenderText(const Diagnostic& d, const SourceManager& sources, const RenderOptions& options);
/// All diagnostics rendered as text, one after another, then `schemac: note: N more errors
/// and M more warnings not shown` when some were over the cap.
std::string RenderText(const Diagnostics& d, const SourceManager& sources, const RenderOptions& options);
/// A JSON array: [{"severity","message","file","line","column","end_line","end_column","notes"}],
/// with "rule" after "severity" in a lint finding, ending in a note without position when some
/// diagnostics were over the cap.
std::string RenderJson(const Diagnostics& d, const SourceManager& sources);

/// Levenshtein distance, for "did you mean" suggestions.
size_t EditDistance(std::string_view a, std::string_view b);
/// The longest name a suggestion is looked for: `schema.name`, two identifiers of 63 bytes.
inline constexpr size_t kMaxQualifiedName = 63 + 1 + 63;
/// The candidate closest to `name`, if it is close enough to be a plausible typo. Names longer
/// than kMaxQualifiedName, and candidates whose length differs by more than a typo, are not
/// compared, so the cost does not grow with the length of a hostile name.
std::optional<std::string> ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);
/// Appends `; did you mean 'x'?` to a message when a close candidate exists.
std::string WithSuggestion(std::string message, std::string_view name,
                           const std::vector<std::string>& candidates);

}  // namespace schemac
