#pragma once
// The resolver's insides, shared by the files of resolve (not part of the compiler's interface:
// compiler/resolve.h is). The Resolver turns the AST of one schema into its IR in passes:
//   resolve.cc               the driver (Resolver::Run), shared helpers, Resolve()
//   resolve_declarations.cc  target, prelude, schemas, extensions, roles, enums, table names
//   resolve_types.cc         column types
//   resolve_tables.cc        columns, keys, checks, not null, policies, grants, realtime
//   resolve_indexes.cc       indexes (methods, keys, pgvector operator classes)
//   resolve_sequences.cc     sequences, and the sequence options of identity columns
//   resolve_foreign_keys.cc  foreign keys, once every table is known
//   resolve_names.cc         rename hints and PostgreSQL's default names
//   resolve_functions.cc     functions: arguments, return type, clauses, grants
//   resolve_triggers.cc      triggers, once tables, views and functions are known
//   resolve_views.cc         views and materialized views

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/ir.h"
#include "compiler/lint.h"
#include "compiler/naming.h"
#include "compiler/source.h"
#include "compiler/types.h"

namespace schemac::resolve_internal {

/// `schema.name`, the key of the resolver's maps of names.
std::string Key(std::string_view schema, std::string_view name);
/// How a qualified name is shown to the user: bare in public, qualified elsewhere.
std::string Display(const ir::QualifiedName& name);
/// The lines of a doc comment joined with '\n'.
std::string JoinDoc(const ast::DocComment& doc);
/// `a, b, c`.
std::string JoinNames(const std::vector<std::string>& names);
ir::FkAction ToIr(ast::FkAction action);
ir::PolicyCommand ToIr(ast::PolicyCommand command);

/// The names of `items` (anything with a `name`), for "did you mean" candidates.
template <typename T>
std::vector<std::string> Names(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(item.name);
  return out;
}

/// A foreign key waiting for every table to be known.
struct PendingForeignKey {
  size_t table;
  const ast::Boxed<ast::Ident>* name;
  const std::vector<ast::Ident>* columns;  ///< Null for a column's `references`.
  const ast::Ident* column;                ///< The column of an inline `references`.
  const ast::References* references;
  Span span;
  const ast::DocComment* doc = nullptr;  ///< A `foreign key` item's doc comment.
};

/// What resolving a table needs to remember besides its IR.
struct TableState {
  Span primary_key;                              ///< Where the primary key was declared.
  std::map<std::string, Span> constraint_names;  ///< Names given to constraints and indexes.
  std::map<std::string, Span> not_null_spans;    ///< `not null (COL)` items, by column.
  std::vector<std::string> serial_columns;
  std::vector<Span> column_spans;  ///< Parallel to the IR table's columns.
  /// Index of each column in the IR table, so that a lookup costs the same in a wide table.
  std::unordered_map<std::string, size_t> column_index;
};

/// What the items of one table remember while they are resolved in order (resolve_tables.cc).
struct TableItems {
  size_t next_column = 0;  ///< The IR holds the columns in entry order, duplicates left out.
  std::optional<Span> rls_span;
  std::optional<Span> realtime_span;
  std::map<std::string, Span> policy_spans;
  std::map<std::string, std::set<std::string>> grants;  ///< Privileges by role.
};

/// PostgreSQL's limits, checked here so that a schema it would refuse fails offline, at the
/// line that breaks them, rather than on the dev database.
constexpr size_t kMaxColumns = 1600;  ///< MaxHeapAttributeNumber: columns of a table.
constexpr size_t kMaxIndexKeys = 32;  ///< INDEX_MAX_KEYS: keys (and include columns) of an
                                      ///< index, columns of a key or of a foreign key.

/// The privileges a `grant` names, `all` spelled out (resolve_tables.cc).
std::set<std::string> GrantedPrivileges(const std::vector<std::string>& privileges);

struct IndexMethod;  // resolve_indexes.cc

/// Resolves the files of one schema into an IR; one object per Resolve() call.
class Resolver {
 public:
  Resolver(const std::vector<ast::File>& files, const SourceManager& sources,
           Diagnostics& diagnostics)
      : files_(files), sources_(sources), diagnostics_(diagnostics), lint_(files, diagnostics) {}

  /// Runs every pass, in order, and returns the IR.
  ir::Schema Run();

 private:
  // ---- Helpers (resolve.cc) --------------------------------------------------------------
  ir::Origin OriginOf(const Span& span);
  // Where the text of `sql` (inside its parentheses) starts.
  ir::Origin TextOrigin(const ast::Sql& sql);
  // Where the value of `value` (`default VALUE`) starts.
  ir::Origin TextOrigin(const ast::Default& value);
  const ir::Column* Lookup(const ir::Table& table, const std::string& name) const;
  bool CheckLength(const std::string& name, const Span& span, std::string_view what);
  bool IsPlatformSchema(std::string_view schema) const;
  bool IsKnownSchema(std::string_view schema) const;
  bool SchemaOf(const ast::QualifiedName& name, std::string* schema);
  bool CheckSchema(const ast::Ident& schema);
  bool IsKnownRole(const std::string& role) const;
  bool CheckRole(const ast::Ident& role);

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

  // ---- Declarations (resolve_declarations.cc) --------------------------------------------
  void ResolveTarget();
  void AddPrelude();
  void DeclareSchema(const ast::SchemaDecl& decl);
  void DeclareExtension(const ast::ExtensionDecl& decl);
  void DeclareRole(const ast::ExternRoleDecl& decl);
  void DeclareSchemaGrant(const ast::SchemaGrantDecl& decl);
  void DeclareGrantOnSchema(const ast::SchemaGrantDecl& decl);
  void DeclareEnum(const ast::EnumDecl& decl);
  bool DeclareTable(const ast::TableDecl& decl);

  // ---- Types (resolve_types.cc) ----------------------------------------------------------
  const std::vector<std::string>& TypeCandidates();
  const ir::Extension* FindExtension(std::string_view name) const;
  bool ResolveType(const ast::TypeRef& ref, ir::ColumnType* out, const TypeInfo** info);

  // ---- Domains and composite types (resolve_domains.cc) ---------------------------------
  bool DeclareTypeName(const ast::QualifiedName& name, std::string_view what,
                       ir::QualifiedName* out);
  void DeclareTypes();
  bool DomainCycle(const ir::ColumnType& type, const ir::QualifiedName& self) const;
  void ResolveDomain(ir::Domain& domain, const ast::DomainDecl& decl);
  void ResolveComposite(ir::CompositeType& type, const ast::CompositeDecl& decl);
  void ResolveTypes();

  // ---- Tables (resolve_tables.cc) --------------------------------------------------------
  const ir::Column* FindColumn(const ir::Table& table, const ast::Ident& ident);
  bool ColumnList(const ir::Table& table, const std::vector<ast::Ident>& idents,
                  std::string_view what, std::vector<std::string>* out);
  const Span& ColumnSpan(size_t t, const ir::Column& column) const;
  void ResolveColumn(size_t t, const ast::Column& c);
  // ---- Sequences (resolve_sequences.cc) ----------------------------------------------------
  void ResolveIdentityOptions(const ast::Column& c, ir::Column& column);
  void DeclareSequences();
  void ResolveSequences();
  void ResolveSequence(const ast::SequenceDecl& decl);
  void SetPrimaryKey(size_t t, ir::PrimaryKey pk, const Span& span);
  void ResolveNotNull(size_t t, const ast::NotNullItem& item);
  bool ExplicitName(size_t t, const ast::Boxed<ast::Ident>& name, bool relation,
                    std::string* out);
  void ResolveTable(size_t t, const ast::TableDecl& decl);
  void ResolveColumns(size_t t, const ast::TableDecl& decl);
  void ResolveItem(size_t t, const ast::TableItem& item, TableItems& items);
  // Policies in `extern table` (resolve_tables.cc): where allowed, and what the error says.
  bool ExternPolicyAllowed(const ir::Table& table, const ast::TableItem& item) const;
  std::string ExternPolicyNote(const ir::Table& table) const;
  void ResolveKeyItem(size_t t, const ast::TableItem& item);
  void ResolveRls(size_t t, const ast::RlsItem& rls, TableItems& items);
  void ResolveGrant(const ast::GrantItem& grant, TableItems& items);
  void ResolveRealtime(size_t t, const ast::RealtimeItem& realtime, TableItems& items);
  void ColumnConstraints(size_t t, const ast::Column& c);
  void AddUnique(size_t t, ir::UniqueConstraint unique, const Span& span);
  void ResolvePolicy(size_t t, const ast::PolicyItem& item);

  // ---- Indexes (resolve_indexes.cc) ------------------------------------------------------
  void ResolveIndex(size_t t, const ast::IndexItem& item);
  void ResolveExclusion(size_t t, const ast::ExclusionItem& item);  // resolve_exclusions.cc
  bool CheckVectorKey(const IndexMethod& method, const ast::IndexKey& key,
                      const ir::Column* column);

  // ---- Foreign keys (resolve_foreign_keys.cc) --------------------------------------------
  const std::vector<std::string>& TableCandidates();
  static bool IsUniqueKey(const ir::Table& table, const std::vector<std::string>& columns);
  void ResolveForeignKey(const PendingForeignKey& pending);

  // ---- Functions (resolve_functions.cc) --------------------------------------------------
  void ResolveFunction(const ast::FunctionDecl& decl);
  bool ResolveFunctionType(const ast::TypeRef& ref, ir::ColumnType* out);
  bool ResolveFunctionArgs(const ast::FunctionDecl& decl, ir::Function* fn);
  bool ResolveFunctionClauses(const ast::FunctionDecl& decl, ir::Function* fn);
  bool ResolveFunctionGrants(const ast::FunctionDecl& decl, ir::Function* fn);
  // ---- Triggers (resolve_triggers.cc) ----------------------------------------------------
  void ResolveTriggers();
  void ResolveTrigger(const ast::TriggerDecl& decl, std::map<std::string, Span>& seen);
  bool TriggerRelation(const ast::TriggerDecl& decl, ir::QualifiedName* name, bool* is_view);
  bool TriggerFunction(const ast::TriggerDecl& decl, ir::QualifiedName* name);
  bool CheckTriggerShape(const ast::TriggerDecl& decl, bool is_view);
  bool TriggerTransitions(const ast::TriggerDecl& decl, ir::Trigger* trigger);
  // ---- Views (resolve_views.cc) ---------------------------------------------------------
  void DeclareViews();
  void ResolveViews();
  void ResolveView(const ast::ViewDecl& decl);
  void ResolveViewIndex(ir::View& view, const ast::IndexItem& item,
                        std::map<std::string, Span>& names);

  // ---- Owners (resolve_owners.cc) --------------------------------------------------------
  void ResolveOwners();
  bool OwnedObject(const ast::OwnerObject& o, ir::ObjectRef* ref);
  bool OwnedFunction(const ast::OwnerObject& o, const ir::QualifiedName& name, ir::ObjectRef* ref);
  void CheckGrantsToOwner(const ir::Owner& owner, const Span& span);

  // ---- Renames and default names (resolve_names.cc) --------------------------------------
  void CheckColumnRenames(size_t t, const ast::TableDecl& decl);
  void CheckTableRenames(const std::vector<const ast::TableDecl*>& tables);
  std::string CheckColumn(const ir::Table& table, const std::string& expression) const;
  void AssignDefaultNames();

  const std::vector<ast::File>& files_;
  const SourceManager& sources_;
  Diagnostics& diagnostics_;
  Linter lint_;  // Warnings go through their lint rule (compiler/lint.h).
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
  // `grant ... on all tables in schema S`: privileges by role, per schema S.
  std::map<std::string, std::map<std::string, std::set<std::string>>> schema_grants_;
  std::unordered_map<std::string, const ast::TableDecl*> table_decls_;  // Looked up only.
  std::vector<const ast::DomainDecl*> domain_decls_;        // Parallel to schema_.domains.
  std::vector<const ast::CompositeDecl*> composite_decls_;  // Parallel to composite_types.
  std::vector<const ast::ViewDecl*> view_decls_;  // Declared views (DeclareViews), in order.
  std::vector<const ast::SequenceDecl*> sequence_decls_;  // DeclareSequences, in order.
  std::map<std::string, NameSet> relation_names_;    // Per schema.
  std::map<std::string, NameSet> constraint_names_;  // Per schema.
  std::map<std::string, Span> function_spans_;  // By ir::Function::Signature().
};

}  // namespace schemac::resolve_internal
