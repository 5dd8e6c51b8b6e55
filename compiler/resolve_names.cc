// Resolver: rename hints of tables and columns, and the names PostgreSQL gives unnamed
// sequences, constraints and indexes.

#include <fmt/format.h>

#include <map>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

void Resolver::CheckColumnRenames(size_t t, const ast::TableDecl& decl) {
  const ir::Table& table = schema_.tables[t];
  std::map<std::string, Span> renamed;
  for (const ast::TableEntry& entry : decl.entries) {
    auto* c = std::get_if<ast::Column>(&entry.item);
    if (c == nullptr || !c->renamed_from) continue;
    const std::string& old = c->renamed_from->name;
    const Span& span = c->renamed_from->span;
    if (old == c->name.name) {
      diagnostics_.Error(span, fmt::format("column '{}' is renamed from itself", old));
    } else if (Lookup(table, old)) {
      Diagnostic& d = diagnostics_.Error(
          span, fmt::format("column '{}' is renamed from '{}', which is still a column of "
                            "table '{}'; remove the hint or the old column",
                            c->name.name, old, Display(table.name)));
      d.notes.push_back({"old column declared here", ColumnSpan(t, *Lookup(table, old))});
    } else if (auto [it, inserted] = renamed.emplace(old, span); !inserted) {
      Diagnostic& d = diagnostics_.Error(
          span, fmt::format("two columns of table '{}' are renamed from '{}'",
                            Display(table.name), old));
      d.notes.push_back({"first rename from it here", it->second});
    }
  }
}

void Resolver::CheckTableRenames(const std::vector<const ast::TableDecl*>& tables) {
  std::map<std::string, Span> renamed;
  for (const ast::TableDecl* decl : tables) {
    if (!decl->renamed_from) continue;
    std::string schema = decl->name.schema ? decl->name.schema->name : "public";
    const std::string& old = decl->renamed_from->name;
    const Span& span = decl->renamed_from->span;
    if (old == decl->name.name.name) {
      diagnostics_.Error(span, fmt::format("table '{}' is renamed from itself", old));
    } else if (auto live = table_decls_.find(Key(schema, old)); live != table_decls_.end()) {
      Diagnostic& d = diagnostics_.Error(
          span, fmt::format("table '{}' is renamed from '{}', which is still declared; remove "
                            "the hint or the old table",
                            decl->name.name.name, old));
      d.notes.push_back({"old table declared here", live->second->name.span});
    } else if (auto [it, inserted] = renamed.emplace(Key(schema, old), span); !inserted) {
      Diagnostic& d =
          diagnostics_.Error(span, fmt::format("two tables are renamed from '{}'", old));
      d.notes.push_back({"first rename from it here", it->second});
    }
  }
}

// The column a CHECK names itself after: its only referenced column, else none.
std::string Resolver::CheckColumn(const ir::Table& table, const std::string& expression) const {
  std::string column;
  for (const std::string& ident : ReferencedIdentifiers(expression)) {
    if (Lookup(table, ident) == nullptr) continue;
    if (!column.empty()) return "";
    column = ident;
  }
  return column;
}

// Fills the names of unnamed objects in declaration order, in the order PostgreSQL's
// CREATE TABLE chooses them: sequences, checks, primary key, uniques, exclusion constraints,
// foreign keys, then
// the CREATE INDEX statements.
void Resolver::AssignDefaultNames() {
  for (size_t t = 0; t < schema_.tables.size(); ++t) {
    ir::Table& table = schema_.tables[t];
    NameSet& relations = relation_names_[table.name.schema];
    NameSet& constraints = constraint_names_[table.name.schema];
    const std::string& name = table.name.name;
    for (const std::string& column : states_[t].serial_columns) {
      std::string sequence = ChooseName(name, column, "seq", {&relations});
      relations.insert(sequence);
      for (ir::Column& c : table.columns) {
        if (c.name == column) c.default_sql = SequenceDefault(table.name, sequence);
      }
    }
    for (ir::CheckConstraint& check : table.checks) {
      if (!check.name.empty()) continue;
      check.name = ChooseName(name, CheckColumn(table, check.expression), "check", {&constraints});
      constraints.insert(check.name);
    }
    if (table.primary_key && table.primary_key->name.empty()) {
      table.primary_key->name = ChooseName(name, "", "pkey", {&relations, &constraints});
      relations.insert(table.primary_key->name);
      constraints.insert(table.primary_key->name);
    }
    for (ir::UniqueConstraint& unique : table.uniques) {
      if (!unique.name.empty()) continue;
      unique.name = ChooseName(name, NameAddition(unique.columns), "key", {&relations, &constraints});
      relations.insert(unique.name);
      constraints.insert(unique.name);
    }
    for (ir::ExclusionConstraint& exclusion : table.exclusions) {
      if (!exclusion.name.empty()) continue;
      std::vector<std::string> columns;
      for (const ir::ExclusionElement& e : exclusion.elements) {
        columns.push_back(e.column.empty() ? ExpressionKeyName(e.expression) : e.column);
      }
      columns.insert(columns.end(), exclusion.include.begin(), exclusion.include.end());
      exclusion.name = ChooseName(name, NameAddition(UniqueIndexColumnNames(columns)), "excl",
                                  {&relations, &constraints});
      relations.insert(exclusion.name);
      constraints.insert(exclusion.name);
    }
    for (ir::ForeignKey& fk : table.foreign_keys) {
      if (!fk.name.empty()) continue;
      fk.name = ChooseName(name, NameAddition(fk.columns), "fkey", {&constraints});
      constraints.insert(fk.name);
    }
    for (ir::Index& index : table.indexes) {
      if (!index.name.empty()) continue;
      std::vector<std::string> columns;
      for (const ir::IndexKey& key : index.keys) {
        columns.push_back(key.column.empty() ? ExpressionKeyName(key.expression) : key.column);
      }
      columns.insert(columns.end(), index.include.begin(), index.include.end());
      index.name = ChooseName(name, NameAddition(UniqueIndexColumnNames(columns)), "idx",
                              {&relations});
      relations.insert(index.name);
    }
  }
}

}  // namespace schemac::resolve_internal
