// Resolver: foreign keys, resolved once every table and its keys are known.

#include <fmt/format.h>

#include <algorithm>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

// Built once, as TypeCandidates (every table is declared before foreign keys are resolved).
const std::vector<std::string>& Resolver::TableCandidates() {
  if (!table_candidates_) {
    table_candidates_.emplace();
    for (const ir::Table& table : schema_.tables) table_candidates_->push_back(Display(table.name));
  }
  return *table_candidates_;
}

// Whether `columns` (as a set) are the primary key or a unique key of `table`. A deferrable
// key cannot be referenced (PostgreSQL refuses it).
bool Resolver::IsUniqueKey(const ir::Table& table, const std::vector<std::string>& columns) {
  auto same_set = [&](const std::vector<std::string>& key) {
    return std::is_permutation(key.begin(), key.end(), columns.begin(), columns.end());
  };
  if (table.primary_key && !table.primary_key->deferrable && same_set(table.primary_key->columns)) {
    return true;
  }
  for (const ir::UniqueConstraint& u : table.uniques) {
    if (!u.deferrable && same_set(u.columns)) return true;
  }
  for (const ir::Index& index : table.indexes) {
    if (!index.unique || !index.where.empty()) continue;
    std::vector<std::string> key;
    bool plain = true;
    for (const ir::IndexKey& k : index.keys) {
      plain = plain && !k.column.empty();
      key.push_back(k.column);
    }
    if (plain && same_set(key)) return true;
  }
  return false;
}

void Resolver::ResolveForeignKey(const PendingForeignKey& pending) {
  ir::Table& table = schema_.tables[pending.table];
  const ast::References& ref = *pending.references;
  ir::ForeignKey fk;
  fk.origin = OriginOf(pending.span);
  if (!ExplicitName(pending.table, *pending.name, false, &fk.name)) return;
  if (pending.columns) {
    if (!CheckKeyCount(*pending.columns, 0, "foreign key") ||
        !ColumnList(table, *pending.columns, "foreign key", &fk.columns)) {
      return;
    }
  } else {
    fk.columns = {pending.column->name};
  }
  ir::QualifiedName target{ref.table.schema ? ref.table.schema->name : "public",
                           ref.table.name.name};
  const ir::Table* referenced = schema_.FindTable(target);
  if (referenced == nullptr) {
    std::string written = Display(target);
    diagnostics_.Error(ref.table.span,
                       Suggested(fmt::format("unknown table '{}' in references", written),
                                 written, [&]() -> const auto& { return TableCandidates(); }));
    return;
  }
  if (ref.columns.empty()) {
    if (!referenced->primary_key) {
      diagnostics_.Error(ref.table.span,
                         fmt::format("table '{}' has no primary key to reference; name the "
                                     "referenced columns",
                                     Display(target)));
      return;
    }
    fk.ref_columns = referenced->primary_key->columns;
  } else if (!CheckKeyCount(ref.columns, 0, "references") ||
             !ColumnList(*referenced, ref.columns, "references", &fk.ref_columns)) {
    return;
  }
  if (fk.columns.size() != fk.ref_columns.size()) {
    diagnostics_.Error(ref.span, fmt::format("foreign key has {} column{} but references {}",
                                             fk.columns.size(),
                                             fk.columns.size() == 1 ? "" : "s",
                                             fk.ref_columns.size()));
    return;
  }
  if (!IsUniqueKey(*referenced, fk.ref_columns)) {
    diagnostics_.Error(ref.span,
                       fmt::format("({}) of table '{}' is not a primary key or unique: a "
                                   "foreign key must reference a unique key",
                                   JoinNames(fk.ref_columns), Display(target)));
    return;
  }
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    const ir::Column* from = Lookup(table, fk.columns[i]);
    const ir::Column* to = Lookup(*referenced, fk.ref_columns[i]);
    if (from->type.name.empty() || to->type.name.empty()) continue;  // Type already reported.
    bool same_array = from->type.array_dims == to->type.array_dims;
    if (!same_array || !ForeignKeyCompatible(FindType(from->type.name), from->type.name,
                                             FindType(to->type.name), to->type.name)) {
      diagnostics_.Error(ref.span, fmt::format("foreign key column '{}' is {} but the "
                                               "referenced column '{}.{}' is {}",
                                               from->name, from->type.ToSql(), Display(target),
                                               to->name, to->type.ToSql()));
      return;
    }
    bool sets_null = ref.on_delete == ast::FkAction::kSetNull ||
                     ref.on_update == ast::FkAction::kSetNull;
    if (sets_null && !from->nullable) {
      lint_.Report(lint::kSetNullNotNull, ref.span,
                   fmt::format("'set null' on column '{}', which is not nullable: the "
                               "action will fail (add '?' to its type)",
                               from->name));
    }
  }
  fk.ref_table = target;
  fk.on_delete = ToIr(ref.on_delete);
  fk.on_update = ToIr(ref.on_update);
  fk.deferrable = ref.deferrable;
  fk.initially_deferred = ref.initially_deferred;
  fk.not_valid = ref.not_valid;
  fk.match_full = ref.match_full;
  if (pending.doc != nullptr) fk.comment = JoinDoc(*pending.doc);
  table.foreign_keys.push_back(std::move(fk));
}

}  // namespace schemac::resolve_internal
