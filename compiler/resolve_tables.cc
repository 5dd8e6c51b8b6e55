// Resolver: the body of a table. Columns first, then its items in order: keys, checks, not null,
// foreign keys (queued for resolve_foreign_keys.cc), indexes, rls, policies, grants, realtime.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/platform.h"
#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

// The column of `table` named `ident`, or an error with a suggestion.
const ir::Column* Resolver::FindColumn(const ir::Table& table, const ast::Ident& ident) {
  if (const ir::Column* c = Lookup(table, ident.name)) return c;
  diagnostics_.Error(ident.span,
                     Suggested(fmt::format("unknown column '{}' in table '{}'", ident.name,
                                           Display(table.name)),
                               ident.name, [&] { return Names(table.columns); }));
  return nullptr;
}

// Resolves a list of columns of `table`, reporting unknown and repeated ones.
bool Resolver::ColumnList(const ir::Table& table, const std::vector<ast::Ident>& idents,
                std::string_view what, std::vector<std::string>* out) {
  bool ok = true;
  for (const ast::Ident& ident : idents) {
    if (FindColumn(table, ident) == nullptr) {
      ok = false;
      continue;
    }
    if (std::find(out->begin(), out->end(), ident.name) != out->end()) {
      diagnostics_.Error(ident.span,
                         fmt::format("column '{}' appears twice in {}", ident.name, what));
      ok = false;
      continue;
    }
    out->push_back(ident.name);
  }
  return ok;
}

const Span& Resolver::ColumnSpan(size_t t, const ir::Column& column) const {
  return states_[t].column_spans[&column - schema_.tables[t].columns.data()];
}

void Resolver::ResolveColumn(size_t t, const ast::Column& c) {
  ir::Table& table = schema_.tables[t];
  const std::string& name = c.name.name;
  CheckLength(name, c.name.span, "column");
  if (c.renamed_from) CheckLength(c.renamed_from->name, c.renamed_from->span, "old column");
  if (const ir::Column* first = Lookup(table, name)) {
    Diagnostic& d = diagnostics_.Error(
        c.name.span, fmt::format("duplicate column '{}' in table '{}'", name, Display(table.name)));
    d.notes.push_back({"first declared here", ColumnSpan(t, *first)});
    return;
  }
  states_[t].column_spans.push_back(c.name.span);
  states_[t].column_index.emplace(name, table.columns.size());
  ir::Column& column = table.columns.emplace_back();  // Filled in place.
  column.name = name;
  column.nullable = c.nullable;
  const TypeInfo* info = nullptr;
  bool type_ok = ResolveType(c.type, &column.type, &info);
  if (c.default_value) {
    column.default_sql = c.default_value->sql;
    column.default_origin = TextOrigin(*c.default_value);
  }
  if (info != nullptr && !info->serial_of.empty()) {
    if (c.type.array_dims > 0) {
      diagnostics_.Error(c.type.span, "arrays of serial types are not supported");
    } else if (c.nullable) {
      diagnostics_.Error(c.type.span, fmt::format("serial column '{}' cannot be nullable", name));
    } else if (c.default_value) {
      diagnostics_.Error(c.default_value->span,
                         fmt::format("serial column '{}' cannot have a default: serial "
                                     "already sets one from its sequence",
                                     name));
    } else if (c.identity != ast::Identity::kNone) {
      diagnostics_.Error(*c.identity_span,
                         fmt::format("column '{}' is both serial and identity", name));
    } else {
      states_[t].serial_columns.push_back(name);
    }
  }
  if (c.identity != ast::Identity::kNone) {
    column.identity =
        c.identity == ast::Identity::kAlways ? ir::Identity::kAlways : ir::Identity::kByDefault;
    const Span& span = *c.identity_span;
    if (type_ok && (info == nullptr || info->family != TypeFamily::kInteger ||
                    column.type.array_dims > 0)) {
      diagnostics_.Error(span, fmt::format("identity column '{}' must be smallint, integer or "
                                           "bigint, not {}",
                                           name, column.type.ToSql()));
    } else if (c.nullable) {
      diagnostics_.Error(span, fmt::format("identity column '{}' cannot be nullable", name));
    } else if (c.default_value) {
      diagnostics_.Error(c.default_value->span,
                         fmt::format("identity column '{}' cannot have a default", name));
    } else if (c.generated) {
      diagnostics_.Error(span, fmt::format("column '{}' cannot be both identity and generated",
                                           name));
    }
    ResolveIdentityOptions(c, column);
  }
  if (c.generated) {
    if (c.generated->kind == ast::GeneratedKind::kUnsaid) {
      diagnostics_.Error(
          c.generated->span,
          fmt::format("generated column '{}' must say 'stored' (computed on write) or "
                      "'virtual' (computed on read, PostgreSQL 18): PostgreSQL 18 makes "
                      "'virtual' the default, older servers have only 'stored'",
                      name));
    }
    column.generated = c.generated->kind == ast::GeneratedKind::kVirtual
                           ? ir::Generated::kVirtual
                           : ir::Generated::kStored;
    column.generated_sql = c.generated->expression.text;
    column.generated_origin = TextOrigin(c.generated->expression);
    if (c.default_value) {
      diagnostics_.Error(c.default_value->span,
                         fmt::format("generated column '{}' cannot have a default", name));
    }
  }
  if (c.collate) {
    column.collation = c.collate->name;
    bool collatable = column.type.kind == ir::TypeKind::kOther || (info && info->collatable);
    if (type_ok && !collatable) {
      diagnostics_.Error(c.collate->span,
                         fmt::format("type {} of column '{}' does not take a collation",
                                     column.type.ToSql(), name));
    }
  }
  if (c.renamed_from) column.renamed_from = c.renamed_from->name;
  column.comment = JoinDoc(c.doc);
  column.origin = OriginOf(c.name.span);
}

void Resolver::SetPrimaryKey(size_t t, ir::PrimaryKey pk, const Span& span) {
  ir::Table& table = schema_.tables[t];
  if (table.primary_key) {
    Diagnostic& d = diagnostics_.Error(
        span, fmt::format("table '{}' has more than one primary key", Display(table.name)));
    d.notes.push_back({"first primary key here", states_[t].primary_key});
    return;
  }
  for (const std::string& column : pk.columns) {
    const ir::Column* c = Lookup(table, column);
    if (c != nullptr && c->nullable) {
      diagnostics_.Error(span, fmt::format("primary key column '{}' cannot be nullable (remove "
                                           "the '?' after its type)",
                                           column));
    }
  }
  states_[t].primary_key = span;
  pk.origin = OriginOf(span);
  table.primary_key = std::move(pk);
}

// `not null [NAME] (COL) [no inherit] [not valid]`: the column's NOT NULL constraint, named or
// with options (PostgreSQL 18).
void Resolver::ResolveNotNull(size_t t, const ast::NotNullItem& item) {
  ir::Table& table = schema_.tables[t];
  const ir::Column* found = FindColumn(table, item.column);
  if (found == nullptr) return;
  ir::Column& column = table.columns[found - table.columns.data()];
  if (column.nullable) {
    diagnostics_.Error(item.column.span,
                       fmt::format("not null constraint on column '{}', which is nullable "
                                   "(remove the '?' after its type)",
                                   column.name));
    return;
  }
  auto [it, inserted] = states_[t].not_null_spans.emplace(column.name, item.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(
        item.span, fmt::format("column '{}' has a second not null constraint", column.name));
    d.notes.push_back({"first one here", it->second});
    return;
  }
  if (item.name && IsPostgresNotNullName(item.name->name)) {
    diagnostics_.Error(item.name->span,
                       fmt::format("'{}' ends in '_not_null' as the names PostgreSQL gives "
                                   "NOT NULL constraints itself, which schemac reads as "
                                   "unnamed: leave the name out, or choose another",
                                   item.name->name));
    return;
  }
  std::string name;
  if (!ExplicitName(t, item.name, false, &name)) return;
  column.not_null_name = std::move(name);
  column.not_null_no_inherit = item.no_inherit;
  column.not_null_not_valid = item.not_valid;
}

// Names a user gave to constraints and indexes: checked for length and uniqueness.
bool Resolver::ExplicitName(size_t t, const ast::Boxed<ast::Ident>& name, bool relation,
                  std::string* out) {
  if (!name) return true;
  *out = name->name;
  if (!CheckLength(*out, name->span, relation ? "index" : "constraint")) return false;
  const std::string& schema = schema_.tables[t].name.schema;
  auto [it, inserted] = states_[t].constraint_names.emplace(*out, name->span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(
        name->span, fmt::format("duplicate {} name '{}' in table '{}'",
                                relation ? "index" : "constraint", *out,
                                Display(schema_.tables[t].name)));
    d.notes.push_back({"first used here", it->second});
    return false;
  }
  if (relation) {
    if (!relation_names_[schema].insert(*out).second) {
      auto other = table_decls_.find(Key(schema, *out));
      std::string message =
          other != table_decls_.end()
              ? fmt::format("index name '{}' is already the name of table '{}' (tables and "
                            "indexes share one namespace per schema)",
                            *out, *out)
              : fmt::format("index name '{}' is already used in schema '{}'", *out, schema);
      diagnostics_.Error(name->span, message);
      return false;
    }
  }
  constraint_names_[schema].insert(*out);
  return true;
}

void Resolver::ResolveTable(size_t t, const ast::TableDecl& decl) {
  ResolveColumns(t, decl);
  ir::Table& table = schema_.tables[t];
  table.renamed_from = decl.renamed_from ? std::optional(decl.renamed_from->name) : std::nullopt;
  table.comment = JoinDoc(decl.doc);
  table.origin = OriginOf(decl.name.span);
  CheckColumnRenames(t, decl);
  TableItems items;
  for (const ast::TableEntry& entry : decl.entries) {
    const ast::TableItem& item = entry.item;
    if (decl.is_extern && !std::holds_alternative<ast::Column>(item) &&
        !std::holds_alternative<ast::PrimaryKeyItem>(item) &&
        !std::holds_alternative<ast::UniqueItem>(item) && !ExternPolicyAllowed(table, item)) {
      diagnostics_.Error(std::visit([](const auto& i) { return i.span; }, item),
                         fmt::format("extern table '{}' declares only columns, keys{}: it is "
                                     "referenced, never created or altered",
                                     Display(table.name), ExternPolicyNote(table)));
      continue;
    }
    ResolveItem(t, item, items);
  }
  if (auto it = schema_grants_.find(table.name.schema);
      it != schema_grants_.end() && !decl.is_extern) {
    for (const auto& [role, privileges] : it->second) {
      items.grants[role].insert(privileges.begin(), privileges.end());
    }
  }
  for (auto& [role, privileges] : items.grants) {
    table.grants.push_back(ir::Grant{role, CanonicalPrivileges(privileges), {}});
  }
}

// A policy on an extern table is the project's (created and dropped by migrations) on the
// platform tables whose policies introspection reads (storage.objects, storage.buckets,
// realtime.messages). Elsewhere the table is someone else's, its policies too: refused rather
// than silently ignored.
bool Resolver::ExternPolicyAllowed(const ir::Table& table, const ast::TableItem& item) const {
  return std::holds_alternative<ast::PolicyItem>(item) &&
         IsPolicyPlatformTable(table.name.schema, table.name.name);
}

std::string Resolver::ExternPolicyNote(const ir::Table& table) const {
  if (IsPolicyPlatformTable(table.name.schema, table.name.name)) return " and policies";
  return " (policies only on storage.objects, storage.buckets and realtime.messages)";
}

// The columns of a table, before its other items: a key or an index may name a column declared
// below it.
void Resolver::ResolveColumns(size_t t, const ast::TableDecl& decl) {
  size_t columns = std::count_if(decl.entries.begin(), decl.entries.end(), [](const auto& e) {
    return std::holds_alternative<ast::Column>(e.item);
  });
  if (columns > kMaxColumns) {
    // Reported at the first column too many. The table is resolved all the same (every pass
    // is linear in its columns), so that what references it is judged by what it has.
    size_t seen = 0;
    for (const ast::TableEntry& entry : decl.entries) {
      auto* c = std::get_if<ast::Column>(&entry.item);
      if (c == nullptr || ++seen <= kMaxColumns) continue;
      diagnostics_.Error(c->name.span,
                         fmt::format("table '{}' has {} columns; PostgreSQL allows at most {}",
                                     Display(schema_.tables[t].name), columns, kMaxColumns));
      break;
    }
  }
  schema_.tables[t].columns.reserve(columns);
  states_[t].column_spans.reserve(columns);
  for (const ast::TableEntry& entry : decl.entries) {
    if (auto* c = std::get_if<ast::Column>(&entry.item)) ResolveColumn(t, *c);
  }
}

// One item of a table, in declaration order.
void Resolver::ResolveItem(size_t t, const ast::TableItem& item, TableItems& items) {
  ir::Table& table = schema_.tables[t];
  if (auto* c = std::get_if<ast::Column>(&item)) {
    // The IR holds the columns in entry order, the duplicates (reported) left out.
    if (items.next_column < table.columns.size() &&
        states_[t].column_spans[items.next_column].begin.offset == c->name.span.begin.offset) {
      ++items.next_column;
      ColumnConstraints(t, *c);
    }
  } else if (std::holds_alternative<ast::PrimaryKeyItem>(item) ||
             std::holds_alternative<ast::UniqueItem>(item) ||
             std::holds_alternative<ast::CheckItem>(item)) {
    ResolveKeyItem(t, item);
  } else if (auto* nn = std::get_if<ast::NotNullItem>(&item)) {
    ResolveNotNull(t, *nn);
  } else if (auto* fk = std::get_if<ast::ForeignKeyItem>(&item)) {
    pending_fks_.push_back({t, &fk->name, &fk->columns, nullptr, &fk->references, fk->span, &fk->doc});
  } else if (auto* index = std::get_if<ast::IndexItem>(&item)) {
    ResolveIndex(t, *index);
  } else if (auto* exclusion = std::get_if<ast::ExclusionItem>(&item)) {
    ResolveExclusion(t, *exclusion);
  } else if (auto* rls = std::get_if<ast::RlsItem>(&item)) {
    ResolveRls(t, *rls, items);
  } else if (auto* policy = std::get_if<ast::PolicyItem>(&item)) {
    auto [it, inserted] = items.policy_spans.emplace(policy->name.name, policy->name.span);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(
          policy->name.span, fmt::format("duplicate policy \"{}\" on table '{}'",
                                         policy->name.name, Display(table.name)));
      d.notes.push_back({"first declared here", it->second});
      return;
    }
    ResolvePolicy(t, *policy);
  } else if (auto* grant = std::get_if<ast::GrantItem>(&item)) {
    ResolveGrant(*grant, items);
  } else if (auto* realtime = std::get_if<ast::RealtimeItem>(&item)) {
    ResolveRealtime(t, *realtime, items);
  }
}

// A table-level `primary key (...)`, `unique (...)` or `check (...)`.
void Resolver::ResolveKeyItem(size_t t, const ast::TableItem& item) {
  ir::Table& table = schema_.tables[t];
  if (auto* pk = std::get_if<ast::PrimaryKeyItem>(&item)) {
    ir::PrimaryKey key;
    key.deferrable = pk->deferrable;
    key.initially_deferred = pk->initially_deferred;
    key.comment = JoinDoc(pk->doc);
    if (CheckKeyCount(pk->columns, 0, "primary key") &&
        ColumnList(table, pk->columns, "primary key", &key.columns) &&
        ExplicitName(t, pk->name, true, &key.name)) {
      SetPrimaryKey(t, std::move(key), pk->span);
    }
  } else if (auto* u = std::get_if<ast::UniqueItem>(&item)) {
    ir::UniqueConstraint unique;
    unique.nulls_not_distinct = u->nulls_not_distinct;
    unique.deferrable = u->deferrable;
    unique.initially_deferred = u->initially_deferred;
    unique.comment = JoinDoc(u->doc);
    if (CheckKeyCount(u->columns, 0, "unique constraint") &&
        ColumnList(table, u->columns, "unique constraint", &unique.columns) &&
        ExplicitName(t, u->name, true, &unique.name)) {
      AddUnique(t, std::move(unique), u->span);
    }
  } else if (auto* ck = std::get_if<ast::CheckItem>(&item)) {
    ir::CheckConstraint check;
    check.expression = ck->expression.text;
    check.no_inherit = ck->no_inherit;
    check.not_valid = ck->not_valid;
    check.comment = JoinDoc(ck->doc);
    check.origin = OriginOf(ck->span);
    check.expression_origin = TextOrigin(ck->expression);
    if (ExplicitName(t, ck->name, false, &check.name)) table.checks.push_back(std::move(check));
  }
}

void Resolver::ResolveRls(size_t t, const ast::RlsItem& rls, TableItems& items) {
  ir::Table& table = schema_.tables[t];
  if (items.rls_span) {
    Diagnostic& d = diagnostics_.Error(
        rls.span, fmt::format("duplicate 'rls' in table '{}'", Display(table.name)));
    d.notes.push_back({"first 'rls' here", *items.rls_span});
    return;
  }
  items.rls_span = rls.span;
  table.rls_enabled = true;
  table.rls_forced = rls.force;
}

std::set<std::string> GrantedPrivileges(const std::vector<std::string>& privileges) {
  std::set<std::string> out;
  for (const std::string& privilege : privileges) {
    if (privilege == "all") {
      out.insert(kTablePrivileges.begin(), kTablePrivileges.begin() + kAllPrivileges);
    } else {
      out.insert(privilege);
    }
  }
  return out;
}

void Resolver::ResolveGrant(const ast::GrantItem& grant, TableItems& items) {
  // The privileges once, so that a long list of each costs their sum, not product.
  std::set<std::string> privileges = GrantedPrivileges(grant.privileges);
  for (const ast::Ident& role : grant.roles) {
    if (!CheckRole(role)) continue;
    items.grants[role.name].insert(privileges.begin(), privileges.end());
  }
}

void Resolver::ResolveRealtime(size_t t, const ast::RealtimeItem& realtime, TableItems& items) {
  ir::Table& table = schema_.tables[t];
  if (schema_.target != ir::Target::kSupabase) {
    diagnostics_.Error(realtime.span,
                       "'realtime' needs 'target supabase' (it adds the table to the "
                       "supabase_realtime publication)");
    return;
  }
  if (items.realtime_span) {
    Diagnostic& d = diagnostics_.Error(
        realtime.span, fmt::format("duplicate 'realtime' in table '{}'", Display(table.name)));
    d.notes.push_back({"first 'realtime' here", *items.realtime_span});
    return;
  }
  items.realtime_span = realtime.span;
  table.publications.push_back({"supabase_realtime", {}, {}});
  if (realtime.replica_identity_full) table.replica_identity = ir::ReplicaIdentity::kFull;
}

// The constraints written on a column (`primary key`, `unique`, `check`, `references`), once
// it is in the IR (not a duplicate).
void Resolver::ColumnConstraints(size_t t, const ast::Column& c) {
  ir::Table& table = schema_.tables[t];
  if (c.primary_key) {
    SetPrimaryKey(t, ir::PrimaryKey{"", {c.name.name}, {}}, *c.primary_key);
  }
  if (c.unique) AddUnique(t, ir::UniqueConstraint{"", {c.name.name}, false, {}}, *c.unique);
  if (c.check) {
    ir::CheckConstraint check;
    check.expression = c.check->text;
    check.origin = OriginOf(c.check->span);
    check.expression_origin = TextOrigin(*c.check);
    table.checks.push_back(std::move(check));
  }
  if (c.references) {
    static const ast::Boxed<ast::Ident> kNoName;
    pending_fks_.push_back({t, &kNoName, nullptr, &c.name, &*c.references, c.references->span});
  }
}

// Adds a unique constraint unless it is unnamed and an identical key exists: CREATE TABLE
// creates no second index then (and keeps the name if the first had none). A named one is a
// constraint of its own, as `ALTER TABLE ... ADD CONSTRAINT` makes it (a database can hold
// both, and pull writes them so): ir::Table::RepeatsKey.
void Resolver::AddUnique(size_t t, ir::UniqueConstraint unique, const Span& span) {
  ir::Table& table = schema_.tables[t];
  unique.origin = OriginOf(span);
  auto same = [&](const std::vector<std::string>& columns, bool nulls_not_distinct, bool deferrable,
                  bool initially_deferred) {
    return columns == unique.columns && nulls_not_distinct == unique.nulls_not_distinct &&
           deferrable == unique.deferrable && initially_deferred == unique.initially_deferred;
  };
  std::string* prior_name = nullptr;
  if (table.primary_key && same(table.primary_key->columns, false, table.primary_key->deferrable,
                                table.primary_key->initially_deferred)) {
    prior_name = &table.primary_key->name;
  }
  for (ir::UniqueConstraint& u : table.uniques) {
    if (prior_name == nullptr &&
        same(u.columns, u.nulls_not_distinct, u.deferrable, u.initially_deferred)) {
      prior_name = &u.name;
    }
  }
  if (prior_name == nullptr || !unique.name.empty()) {
    table.uniques.push_back(std::move(unique));
    return;
  }
  lint_.Report(lint::kRedundantUnique, span,
               fmt::format("unique constraint on ({}) repeats an existing key of table '{}'; "
                           "PostgreSQL creates no second index",
                           JoinNames(unique.columns), Display(table.name)));
}

void Resolver::ResolvePolicy(size_t t, const ast::PolicyItem& item) {
  ir::Policy policy;
  policy.name = item.name.name;
  CheckLength(policy.name, item.name.span, "policy");
  policy.permissive = !item.restrictive;
  policy.command = ToIr(item.command);
  for (const ast::Ident& role : item.roles) {
    if (CheckRole(role)) policy.roles.push_back(role.name);
  }
  std::sort(policy.roles.begin(), policy.roles.end());
  policy.roles.erase(std::unique(policy.roles.begin(), policy.roles.end()), policy.roles.end());
  if (item.roles.empty()) policy.roles = {"public"};
  if (item.using_expr) {
    policy.using_expr = item.using_expr->text;
    policy.using_origin = TextOrigin(*item.using_expr);
  }
  if (item.with_check) {
    policy.with_check = item.with_check->text;
    policy.with_check_origin = TextOrigin(*item.with_check);
  }
  if (item.command == ast::PolicyCommand::kInsert && item.using_expr) {
    diagnostics_.Error(item.using_expr->span,
                       "an insert policy takes only 'with check' (there is no existing row to "
                       "test with 'using')");
  }
  if ((item.command == ast::PolicyCommand::kSelect ||
       item.command == ast::PolicyCommand::kDelete) &&
      item.with_check) {
    diagnostics_.Error(item.with_check->span,
                       fmt::format("a {} policy takes only 'using' (no new row to test with "
                                   "'with check')",
                                   ir::ToString(policy.command)));
  }
  policy.comment = JoinDoc(item.doc);
  policy.origin = OriginOf(item.span);
  schema_.tables[t].policies.push_back(std::move(policy));
}

}  // namespace schemac::resolve_internal
