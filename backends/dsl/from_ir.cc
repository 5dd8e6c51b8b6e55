#include "backends/dsl/from_ir.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <regex>
#include <optional>
#include <set>
#include <stdexcept>

#include "backends/dsl/dsl_names.h"
#include "backends/dsl/from_ir_triggers.h"
#include "backends/dsl/from_ir_types.h"
#include "backends/dsl/format.h"
#include "backends/dsl/from_ir_functions.h"
#include "backends/dsl/from_ir_sequences.h"
#include "backends/dsl/from_ir_views.h"
#include "compiler/diff_views.h"
#include "compiler/identifiers.h"
#include "compiler/naming.h"
#include "compiler/platform.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"
#include "compiler/sequence_options.h"

namespace schemac::dsl {

namespace {

// Names that must be written because they are not the ones schemac would choose:
// "schema.table" + '\x1f' + object name.
using ExplicitNames = std::set<std::string>;

std::string ObjectKey(const ir::Table& table, const std::string& name) {
  return table.name.ToString() + '\x1f' + name;
}

std::string Name(std::string_view name) { return QuoteDslIdent(name, NamePosition::kOther); }

std::string ColumnName(std::string_view name) { return QuoteDslIdent(name, NamePosition::kColumn); }

std::string Qualified(const ir::QualifiedName& name) {
  return name.schema == "public" ? Name(name.name) : Name(name.schema) + "." + Name(name.name);
}

std::string Columns(const std::vector<std::string>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += ColumnName(columns[i]);
  }
  return out + ")";
}

std::string Modifiers(const std::vector<int64_t>& modifiers) {
  if (modifiers.empty()) return "";
  std::string out = "(";
  for (size_t i = 0; i < modifiers.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(modifiers[i]);
  }
  return out + ")";
}

// The type as a user would write it: the short aliases PostgreSQL accepts.
std::string TypeText(const ir::ColumnType& type) {
  std::string out;
  if (type.kind == ir::TypeKind::kBuiltin) {
    static const std::map<std::string, std::string> kShort = {
        {"timestamp with time zone", "timestamptz"},
        {"timestamp without time zone", "timestamp"},
        {"time with time zone", "timetz"},
        {"time without time zone", "time"},
        {"character varying", "varchar"},
        {"character", "char"},
        {"bit varying", "varbit"},
    };
    auto it = kShort.find(type.name);
    out = (it == kShort.end() ? type.name : it->second) + Modifiers(type.modifiers);
  } else if (type.kind == ir::TypeKind::kExtension) {
    out = Name(type.name) + Modifiers(type.modifiers);  // Resolved through its `extension`.
  } else {
    out = Qualified({type.schema, type.name}) + Modifiers(type.modifiers);
  }
  for (int i = 0; i < type.array_dims; ++i) out += "[]";
  return out;
}

// A default the DSL can take bare (a literal or an argument-less call), else in parentheses.
std::string DefaultText(const std::string& sql) {
  static const std::regex kBare(
      R"(^(-?[0-9]+(\.[0-9]+)?|true|false|null|'([^']|'')*'|[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?\(\))$)");
  return std::regex_match(sql, kBare) ? sql : "(" + sql + ")";
}

std::string Doc(const std::string& comment, const std::string& indent) {
  if (comment.empty()) return "";
  std::string out;
  size_t start = 0;
  while (start <= comment.size()) {
    size_t end = comment.find('\n', start);
    std::string line = comment.substr(start, end == std::string::npos ? std::string::npos
                                                                      : end - start);
    out += indent + (line.empty() ? "///" : "/// " + line) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string ReferenceText(const ir::ForeignKey& fk) {
  std::string out = "references " + Qualified(fk.ref_table) + Columns(fk.ref_columns);
  if (fk.on_delete != ir::FkAction::kNoAction) out += " on delete " + std::string(ir::ToString(fk.on_delete));
  if (fk.on_update != ir::FkAction::kNoAction) out += " on update " + std::string(ir::ToString(fk.on_update));
  if (fk.deferrable) out += fk.initially_deferred ? " deferrable initially deferred" : " deferrable";
  if (fk.not_valid) out += " not valid";
  if (fk.match_full) out += " match full";
  return out;
}

std::string KeyDeferrable(bool deferrable, bool initially_deferred) {
  if (!deferrable) return "";
  return initially_deferred ? " deferrable initially deferred" : " deferrable";
}

// `exclude[ NAME] using METHOD (ELEMENT with OP, ...) ...`; `name` is " NAME" or empty.
std::string ExclusionText(const ir::ExclusionConstraint& x, const std::string& name) {
  std::string out = "exclude" + name + " using " + Name(x.method) + " (";
  for (size_t i = 0; i < x.elements.size(); ++i) {
    const ir::ExclusionElement& e = x.elements[i];
    if (i > 0) out += ", ";
    out += e.column.empty() ? "(" + e.expression + ")" : QuoteDslIdent(e.column, NamePosition::kIndexKey);
    if (!e.opclass.empty()) out += " " + Name(e.opclass);
    out += " with " + e.op;
  }
  out += ")";
  if (!x.include.empty()) out += " include " + Columns(x.include);
  if (!x.where.empty()) out += " where (" + x.where + ")";
  return out + KeyDeferrable(x.deferrable, x.initially_deferred);
}

// `all` when `privileges` (canonical order) are the seven `all` stands for, else the list.
std::string PrivilegeList(const std::vector<std::string>& privileges) {
  bool all = privileges.size() == kAllPrivileges &&
             std::equal(privileges.begin(), privileges.end(), kTablePrivileges.begin());
  return all ? "all" : fmt::format("{}", fmt::join(privileges, ", "));
}

// Privileges by role, in canonical order.
using RoleGrants = std::map<std::string, std::vector<std::string>>;

// What every table (not extern) of a schema grants each role, for the schemas of two tables
// or more: pull writes it once, as `grant ... on all tables in schema S`, instead of in each
// table (a Supabase project with classic default privileges grants all to three roles on every
// table).
std::map<std::string, RoleGrants> CommonGrants(const ir::Schema& schema) {
  std::map<std::string, std::vector<const ir::Table*>> by_schema;
  for (const ir::Table& table : schema.tables) {
    if (!table.is_extern) by_schema[table.name.schema].push_back(&table);
  }
  std::map<std::string, RoleGrants> out;
  for (const auto& [name, tables] : by_schema) {
    if (tables.size() < 2) continue;
    RoleGrants common;
    for (const ir::Grant& g : tables[0]->grants) common[g.role] = g.privileges;
    for (size_t i = 1; i < tables.size() && !common.empty(); ++i) {
      RoleGrants next;
      for (const ir::Grant& g : tables[i]->grants) {
        auto it = common.find(g.role);
        if (it == common.end()) continue;
        std::vector<std::string> both;
        for (const std::string& p : it->second) {
          if (std::find(g.privileges.begin(), g.privileges.end(), p) != g.privileges.end()) {
            both.push_back(p);
          }
        }
        if (!both.empty()) next[g.role] = std::move(both);
      }
      common = std::move(next);
    }
    if (!common.empty()) out[name] = std::move(common);
  }
  return out;
}

// The `grant ... on all tables in schema` lines of one schema: one line per set of privileges,
// naming every role that has it.
std::string SchemaGrantLines(const std::string& schema, const RoleGrants& grants) {
  std::map<std::vector<std::string>, std::vector<std::string>> roles;
  for (const auto& [role, privileges] : grants) roles[privileges].push_back(Name(role));
  std::string out;
  for (const auto& [privileges, names] : roles) {
    out += "grant " + PrivilegeList(privileges) + " on all tables in schema " + Name(schema) +
           " to " + fmt::format("{}", fmt::join(names, ", ")) + "\n";
  }
  return out;
}

// The `grant ... on schema` lines of one schema: one line per set of privileges, naming every
// role that has it.
std::string GrantOnSchemaLines(const ir::Schema& schema, const std::string& name) {
  std::map<std::vector<std::string>, std::vector<std::string>> roles;
  for (const ir::SchemaGrant& g : schema.schema_grants) {
    if (g.schema == name) roles[g.privileges].push_back(Name(g.role));
  }
  std::string out;
  for (const auto& [privileges, names] : roles) {
    out += "grant " + fmt::format("{}", fmt::join(privileges, ", ")) + " on schema " +
           Name(name) + " to " + fmt::format("{}", fmt::join(names, ", ")) + "\n";
  }
  return out;
}

std::string SerialType(const std::string& type) {
  return type == "smallint" ? "smallserial" : type == "bigint" ? "bigserial" : "serial";
}

class Emitter {
 public:
  Emitter(const ir::Schema& schema, const ExplicitNames& names)
      : schema_(schema), names_(names), common_grants_(CommonGrants(schema)) {}

  std::map<std::string, std::string> Files() {
    std::map<std::string, std::string> files;
    std::string& header = files["public.schema"];
    if (schema_.target == ir::Target::kSupabase) header += "target supabase\n\n";
    for (const ir::Extension& e : schema_.extensions) {
      if (e.is_extern) continue;  // The platform's (`target supabase`), as its tables are.
      header += "extension " + Name(e.name);
      if (!e.schema.empty()) header += " schema " + Name(e.schema);
      if (!e.version.empty()) header += " version " + QuoteSqlString(e.version);
      header += "\n";
    }
    // The roles the schema names, and those owning its objects that it does not name already.
    std::vector<std::string> roles;
    for (const ir::Role& role : schema_.roles) roles.push_back(role.name);
    std::set<std::string> named(roles.begin(), roles.end());
    for (const ir::Owner& o : schema_.owners) {
      if (named.insert(o.role).second) roles.push_back(o.role);
    }
    for (const std::string& role : roles) {
      bool prelude = schema_.target == ir::Target::kSupabase && IsSupabaseRole(role);
      if (!prelude) header += "extern role " + Name(role) + "\n";
    }
    for (const std::string& name : schema_.schemas) {
      files[name + ".schema"] += "schema " + Name(name) + "\n" + GrantOnSchemaLines(schema_, name);
    }
    for (const auto& [name, grants] : common_grants_) {
      files[name + ".schema"] += "\n" + SchemaGrantLines(name, grants);
    }
    for (const ir::Table& table : ExternTables()) files["public.schema"] += "\n" + TableText(table);
    for (const ir::Enum& e : schema_.enums) {
      std::string text = "\n" + Doc(e.comment, "") + "enum " + Qualified(e.name) + " (";
      for (size_t i = 0; i < e.values.size(); ++i) {
        if (i > 0) text += ", ";
        text += QuoteSqlString(e.values[i].label);
      }
      files[e.name.schema + ".schema"] += text + ")\n";
    }
    for (const ir::Sequence& sequence : schema_.sequences) {
      files[sequence.name.schema + ".schema"] += "\n" + SequenceText(sequence);
    }
    for (const ir::Domain& d : schema_.domains) {
      files[d.name.schema + ".schema"] += "\n" + DomainText(d, TypeText);
    }
    for (const ir::CompositeType& c : schema_.composite_types) {
      files[c.name.schema + ".schema"] += "\n" + CompositeTypeText(c, TypeText);
    }
    for (const ir::Table& table : schema_.tables) {
      if (table.is_extern) continue;
      files[table.name.schema + ".schema"] += "\n" + TableText(table);
    }
    for (const ir::Function& fn : schema_.functions) {
      files[fn.name.schema + ".schema"] += "\n" + FunctionText(fn);
    }
    AppendTriggers(schema_, files);
    for (const ir::View* view : OrderViews(schema_.views)) {
      files[view->name.schema + ".schema"] += "\n" + ViewText(*view);
    }
    AppendOwners(files);
    return files;
  }

 private:
  // One `owner` line per object, at the end of its schema's file, after a blank line.
  void AppendOwners(std::map<std::string, std::string>& files) const {
    std::map<std::string, std::string> lines;
    for (const ir::Owner& o : schema_.owners) {
      const ir::ObjectRef& ref = o.object;
      std::string object;
      switch (ref.kind) {
        case ir::ObjectKind::kSchema: object = "schema " + Name(ref.name.schema); break;
        case ir::ObjectKind::kView: object = ViewKind(ref.name) + Qualified(ref.name); break;
        case ir::ObjectKind::kEnum: object = "enum " + Qualified(ref.name); break;
        case ir::ObjectKind::kFunction: object = "function " + Qualified(ref.name) + ref.member; break;
        default: object = "table " + Qualified(ref.name); break;
      }
      lines[ref.name.schema + ".schema"] += "owner " + Name(o.role) + " of " + object + "\n";
    }
    for (const auto& [file, text] : lines) files[file] += "\n" + text;
  }

  std::string ViewKind(const ir::QualifiedName& name) const {
    for (const ir::View& v : schema_.views) {
      if (v.name == name && v.materialized) return "materialized view ";
    }
    return "view ";
  }

  bool Explicit(const ir::Table& table, const std::string& name) const {
    return names_.count(ObjectKey(table, name)) > 0;
  }

  // Tables referenced by foreign keys but not in the schema (another schema, or the platform's
  // beyond auth.users): declared `extern` with the referenced columns, typed like the
  // referencing ones.
  std::vector<ir::Table> ExternTables() const {
    std::map<std::string, ir::Table> tables;
    for (const ir::Table& table : schema_.tables) {
      // A platform table read for its policies (storage.objects) is written when it has some.
      bool empty = table.columns.empty() && table.policies.empty();
      if (table.is_extern && !empty) tables[table.name.ToString()] = table;
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        if (schema_.FindTable(fk.ref_table) != nullptr) continue;
        bool prelude = schema_.target == ir::Target::kSupabase &&
                       fk.ref_table == ir::QualifiedName{"auth", "users"};
        if (prelude) continue;
        ir::Table& ext = tables[fk.ref_table.ToString()];
        ext.name = fk.ref_table;
        ext.is_extern = true;
        for (size_t i = 0; i < fk.ref_columns.size(); ++i) {
          if (ext.FindColumn(fk.ref_columns[i]) != nullptr) continue;
          ir::Column column = *table.FindColumn(fk.columns[i]);
          column.name = fk.ref_columns[i];
          column.nullable = false;  // A key column.
          column.default_sql.clear();
          column.identity = ir::Identity::kNone;
          column.generated = ir::Generated::kNone;
          column.comment.clear();
          ext.columns.push_back(std::move(column));
        }
        if (!ext.primary_key) ext.primary_key = ir::PrimaryKey{"", fk.ref_columns, {}};
      }
    }
    std::vector<ir::Table> out;
    for (auto& [key, table] : tables) out.push_back(std::move(table));
    return out;
  }

  // Which keys a column says (`primary key`, `unique`, `references`) and which the table's
  // items must: only plain keys go on a column (deferrability and comments need an item), and a
  // unique key that repeats another is a constraint of its own only with its name said
  // (resolve merges an unnamed one into the first).
  struct InlineKeys {
    bool pk = false;
    std::set<std::string> uniques, foreign_keys, repeats;
  };

  InlineKeys KeysOnColumns(const ir::Table& table) const {
    InlineKeys keys;
    const ir::PrimaryKey* pk = table.primary_key ? &*table.primary_key : nullptr;
    keys.pk = pk && pk->columns.size() == 1 && !Explicit(table, pk->name) && !pk->deferrable &&
              pk->comment.empty();
    for (size_t i = 0; i < table.uniques.size(); ++i) {
      if (table.RepeatsKey(i)) keys.repeats.insert(table.uniques[i].name);
    }
    for (const ir::UniqueConstraint& u : table.uniques) {
      if (u.columns.size() == 1 && !u.nulls_not_distinct && !Explicit(table, u.name) &&
          !u.deferrable && u.comment.empty() && !keys.repeats.count(u.name)) {
        keys.uniques.insert(u.name);
      }
    }
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (fk.columns.size() == 1 && !Explicit(table, fk.name) && fk.comment.empty()) {
        keys.foreign_keys.insert(fk.name);
      }
    }
    return keys;
  }

  std::string TableText(const ir::Table& table) {
    std::string out = Doc(table.comment, "");
    out += (table.is_extern ? "extern table " : "table ") + Qualified(table.name) + " {\n";
    const ir::PrimaryKey* pk = table.primary_key ? &*table.primary_key : nullptr;
    InlineKeys keys = KeysOnColumns(table);
    bool inline_pk = keys.pk;
    const std::set<std::string>& repeats = keys.repeats;
    const std::set<std::string>& inline_unique = keys.uniques;
    const std::set<std::string>& inline_fk = keys.foreign_keys;
    for (const ir::Column& column : table.columns) {
      out += Doc(column.comment, "  ");
      out += "  " + ColumnName(column.name) + " ";
      bool serial = IsSerialColumn(table, column);
      out += serial ? SerialType(column.type.name) : TypeText(column.type);
      if (column.nullable) out += "?";
      if (inline_pk && pk->columns[0] == column.name) out += " primary key";
      for (const ir::UniqueConstraint& u : table.uniques) {
        if (inline_unique.count(u.name) && u.columns[0] == column.name) out += " unique";
      }
      for (const ir::ForeignKey& fk : table.foreign_keys) {
        if (inline_fk.count(fk.name) && fk.columns[0] == column.name) out += " " + ReferenceText(fk);
      }
      if (!column.default_sql.empty() && !serial) out += " default " + DefaultText(column.default_sql);
      if (column.identity == ir::Identity::kAlways) out += " identity always";
      if (column.identity == ir::Identity::kByDefault) out += " identity by default";
      if (column.identity != ir::Identity::kNone) {
        std::string options = SequenceOptionsDsl(column.type.name, column.identity_options);
        if (!options.empty()) out += " (" + options + ")";
      }
      if (column.generated != ir::Generated::kNone) {
        out += " generated always as (" + column.generated_sql + ")" +
               (column.generated == ir::Generated::kStored ? " stored" : " virtual");
      }
      if (!column.collation.empty()) out += " collate " + DoubleQuoteIdent(column.collation);
      out += "\n";
    }
    std::vector<std::string> items;
    auto name_of = [&](const std::string& name) {
      return Explicit(table, name) || repeats.count(name) ? " " + Name(name) : std::string();
    };
    // Items with their doc comment lines; the loop below indents the item's own line.
    auto doc = [](const std::string& comment) { return Doc(comment, "  ") + "  "; };
    if (pk && !inline_pk) {
      items.push_back(doc(pk->comment) + "primary key" + name_of(pk->name) + " " +
                      Columns(pk->columns) + KeyDeferrable(pk->deferrable, pk->initially_deferred));
    }
    for (const ir::UniqueConstraint& u : table.uniques) {
      if (inline_unique.count(u.name)) continue;
      items.push_back(doc(u.comment) + "unique" + name_of(u.name) +
                      (u.nulls_not_distinct ? " nulls not distinct" : "") + " " + Columns(u.columns) +
                      KeyDeferrable(u.deferrable, u.initially_deferred));
    }
    for (const ir::CheckConstraint& check : table.checks) {
      items.push_back(doc(check.comment) + "check" + name_of(check.name) + " (" +
                      check.expression + ")" + (check.no_inherit ? " no inherit" : "") +
                      (check.not_valid ? " not valid" : ""));
    }
    for (const ir::ExclusionConstraint& x : table.exclusions) {
      items.push_back(doc(x.comment) + ExclusionText(x, name_of(x.name)));
    }
    for (const ir::Column& column : table.columns) {
      if (column.nullable || (column.not_null_name.empty() && !column.not_null_no_inherit &&
                              !column.not_null_not_valid)) {
        continue;
      }
      items.push_back("  not null" +
                      (column.not_null_name.empty() ? std::string() : " " + Name(column.not_null_name)) +
                      " (" + Name(column.name) + ")" + (column.not_null_no_inherit ? " no inherit" : "") +
                      (column.not_null_not_valid ? " not valid" : ""));
    }
    for (const ir::ForeignKey& fk : table.foreign_keys) {
      if (inline_fk.count(fk.name)) continue;
      items.push_back(doc(fk.comment) + "foreign key" + name_of(fk.name) + " " + Columns(fk.columns) +
                      " " + ReferenceText(fk));
    }
    for (const ir::Index& index : table.indexes) {
      if (index.invalid) {
        // Not usable by queries: the schema would build it again, which may fail as it did.
        items.push_back("  -- pull: index " + Name(index.name) +
                        " is invalid (a failed CREATE INDEX CONCURRENTLY) and is not written");
      } else {
        items.push_back(doc(index.comment) + IndexText(table, index));
      }
    }
    if (!items.empty()) out += "\n";
    for (const std::string& item : items) out += item + "\n";
    std::vector<std::string> security;
    if (table.rls_enabled) security.push_back(table.rls_forced ? "  rls force" : "  rls");
    if (table.rls_forced && !table.rls_enabled) {
      security.push_back("  -- pull: FORCE ROW LEVEL SECURITY without ENABLE is not expressible");
    }
    for (const ir::Grant& grant : table.grants) {
      // Only what the schema-wide grants of its schema do not give already.
      std::vector<std::string> privileges = grant.privileges;
      if (!table.is_extern) privileges = BeyondSchemaGrants(table.name.schema, grant);
      if (privileges.empty()) continue;
      security.push_back("  grant " + PrivilegeList(privileges) + " to " + Name(grant.role));
    }
    for (const ir::Policy& policy : table.policies) security.push_back(PolicyText(policy));
    bool realtime = false;
    for (const ir::PublicationMember& member : table.publications) {
      const std::string& publication = member.name;
      bool plain = member.columns.empty() && member.row_filter.empty();
      if (publication == "supabase_realtime" && plain && schema_.target == ir::Target::kSupabase) {
        realtime = true;
        security.push_back(table.replica_identity == ir::ReplicaIdentity::kFull
                               ? "  realtime replica identity full"
                               : "  realtime");
      } else {
        std::string detail;
        if (!member.columns.empty()) detail += fmt::format(" ({})", fmt::join(member.columns, ", "));
        if (!member.row_filter.empty()) detail += " where (" + member.row_filter + ")";
        security.push_back("  -- pull: member of publication " + publication + detail +
                           " (not expressible in the DSL)");
      }
    }
    if (table.replica_identity == ir::ReplicaIdentity::kFull && !realtime) {
      security.push_back("  -- pull: REPLICA IDENTITY FULL without realtime is not expressible");
    }
    if (!security.empty()) out += "\n";
    for (const std::string& item : security) out += item + "\n";
    return out + "}\n";
  }

  std::string IndexText(const ir::Table& table, const ir::Index& index) {
    std::string out = "index";
    if (Explicit(table, index.name)) out += " " + Name(index.name);
    if (index.unique) out += " unique";
    if (index.method != "btree") out += " using " + Name(index.method);
    out += " (";
    for (size_t i = 0; i < index.keys.size(); ++i) {
      const ir::IndexKey& key = index.keys[i];
      if (i > 0) out += ", ";
      out += key.column.empty() ? "(" + key.expression + ")"
                                : QuoteDslIdent(key.column, NamePosition::kIndexKey);
      if (!key.collation.empty()) out += " collate " + DoubleQuoteIdent(key.collation);
      if (!key.opclass.empty() && !key.opclass_is_default) out += " " + Name(key.opclass);
      bool desc = key.order == ir::SortOrder::kDesc;
      if (desc) out += " desc";
      if (key.nulls_first != desc) out += key.nulls_first ? " nulls first" : " nulls last";
    }
    out += ")";
    if (!index.include.empty()) out += " include " + Columns(index.include);
    if (index.nulls_not_distinct) out += " nulls not distinct";
    if (!index.with.empty()) {
      out += " with (";
      for (size_t i = 0; i < index.with.size(); ++i) {
        if (i > 0) out += ", ";
        const std::string& value = index.with[i].second;
        static const std::regex kPlain(R"(^(-?[0-9]+(\.[0-9]+)?|[a-z_][a-z0-9_]*)$)");
        out += Name(index.with[i].first) + " = " +
               (std::regex_match(value, kPlain) ? value : QuoteSqlString(value));
      }
      out += ")";
    }
    if (!index.where.empty()) out += " where (" + index.where + ")";
    return out;
  }

  std::string PolicyText(const ir::Policy& policy) {
    std::string out = Doc(policy.comment, "  ") + "  policy " + DoubleQuoteIdent(policy.name);
    if (!policy.permissive) out += " as restrictive";
    out += " for " + std::string(ir::ToString(policy.command));
    if (policy.roles != std::vector<std::string>{"public"}) {
      out += " to ";
      for (size_t i = 0; i < policy.roles.size(); ++i) {
        if (i > 0) out += ", ";
        out += Name(policy.roles[i]);
      }
    }
    if (!policy.using_expr.empty()) out += " using (" + policy.using_expr + ")";
    if (!policy.with_check.empty()) out += " with check (" + policy.with_check + ")";
    return out;
  }

  std::vector<std::string> BeyondSchemaGrants(const std::string& schema, const ir::Grant& grant) const {
    auto it = common_grants_.find(schema);
    if (it == common_grants_.end()) return grant.privileges;
    auto role = it->second.find(grant.role);
    if (role == it->second.end()) return grant.privileges;
    std::vector<std::string> out;
    for (const std::string& p : grant.privileges) {
      if (std::find(role->second.begin(), role->second.end(), p) == role->second.end()) {
        out.push_back(p);
      }
    }
    return out;
  }

  const ir::Schema& schema_;
  const ExplicitNames& names_;
  std::map<std::string, RoleGrants> common_grants_;  // CommonGrants(schema_).
};

struct Compiled {
  SourceManager sources;
  Diagnostics diagnostics;
  std::vector<ast::File> files;
  ir::Schema schema;
};

Compiled Compile(const std::map<std::string, std::string>& texts) {
  Compiled c;
  for (const auto& [name, text] : texts) {
    uint32_t index = c.sources.Add(name, text);
    c.files.push_back(Parse(c.sources, index, c.diagnostics));
  }
  if (!c.diagnostics.HasErrors()) c.schema = Resolve(c.files, c.sources, c.diagnostics);
  return c;
}

// Pairs each object of `want` with the object of `got` that has the same content (the first
// not taken yet) and records the names that differ: `got` was compiled from text with some
// names left unsaid, so its objects have schemac's names, in the order the text lists them.
template <typename T, typename Content>
void MarkMismatches(const ir::Table& table, const std::vector<T>& want, const std::vector<T>& got,
                    Content content, ExplicitNames* names) {
  std::vector<bool> taken(got.size(), false);
  for (const T& w : want) {
    for (size_t i = 0; i < got.size(); ++i) {
      if (taken[i] || content(got[i]) != content(w)) continue;
      taken[i] = true;
      if (got[i].name != w.name) names->insert(ObjectKey(table, w.name));
      break;
    }
  }
}

// The names of `table`'s constraints and indexes that come out different when left unsaid.
void CollectMismatches(const ir::Table& want, const ir::Table& got, ExplicitNames* names) {
  if (want.primary_key && got.primary_key && want.primary_key->name != got.primary_key->name) {
    names->insert(ObjectKey(want, want.primary_key->name));
  }
  MarkMismatches(want, want.uniques, got.uniques, [](const ir::UniqueConstraint& u) {
    return fmt::format("{}|{}|{}{}", fmt::join(u.columns, ","), u.nulls_not_distinct, u.deferrable,
                       u.initially_deferred);
  }, names);
  MarkMismatches(want, want.checks, got.checks,
                 [](const ir::CheckConstraint& c) { return c.expression; }, names);
  MarkMismatches(want, want.exclusions, got.exclusions, [](const ir::ExclusionConstraint& x) {
    std::string elements;
    for (const ir::ExclusionElement& e : x.elements) elements += e.column + "|" + e.expression + "|" + e.op + ";";
    return fmt::format("{}{}|{}|{}", x.method, elements, fmt::join(x.include, ","), x.where);
  }, names);
  MarkMismatches(want, want.foreign_keys, got.foreign_keys, [](const ir::ForeignKey& f) {
    return fmt::format("{}>{}({})", fmt::join(f.columns, ","), f.ref_table.ToString(),
                       fmt::join(f.ref_columns, ","));
  }, names);
  MarkMismatches(want, want.indexes, got.indexes, [](const ir::Index& i) {
    std::string keys;
    for (const ir::IndexKey& k : i.keys) keys += k.column + "|" + k.expression + "|" + (k.order == ir::SortOrder::kDesc ? "d" : "a") + ";";
    return fmt::format("{}{}{}|{}|{}", i.unique, i.method, keys, fmt::join(i.include, ","), i.where);
  }, names);
}

ExplicitNames AllNames(const ir::Schema& schema) {
  ExplicitNames names;
  for (const ir::Table& t : schema.tables) {
    if (t.primary_key) names.insert(ObjectKey(t, t.primary_key->name));
    for (const auto& u : t.uniques) names.insert(ObjectKey(t, u.name));
    for (const auto& c : t.checks) names.insert(ObjectKey(t, c.name));
    for (const auto& x : t.exclusions) names.insert(ObjectKey(t, x.name));
    for (const auto& f : t.foreign_keys) names.insert(ObjectKey(t, f.name));
    for (const auto& i : t.indexes) names.insert(ObjectKey(t, i.name));
  }
  return names;
}

// The names of `schema` that come out different from its IR when compiled with `names` said;
// nullopt when the text does not compile.
std::optional<ExplicitNames> Mismatches(const ir::Schema& schema, const ExplicitNames& names) {
  Compiled compiled = Compile(Emitter(schema, names).Files());
  if (compiled.diagnostics.HasErrors()) return std::nullopt;
  ExplicitNames mismatches;
  for (const ir::Table& table : schema.tables) {
    if (const ir::Table* got = compiled.schema.FindTable(table.name)) {
      CollectMismatches(table, *got, &mismatches);
    }
  }
  return mismatches;
}

// Whether a name has the shape of a PostgreSQL default (`..._pkey`, `..._check1`).
bool LooksDefault(const std::string& key) {
  static const std::regex kDefault(R"(_(pkey|key|fkey|check|idx|excl)[0-9]*$)");
  return std::regex_search(key, kDefault);
}

}  // namespace

namespace {

// A PostgreSQL schema may be named `../x` or `a/b`: its file stays a plain file of the output
// directory, and not a hidden one (pull --out DIR leaves those alone). `%`, `/` and a leading `.`
// are written as %25, %2F and %2E.
std::string SafeFileName(const std::string& file) {
  std::string out;
  for (size_t i = 0; i < file.size(); ++i) {
    char c = file[i];
    if (c == '%') {
      out += "%25";
    } else if (c == '/') {
      out += "%2F";
    } else if (c == '.' && i == 0) {
      out += "%2E";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string SchemaFileName(const std::string& schema) { return SafeFileName(schema + ".schema"); }

std::map<std::string, std::string> SchemaFiles(const ir::Schema& schema) {
  // Leave every name unsaid and say those schemac would choose differently. A said name is
  // reserved first, which can shift the defaults after it (a said `t_check` frees `t_check1`
  // for the next check): so say the mismatches, then unsay the ones that look like defaults and
  // keep those still needed, until nothing changes.
  ExplicitNames names;
  bool settled = false;
  for (int round = 0; round < 8 && !settled; ++round) {
    std::optional<ExplicitNames> mismatches = Mismatches(schema, names);
    if (!mismatches) break;
    if (mismatches->empty()) {
      settled = true;
      break;
    }
    names.insert(mismatches->begin(), mismatches->end());
    ExplicitNames pruned;
    for (const std::string& key : names) {
      if (!LooksDefault(key)) pruned.insert(key);
    }
    if (std::optional<ExplicitNames> still = Mismatches(schema, pruned)) {
      pruned.insert(still->begin(), still->end());
      names = pruned;
    }
  }
  if (!settled) names = AllNames(schema);
  std::map<std::string, std::string> raw = Emitter(schema, names).Files();
  Compiled compiled = Compile(raw);
  if (compiled.diagnostics.HasErrors()) {
    throw std::runtime_error("pull produced a schema that does not compile (a schemac bug):\n" +
                             RenderText(compiled.diagnostics, compiled.sources, {}));
  }
  std::map<std::string, std::string> files;
  size_t i = 0;
  for (const auto& [name, text] : raw) {
    files[SafeFileName(name)] = FormatFile(compiled.files[i++], compiled.sources);
  }
  return files;
}

std::string SchemaText(const ir::Schema& schema) {
  std::map<std::string, std::string> files = SchemaFiles(schema);
  // public.schema holds the header; the other schemas follow it.
  std::string out = files["public.schema"];
  for (const auto& [name, text] : files) {
    if (name == "public.schema") continue;
    out += "\n" + text;
  }
  return out;
}

}  // namespace schemac::dsl
