#pragma once
// Lint: the table of warning rules, each with a stable id, a default level and a description;
// the per-project levels (schemac.json "lint"); the per-line suppression comment
// (`-- schemac:allow RULE`); and the lint pass over a resolved schema. Every warning of the
// compiler is raised through a rule here, so that it can be graded and silenced by its id.
//
// Checks that need nothing but the AST and the IR live in this file's pass (LintSchema); a few
// are found while resolving (an enum without values, a unique key that repeats another, 'set
// null' on a column that is not nullable) or parsing (a doc comment documenting nothing) and are
// raised there, through the same rules.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/ir.h"
#include "compiler/source.h"

namespace schemac {

/// What a project makes of a rule's findings.
enum class LintLevel { kOff, kWarning, kError };

/// One lint rule.
struct LintRule {
  std::string_view id;           ///< Stable, kebab-case; shown with each finding.
  LintLevel default_level;       ///< Level unless schemac.json says otherwise.
  std::string_view description;  ///< One line, as in docs/cli.md.
};

/// The rules (docs/cli.md lists them; keep both in this order).
namespace lint {
inline constexpr LintRule kMissingPrimaryKey{"missing-primary-key", LintLevel::kWarning,
                                             "a table (not extern) has no primary key"};
inline constexpr LintRule kPolicyWithoutRls{
    "policy-without-rls", LintLevel::kWarning,
    "a table has policies but does not enable row level security ('rls'): they have no effect"};
inline constexpr LintRule kPolicyWithoutGrant{
    "policy-without-grant", LintLevel::kWarning,
    "a policy applies to a role without the table privilege its command needs: it never admits "
    "a row"};
inline constexpr LintRule kEmptyEnum{
    "empty-enum", LintLevel::kWarning,
    "an enum has no values: a column of its type can hold nothing but null"};
inline constexpr LintRule kRedundantUnique{
    "redundant-unique", LintLevel::kWarning,
    "a unique constraint repeats the primary key or another unique key (no second index)"};
inline constexpr LintRule kSetNullNotNull{
    "set-null-not-null", LintLevel::kWarning,
    "'on delete/update set null' on a column that is not nullable: the action would fail"};
inline constexpr LintRule kFunctionSearchPath{
    "function-search-path", LintLevel::kWarning,
    "a 'security definer' function does not 'set search_path': it resolves names with the "
    "caller's search_path (Supabase's advisor: function_search_path_mutable)"};
inline constexpr LintRule kDanglingDocComment{
    "dangling-doc-comment", LintLevel::kWarning,
    "a '///' doc comment documents nothing (a blank line or nothing documentable follows)"};
inline constexpr LintRule kUnknownLintRule{
    "unknown-lint-rule", LintLevel::kWarning,
    "a 'schemac:allow' comment names a rule that does not exist"};
}  // namespace lint

/// Every rule, in the order above.
const std::vector<const LintRule*>& LintRules();
/// The rule with id `id`, or null.
const LintRule* FindLintRule(std::string_view id);
/// "off", "warning" or "error"; nullopt for anything else.
std::optional<LintLevel> ParseLintLevel(std::string_view text);

/// The levels a project gives rules (schemac.json: `"lint": {"empty-enum": "off"}`); a rule it
/// does not name keeps its default level. Attached to a Diagnostics sink for a run.
class LintConfig {
 public:
  /// Sets the level of rule `id`. False (and nothing set) when no rule has that id.
  bool Set(std::string_view id, LintLevel level);
  LintLevel LevelOf(const LintRule& rule) const;

 private:
  std::map<std::string_view, LintLevel> levels_;  // Keys point into the rule table.
};

/// The rule ids of a suppression comment: `text` is a `--` comment's text (after the `--`),
/// `schemac:allow ID[, ID...]` after optional blanks; the list ends at the end of the comment or
/// at a further `--` (a reason may follow: `-- schemac:allow empty-enum -- filled later`). Each
/// id comes with its byte offset in `text`. Empty for any other comment.
std::vector<std::pair<std::string_view, size_t>> SuppressedIds(std::string_view text);

/// Whether `comments` (a file's, in source order) silence rule `id` at a finding on `line`: a
/// `schemac:allow` comment naming it on that line, or alone on the line before.
bool IsSuppressed(const std::vector<ast::Comment>& comments, std::string_view id, uint32_t line);

/// Raises a finding of `rule` at `span`, at the level the sink's LintConfig gives the rule
/// (nothing when off), unless `comments` (those of the span's file) suppress it on its line.
void ReportLint(Diagnostics& diagnostics, const std::vector<ast::Comment>& comments,
                const LintRule& rule, const Span& span, std::string message);

/// Raises findings for one schema whose files are known (suppressions are looked up in the
/// comments of the finding's file).
class Linter {
 public:
  Linter(const std::vector<ast::File>& files, Diagnostics& diagnostics);

  /// ReportLint with the comments of `span`'s file.
  void Report(const LintRule& rule, const Span& span, std::string message);

 private:
  const std::vector<ast::Comment>& CommentsOf(uint32_t source) const;

  Diagnostics& diagnostics_;
  std::vector<const std::vector<ast::Comment>*> comments_;  // By source index; may be null.
};

/// The lint pass over a resolved schema: missing primary keys, policies without rls or without
/// a grant to their roles, and
/// suppression comments naming unknown rules. `tables` are the table declarations that were
/// resolved, parallel to the first `tables.size()` tables of `schema`.
void LintSchema(const std::vector<ast::File>& files,
                const std::vector<const ast::TableDecl*>& tables, const ir::Schema& schema,
                Linter& linter);

}  // namespace schemac
