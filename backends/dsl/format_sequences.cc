// fmt of `sequence` declarations.

#include "backends/dsl/format_sequences.h"

#include "backends/dsl/format_functions.h"
#include "compiler/sequence_options.h"

namespace schemac::dsl {

std::vector<std::string> SequenceLines(const ast::SequenceDecl& decl) {
  std::string head = "sequence " + (decl.name.schema ? FormatName(*decl.name.schema, NamePosition::kOther) + "." : "") +
                     FormatName(decl.name.name, NamePosition::kOther);
  if (decl.renamed_from) head += " renamed from " + FormatName(*decl.renamed_from, NamePosition::kOther);
  std::vector<std::string> items;
  if (decl.type) items.push_back("as " + decl.type->name);
  const ast::SequenceOptions& o = decl.options;
  auto add = [&](const char* word, const std::optional<int64_t>& value) {
    if (value) items.push_back(std::string(word) + " " + std::to_string(*value));
  };
  add("start", o.start);
  add("increment", o.increment);
  add("minvalue", o.min);
  add("maxvalue", o.max);
  add("cache", o.cache);
  if (o.cycle) items.push_back("cycle");
  if (decl.owned_table && decl.owned_column) {
    items.push_back("owned by " + FormatName(*decl.owned_table, NamePosition::kOther) + "." +
                    FormatName(*decl.owned_column, NamePosition::kColumn));
  }
  for (const ast::GrantItem& grant : decl.grants) {
    std::string line = "grant ";
    for (size_t i = 0; i < grant.privileges.size(); ++i) {
      line += (i > 0 ? ", " : "") + grant.privileges[i];
    }
    line += " to ";
    for (size_t i = 0; i < grant.roles.size(); ++i) {
      line += (i > 0 ? ", " : "") + FormatName(grant.roles[i], NamePosition::kOther);
    }
    items.push_back(std::move(line));
  }
  if (items.empty() && !decl.has_block) return {head};
  std::vector<std::string> lines = {head + " {"};
  for (std::string& item : items) lines.push_back("  " + std::move(item));
  lines.push_back("}");
  return lines;
}

}  // namespace schemac::dsl
