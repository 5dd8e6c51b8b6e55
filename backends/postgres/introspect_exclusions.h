#pragma once
// Exclusion constraints read from the catalog: the column of the constraint query
// (introspect.cc) that describes one, and the reading of it into ir::ExclusionConstraint.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir.h"

namespace schemac::pg {

/// SQL of the constraint query's column describing an exclusion constraint (NULL for other
/// constraints), over `co` (pg_constraint) and `i` (its pg_index row): [access method,
/// [[attnum, expression, operator class unless the default, operator], ...], [include attnum,
/// ...], predicate].
extern const char* const kExclusionColumnSql;

/// The constraint `name` from that column; `column_name(attnum)` names a column of its table.
ir::ExclusionConstraint ReadExclusion(const std::string& name, const nlohmann::json& detail,
                                      const std::function<std::string(int)>& column_name);

}  // namespace schemac::pg
