#pragma once
// The syntax tree of .schema files: what the user wrote, with source spans, before any name is
// resolved. `fmt` prints this tree back; `resolve` turns it into the IR. Keywords are matched
// case-insensitively and stored normalized (lowercase); identifiers are stored as PostgreSQL
// would see them (unquoted ones folded to lowercase, quoted ones verbatim).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/source.h"

namespace schemac::ast {

/// An optional value kept on the heap: the API of std::optional for the parts of the tree that
/// are usually absent, so that a node pays one pointer for them instead of their full size (a
/// column is a third of the size it would be, and a 10,000-table schema fits in much less
/// memory).
template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): like std::optional.
  Boxed(T value) : ptr_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Boxed(const Boxed& other) : ptr_(other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) ptr_ = other.ptr_ ? std::make_unique<T>(*other.ptr_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) {
    ptr_.reset();
    return *this;
  }

  template <typename... Args>
  T& emplace(Args&&... args) {
    ptr_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *ptr_;
  }
  void reset() { ptr_.reset(); }
  bool has_value() const { return ptr_ != nullptr; }
  explicit operator bool() const { return ptr_ != nullptr; }
  T& operator*() { return *ptr_; }
  const T& operator*() const { return *ptr_; }
  T* operator->() { return ptr_.get(); }
  const T* operator->() const { return ptr_.get(); }
  const T& value() const { return *ptr_; }

 private:
  std::unique_ptr<T> ptr_;
};

/// An identifier. `name` is folded to lowercase unless it was written in double quotes.
struct Ident {
  std::string name;
  bool quoted = false;
  Span span;
};

/// `[schema.]name`.
struct QualifiedName {
  Boxed<Ident> schema;
  Ident name;
  Span span;
};

/// Verbatim SQL captured between balanced parentheses; `text` excludes the outer parentheses
/// and is kept byte for byte (including inner comments and line breaks).
struct Sql {
  std::string text;
  Span span;  ///< Covers the parentheses.
};

/// A string literal. `value` is unescaped ('' -> '), `span` covers the quotes.
struct StringLit {
  std::string value;
  Span span;
};

/// `///` lines right before a declaration or item, without the `///` and one following space.
using DocComment = std::vector<std::string>;

/// A column type as written: `text`, `varchar(20)`, `timestamp(3) with time zone`,
/// `public.citext`, `numeric(10, 2)[]`, `vector(1536)`.
struct TypeRef {
  /// Base name, lowercase words separated by single spaces for the multi-word forms
  /// (`double precision`, `character varying`, `timestamp with time zone`, `time without time
  /// zone`, `bit varying`); for a quoted or qualified name, the last part.
  QualifiedName name;
  std::vector<int64_t> modifiers;  ///< The numbers in parentheses, e.g. {10, 2}.
  int array_dims = 0;              ///< Number of `[]` suffixes.
  Span span;
};

enum class FkAction { kNone, kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

/// `references [schema.]table[(col, ...)] [on delete A] [on update A] [deferrable [initially
/// deferred|immediate]] [not valid]`. An empty column list means the referenced primary key.
struct References {
  QualifiedName table;
  std::vector<Ident> columns;
  FkAction on_delete = FkAction::kNone;
  FkAction on_update = FkAction::kNone;
  bool deferrable = false;
  bool initially_deferred = false;
  bool not_valid = false;
  bool match_full = false;  ///< `match full` (`match simple` is the default, not kept).
  Span span;
};

/// A column default. `sql` is the SQL text as written (a literal with its quotes, a function
/// call with its arguments, or the text inside `( ... )`).
struct Default {
  enum class Kind { kLiteral, kCall, kParenthesized };
  Kind kind = Kind::kLiteral;
  std::string sql;
  Span span;
};

enum class Identity { kNone, kAlways, kByDefault };

/// `(start N increment N minvalue N maxvalue N cache N cycle)`: the options of an identity
/// column's sequence (or of a `sequence`), each unset when not written.
struct SequenceOptions {
  std::optional<int64_t> start;
  std::optional<int64_t> increment;
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  std::optional<int64_t> cache;
  bool cycle = false;
  Span span;
};
/// kUnsaid is an error (resolve): PostgreSQL 18 made `virtual` the default where older servers
/// only have `stored`, so a schema says which.
enum class GeneratedKind { kUnsaid, kStored, kVirtual };

struct Generated {
  Sql expression;
  GeneratedKind kind = GeneratedKind::kUnsaid;
  Span span;
};

/// `name type[?] modifiers...`. fmt prints modifiers in the order of the fields below.
struct Column {
  DocComment doc;
  Ident name;
  TypeRef type;
  bool nullable = false;  ///< Written with `?` after the type.
  Boxed<Ident> renamed_from;
  Boxed<Span> primary_key;        ///< Set when `primary key` was written; its span.
  Boxed<Span> unique;             ///< Set when `unique` was written; its span.
  Boxed<References> references;
  Boxed<Default> default_value;
  Identity identity = Identity::kNone;
  Boxed<Span> identity_span;
  Boxed<SequenceOptions> identity_options;  ///< `identity always (start 10 ...)`.
  Boxed<Generated> generated;
  Boxed<Ident> collate;
  Boxed<Sql> check;
  Span span;
};

/// `primary key (a, b) [deferrable [initially deferred|immediate]]`.
struct PrimaryKeyItem {
  DocComment doc;
  Boxed<Ident> name;  ///< `primary key name (a, b)`.
  std::vector<Ident> columns;
  bool deferrable = false;
  bool initially_deferred = false;
  Span span;
};

/// `unique [name] [nulls not distinct] (a, b) [deferrable [initially deferred|immediate]]`.
struct UniqueItem {
  DocComment doc;
  Boxed<Ident> name;
  bool nulls_not_distinct = false;
  std::vector<Ident> columns;
  bool deferrable = false;
  bool initially_deferred = false;
  Span span;
};

/// `check [name] ( sql ) [no inherit] [not valid]`.
struct CheckItem {
  DocComment doc;
  Boxed<Ident> name;
  Sql expression;
  bool no_inherit = false;
  bool not_valid = false;
  Span span;
};

/// `not null [name] (column) [no inherit] [not valid]` (PostgreSQL 18).
struct NotNullItem {
  DocComment doc;
  Boxed<Ident> name;
  Ident column;
  bool no_inherit = false;
  bool not_valid = false;
  Span span;
};

/// `foreign key [name] (a, b) references t(x, y) [on delete ...] ...`.
struct ForeignKeyItem {
  DocComment doc;
  Boxed<Ident> name;
  std::vector<Ident> columns;
  References references;
  Span span;
};

enum class SortOrder { kDefault, kAsc, kDesc };
enum class NullsOrder { kDefault, kFirst, kLast };

/// One key of an index: a column or a parenthesized expression, with options.
struct IndexKey {
  Boxed<Ident> column;
  Boxed<Sql> expression;  ///< Exactly one of column and expression is set.
  Boxed<Ident> collate;
  Boxed<QualifiedName> opclass;
  SortOrder order = SortOrder::kDefault;
  NullsOrder nulls = NullsOrder::kDefault;
  Span span;
};

/// `with (key = value, ...)` storage parameter; `value` is as written (number, identifier or
/// string literal with its quotes).
struct StorageParam {
  Ident key;
  std::string value;
  Span span;
};

/// `index [name] [unique] [using method] (keys) [include (cols)] [nulls not distinct]
/// [with (k = v, ...)] [where ( sql )]`.
struct IndexItem {
  DocComment doc;
  Boxed<Ident> name;
  bool unique = false;
  Boxed<Ident> method;
  std::vector<IndexKey> keys;
  std::vector<Ident> include;
  bool nulls_not_distinct = false;
  std::vector<StorageParam> with;
  Boxed<Sql> where;
  Span span;
};

/// `COL | ( SQL ) [OPCLASS] with OPERATOR`: an element of an `exclude` item.
struct ExclusionElement {
  Boxed<Ident> column;
  Boxed<Sql> expression;  ///< Exactly one of column and expression is set.
  Boxed<QualifiedName> opclass;
  std::string op;  ///< As written: `=`, `&&`.
  Span span;
};

/// `exclude [name] [using METHOD] (ELEMENT, ...) [include (COL, ...)] [where ( SQL )]
/// [deferrable [initially deferred|immediate]]`.
struct ExclusionItem {
  DocComment doc;
  Boxed<Ident> name;
  Boxed<Ident> method;  ///< Unsaid: gist.
  std::vector<ExclusionElement> elements;
  std::vector<Ident> include;
  Boxed<Sql> where;
  bool deferrable = false;
  bool initially_deferred = false;
  Span span;
};

/// `rls [force]`.
struct RlsItem {
  DocComment doc;
  bool force = false;
  Span span;
};

enum class PolicyCommand { kAll, kSelect, kInsert, kUpdate, kDelete };

/// `policy "name" [as permissive|restrictive] [for cmd] [to role, ...] [using ( sql )]
/// [with check ( sql )]`. Without `for`, the command is ALL; without `to`, the role is public.
struct PolicyItem {
  DocComment doc;
  Ident name;  ///< Policy names are usually written as "quoted strings"; kept verbatim.
  bool restrictive = false;
  bool explicit_permissive = false;  ///< `as permissive` was written.
  PolicyCommand command = PolicyCommand::kAll;
  bool explicit_command = false;  ///< `for ...` was written.
  std::vector<Ident> roles;
  Boxed<Sql> using_expr;
  Boxed<Sql> with_check;
  Span span;
};

/// `grant priv, ... to role, ...`; `grant all to role`. Privileges are lowercase keywords:
/// select, insert, update, delete, truncate, references, trigger, all.
struct GrantItem {
  DocComment doc;
  std::vector<std::string> privileges;
  std::vector<Span> privilege_spans;
  std::vector<Ident> roles;
  Span span;
};

/// `realtime [replica identity full]`: membership in the supabase_realtime publication.
struct RealtimeItem {
  DocComment doc;
  bool replica_identity_full = false;
  Span span;
};

using TableItem = std::variant<Column, PrimaryKeyItem, UniqueItem, CheckItem, NotNullItem,
                               ForeignKeyItem, IndexItem, RlsItem, PolicyItem, GrantItem,
                               RealtimeItem, ExclusionItem>;

/// A table item and whether a blank line separated it from the previous item in the source
/// (fmt keeps such grouping, collapsed to one blank line).
struct TableEntry {
  TableItem item;
  bool blank_line_before = false;
};

/// `table [schema.]name [renamed from old] { items }`, or `extern table ... { ... }`.
struct TableDecl {
  DocComment doc;
  bool is_extern = false;
  QualifiedName name;
  Boxed<Ident> renamed_from;
  std::vector<TableEntry> entries;
  Span span;            ///< Whole declaration.
  Span close_brace;     ///< The closing `}`.
};

/// `target supabase` or `target postgres`.
struct TargetDecl {
  Ident name;
  Span span;
};

/// `extension name [schema s] [version 'v']`.
struct ExtensionDecl {
  DocComment doc;
  Ident name;
  Boxed<Ident> schema;
  Boxed<StringLit> version;
  Span span;
};

/// `schema name`.
struct SchemaDecl {
  DocComment doc;
  Ident name;
  Span span;
};

struct EnumValue {
  StringLit label;
  Boxed<StringLit> renamed_from;
  Span span;
};

/// `enum [schema.]name ('a', 'b' renamed from 'x', ...)`.
struct EnumDecl {
  DocComment doc;
  QualifiedName name;
  std::vector<EnumValue> values;
  Span span;
};

/// `extern role name` (a role that exists on the platform and is never created or dropped).
struct ExternRoleDecl {
  DocComment doc;
  Ident name;
  Span span;
};

/// `grant priv, ... on all tables in schema s to role, ...`: every table declared in schema s
/// (not extern) gets these privileges, besides its own `grant` items. Privileges as in
/// GrantItem. Documents nothing: a `///` before it is reported as dangling.
///
/// `grant usage, create on schema s to role, ...` (`on_schema`): privileges on schema s itself.
struct SchemaGrantDecl {
  bool on_schema = false;
  std::vector<std::string> privileges;
  std::vector<Span> privilege_spans;
  Ident schema;
  std::vector<Ident> roles;
  Span span;
};

/// How a function argument is passed, as written (kUnsaid: PostgreSQL's `in`).
enum class ArgMode { kUnsaid, kIn, kOut, kInOut, kVariadic };

/// `[mode] [name] type [default EXPR]` of a function, or `name type` of `returns table (...)`.
struct FunctionArg {
  ArgMode mode = ArgMode::kUnsaid;
  Boxed<Ident> name;
  TypeRef type;
  /// The default expression verbatim (`default EXPR` or `= EXPR`), without surrounding blanks;
  /// `default_span` covers the expression text only.
  Boxed<std::string> default_sql;
  Span default_span;
  bool default_equals = false;  ///< Written `= EXPR` rather than `default EXPR`.
  Span span;
};

/// The clauses of a function after its `returns`, in any order (resolve reports one given
/// twice). fmt prints them in the order of this enum.
enum class FunctionClauseKind {
  kLanguage,    ///< `language NAME`: `name`.
  kVolatility,  ///< `immutable|stable|volatile`: `word`.
  kStrict,      ///< `strict` or `called on null input`: `word` ("strict" or "called").
  kSecurity,    ///< `security definer|invoker`: `word`.
  kLeakproof,   ///< `leakproof`.
  kParallel,    ///< `parallel safe|restricted|unsafe`: `word`.
  kCost,        ///< `cost N`: `word` is the number as written.
  kRows,        ///< `rows N`: `word` is the number as written.
  kSet,         ///< `set NAME = VALUE, ...`: `word` the name (folded; `a.b` for a custom
                ///< one), `name` its last part, `values` as written.
  kGrant,       ///< `grant execute to ROLE, ...`: `roles`.
  kRevoke,      ///< `revoke execute from ROLE, ...`: `roles` (only public is valid).
  kBody,        ///< `as $tag$BODY$tag$`: `word` is the body, `tag` its tag (`$$`, `$body$`).
};

struct FunctionClause {
  FunctionClauseKind kind = FunctionClauseKind::kLanguage;
  std::string word;
  Ident name;
  std::vector<std::string> values;
  std::vector<Ident> roles;
  std::string tag;
  Span text_span;  ///< kBody: the body text (its begin is the body's first byte).
  Span span;       ///< The whole clause.
};

/// `function [schema.]name (args) returns [setof] TYPE | returns table (cols) CLAUSES`.
struct FunctionDecl {
  DocComment doc;
  QualifiedName name;
  std::vector<FunctionArg> args;
  bool returns_set = false;          ///< `returns setof TYPE`.
  TypeRef returns;                   ///< Unset name when `returns table (...)`.
  bool returns_table = false;        ///< `returns table (...)`: the columns are `table_columns`.
  std::vector<FunctionArg> table_columns;
  Span returns_span;
  std::vector<FunctionClause> clauses;  ///< In source order.
  Span span;
};

enum class TriggerTiming { kBefore, kAfter, kInsteadOf };
/// kUnsaid: no `for each` clause (PostgreSQL's default, for each statement).
enum class TriggerLevel { kUnsaid, kRow, kStatement };
/// `referencing old|new table as NAME`.
struct TriggerTransition {
  bool is_new = false;
  Ident name;
  Span span;
};
/// `trigger name before|after|instead of EVENT [or EVENT ...] on [schema.]table
/// [referencing old|new table as NAME ...] [for each row|statement] [when ( sql )]
/// execute function [schema.]fn('arg', ...) [disabled]`.
struct TriggerDecl {
  DocComment doc;
  Ident name;
  TriggerTiming timing = TriggerTiming::kAfter;
  Span timing_span;
  bool on_insert = false;
  bool on_update = false;
  bool on_delete = false;
  bool on_truncate = false;
  /// The events as written, lowercase ("insert", "update", ...), for fmt's order and errors.
  std::vector<std::string> events;
  std::vector<Span> event_spans;
  std::vector<Ident> update_columns;  ///< `update of a, b`.
  QualifiedName table;
  std::vector<TriggerTransition> referencing;
  TriggerLevel level = TriggerLevel::kUnsaid;
  Span level_span;
  Boxed<Sql> when;
  QualifiedName function;
  std::vector<StringLit> arguments;
  bool disabled = false;
  Span span;
};
/// `column NAME` in a view's block: the doc comment before it is the column's comment.
struct ViewColumnItem {
  DocComment doc;
  Ident name;
  Span span;
};
/// An item of a view's `{ ... }` block: `grant`, `index` (materialized views) or `column`.
using ViewItem = std::variant<GrantItem, IndexItem, ViewColumnItem>;
struct ViewEntry {
  ViewItem item;
  bool blank_line_before = false;
};
enum class ViewCheckOption { kNone, kDefault, kLocal, kCascaded };
/// `[materialized] view [schema.]name [with (option, ...)] as ( query )
/// [with [local|cascaded] check option] [{ items }]`.
struct ViewDecl {
  DocComment doc;
  bool materialized = false;
  QualifiedName name;
  std::vector<Ident> options;  ///< As written: security_invoker, security_barrier.
  Sql query;
  ViewCheckOption check_option = ViewCheckOption::kNone;
  Span check_option_span;
  bool has_block = false;  ///< A `{ ... }` block was written (even empty).
  std::vector<ViewEntry> entries;
  Span span;
  Span close_brace;
};
/// What an `owner` declaration names: `schema NAME`, `table`, `[materialized] view`, `enum`, or
/// `function NAME[(TYPE, ...)]` (`args` given: the input argument types that pick an overload).
enum class OwnerKind { kSchema, kTable, kView, kMaterializedView, kEnum, kFunction };
struct OwnerObject {
  OwnerKind kind = OwnerKind::kTable;
  QualifiedName name;
  std::optional<std::vector<TypeRef>> args;
  Span span;
};

/// `owner ROLE of KIND NAME[, KIND NAME ...]`.
struct OwnerDecl {
  Ident role;
  std::vector<OwnerObject> objects;
  Span span;
};

/// `sequence [schema.]name [renamed from old] [{ items }]`; items: `as TYPE`, the options
/// (`start N`, `increment N`, `minvalue N`, `maxvalue N`, `cache N`, `cycle`), `owned by
/// TABLE.COLUMN`, `grant PRIVILEGE, ... to ROLE, ...`.
struct SequenceDecl {
  DocComment doc;
  QualifiedName name;
  Boxed<Ident> renamed_from;
  Boxed<Ident> type;  ///< `as TYPE`.
  SequenceOptions options;
  Boxed<Ident> owned_table;
  Boxed<Ident> owned_column;
  std::vector<GrantItem> grants;
  bool has_block = false;
  Span span;
};
/// `constraint NAME check (EXPR)` or `check (EXPR)` of a domain.
struct DomainCheck {
  Boxed<Ident> name;
  Sql expression;
  Span span;
};
/// `domain [schema.]name as TYPE [collate C] [default EXPR] [not null] [constraint N check
/// (EXPR)] ...`.
struct DomainDecl {
  DocComment doc;
  QualifiedName name;
  TypeRef type;
  Boxed<Ident> collate;
  Boxed<Default> default_value;
  bool not_null = false;
  std::vector<DomainCheck> checks;
  Span span;
};
/// An attribute of a composite type: `name TYPE [collate C]`.
struct CompositeAttribute {
  Ident name;
  TypeRef type;
  Boxed<Ident> collate;
  Span span;
};
/// `type [schema.]name as (attribute, ...)`.
struct CompositeDecl {
  DocComment doc;
  QualifiedName name;
  std::vector<CompositeAttribute> attributes;
  Span span;
};
using Decl = std::variant<TargetDecl, ExtensionDecl, SchemaDecl, EnumDecl, TableDecl,
                          ExternRoleDecl, SchemaGrantDecl, FunctionDecl, TriggerDecl, ViewDecl,
                          SequenceDecl, OwnerDecl, DomainDecl, CompositeDecl>;

/// A `--` comment. `text` is everything after `--` up to the end of the line.
struct Comment {
  std::string text;
  Span span;
  bool own_line = false;  ///< Nothing but white space before it on its line.
  /// A `///` line that documents nothing (`text` is what follows the `///`), kept for fmt.
  bool doc = false;
};

/// One parsed file. Parsing continues after an error at the next declaration, so a file with
/// errors still holds every declaration that parsed.
struct File {
  uint32_t source = 0;  ///< Index into the SourceManager.
  std::vector<Decl> decls;
  /// Every `--` comment outside verbatim SQL and every `///` line that documents nothing, in
  /// order.
  std::vector<Comment> comments;
};

}  // namespace schemac::ast
