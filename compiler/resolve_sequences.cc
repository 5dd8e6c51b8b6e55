// Resolve of sequences (`sequence` declarations: name, type, options, owner, grants, comment) and
// of an identity column's `(start N increment N ...)`, with PostgreSQL's defaults filled in, so a
// schema compares equal to the database it builds.

#include <algorithm>

#include "compiler/resolve_internal.h"
#include "compiler/sequence_options.h"

namespace schemac::resolve_internal {

void Resolver::ResolveIdentityOptions(const ast::Column& c, ir::Column& column) {
  ast::SequenceOptions none;
  const ast::SequenceOptions& written = c.identity_options ? *c.identity_options : none;
  std::string error;
  column.identity_options = EffectiveSequenceOptions(column.type.name, written, &error);
  if (!error.empty()) {
    diagnostics_.Error(c.identity_options ? c.identity_options->span : *c.identity_span,
                       fmt::format("identity column '{}': {}", column.name, error));
  }
}


// Registers each sequence's name before the tables take theirs: a sequence shares the relation
// namespace of its schema with tables, views and indexes, and a serial column's sequence
// chooses a free name after it (as PostgreSQL does when the sequence is made first).
void Resolver::DeclareSequences() {
  std::map<std::string, Span> seen;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      const auto* sequence = std::get_if<ast::SequenceDecl>(&decl);
      if (sequence == nullptr) continue;
      std::string schema;
      if (!SchemaOf(sequence->name, &schema)) continue;
      if (IsPlatformSchema(schema)) {
        diagnostics_.Error(sequence->name.schema->span,
                           fmt::format("schema '{}' belongs to the platform: schemac never "
                                       "creates sequences in it",
                                       schema));
        continue;
      }
      const std::string& name = sequence->name.name.name;
      if (!CheckLength(name, sequence->name.name.span, "sequence")) continue;
      std::string key = Key(schema, name);
      if (auto it = seen.find(key); it != seen.end()) {
        Diagnostic& d = diagnostics_.Error(
            sequence->name.span, fmt::format("duplicate sequence '{}'", Display({schema, name})));
        d.notes.push_back({"first declared here", it->second});
        continue;
      }
      if (!relation_names_[schema].insert(name).second) {
        diagnostics_.Error(sequence->name.span,
                           fmt::format("sequence '{}' has the name of a table or view (they "
                                       "share one namespace per schema)",
                                       Display({schema, name})));
        continue;
      }
      seen.emplace(key, sequence->name.span);
      sequence_decls_.push_back(sequence);
    }
  }
}

void Resolver::ResolveSequences() {
  for (const ast::SequenceDecl* decl : sequence_decls_) ResolveSequence(*decl);
  std::sort(schema_.sequences.begin(), schema_.sequences.end(),
            [](const ir::Sequence& a, const ir::Sequence& b) { return a.name < b.name; });
}

void Resolver::ResolveSequence(const ast::SequenceDecl& decl) {
  ir::Sequence sequence;
  sequence.name.schema = decl.name.schema ? decl.name.schema->name : "public";
  sequence.name.name = decl.name.name.name;
  if (decl.renamed_from) sequence.renamed_from = decl.renamed_from->name;
  sequence.origin = OriginOf(decl.name.span);
  sequence.comment = JoinDoc(decl.doc);
  if (decl.type) {
    // PostgreSQL's spellings of the three integer types.
    static const std::map<std::string, std::string> kTypes = {
        {"smallint", "smallint"}, {"int2", "smallint"}, {"integer", "integer"},
        {"int", "integer"},       {"int4", "integer"},  {"bigint", "bigint"},
        {"int8", "bigint"}};
    auto it = kTypes.find(decl.type->name);
    if (it == kTypes.end()) {
      diagnostics_.Error(decl.type->span,
                         fmt::format("a sequence is smallint, integer or bigint, not '{}'",
                                     decl.type->name));
    } else {
      sequence.type = it->second;
    }
  }
  std::string error;
  sequence.options = EffectiveSequenceOptions(sequence.type, decl.options, &error);
  if (!error.empty()) {
    diagnostics_.Error(decl.span, fmt::format("sequence '{}': {}", Display(sequence.name), error));
  }
  if (decl.owned_table && decl.owned_column) {
    // A sequence and the table owning it share a schema (PostgreSQL refuses otherwise).
    const ir::Table* table =
        schema_.FindTable(ir::QualifiedName{sequence.name.schema, decl.owned_table->name});
    if (table == nullptr || table->is_extern) {
      diagnostics_.Error(decl.owned_table->span,
                         fmt::format("'owned by': no table '{}' in schema '{}' (a sequence is "
                                     "owned by a column of a table of its own schema)",
                                     decl.owned_table->name, sequence.name.schema));
    } else if (table->FindColumn(decl.owned_column->name) == nullptr) {
      diagnostics_.Error(decl.owned_column->span,
                         fmt::format("'owned by': table '{}' has no column '{}'",
                                     Display(table->name), decl.owned_column->name));
    } else {
      sequence.owned_table = decl.owned_table->name;
      sequence.owned_column = decl.owned_column->name;
    }
  }
  std::map<std::string, std::set<std::string>> grants;
  for (const ast::GrantItem& grant : decl.grants) {
    for (const ast::Ident& role : grant.roles) {
      if (CheckRole(role)) grants[role.name].insert(grant.privileges.begin(), grant.privileges.end());
    }
  }
  // In PostgreSQL's order of sequence privileges as aclexplode lists them: alphabetical.
  for (auto& [role, privileges] : grants) {
    sequence.grants.push_back(
        ir::Grant{role, std::vector<std::string>(privileges.begin(), privileges.end()), {}});
  }
  schema_.sequences.push_back(std::move(sequence));
}

}  // namespace schemac::resolve_internal
