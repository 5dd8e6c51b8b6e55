#pragma once
// The options of a sequence (an identity column's, a serial column's or a `sequence`'s):
// PostgreSQL's defaults and checks (src/backend/commands/sequence.c, init_params), and their
// text as DSL and as SQL, shared by resolve, pull and the SQL writers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast.h"
#include "compiler/ir.h"

namespace schemac {

/// The smallest and largest value of a sequence type ("smallint", "integer", "bigint"; any other
/// name is taken as bigint, PostgreSQL's default `as`).
struct SequenceRange {
  int64_t min = 0;
  int64_t max = 0;
};
SequenceRange SequenceTypeRange(std::string_view type);

/// Whether `options` are all zero: not known (an IR built without them), taken as the defaults.
bool IsUnset(const ir::SequenceOptions& options);

/// The effective options of a sequence of `type` with the options `written` (PostgreSQL's
/// defaults: increment 1; ascending, minvalue 1 and maxvalue the type's largest value;
/// descending, minvalue the type's smallest value and maxvalue -1; start at minvalue ascending,
/// maxvalue descending; cache 1; no cycle). `error` is set (else left empty) when PostgreSQL
/// would refuse them: a zero increment, a bound outside the type, minvalue not below maxvalue,
/// start outside them, a cache below 1.
ir::SequenceOptions EffectiveSequenceOptions(std::string_view type,
                                             const ast::SequenceOptions& written,
                                             std::string* error);

/// The options of a sequence of `type` that differ from what PostgreSQL chooses when none is
/// written, as the DSL writes them: `start 10 increment -1 cycle` (empty when all are default).
std::string SequenceOptionsDsl(std::string_view type, const ir::SequenceOptions& options);
/// The same, one option an item: {"start 10", "increment -1", "cycle"}.
std::vector<std::string> SequenceOptionsDslItems(std::string_view type,
                                                 const ir::SequenceOptions& options);

/// The options as written (fmt): `start 10 increment -1 cycle`, in that order.
std::string WrittenSequenceOptionsDsl(const ast::SequenceOptions& written);

/// The same as SQL options of CREATE SEQUENCE or `AS IDENTITY (...)`: `START WITH 10 INCREMENT BY
/// -1 CYCLE` (empty when all are default).
std::string SequenceOptionsSql(std::string_view type, const ir::SequenceOptions& options);

/// The SQL of ALTER SEQUENCE (or, with `prefix` "SET ", of ALTER COLUMN ... SET ...) that makes
/// `from` into `to`: every option that differs (`INCREMENT BY 2 MAXVALUE 100`). RESTART is never
/// implied: a changed start is the value a later RESTART goes back to.
std::string SequenceOptionsChangeSql(const ir::SequenceOptions& from, const ir::SequenceOptions& to,
                                     std::string_view prefix);

}  // namespace schemac
