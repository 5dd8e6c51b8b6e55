// fmt of `function` declarations: the head, then the clauses one per line in a fixed order,
// the dollar-quoted body last and byte for byte.

#include "backends/dsl/format_functions.h"

#include <algorithm>
#include <array>

#include "compiler/identifiers.h"

namespace schemac::dsl {

namespace {

std::string ModeText(ast::ArgMode mode) {
  switch (mode) {
    case ast::ArgMode::kOut:
      return "out ";
    case ast::ArgMode::kInOut:
      return "inout ";
    case ast::ArgMode::kVariadic:
      return "variadic ";
    default:
      return "";  // `in` is the default mode: not written.
  }
}

std::string ArgText(const ast::FunctionArg& arg) {
  std::string out = ModeText(arg.mode);
  if (arg.name) {
    const std::string& n = arg.name->name;
    bool mode_word = n == "in" || n == "out" || n == "inout" || n == "variadic";
    out += (mode_word ? DoubleQuoteIdent(n) : FormatName(*arg.name, NamePosition::kOther)) + " ";
  }
  out += FormatType(arg.type);
  if (arg.default_sql) out += " default " + *arg.default_sql;
  return out;
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string ReturnsText(const ast::FunctionDecl& decl) {
  if (decl.returns_table) {
    std::vector<std::string> columns;
    for (const ast::FunctionArg& column : decl.table_columns) columns.push_back(ArgText(column));
    return "returns table (" + Joined(columns, ", ") + ")";
  }
  return std::string("returns ") + (decl.returns_set ? "setof " : "") + FormatType(decl.returns);
}

// A setting's value as written, a bare name folded to lowercase (the same name to PostgreSQL).
std::string SettingValueText(const std::string& value) {
  if (value.empty() || value[0] == '\'' || value[0] == '"') return value;
  std::string out = value;
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string RolesText(const std::vector<ast::Ident>& roles) {
  std::vector<std::string> names;
  for (const ast::Ident& role : roles) names.push_back(FormatName(role, NamePosition::kOther));
  return Joined(names, ", ");
}

std::string ClauseText(const ast::FunctionClause& clause) {
  using Kind = ast::FunctionClauseKind;
  switch (clause.kind) {
    case Kind::kLanguage:
      return "language " + FormatName(clause.name, NamePosition::kOther);
    case Kind::kVolatility:
      return clause.word;
    case Kind::kStrict:
      return clause.word == "strict" ? "strict" : "called on null input";
    case Kind::kSecurity:
      return "security " + clause.word;
    case Kind::kLeakproof:
      return "leakproof";
    case Kind::kParallel:
      return "parallel " + clause.word;
    case Kind::kCost:
      return "cost " + clause.word;
    case Kind::kRows:
      return "rows " + clause.word;
    case Kind::kSet: {
      std::vector<std::string> values;
      for (const std::string& v : clause.values) values.push_back(SettingValueText(v));
      size_t dot = clause.word.find('.');
      std::string name = dot == std::string::npos
                             ? FormatName(clause.name, NamePosition::kOther)
                             : QuoteDslIdent(clause.word.substr(0, dot)) + "." +
                                   FormatName(clause.name, NamePosition::kOther);
      return "set " + name + " = " + Joined(values, ", ");
    }
    case Kind::kGrant:
      return "grant execute to " + RolesText(clause.roles);
    case Kind::kRevoke:
      return "revoke execute from " + RolesText(clause.roles);
    case Kind::kBody:
      return "as " + clause.tag + clause.word + clause.tag;
  }
  return {};
}

}  // namespace

std::string ArgNameText(std::string_view name) {
  if (name == "in" || name == "out" || name == "inout" || name == "variadic") {
    return DoubleQuoteIdent(name);
  }
  return QuoteDslIdent(name, NamePosition::kOther);
}

std::vector<std::string> FunctionLines(const ast::FunctionDecl& decl, std::string_view indent,
                                       size_t max_width) {
  std::vector<std::string> args;
  for (const ast::FunctionArg& arg : decl.args) args.push_back(ArgText(arg));
  std::string name = "function ";
  if (decl.name.schema) name += FormatName(*decl.name.schema, NamePosition::kOther) + ".";
  name += FormatName(decl.name.name, NamePosition::kOther);
  std::string returns = ReturnsText(decl);
  std::string head = name + "(" + Joined(args, ", ") + ") " + returns;
  bool multi_line_arg = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a.find('\n') != std::string::npos;
  });
  std::vector<std::string> lines;
  if (args.empty() || (head.size() <= max_width && !multi_line_arg)) {
    lines.push_back(head);
  } else {
    lines.push_back(name + "(");
    for (size_t i = 0; i < args.size(); ++i) {
      lines.push_back(std::string(indent) + args[i] + (i + 1 < args.size() ? "," : ""));
    }
    lines.push_back(") " + returns);
  }
  std::vector<const ast::FunctionClause*> clauses;
  for (const ast::FunctionClause& clause : decl.clauses) clauses.push_back(&clause);
  std::stable_sort(clauses.begin(), clauses.end(),
                   [](const ast::FunctionClause* a, const ast::FunctionClause* b) {
                     return a->kind < b->kind;
                   });
  for (const ast::FunctionClause* clause : clauses) {
    lines.push_back(std::string(indent) + ClauseText(*clause));
  }
  return lines;
}

}  // namespace schemac::dsl
