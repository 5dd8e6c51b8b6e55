#include "compiler/resolve.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "compiler/identifiers.h"
#include "compiler/naming.h"
#include "compiler/platform.h"
#include "compiler/types.h"

namespace schemac {

namespace {

struct IndexMethod {
  std::string_view name;
  bool unique;
  bool include;
  std::vector<std::string_view> params;
};

const std::vector<IndexMethod>& IndexMethods() {
  static const std::vector<IndexMethod> methods = {
      {"btree", true, true, {"fillfactor", "deduplicate_items"}},
      {"hash", false, false, {"fillfactor"}},
      {"gist", false, true, {"fillfactor", "buffering"}},
      {"spgist", false, true, {"fillfactor"}},
      {"gin", false, false, {"fastupdate", "gin_pending_list_limit"}},
      {"brin", false, false, {"pages_per_range", "autosummarize"}},
      {"hnsw", false, false, {"m", "ef_construction"}},
      {"ivfflat", false, false, {"lists"}},
  };
  return methods;
}

// Operator classes of pgvector per index method, by the column type they index.
const std::map<std::string_view, std::vector<std::string_view>>& VectorOpclasses(
    std::string_view method) {
  static const std::map<std::string_view, std::vector<std::string_view>> hnsw = {
      {"vector", {"vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops"}},
      {"halfvec", {"halfvec_l2_ops", "halfvec_ip_ops", "halfvec_cosine_ops", "halfvec_l1_ops"}},
      {"sparsevec",
       {"sparsevec_l2_ops", "sparsevec_ip_ops", "sparsevec_cosine_ops", "sparsevec_l1_ops"}},
      {"bit", {"bit_hamming_ops", "bit_jaccard_ops"}},
  };
  static const std::map<std::string_view, std::vector<std::string_view>> ivfflat = {
      {"vector", {"vector_l2_ops", "vector_ip_ops", "vector_cosine_ops"}},
      {"halfvec", {"halfvec_l2_ops", "halfvec_ip_ops", "halfvec_cosine_ops"}},
      {"bit", {"bit_hamming_ops"}},
  };
  return method == "hnsw" ? hnsw : ivfflat;
}

std::string Key(std::string_view schema, std::string_view name) {
  return fmt::format("{}.{}", schema, name);
}

// How a qualified name is shown to the user: bare in public, qualified elsewhere.
std::string Display(const ir::QualifiedName& name) {
  return name.schema == "public" ? name.name : name.ToString();
}

std::string JoinDoc(const ast::DocComment& doc) {
  std::string out;
  for (const std::string& line : doc) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

template <typename T>
std::vector<std::string> Names(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(item.name);
  return out;
}

ir::FkAction ToIr(ast::FkAction action) {
  switch (action) {
    case ast::FkAction::kNone:
    case ast::FkAction::kNoAction:
      return ir::FkAction::kNoAction;
    case ast::FkAction::kRestrict:
      return ir::FkAction::kRestrict;
    case ast::FkAction::kCascade:
      return ir::FkAction::kCascade;
    case ast::FkAction::kSetNull:
      return ir::FkAction::kSetNull;
    case ast::FkAction::kSetDefault:
      return ir::FkAction::kSetDefault;
  }
  return ir::FkAction::kNoAction;
}

ir::PolicyCommand ToIr(ast::PolicyCommand command) {
  switch (command) {
    case ast::PolicyCommand::kAll:
      return ir::PolicyCommand::kAll;
    case ast::PolicyCommand::kSelect:
      return ir::PolicyCommand::kSelect;
    case ast::PolicyCommand::kInsert:
      return ir::PolicyCommand::kInsert;
    case ast::PolicyCommand::kUpdate:
      return ir::PolicyCommand::kUpdate;
    case ast::PolicyCommand::kDelete:
      return ir::PolicyCommand::kDelete;
  }
  return ir::PolicyCommand::kAll;
}

// A foreign key waiting for every table to be known.
struct PendingForeignKey {
  size_t table;
  const ast::Boxed<ast::Ident>* name;
  const std::vector<ast::Ident>* columns;  // Null for a column's `references`.
  const ast::Ident* column;                // The column of an inline `references`.
  const ast::References* references;
  Span span;
};

// What resolving a table needs to remember besides its IR.
struct TableState {
  Span primary_key;                             // Where the primary key was declared.
  std::map<std::string, Span> constraint_names;  // Names given to constraints and indexes.
  std::map<std::string, Span> not_null_spans;    // `not null (COL)` items, by column.
  std::vector<std::string> serial_columns;
  std::vector<Span> column_spans;  // Parallel to the IR table's columns.
  // Index of each column in the IR table, so that a lookup costs the same in a wide table.
  std::unordered_map<std::string, size_t> column_index;
};

// PostgreSQL's limits, checked here so that a schema it would refuse fails offline, at the
// line that breaks them, rather than on the dev database.
constexpr size_t kMaxColumns = 1600;   // MaxHeapAttributeNumber: columns of a table.
constexpr size_t kMaxIndexKeys = 32;   // INDEX_MAX_KEYS: keys (and include columns) of an
                                       // index, columns of a key or of a foreign key.

class Resolver {
 public:
  Resolver(const std::vector<ast::File>& files, const SourceManager& sources,
           Diagnostics& diagnostics)
      : files_(files), sources_(sources), diagnostics_(diagnostics) {}

  ir::Schema Run() {
    ResolveTarget();
    for (const ast::File& file : files_) {
      for (const ast::Decl& decl : file.decls) {
        if (auto* d = std::get_if<ast::SchemaDecl>(&decl)) DeclareSchema(*d);
      }
    }
    for (const ast::File& file : files_) {
      for (const ast::Decl& decl : file.decls) {
        if (auto* d = std::get_if<ast::ExtensionDecl>(&decl)) DeclareExtension(*d);
        if (auto* d = std::get_if<ast::ExternRoleDecl>(&decl)) DeclareRole(*d);
      }
    }
    for (const ast::File& file : files_) {
      for (const ast::Decl& decl : file.decls) {
        if (auto* d = std::get_if<ast::EnumDecl>(&decl)) DeclareEnum(*d);
      }
    }
    size_t table_count = 1;  // auth.users (AddPrelude).
    for (const ast::File& file : files_) {
      table_count += std::count_if(file.decls.begin(), file.decls.end(), [](const ast::Decl& d) {
        return std::holds_alternative<ast::TableDecl>(d);
      });
    }
    schema_.tables.reserve(table_count);
    states_.reserve(table_count);
    std::vector<const ast::TableDecl*> tables;
    for (const ast::File& file : files_) {
      for (const ast::Decl& decl : file.decls) {
        if (auto* d = std::get_if<ast::TableDecl>(&decl)) {
          if (DeclareTable(*d)) tables.push_back(d);
        }
      }
    }
    AddPrelude();
    schema_.Reindex();
    for (size_t i = 0; i < tables.size(); ++i) ResolveTable(i, *tables[i]);
    for (const PendingForeignKey& fk : pending_fks_) ResolveForeignKey(fk);
    CheckTableRenames(tables);
    AssignDefaultNames();
    WarnTables(tables);
    return std::move(schema_);
  }

 private:
  // ---- Helpers --------------------------------------------------------------------------

  ir::Origin OriginOf(const Span& span) {
    if (paths_.size() <= span.file) paths_.resize(span.file + 1);
    std::string_view& path = paths_[span.file];
    if (path.empty()) path = InternPath(sources_.file(span.file).path);
    return ir::Origin{path, span.begin.line, span.begin.col};
  }

  // The column of `table` named `name`, or null.
  const ir::Column* Lookup(const ir::Table& table, const std::string& name) const {
    const auto& index = states_[static_cast<size_t>(&table - schema_.tables.data())].column_index;
    if (index.empty()) return table.FindColumn(name);  // The prelude's auth.users.
    auto it = index.find(name);
    return it == index.end() ? nullptr : &table.columns[it->second];
  }

  // `message` with a "did you mean" from `candidates()`, unless errors are no longer shown:
  // the search is then skipped, as it costs as much as the candidates are many.
  template <typename Candidates>
  std::string Suggested(std::string message, std::string_view name, Candidates candidates) {
    if (diagnostics_.ErrorsFull()) return message;
    return WithSuggestion(std::move(message), name, candidates());
  }

  // Reports a list longer than PostgreSQL's INDEX_MAX_KEYS, at its first item past the limit.
  template <typename T>
  bool CheckKeyCount(const std::vector<T>& items, size_t before, std::string_view what,
                     std::string_view unit = "columns") {
    if (before + items.size() <= kMaxIndexKeys) return true;
    const T& first_over = items[kMaxIndexKeys > before ? kMaxIndexKeys - before : 0];
    diagnostics_.Error(first_over.span,
                       fmt::format("{} has {} {}; PostgreSQL allows at most {} (INDEX_MAX_KEYS)",
                                   what, before + items.size(), unit, kMaxIndexKeys));
    return false;
  }

  // Reports an identifier PostgreSQL would silently truncate.
  bool CheckLength(const std::string& name, const Span& span, std::string_view what) {
    if (name.size() <= kMaxIdentifierBytes) return true;
    diagnostics_.Error(span, fmt::format("{} name '{}' is {} bytes long; PostgreSQL truncates "
                                         "names to {} bytes",
                                         what, name, name.size(), kMaxIdentifierBytes));
    return false;
  }

  bool IsPlatformSchema(std::string_view schema) const {
    return schema_.target == ir::Target::kSupabase ? IsSupabasePlatformSchema(schema)
                                                   : IsSystemSchema(schema);
  }

  bool IsKnownSchema(std::string_view schema) const {
    return schema == "public" || declared_schemas_.count(std::string(schema)) ||
           IsPlatformSchema(schema);
  }

  // The schema of a qualified name, reporting an undeclared one. Returns false on error.
  bool SchemaOf(const ast::QualifiedName& name, std::string* schema) {
    if (!name.schema) {
      *schema = "public";
      return true;
    }
    *schema = name.schema->name;
    return CheckSchema(*name.schema);
  }

  // Reports a schema that is neither public, declared, nor the platform's.
  bool CheckSchema(const ast::Ident& schema) {
    if (IsKnownSchema(schema.name)) return true;
    diagnostics_.Error(schema.span,
                       Suggested(fmt::format("unknown schema '{}'", schema.name), schema.name,
                                 [&] {
                                   std::vector<std::string> candidates(declared_schemas_.begin(),
                                                                       declared_schemas_.end());
                                   candidates.push_back("public");
                                   return candidates;
                                 }) +
                           fmt::format(" (declare it with 'schema {}')", schema.name));
    return false;
  }

  bool IsKnownRole(const std::string& role) const {
    return role == "public" || role_names_.count(role) > 0;
  }

  bool CheckRole(const ast::Ident& role) {
    if (IsKnownRole(role.name)) return true;
    std::string message = Suggested(fmt::format("unknown role '{}'", role.name), role.name, [&] {
      std::vector<std::string> candidates = Names(schema_.roles);
      candidates.push_back("public");
      return candidates;
    });
    Diagnostic& d = diagnostics_.Error(role.span, message);
    d.notes.push_back({schema_.target == ir::Target::kSupabase
                           ? "declare roles of the platform with 'extern role NAME'"
                           : "declare roles that exist on the server with 'extern role NAME' "
                             "('target supabase' declares anon, authenticated, service_role)",
                       std::nullopt});
    return false;
  }

  // ---- Declarations ---------------------------------------------------------------------

  void ResolveTarget() {
    const ast::TargetDecl* first = nullptr;
    for (const ast::File& file : files_) {
      for (const ast::Decl& decl : file.decls) {
        auto* target = std::get_if<ast::TargetDecl>(&decl);
        if (target == nullptr) continue;
        if (first != nullptr) {
          Diagnostic& d = diagnostics_.Error(target->span, "duplicate 'target': a schema has one target");
          d.notes.push_back({"first 'target' here", first->span});
          continue;
        }
        first = target;
        schema_.target =
            target->name.name == "supabase" ? ir::Target::kSupabase : ir::Target::kPostgres;
      }
    }
  }

  void AddPrelude() {
    if (schema_.target != ir::Target::kSupabase) return;
    std::vector<ir::Role> roles;
    for (std::string_view role : kSupabaseRoles) {
      bool declared = std::any_of(schema_.roles.begin(), schema_.roles.end(),
                                  [&](const ir::Role& r) { return r.name == role; });
      if (!declared) roles.push_back(ir::Role{std::string(role), true});
    }
    schema_.roles.insert(schema_.roles.begin(), roles.begin(), roles.end());
    for (const ir::Role& role : roles) role_names_.insert(role.name);
    schema_.publications.push_back(ir::Publication{"supabase_realtime", true});
    if (table_decls_.count("auth.users")) return;  // The user's own declaration wins.
    ir::Table users;
    users.name = {"auth", "users"};
    users.is_extern = true;
    auto column = [&](std::string name, std::string type, bool nullable,
                      std::vector<int64_t> modifiers = {}) {
      ir::Column c;
      c.name = std::move(name);
      c.type.name = std::move(type);
      c.type.modifiers = std::move(modifiers);
      c.nullable = nullable;
      users.columns.push_back(std::move(c));
    };
    column("id", "uuid", false);
    column("email", "character varying", true, {255});
    column("phone", "text", true);
    column("role", "character varying", true, {255});
    column("raw_app_meta_data", "jsonb", true);
    column("raw_user_meta_data", "jsonb", true);
    column("is_anonymous", "boolean", false);
    column("created_at", "timestamp with time zone", true);
    column("updated_at", "timestamp with time zone", true);
    users.columns[6].default_sql = "false";
    users.primary_key = ir::PrimaryKey{"users_pkey", {"id"}, {}};
    relation_names_["auth"].insert({"users", "users_pkey"});
    constraint_names_["auth"].insert("users_pkey");
    schema_.tables.push_back(std::move(users));
    states_.push_back(TableState{});
  }

  void DeclareSchema(const ast::SchemaDecl& decl) {
    const std::string& name = decl.name.name;
    CheckLength(name, decl.name.span, "schema");
    if (IsPlatformSchema(name)) {
      diagnostics_.Error(decl.name.span,
                         fmt::format("schema '{}' belongs to the platform and is never created; "
                                     "refer to it without declaring it",
                                     name));
      return;
    }
    if (name == "public") return;  // Exists in every database.
    auto [it, inserted] = schema_spans_.emplace(name, decl.name.span);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(decl.name.span, fmt::format("duplicate schema '{}'", name));
      d.notes.push_back({"first declared here", it->second});
      return;
    }
    declared_schemas_.insert(name);
    schema_.schemas.push_back(name);
  }

  void DeclareExtension(const ast::ExtensionDecl& decl) {
    const std::string& name = decl.name.name;
    CheckLength(name, decl.name.span, "extension");
    auto [it, inserted] = extension_spans_.emplace(name, decl.name.span);
    if (!inserted) {
      Diagnostic& d =
          diagnostics_.Error(decl.name.span, fmt::format("duplicate extension '{}'", name));
      d.notes.push_back({"first declared here", it->second});
      return;
    }
    ir::Extension extension;
    extension.name = name;
    if (decl.schema) {
      extension.schema = decl.schema->name;
      CheckSchema(*decl.schema);
    }
    if (decl.version) extension.version = decl.version->value;
    extension.origin = OriginOf(decl.span);
    schema_.extensions.push_back(std::move(extension));
  }

  void DeclareRole(const ast::ExternRoleDecl& decl) {
    const std::string& name = decl.name.name;
    CheckLength(name, decl.name.span, "role");
    if (name == "public") {
      diagnostics_.Error(decl.name.span, "'public' is not a role: it means every role and needs "
                                         "no declaration");
      return;
    }
    auto [it, inserted] = role_spans_.emplace(name, decl.name.span);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(decl.name.span, fmt::format("duplicate role '{}'", name));
      d.notes.push_back({"first declared here", it->second});
      return;
    }
    schema_.roles.push_back(ir::Role{name, true});
    role_names_.insert(name);
  }

  void DeclareEnum(const ast::EnumDecl& decl) {
    ir::Enum e;
    if (!SchemaOf(decl.name, &e.name.schema)) return;
    e.name.name = decl.name.name.name;
    CheckLength(e.name.name, decl.name.name.span, "enum");
    std::string key = e.name.ToString();
    auto [it, inserted] = enum_spans_.emplace(key, decl.name.span);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(decl.name.span,
                                         fmt::format("duplicate enum '{}'", Display(e.name)));
      d.notes.push_back({"first declared here", it->second});
      return;
    }
    if (decl.values.empty()) {
      diagnostics_.Warning(decl.name.span, fmt::format("enum '{}' has no values: no column of "
                                                       "this type can hold anything but null",
                                                       Display(e.name)));
    }
    std::map<std::string, Span> labels;
    std::map<std::string, Span> renamed;
    for (const ast::EnumValue& value : decl.values) {
      const std::string& label = value.label.value;
      if (label.size() > kMaxIdentifierBytes) {
        diagnostics_.Error(value.label.span,
                           fmt::format("enum value '{}' is {} bytes long; PostgreSQL allows at "
                                       "most {} bytes",
                                       label, label.size(), kMaxIdentifierBytes));
      }
      auto [at, fresh] = labels.emplace(label, value.label.span);
      if (!fresh) {
        Diagnostic& d = diagnostics_.Error(
            value.label.span,
            fmt::format("duplicate value '{}' in enum '{}'", label, Display(e.name)));
        d.notes.push_back({"first listed here", at->second});
        continue;
      }
      e.values.push_back(ir::EnumValue{label, std::nullopt});
      if (value.renamed_from) {
        const std::string& old = value.renamed_from->value;
        if (old.size() > kMaxIdentifierBytes) {
          diagnostics_.Error(value.renamed_from->span,
                             fmt::format("old enum value '{}' is {} bytes long; PostgreSQL "
                                         "allows at most {} bytes",
                                         old, old.size(), kMaxIdentifierBytes));
        }
        if (old == label) {
          diagnostics_.Error(value.renamed_from->span,
                             fmt::format("enum value '{}' is renamed from itself", label));
          continue;
        }
        auto [prev, first] = renamed.emplace(old, value.renamed_from->span);
        if (!first) {
          Diagnostic& d = diagnostics_.Error(
              value.renamed_from->span,
              fmt::format("two values of enum '{}' are renamed from '{}'", Display(e.name), old));
          d.notes.push_back({"first rename from it here", prev->second});
          continue;
        }
        e.values.back().renamed_from = old;
      }
    }
    for (const ast::EnumValue& value : decl.values) {
      if (value.renamed_from && value.renamed_from->value != value.label.value &&
          labels.count(value.renamed_from->value)) {
        diagnostics_.Error(value.renamed_from->span,
                           fmt::format("enum value '{}' is renamed from '{}', which is still a "
                                       "value of the enum; remove the hint or the old value",
                                       value.label.value, value.renamed_from->value));
      }
    }
    e.comment = JoinDoc(decl.doc);
    e.origin = OriginOf(decl.span);
    schema_.enums.push_back(std::move(e));
  }

  // Registers a table's name. Returns false when the table cannot be resolved further.
  bool DeclareTable(const ast::TableDecl& decl) {
    ir::QualifiedName name;
    name.name = decl.name.name.name;
    if (decl.name.schema) {
      name.schema = decl.name.schema->name;
      if (!decl.is_extern && IsPlatformSchema(name.schema)) {
        diagnostics_.Error(decl.name.schema->span,
                           fmt::format("schema '{}' belongs to the platform: schemac never "
                                       "creates tables in it; write 'extern table {}' to refer "
                                       "to an existing table, or use a schema of your own",
                                       name.schema, name.ToString()));
        return false;
      }
      if (!decl.is_extern) {
        std::string schema;
        if (!SchemaOf(decl.name, &schema)) return false;
      }
    }
    CheckLength(name.name, decl.name.name.span, "table");
    if (decl.renamed_from) CheckLength(decl.renamed_from->name, decl.renamed_from->span, "old table");
    std::string key = name.ToString();
    auto [it, inserted] = table_decls_.emplace(key, &decl);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(decl.name.span,
                                         fmt::format("duplicate table '{}'", Display(name)));
      d.notes.push_back({"first declared here", it->second->name.span});
      return false;
    }
    if (auto e = enum_spans_.find(key); e != enum_spans_.end()) {
      Diagnostic& d = diagnostics_.Error(
          decl.name.span, fmt::format("table '{}' has the name of an enum (a table also defines "
                                      "a type of its name)",
                                      Display(name)));
      d.notes.push_back({"enum declared here", e->second});
    }
    relation_names_[name.schema].insert(name.name);
    ir::Table table;
    table.name = std::move(name);
    table.is_extern = decl.is_extern;
    schema_.tables.push_back(std::move(table));
    states_.push_back(TableState{});
    return true;
  }

  // ---- Types ----------------------------------------------------------------------------

  // Built once (the enums are all declared before any column is resolved): each unknown type
  // building it anew cost time and memory in proportion to the enums.
  const std::vector<std::string>& TypeCandidates() {
    if (!type_candidates_) {
      type_candidates_ = KnownTypeNames();
      for (const ir::Enum& e : schema_.enums) type_candidates_->push_back(Display(e.name));
    }
    return *type_candidates_;
  }

  const ir::Extension* FindExtension(std::string_view name) const {
    for (const ir::Extension& e : schema_.extensions) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }

  // Resolves a column type. `info` is set for built-in and extension types.
  bool ResolveType(const ast::TypeRef& ref, ir::ColumnType* out, const TypeInfo** info) {
    *info = nullptr;
    const std::string& name = ref.name.name.name;
    out->array_dims = ref.array_dims > 0 ? 1 : 0;  // PostgreSQL does not track dimensions.
    std::string_view schema = ref.name.schema ? std::string_view(ref.name.schema->name) : "";
    if (schema.empty() || schema == "pg_catalog") {
      *info = FindType(name);
    } else if (const TypeInfo* ext = FindType(name); ext && !ext->extension.empty()) {
      const ir::Extension* declared = FindExtension(ext->extension);
      if (declared && (declared->schema.empty() ? "public" : declared->schema) == schema) {
        *info = ext;
      }
    }
    if (*info == nullptr) {
      std::string enum_schema(schema.empty() ? "public" : schema);
      if (const ir::Enum* e = schema_.FindEnum({enum_schema, name})) {
        out->kind = ir::TypeKind::kEnum;
        out->schema = e->name.schema;
        out->name = e->name.name;
        if (!ref.modifiers.empty()) {
          diagnostics_.Error(ref.span, fmt::format("enum '{}' takes no modifiers", name));
          return false;
        }
        return true;
      }
      if (!schema.empty() && IsPlatformSchema(schema) && schema != "pg_catalog") {
        out->kind = ir::TypeKind::kOther;  // A type of the platform (a domain, a composite).
        out->schema = std::string(schema);
        out->name = name;
        out->modifiers = ref.modifiers;
        return true;
      }
      std::string written = schema.empty() ? name : Key(schema, name);
      diagnostics_.Error(ref.name.span,
                         Suggested(fmt::format("unknown type '{}'", written), written,
                                   [&]() -> const auto& { return TypeCandidates(); }));
      return false;
    }
    const TypeInfo& t = **info;
    if (!t.extension.empty()) {
      const ir::Extension* ext = FindExtension(t.extension);
      if (ext == nullptr) {
        Diagnostic& d = diagnostics_.Error(
            ref.name.span, fmt::format("type '{}' needs 'extension {}'", name, t.extension));
        d.notes.push_back({fmt::format("declare it once in the schema: extension {}", t.extension),
                           std::nullopt});
        return false;
      }
      out->kind = ir::TypeKind::kExtension;
      out->schema = ext->schema.empty() ? "public" : ext->schema;
    }
    out->name = std::string(t.name);
    const std::vector<int64_t>& mods = ref.modifiers;
    if (name == "float") {
      if (!mods.empty()) {
        if (mods[0] < 1 || mods[0] > 53) {
          diagnostics_.Error(ref.span, "precision of float must be between 1 and 53");
          return false;
        }
        out->name = std::string(FloatPrecisionType(mods[0]));
      }
      return true;
    }
    if (static_cast<int>(mods.size()) > t.max_modifiers) {
      diagnostics_.Error(ref.span, t.max_modifiers == 0
                                       ? fmt::format("type '{}' takes no modifiers", name)
                                       : fmt::format("type '{}' takes at most {} modifier{}",
                                                     name, t.max_modifiers,
                                                     t.max_modifiers == 1 ? "" : "s"));
      return false;
    }
    if (!mods.empty() && (mods[0] < t.min_modifier || mods[0] > t.max_modifier)) {
      diagnostics_.Error(ref.span, fmt::format("{} of type '{}' must be between {} and {}",
                                               t.family == TypeFamily::kVector ? "dimensions"
                                               : t.family == TypeFamily::kString ||
                                                       t.name.starts_with("bit")
                                                   ? "length"
                                                   : "precision",
                                               name, t.min_modifier, t.max_modifier));
      return false;
    }
    if (mods.size() == 2 && (mods[1] < -1000 || mods[1] > 1000)) {
      diagnostics_.Error(ref.span, "scale of numeric must be between -1000 and 1000");
      return false;
    }
    out->modifiers = mods.empty() ? t.default_modifiers : mods;
    // numeric(p) is numeric(p,0): PostgreSQL stores and prints the scale.
    if (t.family == TypeFamily::kNumeric && out->modifiers.size() == 1) out->modifiers.push_back(0);
    return true;
  }

  // ---- Tables ---------------------------------------------------------------------------

  // The column of `table` named `ident`, or an error with a suggestion.
  const ir::Column* FindColumn(const ir::Table& table, const ast::Ident& ident) {
    if (const ir::Column* c = Lookup(table, ident.name)) return c;
    diagnostics_.Error(ident.span,
                       Suggested(fmt::format("unknown column '{}' in table '{}'", ident.name,
                                             Display(table.name)),
                                 ident.name, [&] { return Names(table.columns); }));
    return nullptr;
  }

  // Resolves a list of columns of `table`, reporting unknown and repeated ones.
  bool ColumnList(const ir::Table& table, const std::vector<ast::Ident>& idents,
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

  const Span& ColumnSpan(size_t t, const ir::Column& column) const {
    return states_[t].column_spans[&column - schema_.tables[t].columns.data()];
  }

  void ResolveColumn(size_t t, const ast::Column& c) {
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
    if (c.default_value) column.default_sql = c.default_value->sql;
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

  void SetPrimaryKey(size_t t, ir::PrimaryKey pk, const Span& span) {
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
  void ResolveNotNull(size_t t, const ast::NotNullItem& item) {
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
  bool ExplicitName(size_t t, const ast::Boxed<ast::Ident>& name, bool relation,
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

  void ResolveTable(size_t t, const ast::TableDecl& decl) {
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
    ir::Table& table = schema_.tables[t];
    table.renamed_from = decl.renamed_from ? std::optional(decl.renamed_from->name) : std::nullopt;
    table.comment = JoinDoc(decl.doc);
    table.origin = OriginOf(decl.name.span);
    CheckColumnRenames(t, decl);
    std::optional<Span> rls_span;
    std::optional<Span> realtime_span;
    std::map<std::string, Span> policy_spans;
    std::map<std::string, std::set<std::string>> grants;
    // The IR holds the columns in entry order, the duplicates (reported) left out.
    size_t next_column = 0;
    for (const ast::TableEntry& entry : decl.entries) {
      const ast::TableItem& item = entry.item;
      if (decl.is_extern && !std::holds_alternative<ast::Column>(item) &&
          !std::holds_alternative<ast::PrimaryKeyItem>(item) &&
          !std::holds_alternative<ast::UniqueItem>(item)) {
        diagnostics_.Error(std::visit([](const auto& i) { return i.span; }, item),
                           fmt::format("extern table '{}' declares only columns and keys: it is "
                                       "referenced, never created or altered",
                                       Display(table.name)));
        continue;
      }
      if (auto* c = std::get_if<ast::Column>(&item)) {
        if (next_column < table.columns.size() &&
            states_[t].column_spans[next_column].begin.offset == c->name.span.begin.offset) {
          ++next_column;
          ColumnConstraints(t, *c);
        }
      } else if (auto* pk = std::get_if<ast::PrimaryKeyItem>(&item)) {
        ir::PrimaryKey key;
        if (CheckKeyCount(pk->columns, 0, "primary key") &&
            ColumnList(table, pk->columns, "primary key", &key.columns) &&
            ExplicitName(t, pk->name, true, &key.name)) {
          SetPrimaryKey(t, std::move(key), pk->span);
        }
      } else if (auto* u = std::get_if<ast::UniqueItem>(&item)) {
        ir::UniqueConstraint unique;
        unique.nulls_not_distinct = u->nulls_not_distinct;
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
        check.origin = OriginOf(ck->span);
        if (ExplicitName(t, ck->name, false, &check.name)) table.checks.push_back(std::move(check));
      } else if (auto* nn = std::get_if<ast::NotNullItem>(&item)) {
        ResolveNotNull(t, *nn);
      } else if (auto* fk = std::get_if<ast::ForeignKeyItem>(&item)) {
        pending_fks_.push_back({t, &fk->name, &fk->columns, nullptr, &fk->references, fk->span});
      } else if (auto* index = std::get_if<ast::IndexItem>(&item)) {
        ResolveIndex(t, *index);
      } else if (auto* rls = std::get_if<ast::RlsItem>(&item)) {
        if (rls_span) {
          Diagnostic& d = diagnostics_.Error(
              rls->span, fmt::format("duplicate 'rls' in table '{}'", Display(table.name)));
          d.notes.push_back({"first 'rls' here", *rls_span});
          continue;
        }
        rls_span = rls->span;
        table.rls_enabled = true;
        table.rls_forced = rls->force;
      } else if (auto* policy = std::get_if<ast::PolicyItem>(&item)) {
        auto [it, inserted] = policy_spans.emplace(policy->name.name, policy->name.span);
        if (!inserted) {
          Diagnostic& d = diagnostics_.Error(
              policy->name.span, fmt::format("duplicate policy \"{}\" on table '{}'",
                                             policy->name.name, Display(table.name)));
          d.notes.push_back({"first declared here", it->second});
          continue;
        }
        ResolvePolicy(t, *policy);
      } else if (auto* grant = std::get_if<ast::GrantItem>(&item)) {
        // The privileges once, so that a long list of each costs their sum, not product.
        std::set<std::string> privileges;
        for (const std::string& privilege : grant->privileges) {
          if (privilege == "all") {
            privileges.insert(kTablePrivileges.begin(), kTablePrivileges.begin() + kAllPrivileges);
          } else {
            privileges.insert(privilege);
          }
        }
        for (const ast::Ident& role : grant->roles) {
          if (!CheckRole(role)) continue;
          grants[role.name].insert(privileges.begin(), privileges.end());
        }
      } else if (auto* realtime = std::get_if<ast::RealtimeItem>(&item)) {
        if (schema_.target != ir::Target::kSupabase) {
          diagnostics_.Error(realtime->span,
                             "'realtime' needs 'target supabase' (it adds the table to the "
                             "supabase_realtime publication)");
          continue;
        }
        if (realtime_span) {
          Diagnostic& d = diagnostics_.Error(
              realtime->span, fmt::format("duplicate 'realtime' in table '{}'", Display(table.name)));
          d.notes.push_back({"first 'realtime' here", *realtime_span});
          continue;
        }
        realtime_span = realtime->span;
        table.publications.push_back({"supabase_realtime", {}, {}});
        if (realtime->replica_identity_full) table.replica_identity = ir::ReplicaIdentity::kFull;
      }
    }
    for (auto& [role, privileges] : grants) {
      table.grants.push_back(ir::Grant{role, CanonicalPrivileges(privileges), {}});
    }
  }

  // The constraints written on a column (`primary key`, `unique`, `check`, `references`), once
  // it is in the IR (not a duplicate).
  void ColumnConstraints(size_t t, const ast::Column& c) {
    ir::Table& table = schema_.tables[t];
    if (c.primary_key) {
      SetPrimaryKey(t, ir::PrimaryKey{"", {c.name.name}, {}}, *c.primary_key);
    }
    if (c.unique) AddUnique(t, ir::UniqueConstraint{"", {c.name.name}, false, {}}, *c.unique);
    if (c.check) {
      ir::CheckConstraint check;
      check.expression = c.check->text;
      check.origin = OriginOf(c.check->span);
      table.checks.push_back(std::move(check));
    }
    if (c.references) {
      static const ast::Boxed<ast::Ident> kNoName;
      pending_fks_.push_back({t, &kNoName, nullptr, &c.name, &*c.references, c.references->span});
    }
  }

  // Adds a unique constraint unless an identical key exists: PostgreSQL creates no second
  // index then (and keeps the name if the first had none).
  void AddUnique(size_t t, ir::UniqueConstraint unique, const Span& span) {
    ir::Table& table = schema_.tables[t];
    unique.origin = OriginOf(span);
    auto same = [&](const std::vector<std::string>& columns, bool nulls_not_distinct) {
      return columns == unique.columns && nulls_not_distinct == unique.nulls_not_distinct;
    };
    std::string* prior_name = nullptr;
    if (table.primary_key && same(table.primary_key->columns, false)) {
      prior_name = &table.primary_key->name;
    }
    for (ir::UniqueConstraint& u : table.uniques) {
      if (prior_name == nullptr && same(u.columns, u.nulls_not_distinct)) prior_name = &u.name;
    }
    if (prior_name == nullptr) {
      table.uniques.push_back(std::move(unique));
      return;
    }
    diagnostics_.Warning(span, fmt::format("unique constraint on ({}) repeats an existing key of "
                                           "table '{}'; PostgreSQL creates no second index",
                                           JoinNames(unique.columns), Display(table.name)));
    if (prior_name->empty()) *prior_name = unique.name;
  }

  void ResolveIndex(size_t t, const ast::IndexItem& item) {
    ir::Table& table = schema_.tables[t];
    ir::Index index;
    index.unique = item.unique;
    index.nulls_not_distinct = item.nulls_not_distinct;
    index.origin = OriginOf(item.span);
    bool ok = ExplicitName(t, item.name, true, &index.name);
    const IndexMethod* method = &IndexMethods()[0];
    if (item.method) {
      auto it = std::find_if(IndexMethods().begin(), IndexMethods().end(),
                             [&](const IndexMethod& m) { return m.name == item.method->name; });
      if (it == IndexMethods().end()) {
        std::vector<std::string> names;
        for (const IndexMethod& m : IndexMethods()) names.emplace_back(m.name);
        diagnostics_.Error(item.method->span,
                           WithSuggestion(fmt::format("unknown index method '{}'",
                                                      item.method->name),
                                          item.method->name, names));
        return;
      }
      method = &*it;
      bool vector = method->name == "hnsw" || method->name == "ivfflat";
      if (vector && FindExtension("vector") == nullptr) {
        diagnostics_.Error(item.method->span, fmt::format("index method '{}' needs 'extension "
                                                          "vector'",
                                                          method->name));
        return;
      }
    }
    index.method = std::string(method->name);
    if (item.unique && !method->unique) {
      diagnostics_.Error(item.span, fmt::format("index method '{}' does not support unique "
                                                "indexes",
                                                method->name));
      ok = false;
    }
    if (item.nulls_not_distinct && !item.unique) {
      diagnostics_.Error(item.span, "'nulls not distinct' applies only to unique indexes");
      ok = false;
    }
    if (!CheckKeyCount(item.keys, 0, "index", "keys") ||
        !CheckKeyCount(item.include, item.keys.size(), "index", "keys and include columns")) {
      return;
    }
    for (const ast::IndexKey& key : item.keys) {
      ir::IndexKey k;
      const ir::Column* column = nullptr;
      if (key.column) {
        column = FindColumn(table, *key.column);
        if (column == nullptr) {
          ok = false;
          continue;
        }
        k.column = key.column->name;
      } else {
        k.expression = key.expression->text;
      }
      if (key.collate) k.collation = key.collate->name;
      if (key.opclass) {
        k.opclass = key.opclass->schema ? Key(key.opclass->schema->name, key.opclass->name.name)
                                        : key.opclass->name.name;
      }
      k.order = key.order == ast::SortOrder::kDesc ? ir::SortOrder::kDesc : ir::SortOrder::kAsc;
      k.nulls_first = key.nulls == ast::NullsOrder::kDefault ? k.order == ir::SortOrder::kDesc
                                                             : key.nulls == ast::NullsOrder::kFirst;
      if (method->name == "hnsw" || method->name == "ivfflat") {
        ok = CheckVectorKey(*method, key, column) && ok;
      }
      index.keys.push_back(std::move(k));
    }
    if (!item.include.empty() && !method->include) {
      diagnostics_.Error(item.include.front().span,
                         fmt::format("index method '{}' does not support 'include'", method->name));
      ok = false;
    }
    ok = ColumnList(table, item.include, "include", &index.include) && ok;
    for (const ast::StorageParam& param : item.with) {
      if (std::find(method->params.begin(), method->params.end(), param.key.name) ==
          method->params.end()) {
        std::vector<std::string> names(method->params.begin(), method->params.end());
        diagnostics_.Error(param.key.span,
                           WithSuggestion(fmt::format("unknown parameter '{}' for index method "
                                                      "'{}'",
                                                      param.key.name, method->name),
                                          param.key.name, names));
        ok = false;
        continue;
      }
      index.with.emplace_back(param.key.name, param.value);
    }
    if (item.where) index.where = item.where->text;
    if (ok) table.indexes.push_back(std::move(index));
  }

  // pgvector keys: an operator class that matches the column's type, and dimensions.
  bool CheckVectorKey(const IndexMethod& method, const ast::IndexKey& key,
                      const ir::Column* column) {
    const auto& opclasses = VectorOpclasses(method.name);
    std::string type = column ? column->type.name : "";
    auto allowed = column ? opclasses.find(type) : opclasses.end();
    if (column && allowed == opclasses.end()) {
      diagnostics_.Error(key.column->span,
                         fmt::format("{} indexes support vector, halfvec, sparsevec and bit "
                                     "columns; '{}' is {}",
                                     method.name, column->name, column->type.ToSql()));
      return false;
    }
    // pgvector gives ivfflat a default operator class (vector_l2_ops), not hnsw.
    if (!key.opclass && method.name == "ivfflat") return true;
    if (!key.opclass) {
      std::string choices;
      if (allowed != opclasses.end()) {
        for (std::string_view o : allowed->second) choices += (choices.empty() ? "" : ", ") + std::string(o);
      }
      Diagnostic& d = diagnostics_.Error(
          key.span, fmt::format("{} index key needs an operator class (the distance it "
                                "indexes)",
                                method.name));
      if (!choices.empty()) d.notes.push_back({"one of: " + choices, std::nullopt});
      return false;
    }
    if (allowed == opclasses.end()) return true;  // An expression: its type is not known here.
    const std::string& opclass = key.opclass->name.name;
    if (std::find(allowed->second.begin(), allowed->second.end(), opclass) ==
        allowed->second.end()) {
      std::vector<std::string> names(allowed->second.begin(), allowed->second.end());
      diagnostics_.Error(key.opclass->span,
                         WithSuggestion(fmt::format("operator class '{}' does not index {} "
                                                    "column '{}' with {}",
                                                    opclass, type, column->name, method.name),
                                        opclass, names) +
                             (ClosestMatch(opclass, names) ? ""
                                                           : fmt::format(" (use {})",
                                                                         JoinNames(names))));
      return false;
    }
    if (column->type.modifiers.empty()) {
      diagnostics_.Error(key.column->span,
                         fmt::format("column '{}' needs dimensions, e.g. {}(1536), to be indexed "
                                     "with {}",
                                     column->name, type, method.name));
      return false;
    }
    return true;
  }

  void ResolvePolicy(size_t t, const ast::PolicyItem& item) {
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
    if (item.using_expr) policy.using_expr = item.using_expr->text;
    if (item.with_check) policy.with_check = item.with_check->text;
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

  // ---- Foreign keys ---------------------------------------------------------------------

  // Built once, as TypeCandidates (every table is declared before foreign keys are resolved).
  const std::vector<std::string>& TableCandidates() {
    if (!table_candidates_) {
      table_candidates_.emplace();
      for (const ir::Table& table : schema_.tables) table_candidates_->push_back(Display(table.name));
    }
    return *table_candidates_;
  }

  // Whether `columns` (as a set) are the primary key or a unique key of `table`.
  static bool IsUniqueKey(const ir::Table& table, const std::vector<std::string>& columns) {
    auto same_set = [&](const std::vector<std::string>& key) {
      return std::is_permutation(key.begin(), key.end(), columns.begin(), columns.end());
    };
    if (table.primary_key && same_set(table.primary_key->columns)) return true;
    for (const ir::UniqueConstraint& u : table.uniques) {
      if (same_set(u.columns)) return true;
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

  void ResolveForeignKey(const PendingForeignKey& pending) {
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
        diagnostics_.Warning(ref.span, fmt::format("'set null' on column '{}', which is not "
                                                   "nullable: the action will fail (add '?' to "
                                                   "its type)",
                                                   from->name));
      }
    }
    fk.ref_table = target;
    fk.on_delete = ToIr(ref.on_delete);
    fk.on_update = ToIr(ref.on_update);
    fk.deferrable = ref.deferrable;
    fk.initially_deferred = ref.initially_deferred;
    fk.not_valid = ref.not_valid;
    table.foreign_keys.push_back(std::move(fk));
  }

  // ---- Renames --------------------------------------------------------------------------

  void CheckColumnRenames(size_t t, const ast::TableDecl& decl) {
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

  void CheckTableRenames(const std::vector<const ast::TableDecl*>& tables) {
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

  // ---- Default names --------------------------------------------------------------------

  // The column a CHECK names itself after: its only referenced column, else none.
  std::string CheckColumn(const ir::Table& table, const std::string& expression) const {
    std::string column;
    for (const std::string& ident : ReferencedIdentifiers(expression)) {
      if (Lookup(table, ident) == nullptr) continue;
      if (!column.empty()) return "";
      column = ident;
    }
    return column;
  }

  // Fills the names of unnamed objects in declaration order, in the order PostgreSQL's
  // CREATE TABLE chooses them: sequences, checks, primary key, uniques, foreign keys, then
  // the CREATE INDEX statements.
  void AssignDefaultNames() {
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

  // ---- Warnings -------------------------------------------------------------------------

  void WarnTables(const std::vector<const ast::TableDecl*>& tables) {
    for (size_t t = 0; t < tables.size(); ++t) {
      const ir::Table& table = schema_.tables[t];
      const ast::TableDecl& decl = *tables[t];
      if (table.is_extern) continue;
      if (!table.primary_key) {
        diagnostics_.Warning(decl.name.span,
                             fmt::format("table '{}' has no primary key", Display(table.name)));
      }
      if (table.rls_enabled) continue;
      for (const ast::TableEntry& entry : decl.entries) {
        if (auto* policy = std::get_if<ast::PolicyItem>(&entry.item)) {
          diagnostics_.Warning(policy->span,
                               fmt::format("policy \"{}\" has no effect: table '{}' does not "
                                           "enable row level security (add 'rls')",
                                           policy->name.name, Display(table.name)));
          break;
        }
      }
    }
  }

  const std::vector<ast::File>& files_;
  const SourceManager& sources_;
  Diagnostics& diagnostics_;
  ir::Schema schema_;
  std::vector<TableState> states_;  // Parallel to schema_.tables.
  std::vector<PendingForeignKey> pending_fks_;
  std::vector<std::string_view> paths_;  // InternPath of each source file, once asked for.
  std::set<std::string> declared_schemas_;
  std::map<std::string, Span> schema_spans_;
  std::map<std::string, Span> extension_spans_;
  std::map<std::string, Span> role_spans_;
  std::unordered_set<std::string> role_names_;  // Declared and prelude roles.
  std::optional<std::vector<std::string>> type_candidates_;   // TypeCandidates().
  std::optional<std::vector<std::string>> table_candidates_;  // TableCandidates().
  std::map<std::string, Span> enum_spans_;
  std::unordered_map<std::string, const ast::TableDecl*> table_decls_;  // Looked up only.
  std::map<std::string, NameSet> relation_names_;    // Per schema.
  std::map<std::string, NameSet> constraint_names_;  // Per schema.
};

}  // namespace

ir::Schema Resolve(const std::vector<ast::File>& files, const SourceManager& sources,
                   Diagnostics& diagnostics) {
  return Resolver(files, sources, diagnostics).Run();
}

}  // namespace schemac
