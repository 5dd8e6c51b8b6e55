#pragma once
// The backends by name, from one explicit table (registry.cc): commands choose their output here
// instead of naming backend functions. A new backend is a class implementing backend.h and one
// line in the table.

#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"

namespace schemac::backends {

/// The schema backend called `name` ("typescript", "json", "dsl"), or nullptr with `error` set
/// as the command line says it: "NAME not in {typescript,json,dsl}".
const SchemaBackend* FindSchemaBackend(std::string_view name, std::string* error = nullptr);

/// The plan backend called `name` ("sql", "text", "json"), or nullptr with `error` set as the
/// command line says it: "NAME not in {sql,text,json}".
const PlanBackend* FindPlanBackend(std::string_view name, std::string* error = nullptr);

/// FindSchemaBackend that throws UserError with the error instead of returning nullptr.
const SchemaBackend& SchemaBackendNamed(std::string_view name);
/// FindPlanBackend that throws UserError with the error instead of returning nullptr.
const PlanBackend& PlanBackendNamed(std::string_view name);

/// The names of the schema backends, in the table's order.
std::vector<std::string> SchemaBackendNames();
/// The names of the plan backends, in the table's order.
std::vector<std::string> PlanBackendNames();

}  // namespace schemac::backends
