#pragma once
// Domains and composite types in the IR's JSON (ir_json.h): the writers and readers of
// Schema::domains and Schema::composite_types, called by ir_json_write.cc and ir_json_read.cc.
// Internal to backends/json.

#include <nlohmann/json.hpp>
#include <vector>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

/// The domains as a JSON array, keys in a fixed order, optional ones left out.
nlohmann::ordered_json DomainsJson(const std::vector<ir::Domain>& domains);
/// Reads the array DomainsJson writes into `out`.
void ReadDomains(Reader& in, const Path& path, std::vector<ir::Domain>* out);

/// The composite types as a JSON array.
nlohmann::ordered_json CompositeTypesJson(const std::vector<ir::CompositeType>& types);
/// Reads the array CompositeTypesJson writes into `out`.
void ReadCompositeTypes(Reader& in, const Path& path, std::vector<ir::CompositeType>* out);

}  // namespace schemac::json::internal
