#pragma once
// The resolved schema: plain values, the same whether they come from .schema files, a live
// database or a migrations directory. Names are final (PostgreSQL's default names filled in),
// types are spelled as PostgreSQL's format_type() prints them, and SQL expressions are text.
// Backends read it through const&; nothing changes it after it is built.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::ir {

/// Where an object was declared, for diagnostics of later stages (empty when introspected).
/// Not part of an object's identity: ignored by comparisons and not written to JSON. `file`
/// points at storage that lives until the process exits (InternPath in compiler/source.h, or a
/// literal): thousands of objects carry it, and a copy of the path each cost an allocation.
struct Origin {
  std::string_view file;
  uint32_t line = 0;
  uint32_t col = 0;
};

/// `schema.name`; `schema` is always set ("public" when the source did not say).
struct QualifiedName {
  std::string schema = "public";
  std::string name;

  std::string ToString() const { return schema + "." + name; }
  auto operator<=>(const QualifiedName&) const = default;
};

enum class Target { kPostgres, kSupabase };

struct Extension {
  std::string name;
  std::string schema;   ///< Empty: PostgreSQL's choice (the first schema in search_path).
  std::string version;  ///< Empty: the default version.
  bool is_extern = false;
  Origin origin;
};

struct EnumValue {
  std::string label;
  std::optional<std::string> renamed_from;  ///< DSL rename hint.
};

struct Enum {
  QualifiedName name;
  std::vector<EnumValue> values;  ///< In sort order (enumsortorder).
  std::string comment;
  Origin origin;
};

enum class TypeKind {
  kBuiltin,    ///< pg_catalog types.
  kEnum,       ///< An enum of this schema.
  kExtension,  ///< A type from an extension (vector, halfvec, sparsevec, citext, ...).
  kOther,      ///< Any other qualified type name.
};

/// A column type. `name` is the base name as format_type() prints it ("integer", "character
/// varying", "timestamp with time zone", "vector", an enum's name); `modifiers` are the typmod
/// arguments; `schema` is set for non-builtin types.
struct ColumnType {
  TypeKind kind = TypeKind::kBuiltin;
  std::string schema;
  std::string name;
  std::vector<int64_t> modifiers;
  int array_dims = 0;

  /// The type as SQL, e.g. `character varying(20)[]`, `timestamp(3) with time zone`,
  /// `public.post_status`.
  std::string ToSql() const;
  bool operator==(const ColumnType&) const = default;
};

/// A named CHECK of a domain (`constraint NAME check (EXPR)`; unnamed: PostgreSQL's
/// `<domain>_check`, `<domain>_check1`, ...).
struct DomainCheck {
  std::string name;
  std::string expression;  ///< Without its outer parentheses; the value is `VALUE`.
  Origin origin;
  Origin expression_origin;  ///< Where `expression`'s text starts in the source (see Column).
};

/// `domain NAME as TYPE [collate C] [default EXPR] [not null] [constraint NAME check (EXPR)]`.
/// Placed after ColumnType, the first place after Enum where it is complete. A column,
/// argument or attribute of a domain has a ColumnType of kind kOther naming it (as
/// introspection reads every type that is not built in, an enum or an extension's).
struct Domain {
  QualifiedName name;
  ColumnType type;  ///< The base type (a built-in, enum, extension type, or another domain).
  std::string collation;    ///< Empty: the base type's.
  std::string default_sql;  ///< Empty: no default.
  bool not_null = false;
  std::vector<DomainCheck> checks;  ///< Sorted by name.
  std::string comment;
  Origin origin;
  Origin default_origin;  ///< Where `default_sql`'s text starts in the source (see Column).
};

/// One attribute of a composite type.
struct CompositeAttribute {
  std::string name;
  ColumnType type;
  std::string collation;  ///< Empty: the type's default collation.
  Origin origin;
};

/// `type NAME as (a integer, b text collate "C", ...)`: a standalone composite type. Columns,
/// arguments and results of it have a ColumnType of kind kOther naming it.
struct CompositeType {
  QualifiedName name;
  std::vector<CompositeAttribute> attributes;  ///< In order (attnum).
  std::string comment;
  Origin origin;
};

enum class Identity { kNone, kAlways, kByDefault };
enum class Generated { kNone, kStored, kVirtual };

/// The options of a sequence (a `sequence` object, or the one behind an identity column), as
/// pg_sequence holds them. Resolved, every field holds its effective value (PostgreSQL's
/// defaults filled in by `DefaultSequenceOptions`), so a schema and a database compare equal;
/// all zero on a column that is not an identity column.
struct SequenceOptions {
  int64_t start = 0;
  int64_t increment = 0;
  int64_t min = 0;
  int64_t max = 0;
  int64_t cache = 0;
  bool cycle = false;
  bool operator==(const SequenceOptions&) const = default;
};

struct Column {
  std::string name;
  ColumnType type;
  bool nullable = false;
  std::string default_sql;  ///< Empty: no default.
  Identity identity = Identity::kNone;
  SequenceOptions identity_options;  ///< Of an identity column (else all zero).
  Generated generated = Generated::kNone;
  std::string generated_sql;  ///< The expression of a generated column.
  std::string collation;      ///< Empty: the type's default collation.
  std::optional<std::string> renamed_from;
  std::string comment;
  /// The NOT NULL constraint of a column that is not nullable, as PostgreSQL 18 has it: its name
  /// (empty: unnamed, PostgreSQL's own `<table>_<column>_not_null`; introspection takes any name
  /// ending in `_not_null[N]` for one), NO INHERIT and NOT VALID (both false before 18).
  std::string not_null_name;
  bool not_null_no_inherit = false;
  bool not_null_not_valid = false;
  Origin origin;
  /// Where the text of `default_sql` and of `generated_sql` starts in the source (the first
  /// byte of the expression as written, which they hold verbatim): a database's error position
  /// in them maps back to the .schema file. Empty when introspected.
  Origin default_origin;
  Origin generated_origin;
};

struct PrimaryKey {
  std::string name;
  std::vector<std::string> columns;
  Origin origin;
  bool deferrable = false;          ///< DEFERRABLE.
  bool initially_deferred = false;  ///< INITIALLY DEFERRED (only when deferrable).
  std::string comment{};            ///< COMMENT ON CONSTRAINT; empty: none.
};

/// A unique constraint. One that repeats the primary key or another unique key (same columns,
/// NULLS NOT DISTINCT and deferrability) is a second constraint with an index of its own, as
/// `ALTER TABLE ... ADD CONSTRAINT` makes it (CREATE TABLE would merge them): see RepeatsKey.
struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  bool nulls_not_distinct = false;
  Origin origin;
  bool deferrable = false;
  bool initially_deferred = false;
  std::string comment{};
};

struct CheckConstraint {
  std::string name;
  std::string expression;
  bool no_inherit = false;
  bool not_valid = false;
  Origin origin;
  Origin expression_origin;  ///< Where `expression`'s text starts in the source (see Column).
  std::string comment{};
};

/// One element of an exclusion constraint: a column or an expression, its operator class and
/// the operator that no two rows may both satisfy.
struct ExclusionElement {
  std::string column;      ///< Set for a plain column.
  std::string expression;  ///< Set for an expression (without outer parentheses).
  std::string opclass;     ///< Empty: the type's default (introspected: empty when default).
  std::string op;          ///< The operator as PostgreSQL names it: `=`, `&&`, `<>`.
  bool operator==(const ExclusionElement&) const = default;
};

/// `EXCLUDE USING method (element WITH op, ...) [INCLUDE (col, ...)] [WHERE (sql)]
/// [DEFERRABLE [INITIALLY DEFERRED]]`.
struct ExclusionConstraint {
  std::string name;
  std::string method = "gist";
  std::vector<ExclusionElement> elements;
  std::vector<std::string> include;
  std::string where;  ///< The predicate; empty: none.
  bool deferrable = false;
  bool initially_deferred = false;
  std::string comment;
  Origin origin;
};

enum class FkAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  QualifiedName ref_table;
  std::vector<std::string> ref_columns;  ///< Always filled (the referenced primary key if unsaid).
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;
  Origin origin;
  bool match_full = false;  ///< MATCH FULL; false: MATCH SIMPLE, PostgreSQL's default.
  std::string comment{};
};

enum class SortOrder { kAsc, kDesc };

struct IndexKey {
  std::string column;      ///< Set for a plain column key.
  std::string expression;  ///< Set for an expression key (without outer parentheses).
  std::string collation;
  std::string opclass;     ///< From the DSL: empty when unsaid. Introspected: always filled.
  bool opclass_is_default = false;  ///< Introspected: `opclass` is the type's default one.
  SortOrder order = SortOrder::kAsc;
  bool nulls_first = false;  ///< PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC.
  Origin expression_origin;  ///< Where `expression`'s text starts in the source (see Column).
};

struct Index {
  std::string name;
  bool unique = false;
  std::string method = "btree";
  std::vector<IndexKey> keys;
  std::vector<std::string> include;
  bool nulls_not_distinct = false;
  std::vector<std::pair<std::string, std::string>> with;  ///< Storage parameters, as written.
  std::string where;  ///< Partial index predicate, empty when none.
  Origin origin;
  Origin where_origin;  ///< Where `where`'s text starts in the source (see Column).
  /// Introspected: not valid for queries (`pg_index.indisvalid` false), what a failed CREATE
  /// INDEX CONCURRENTLY leaves behind. Never equal to a declared index: the plan drops it, and
  /// builds it again when the schema declares it.
  bool invalid = false;
  std::string comment{};  ///< COMMENT ON INDEX; empty: none.
};

enum class PolicyCommand { kAll, kSelect, kInsert, kUpdate, kDelete };

struct Policy {
  std::string name;
  bool permissive = true;
  PolicyCommand command = PolicyCommand::kAll;
  std::vector<std::string> roles;  ///< Sorted; {"public"} when the source named none.
  std::string using_expr;
  std::string with_check;
  std::string comment;
  Origin origin;
  /// Where `using_expr`'s and `with_check`'s texts start in the source (see Column).
  Origin using_origin;
  Origin with_check_origin;
};

/// Table privileges granted to one role, in the canonical order SELECT, INSERT, UPDATE, DELETE,
/// TRUNCATE, REFERENCES, TRIGGER (lowercase).
struct Grant {
  std::string role;
  std::vector<std::string> privileges;
  Origin origin;
};

enum class ReplicaIdentity { kDefault, kFull };

/// A table's membership in a publication (`realtime` is membership in supabase_realtime).
struct PublicationMember {
  std::string name;
  std::vector<std::string> columns;  ///< A column list; empty: every column.
  std::string row_filter;            ///< A WHERE expression; empty: every row.
  bool operator==(const PublicationMember&) const = default;
};

struct Table {
  QualifiedName name;
  std::optional<std::string> renamed_from;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<CheckConstraint> checks;
  std::vector<ExclusionConstraint> exclusions;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Index> indexes;  ///< Indexes declared with `index` (not constraint-backed ones).
  bool rls_enabled = false;
  bool rls_forced = false;
  std::vector<Policy> policies;
  std::vector<Grant> grants;  ///< Sorted by role.
  std::vector<PublicationMember> publications;  ///< Sorted by name.
  ReplicaIdentity replica_identity = ReplicaIdentity::kDefault;
  std::string comment;
  bool is_extern = false;  ///< Platform table: referenced, never created, altered or dropped.
  Origin origin;

  const Column* FindColumn(const std::string& column) const;
  /// True when `uniques[i]` repeats the primary key or an earlier unique constraint (same
  /// columns, NULLS NOT DISTINCT and deferrability): it must be added by its own ALTER TABLE,
  /// since CREATE TABLE would merge it into the first.
  bool RepeatsKey(size_t i) const;
};

/// A sequence declared with `sequence` (not an identity column's, nor a serial column's: those
/// are their column's). `options` hold effective values (PostgreSQL's defaults filled in).
struct Sequence {
  QualifiedName name;
  std::optional<std::string> renamed_from;  ///< DSL rename hint.
  std::string type = "bigint";  ///< `as`: "smallint", "integer" or "bigint".
  SequenceOptions options;
  /// `owned by TABLE.COLUMN` (a table of the sequence's schema): dropped with the column. Empty:
  /// owned by nothing.
  std::string owned_table;
  std::string owned_column;
  std::vector<Grant> grants;  ///< Sorted by role; privileges "select", "update", "usage".
  std::string comment;
  Origin origin;
};

struct Role {
  std::string name;
  bool is_extern = true;  ///< Roles are platform objects in v1: referenced, never created.
};

struct Publication {
  std::string name;
  bool is_extern = true;
};

/// Privileges on a schema granted to one role (`grant usage on schema api to anon`). Managed
/// for the schemas the schema declares (`schema NAME`), exactly like a table's grants: what is
/// not declared is revoked. Not for `public` or platform schemas, whose privileges are the
/// database's or the platform's.
struct SchemaGrant {
  std::string schema;
  std::string role;
  std::vector<std::string> privileges;  ///< "usage", "create", in that order.
  Origin origin;
};

/// How a function argument is passed. `kTable` is a column of `returns table (...)`, as
/// PostgreSQL stores it (proargmodes 't').
enum class ArgMode { kIn, kOut, kInOut, kVariadic, kTable };

struct FunctionArg {
  ArgMode mode = ArgMode::kIn;
  std::string name;  ///< Empty: unnamed.
  ColumnType type;   ///< Without modifiers (PostgreSQL drops an argument's typmod).
  std::string default_sql;  ///< Empty: no default. Only input arguments have one.
  Origin origin;
  Origin default_origin;  ///< Where `default_sql`'s text starts in the source (see Column).
};

enum class Volatility { kVolatile, kStable, kImmutable };
enum class Parallel { kUnsafe, kRestricted, kSafe };

/// A function (not a procedure or an aggregate). Its identity is its name and the types of its
/// input arguments (in, inout, variadic): overloads are distinct objects.
struct Function {
  QualifiedName name;
  std::vector<FunctionArg> args;  ///< In declaration order, `kTable` columns last.
  /// The return type: a type, `trigger`, `void`, or `record` for `returns table (...)` (whose
  /// columns are the `kTable` args). `returns_set` for `setof` and `table (...)`.
  ColumnType returns;
  bool returns_set = false;
  std::string language = "sql";  ///< "sql", "plpgsql", or any installed language.
  /// The body, verbatim, without its dollar quotes. From the DSL: as written; introspected:
  /// `prosrc` (a `begin atomic` body: pg_get_function_sqlbody's text).
  std::string body;
  Volatility volatility = Volatility::kVolatile;
  bool strict = false;
  bool security_definer = false;
  bool leakproof = false;
  Parallel parallel = Parallel::kUnsafe;
  /// Estimated cost and rows; 0: PostgreSQL's default (100 for plpgsql/sql, 1 for C; rows 1000
  /// for a set-returning function, 0 otherwise).
  double cost = 0;
  double rows = 0;
  /// `set NAME = VALUE` settings (proconfig), sorted by name; the value as PostgreSQL prints it
  /// (`search_path` = `""` for `set search_path = ''`).
  std::vector<std::pair<std::string, std::string>> settings;
  /// EXECUTE grants, sorted by role; privileges always {"execute"}. PostgreSQL's default grants
  /// EXECUTE to PUBLIC: the resolved schema has a `public` grant unless the source says
  /// `revoke execute from public`. The grants are exact, like a table's.
  std::vector<Grant> grants;
  std::string comment;
  Origin origin;
  Origin body_origin;  ///< Where `body`'s first byte is in the source (see Column).

  /// `public.f(integer, text)`: the name and input argument types, unique in a schema.
  std::string Signature() const;
};

enum class TriggerTiming { kBefore, kAfter, kInsteadOf };
enum class TriggerLevel { kRow, kStatement };
/// pg_trigger.tgenabled: 'O' (enabled), 'D' (disabled), 'R' (replica), 'A' (always).
enum class TriggerEnabled { kOrigin, kDisabled, kReplica, kAlways };

/// A trigger on a table (own or extern, as `auth.users`) or a view (`instead of`).
struct Trigger {
  std::string name;
  QualifiedName table;  ///< The table or view it is on.
  TriggerTiming timing = TriggerTiming::kAfter;
  bool on_insert = false;
  bool on_update = false;
  bool on_delete = false;
  bool on_truncate = false;
  std::vector<std::string> update_columns;  ///< `update of a, b`; empty: any column.
  TriggerLevel level = TriggerLevel::kStatement;
  std::string when;  ///< The WHEN condition without its parentheses; empty: none.
  std::string old_table;  ///< `referencing old table as NAME`; empty: none.
  std::string new_table;  ///< `referencing new table as NAME`; empty: none.
  QualifiedName function;  ///< A function returning `trigger`, with no arguments.
  std::vector<std::string> arguments;  ///< The string arguments passed to it (TG_ARGV).
  TriggerEnabled enabled = TriggerEnabled::kOrigin;
  std::string comment;
  Origin origin;
  Origin when_origin;  ///< Where `when`'s text starts in the source (see Column).
};

enum class CheckOption { kNone, kLocal, kCascaded };

/// A column of a view as PostgreSQL derives it from the query (introspected only; empty from
/// the DSL before the dev-database build), with its comment.
struct ViewColumn {
  std::string name;
  ColumnType type;
  bool nullable = true;
  std::string comment;
  /// PostgreSQL can write the column through the view (pg_column_is_updatable, or the view has
  /// an INSTEAD OF INSERT/UPDATE trigger or an unconditional INSTEAD rule): what the TypeScript
  /// types' Insert and Update follow (`?: never` when not). Introspected only.
  bool updatable = false;
  /// The column of a table or view that this column selects as it is (a plain column
  /// reference in the query: pg_rewrite's resorigtbl / resorigcol), by relation and column
  /// name; `source_column` empty when the column is an expression. Introspected only: the
  /// TypeScript types derive the relationships PostgREST sees through views from it.
  QualifiedName source = {};
  std::string source_column = {};
};

struct View {
  QualifiedName name;
  bool materialized = false;
  /// The query, verbatim without its outer parentheses; introspected: pg_get_viewdef's text.
  std::string query;
  std::vector<ViewColumn> columns;
  /// Column comments declared in the DSL (name, text), sorted by name; introspected: empty
  /// (each column's comment is in `columns`).
  std::vector<std::pair<std::string, std::string>> column_comments;
  bool security_invoker = false;
  bool security_barrier = false;
  CheckOption check_option = CheckOption::kNone;
  /// Introspected: the view accepts INSERT / UPDATE / DELETE (pg_relation_is_updatable),
  /// what the TypeScript types' Insert and Update follow.
  bool insertable = false;
  bool updatable = false;
  std::vector<Grant> grants;  ///< Sorted by role; exact, like a table's.
  std::vector<Index> indexes;  ///< Materialized views only.
  std::string comment;
  Origin origin;
  Origin query_origin;  ///< Where `query`'s text starts in the source (see Column).
};

/// A managed object, as one end of a dependency. `name` is the object's qualified name (for a
/// column, policy, trigger, index or constraint: its table's or view's); `member` is the
/// column, policy, trigger, index or constraint name, or a function's input argument types as
/// in Signature() ("(integer, text)"); empty for a table, view, enum, schema or extension.
enum class ObjectKind {
  kSchema, kExtension, kEnum, kTable, kColumn, kConstraint, kIndex, kPolicy, kView, kFunction,
  kTrigger,
};
struct ObjectRef {
  ObjectKind kind = ObjectKind::kTable;
  QualifiedName name;
  std::string member;
  auto operator<=>(const ObjectRef&) const = default;
};

/// `dependent` needs `referenced` (it uses it and breaks without it), as PostgreSQL records it
/// in pg_depend (a view on a column, a default or policy calling a function, a trigger on its
/// function, a function on the table type it returns). Introspected only.
struct Dependency {
  ObjectRef dependent;
  ObjectRef referenced;
  auto operator<=>(const Dependency&) const = default;
};

/// The owner of a managed object (a schema, table, view, function or enum: `object.kind`;
/// `object.member` is a function's input argument types as in Signature(); a schema's name is
/// `object.name.schema`, with `object.name.name` empty). From the DSL:
/// exactly the `owner` declarations, as an object without one keeps the owner it has (a new one
/// is owned by the role that runs the migration); introspected: every object's owner. Diff
/// compares the declared ones only.
struct Owner {
  ObjectRef object;
  std::string role;
  Origin origin;
  bool operator==(const Owner& o) const { return object == o.object && role == o.role; }
};

/// An object in a managed schema that schemac does not model (an event trigger, a rule, an
/// aggregate, a foreign table, ...): listed by pull, plan and diff, never dropped or created.
struct UnmanagedObject {
  std::string kind;  ///< "rule", "aggregate", "event trigger", ...: PostgreSQL's words.
  std::string name;  ///< Qualified, as PostgreSQL prints it ("public.r on public.t").
  auto operator<=>(const UnmanagedObject&) const = default;
};

/// The whole resolved schema. Vectors keep declaration order; the maps index into them.
struct Schema {
  Target target = Target::kPostgres;
  std::vector<std::string> schemas;  ///< Declared (non-platform) schemas other than public.
  std::vector<SchemaGrant> schema_grants;  ///< On `schemas`; sorted by schema, then role.
  std::vector<Extension> extensions;
  std::vector<Enum> enums;
  std::vector<Domain> domains;                 ///< Sorted by name when introspected.
  std::vector<CompositeType> composite_types;  ///< Sorted by name when introspected.
  std::vector<Table> tables;
  std::vector<Sequence> sequences;  ///< Sorted by name.
  std::vector<Role> roles;
  std::vector<Publication> publications;
  std::vector<Function> functions;
  std::vector<View> views;
  std::vector<Trigger> triggers;  ///< Sorted by table, then name.
  std::vector<Dependency> dependencies;  ///< Sorted; introspected only.
  std::vector<UnmanagedObject> unmanaged;  ///< Sorted; introspected only.
  std::vector<Owner> owners;  ///< Sorted by object.

  std::map<std::string, size_t> table_index;  ///< "schema.name" -> index in `tables`.
  std::map<std::string, size_t> enum_index;   ///< "schema.name" -> index in `enums`.

  const Table* FindTable(const QualifiedName& name) const;
  const Enum* FindEnum(const QualifiedName& name) const;
  /// Linear lookups (a schema has few of them): null when not declared.
  const Domain* FindDomain(const QualifiedName& name) const;
  const CompositeType* FindCompositeType(const QualifiedName& name) const;
  /// Rebuilds table_index and enum_index from the vectors.
  void Reindex();
};

const char* ToString(FkAction action);          ///< "no action", "cascade", ...
const char* ToString(PolicyCommand command);    ///< "all", "select", ...
const char* ToString(Identity identity);        ///< "none", "always", "by default"
const char* ToString(Generated generated);      ///< "none", "stored", "virtual"
const char* ToString(ArgMode mode);             ///< "in", "out", "inout", "variadic", "table"
const char* ToString(Volatility volatility);    ///< "volatile", "stable", "immutable"
const char* ToString(Parallel parallel);        ///< "unsafe", "restricted", "safe"
const char* ToString(TriggerTiming timing);     ///< "before", "after", "instead of"
const char* ToString(ObjectKind kind);          ///< "table", "column", "function", ...

}  // namespace schemac::ir
