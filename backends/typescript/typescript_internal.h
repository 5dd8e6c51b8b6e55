#pragma once
// What the files of the TypeScript backend share (typescript.cc writes the file and the tables,
// typescript_views.cc the views, typescript_functions.cc the functions): the line writer that
// reproduces the layout of Supabase's formatter, key and literal spelling, and the spelling of
// PostgreSQL types as TypeScript types. Not part of the backend's interface.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "backends/typescript/typescript.h"
#include "compiler/ir.h"

namespace schemac::typescript::internal {

/// Supabase formats its output with oxfmt (printWidth 80, no semicolons); the few places where
/// that formatter breaks a line are reproduced here so the same schema gives the same text.
constexpr size_t kWidth = 80;

/// A string literal as the formatter prints it: double quotes unless the text holds more double
/// than single quotes.
std::string Literal(std::string_view text);
/// An object key: the name when it is an identifier, else its literal.
std::string Key(std::string_view name);
std::string Join(const std::vector<std::string>& parts, std::string_view separator);
std::vector<std::string> Literals(const std::vector<std::string>& texts);

/// Writes the lines of the file into a string.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  /// One line: the indent, then the parts one after the other. Every line of the file goes
  /// through here: the line is sized once and copied in, without temporary strings.
  template <typename... Parts>
  void Line(int indent, const Parts&... parts) {
    const std::string_view pieces[] = {std::string_view(parts)...};
    size_t size = indent + 1;
    for (std::string_view piece : pieces) size += piece.size();
    size_t at = out_->size();
    out_->resize(at + size, ' ');  // The spaces are the indent.
    char* p = out_->data() + at + indent;
    for (std::string_view piece : pieces) p = std::copy(piece.begin(), piece.end(), p);
    *p = '\n';
  }

  /// Text as it is.
  void Raw(std::string_view text) { out_->append(text); }

  /// `key: A | B`, or, when that is wider than the page, the alternatives one per line.
  void Union(int indent, const std::string& key, const std::vector<std::string>& alternatives) {
    Union(indent, key, "", alternatives, Join(alternatives, " | "));
  }

  /// Union() with the alternatives already joined, for a key written more than once.
  void Union(int indent, std::string_view key, std::string_view mark,
             const std::vector<std::string>& alternatives, std::string_view joined);

  /// `key: [a, b]` + `trailing`, or, when wider than the page, one element per line.
  void Array(int indent, const std::string& key, const std::vector<std::string>& elements,
             std::string_view trailing);

  /// A TSDoc comment, on one line when the text has one.
  void Doc(int indent, const std::string& text);

  /// `key: { [_ in never]: never }`, an empty section.
  void Empty(int indent, std::string_view key);

 private:
  std::string* out_;
};

/// A field of an object type as the sections write it: its key (with `?` when optional) and
/// its type's alternatives, or a nested object (`object`, with `suffix` after the closing
/// brace, e.g. "[]" or " | null") when `object` is set.
struct Field {
  std::string key;
  std::vector<std::string> alternatives;
  bool is_object = false;
  std::vector<Field> object;
  std::string suffix;
};

/// A field of a plain type.
inline Field PlainField(std::string key, std::vector<std::string> alternatives) {
  Field field;
  field.key = std::move(key);
  field.alternatives = std::move(alternatives);
  return field;
}

/// Writes `key: {` + fields + `}` + suffix, one field a line (the layout Supabase's template
/// keeps for Row, Insert, Update and result objects).
void WriteObject(Writer& w, int indent, std::string_view key, const std::vector<Field>& fields,
                 std::string_view suffix);
/// The fields alone, at `indent`.
void WriteFields(Writer& w, int indent, const std::vector<Field>& fields);

/// The spelling of PostgreSQL types in one output, and what the sections look up: relations and
/// the schemas written.
class TypeNames {
 public:
  TypeNames(const ir::Schema& schema, const Options& options);

  const ir::Schema& schema() const { return schema_; }
  const Options& options() const { return options_; }
  bool Included(const std::string& schema) const { return included_.contains(schema); }

  /// A column's type as the Row of a table writes it: `| null` when nullable, NOT NULL json as
  /// `NonNullable<Json>`, a domain as its base type (when known).
  std::vector<std::string> Column(const ir::ColumnType& type, bool nullable) const;
  /// A type without null, domains resolved (the base of Column()).
  std::vector<std::string> Type(const ir::ColumnType& type) const;
  /// A value a function takes or returns, as Supabase's generator spells one from the type's
  /// name: no `| null`, a domain `unknown`, `void` `undefined`, `record`
  /// `Record<string, unknown>`, a table's or view's row type its `Row`.
  std::vector<std::string> Value(const ir::ColumnType& type) const;

  /// The table or view whose row type `type` is; nullptr for both when it is none.
  const ir::Table* TableOf(const ir::ColumnType& type) const;
  const ir::View* ViewOf(const ir::ColumnType& type) const;

 private:
  std::vector<std::string> Scalar(const ir::ColumnType& type, bool resolve_domains) const;

  const ir::Schema& schema_;
  const Options& options_;
  std::set<std::string> included_;
  std::map<std::string, const ir::View*, std::less<>> views_;
};

/// PostgREST's computed fields: the functions that take one row of a table or view and so
/// are selectable like its columns. Keyed by "schema.relation", in the order of its Row.
using ComputedFields = std::map<std::string, std::vector<Field>, std::less<>>;
ComputedFields ComputedFieldsOf(const TypeNames& types);

/// One entry of a relation's `Relationships`: a foreign key, as a table has it or as PostgREST
/// maps it onto the columns of views (typescript_relationships.cc).
struct Relationship {
  std::string foreign_key_name;
  ir::QualifiedName relation;  ///< The referencing table or view.
  std::vector<std::string> columns;
  ir::QualifiedName referenced;  ///< The referenced table or view.
  std::vector<std::string> referenced_columns;
  bool is_one_to_one = false;
};

/// The entries PostgREST derives through views (view -> table, table -> view, view -> view),
/// by referencing relation ("schema.name"), only those within one schema; empty when the
/// schema has no views or none exposes a whole key.
using ViewRelationships = std::map<std::string, std::vector<Relationship>, std::less<>>;
ViewRelationships ViewRelationshipsOf(const ir::Schema& schema);

/// `Relationships: [...]` of `relation`: the foreign keys of `table` (when it is one) to its
/// own schema and the `derived` entries of `relation`, in Supabase's order.
void WriteRelationships(Writer& w, const ir::Table* table, const ir::QualifiedName& relation,
                        const ViewRelationships& derived);

/// The `Views` section of `schema_name` (views and materialized views, by name).
void WriteViews(Writer& w, const TypeNames& types, const ComputedFields& computed,
                const ViewRelationships& relationships, const std::string& schema_name);

/// The `Functions` section of `schema_name` (overloads as unions; trigger functions and the
/// functions PostgREST cannot call left out, as Supabase's generator does).
void WriteFunctions(Writer& w, const TypeNames& types, const std::string& schema_name);
/// `CompositeTypes: { ... }` of one schema (typescript_composite_types.cc).
void WriteCompositeTypes(Writer& w, const TypeNames& types, const std::string& schema_name);

/// The Row's fields of a view, sorted by name (every column nullable, as PostgreSQL reports a
/// view's columns), and of a table.
std::vector<Field> ViewRowFields(const TypeNames& types, const ir::View& view);
std::vector<Field> TableRowFields(const TypeNames& types, const ir::Table& table);

}  // namespace schemac::typescript::internal
