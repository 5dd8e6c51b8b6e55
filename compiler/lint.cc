// Lint rules, levels, suppression comments and the lint pass over a resolved schema.

#include "compiler/lint.h"

#include <fmt/format.h>

#include <algorithm>

namespace schemac {

const std::vector<const LintRule*>& LintRules() {
  static const std::vector<const LintRule*> rules = {
      &lint::kMissingPrimaryKey, &lint::kPolicyWithoutRls, &lint::kPolicyWithoutGrant,
      &lint::kEmptyEnum,         &lint::kRedundantUnique,  &lint::kSetNullNotNull,
      &lint::kFunctionSearchPath, &lint::kDanglingDocComment, &lint::kUnknownLintRule,
  };
  return rules;
}

const LintRule* FindLintRule(std::string_view id) {
  for (const LintRule* rule : LintRules()) {
    if (rule->id == id) return rule;
  }
  return nullptr;
}

std::optional<LintLevel> ParseLintLevel(std::string_view text) {
  if (text == "off") return LintLevel::kOff;
  if (text == "warning") return LintLevel::kWarning;
  if (text == "error") return LintLevel::kError;
  return std::nullopt;
}

bool LintConfig::Set(std::string_view id, LintLevel level) {
  const LintRule* rule = FindLintRule(id);
  if (rule == nullptr) return false;
  levels_[rule->id] = level;
  return true;
}

LintLevel LintConfig::LevelOf(const LintRule& rule) const {
  auto it = levels_.find(rule.id);
  return it == levels_.end() ? rule.default_level : it->second;
}

namespace {

constexpr std::string_view kAllow = "schemac:allow";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::vector<std::pair<std::string_view, size_t>> SuppressedIds(std::string_view text) {
  std::vector<std::pair<std::string_view, size_t>> ids;
  size_t i = 0;
  while (i < text.size() && IsBlank(text[i])) ++i;
  if (text.substr(i, kAllow.size()) != kAllow) return ids;
  i += kAllow.size();
  // `schemac:allowed` is another word, not the marker.
  if (i < text.size() && !IsBlank(text[i])) return ids;
  while (i < text.size()) {
    while (i < text.size() && (IsBlank(text[i]) || text[i] == ',')) ++i;
    if (text.substr(i, 2) == "--") break;  // A reason follows.
    size_t begin = i;
    while (i < text.size() && !IsBlank(text[i]) && text[i] != ',') ++i;
    if (i > begin) ids.emplace_back(text.substr(begin, i - begin), begin);
  }
  return ids;
}

bool IsSuppressed(const std::vector<ast::Comment>& comments, std::string_view id, uint32_t line) {
  // Comments are in source order, so those on the line before and the line itself are
  // adjacent; a finding is rare, a binary search finds them in a file of any size.
  auto it = std::lower_bound(comments.begin(), comments.end(), line > 0 ? line - 1 : 0,
                             [](const ast::Comment& c, uint32_t l) { return c.span.begin.line < l; });
  for (; it != comments.end() && it->span.begin.line <= line; ++it) {
    if (it->doc) continue;  // A `///` line is documentation, whatever it says.
    if (it->span.begin.line < line && !it->own_line) continue;  // Another line's trailing note.
    for (const auto& [named, offset] : SuppressedIds(it->text)) {
      if (named == id) return true;
    }
  }
  return false;
}

void ReportLint(Diagnostics& diagnostics, const std::vector<ast::Comment>& comments,
                const LintRule& rule, const Span& span, std::string message) {
  LintLevel level = diagnostics.lint_config() ? diagnostics.lint_config()->LevelOf(rule)
                                              : rule.default_level;
  if (level == LintLevel::kOff) return;
  if (IsSuppressed(comments, rule.id, span.begin.line)) return;
  diagnostics.Lint(level == LintLevel::kError ? Severity::kError : Severity::kWarning, span,
                   std::move(message), rule.id);
}

Linter::Linter(const std::vector<ast::File>& files, Diagnostics& diagnostics)
    : diagnostics_(diagnostics) {
  for (const ast::File& file : files) {
    if (comments_.size() <= file.source) comments_.resize(file.source + 1, nullptr);
    comments_[file.source] = &file.comments;
  }
}

const std::vector<ast::Comment>& Linter::CommentsOf(uint32_t source) const {
  static const std::vector<ast::Comment> kNone;
  if (source < comments_.size() && comments_[source] != nullptr) return *comments_[source];
  return kNone;
}

void Linter::Report(const LintRule& rule, const Span& span, std::string message) {
  ReportLint(diagnostics_, CommentsOf(span.file), rule, span, std::move(message));
}

namespace {

// How a qualified name is shown to the user: bare in public, qualified elsewhere (as resolve
// shows it).
std::string Display(const ir::QualifiedName& name) {
  return name.schema == "public" ? name.name : name.ToString();
}

// Whether `role` holds a privilege `command` needs on `table` (a grant to public counts for
// every role; `for all` needs any of the four). Role membership is not known to the schema.
bool MayRun(const ir::Table& table, const std::string& role, ast::PolicyCommand command) {
  static constexpr std::string_view kAny[] = {"select", "insert", "update", "delete"};
  for (const ir::Grant& grant : table.grants) {
    if (grant.role != role && grant.role != "public") continue;
    for (const std::string& p : grant.privileges) {
      switch (command) {
        case ast::PolicyCommand::kAll:
          if (std::find(std::begin(kAny), std::end(kAny), p) != std::end(kAny)) return true;
          break;
        case ast::PolicyCommand::kSelect: if (p == "select") return true; break;
        case ast::PolicyCommand::kInsert: if (p == "insert") return true; break;
        case ast::PolicyCommand::kUpdate: if (p == "update") return true; break;
        case ast::PolicyCommand::kDelete: if (p == "delete") return true; break;
      }
    }
  }
  return false;
}

// Policies never reached: PostgreSQL checks the table privilege before any policy, so a role
// without it gets "permission denied" whatever the policy admits.
void LintPolicyGrants(const ast::TableDecl& decl, const ir::Table& table, Linter& linter) {
  static constexpr const char* kCommand[] = {"select, insert, update or delete", "select",
                                             "insert", "update", "delete"};
  for (const ast::TableEntry& entry : decl.entries) {
    const auto* policy = std::get_if<ast::PolicyItem>(&entry.item);
    if (policy == nullptr) continue;
    for (const ast::Ident& role : policy->roles) {
      if (role.name == "public" || MayRun(table, role.name, policy->command)) continue;
      const char* needed = kCommand[static_cast<int>(policy->command)];
      std::string fix = policy->command == ast::PolicyCommand::kAll
                            ? fmt::format("grant {} what the policy is for", role.name)
                            : fmt::format("add 'grant {} to {}'", needed, role.name);
      linter.Report(lint::kPolicyWithoutGrant, role.span,
                    fmt::format("policy \"{}\" never applies to '{}': it has no {} privilege "
                                "on table '{}' ({})",
                                policy->name.name, role.name, needed, Display(table.name), fix));
    }
  }
}

void LintTables(const std::vector<const ast::TableDecl*>& tables, const ir::Schema& schema,
                Linter& linter) {
  for (size_t t = 0; t < tables.size(); ++t) {
    const ir::Table& table = schema.tables[t];
    const ast::TableDecl& decl = *tables[t];
    if (table.is_extern) continue;
    LintPolicyGrants(decl, table, linter);
    if (!table.primary_key) {
      linter.Report(lint::kMissingPrimaryKey, decl.name.span,
                    fmt::format("table '{}' has no primary key", Display(table.name)));
    }
    if (table.rls_enabled) continue;
    // Once per table, at its first policy: the fix ('rls') is one for all of them.
    for (const ast::TableEntry& entry : decl.entries) {
      if (auto* policy = std::get_if<ast::PolicyItem>(&entry.item)) {
        linter.Report(lint::kPolicyWithoutRls, policy->span,
                      fmt::format("policy \"{}\" has no effect: table '{}' does not enable row "
                                  "level security (add 'rls')",
                                  policy->name.name, Display(table.name)));
        break;
      }
    }
  }
}

// Suppression comments that name no rule: a typo would otherwise silence nothing, silently.
void LintSuppressions(const std::vector<ast::File>& files, Linter& linter) {
  std::vector<std::string> known;
  for (const LintRule* rule : LintRules()) known.emplace_back(rule->id);
  for (const ast::File& file : files) {
    for (const ast::Comment& comment : file.comments) {
      if (comment.doc) continue;
      for (const auto& [id, offset] : SuppressedIds(comment.text)) {
        if (FindLintRule(id) != nullptr) continue;
        // The id's own span: a comment is one line, and `text` starts after the `--`.
        Span span = comment.span;
        uint32_t skip = static_cast<uint32_t>(2 + offset);
        span.begin.offset += skip;
        span.begin.col += skip;
        span.end = span.begin;
        span.end.offset += static_cast<uint32_t>(id.size());
        span.end.col += static_cast<uint32_t>(id.size());
        linter.Report(lint::kUnknownLintRule, span,
                      WithSuggestion(fmt::format("unknown lint rule '{}' in schemac:allow", id),
                                     id, known));
      }
    }
  }
}

}  // namespace

void LintSchema(const std::vector<ast::File>& files,
                const std::vector<const ast::TableDecl*>& tables, const ir::Schema& schema,
                Linter& linter) {
  LintTables(tables, schema, linter);
  LintSuppressions(files, linter);
}

}  // namespace schemac
