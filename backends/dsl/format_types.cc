// fmt of `domain` and composite `type` declarations: the canonical layout of each, one line
// when it fits, else one clause or attribute per line.

#include "backends/dsl/format_types.h"

#include "backends/dsl/format_functions.h"

namespace schemac::dsl {

namespace {

std::string QualifiedText(const ast::QualifiedName& name) {
  std::string out;
  if (name.schema) out = FormatName(*name.schema, NamePosition::kOther) + ".";
  return out + FormatName(name.name, NamePosition::kOther);
}

// Width of the longest line (a default or check may span lines).
size_t Widest(const std::string& text) {
  size_t widest = 0;
  size_t start = 0;
  while (true) {
    size_t end = text.find('\n', start);
    size_t len = (end == std::string::npos ? text.size() : end) - start;
    widest = std::max(widest, len);
    if (end == std::string::npos) return widest;
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string> DomainLines(const ast::DomainDecl& decl, std::string_view indent,
                                     size_t max_width) {
  std::string head = "domain " + QualifiedText(decl.name) + " as " + FormatType(decl.type);
  std::vector<std::string> clauses;
  if (decl.collate) clauses.push_back("collate " + FormatName(*decl.collate, NamePosition::kOther));
  if (decl.default_value) {
    const ast::Default& d = *decl.default_value;
    clauses.push_back("default " +
                      (d.kind == ast::Default::Kind::kParenthesized ? "(" + d.sql + ")" : d.sql));
  }
  if (decl.not_null) clauses.push_back("not null");
  for (const ast::DomainCheck& check : decl.checks) {
    std::string text;
    if (check.name) text = "constraint " + FormatName(*check.name, NamePosition::kOther) + " ";
    clauses.push_back(text + "check (" + check.expression.text + ")");
  }
  std::string one = head;
  for (const std::string& clause : clauses) one += " " + clause;
  if (clauses.empty() || (one.find('\n') == std::string::npos && one.size() <= max_width)) {
    return {one};
  }
  std::vector<std::string> lines = {head};
  for (const std::string& clause : clauses) lines.push_back(std::string(indent) + clause);
  return lines;
}

std::vector<std::string> CompositeLines(const ast::CompositeDecl& decl, std::string_view indent,
                                        size_t max_width) {
  std::vector<std::string> attributes;
  for (const ast::CompositeAttribute& a : decl.attributes) {
    std::string text = FormatName(a.name, NamePosition::kColumn) + " " + FormatType(a.type);
    if (a.collate) text += " collate " + FormatName(*a.collate, NamePosition::kOther);
    attributes.push_back(std::move(text));
  }
  std::string head = "type " + QualifiedText(decl.name) + " as (";
  std::string one = head;
  for (size_t i = 0; i < attributes.size(); ++i) one += (i ? ", " : "") + attributes[i];
  one += ")";
  if (attributes.empty() || Widest(one) <= max_width) return {one};
  std::vector<std::string> lines = {head};
  for (size_t i = 0; i < attributes.size(); ++i) {
    lines.push_back(std::string(indent) + attributes[i] + (i + 1 < attributes.size() ? "," : ""));
  }
  lines.push_back(")");
  return lines;
}

}  // namespace schemac::dsl
