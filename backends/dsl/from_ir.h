#pragma once
// `schemac pull`: an IR (usually introspected from a live database) written as .schema text in
// fmt's canonical layout. Names are written only where they differ from the names schemac would
// give (PostgreSQL's defaults), and what the DSL cannot express is kept as a `--` comment, never
// dropped silently.

#include <map>
#include <string>

#include "compiler/ir.h"

namespace schemac::dsl {

/// The schema as one .schema text.
std::string SchemaText(const ir::Schema& schema);

/// The schema as one text per PostgreSQL schema, keyed by file name (`public.schema`,
/// `billing.schema`); `target`, extensions and roles go at the top of public.schema. In a file
/// name, `%`, `/` and a leading `.` of the schema's name are written %25, %2F and %2E.
std::map<std::string, std::string> SchemaFiles(const ir::Schema& schema);

/// The name of the file SchemaFiles writes for the PostgreSQL schema `schema`.
std::string SchemaFileName(const std::string& schema);

}  // namespace schemac::dsl
