#pragma once
// The writers (ir_json_write.cc) and readers (ir_json_read.cc) of the IR objects that tables
// share with views and functions (columns, types, indexes, grants), for the files of those
// kinds (ir_json_views.cc, ir_json_functions.cc). Internal to backends/json.

#include <nlohmann/json.hpp>
#include <string>

#include "backends/json/json_reader.h"
#include "compiler/ir.h"

namespace schemac::json::internal {

nlohmann::ordered_json ColumnToJson(const ir::Column& column);
nlohmann::ordered_json IndexToJson(const ir::Index& index);
nlohmann::ordered_json GrantToJson(const ir::Grant& grant);

ir::Column ReadColumnJson(Reader& in, const Path& path);
ir::Index ReadIndexJson(Reader& in, const Path& path);
ir::Grant ReadGrantJson(Reader& in, const Path& path);
/// A type as ColumnType::ToSql wrote it, with its kind.
ir::ColumnType ReadType(const std::string& sql, ir::TypeKind kind);

}  // namespace schemac::json::internal
