#pragma once
// pull's writer of triggers (from_ir.cc calls it): each trigger of the IR as a `trigger`
// declaration, in the file of its table's schema (of its function's, for a trigger on a
// platform table such as auth.users), or as a `-- pull:` comment when the schema could not
// declare it (its function or table is not managed). Internal to backends/dsl.

#include <map>
#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// Appends the triggers of `schema` to `files` (file name -> text, as SchemaFiles keys them
/// before quoting: `public.schema`).
void AppendTriggers(const ir::Schema& schema, std::map<std::string, std::string>& files);

}  // namespace schemac::dsl
