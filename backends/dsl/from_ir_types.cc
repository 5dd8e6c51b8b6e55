// pull of domains and composite types: the DSL text of an introspected ir::Domain or
// ir::CompositeType, written so that it resolves back to the same IR.

#include "backends/dsl/from_ir_types.h"

#include "backends/dsl/dsl_names.h"

namespace schemac::dsl {

namespace {

std::string Name(std::string_view name) { return QuoteDslIdent(name, NamePosition::kOther); }

std::string Qualified(const ir::QualifiedName& name) {
  return name.schema == "public" ? Name(name.name) : Name(name.schema) + "." + Name(name.name);
}

std::string Doc(const std::string& comment) {
  if (comment.empty()) return "";
  std::string out;
  size_t start = 0;
  while (true) {
    size_t end = comment.find('\n', start);
    std::string line = comment.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out += line.empty() ? "///\n" : "/// " + line + "\n";
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

}  // namespace

std::string DomainText(const ir::Domain& domain, const TypeTextFn& type_text) {
  std::string out = Doc(domain.comment) + "domain " + Qualified(domain.name) + " as " +
                    type_text(domain.type);
  std::vector<std::string> clauses;
  if (!domain.collation.empty()) clauses.push_back("collate " + Name(domain.collation));
  // Always in parentheses: the DSL's bare forms are a subset, and the text is PostgreSQL's.
  if (!domain.default_sql.empty()) clauses.push_back("default (" + domain.default_sql + ")");
  if (domain.not_null) clauses.push_back("not null");
  // Unnamed, resolve names a check `<domain>_check`; checks come sorted by name, so the
  // default one is resolved before any other could take its name.
  std::string default_name = domain.name.name + "_check";
  for (const ir::DomainCheck& check : domain.checks) {
    std::string text = check.name == default_name ? "" : "constraint " + Name(check.name) + " ";
    clauses.push_back(text + "check (" + check.expression + ")");
  }
  size_t width = out.size() - Doc(domain.comment).size();
  for (const std::string& clause : clauses) width += clause.size() + 1;
  for (const std::string& clause : clauses) out += (width <= 100 ? " " : "\n  ") + clause;
  return out + "\n";
}

std::string CompositeTypeText(const ir::CompositeType& type, const TypeTextFn& type_text) {
  std::vector<std::string> attributes;
  size_t width = 0;
  for (const ir::CompositeAttribute& a : type.attributes) {
    std::string text = QuoteDslIdent(a.name, NamePosition::kColumn) + " " + type_text(a.type);
    if (!a.collation.empty()) text += " collate " + Name(a.collation);
    width += text.size() + 2;
    attributes.push_back(std::move(text));
  }
  std::string head = "type " + Qualified(type.name) + " as (";
  std::string out = Doc(type.comment) + head;
  bool one_line = head.size() + width <= 100;
  for (size_t i = 0; i < attributes.size(); ++i) {
    if (one_line) {
      out += (i ? ", " : "") + attributes[i];
    } else {
      out += "\n  " + attributes[i] + (i + 1 < attributes.size() ? "," : "");
    }
  }
  return out + (one_line || attributes.empty() ? ")\n" : "\n)\n");
}

}  // namespace schemac::dsl
