#pragma once
// PostgreSQL's default names for constraints, indexes and sequences (src/backend/commands/
// indexcmds.c: makeObjectName, ChooseRelationName, ChooseIndexColumnNames; pg_constraint.c:
// ChooseConstraintName), so that unnamed objects in the DSL get the names PostgreSQL would
// give them and a database pulled back diffs clean.

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "compiler/ir.h"

namespace schemac {

/// PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated.
inline constexpr size_t kMaxIdentifierBytes = 63;

/// `name1[_name2][_label]` cut to 63 bytes, shortening the longer of name1 and name2 first and
/// never splitting a UTF-8 character (makeObjectName).
std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label);

/// Whether `name` has the shape of the names PostgreSQL 18 gives NOT NULL constraints itself
/// (`<table>_<column>_not_null`, then a number when taken): `..._not_null[N]`. Such names are not
/// kept by the IR, since they stay behind when a table or column is renamed.
bool IsPostgresNotNullName(std::string_view name);

/// The names of the columns joined by `_`, stopping once 63 bytes are reached
/// (ChooseIndexNameAddition, ChooseForeignKeyConstraintNameAddition).
std::string NameAddition(const std::vector<std::string>& names);

/// Names already used in a schema (relations, or constraints).
using NameSet = std::unordered_set<std::string>;

/// The first of `name1_name2_label`, `..._label1`, `..._label2`, ... that is in none of the
/// `taken` sets (ChooseRelationName / ChooseConstraintName).
std::string ChooseName(std::string_view name1, std::string_view name2, std::string_view label,
                       std::initializer_list<const NameSet*> taken);

/// The name an index gives an expression key: the function name for a call such as
/// `lower(email)`, the column for `(email)`, else "expr" (FigureIndexColname).
std::string ExpressionKeyName(std::string_view sql);

/// Index column names made unique within the index: a repeated name gets 1, 2, ... appended
/// (ChooseIndexColumnNames).
std::vector<std::string> UniqueIndexColumnNames(const std::vector<std::string>& names);

/// The distinct identifiers of an SQL expression that are not function names, qualified names
/// or type names after `::` — the candidates for column references. Strings, quoted
/// identifiers, dollar quotes and comments are handled; plain identifiers are folded to
/// lowercase.
std::vector<std::string> ReferencedIdentifiers(std::string_view sql);

/// The default of a serial column whose sequence is `sequence` (in the table's schema), as
/// PostgreSQL prints it: `nextval('t_id_seq'::regclass)`, `nextval('app."T_id_seq"'::regclass)`.
std::string SequenceDefault(const ir::QualifiedName& table, std::string_view sequence);

/// Whether `column` is what a `serial` column of `table` becomes: an integer type whose default
/// takes the next value of the sequence named `<table>_<column>_seq`.
bool IsSerialColumn(const ir::Table& table, const ir::Column& column);

}  // namespace schemac
