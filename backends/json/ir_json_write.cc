// json::ToJson and ToJsonText: the IR as an nlohmann::ordered_json document, keys in a fixed
// order, printed by nlohmann/json. The reader is ir_json_read.cc.

#include <optional>
#include <utility>
#include <vector>

#include "backends/json/ir_json.h"
#include "backends/json/ir_json_depends.h"
#include "backends/json/ir_json_exclusions.h"
#include "backends/json/ir_json_functions.h"
#include "backends/json/ir_json_names.h"
#include "backends/json/ir_json_parts.h"
#include "backends/json/ir_json_triggers.h"
#include "backends/json/ir_json_types.h"
#include "backends/json/ir_json_unmanaged.h"
#include "backends/json/ir_json_sequences.h"
#include "backends/json/ir_json_views.h"

namespace schemac::json {

using Json = nlohmann::ordered_json;

namespace {

using internal::kNullsFirstNames;
using internal::kReplicaIdentityNames;
using internal::kSortOrderNames;
using internal::kTargetNames;
using internal::kTypeKindNames;
using internal::NameOf;

// Optional keys are left out rather than written as null or "", so the output only grows when
// a schema uses a feature.
void PutIfNotEmpty(Json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

void PutIfTrue(Json& out, const char* key, bool value) {
  if (value) out[key] = true;
}

void PutIfSet(Json& out, const char* key, const std::optional<std::string>& value) {
  if (value) out[key] = *value;
}

template <typename T, typename F>
Json ArrayJson(const std::vector<T>& items, F to_json) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

Json ExtensionJson(const ir::Extension& extension) {
  Json out = Json::object();
  out["name"] = extension.name;
  out["schema"] = extension.schema;
  out["version"] = extension.version;
  out["extern"] = extension.is_extern;
  return out;
}

Json EnumJson(const ir::Enum& enum_type) {
  Json out = Json::object();
  out["schema"] = enum_type.name.schema;
  out["name"] = enum_type.name.name;
  Json values = Json::array();
  for (const ir::EnumValue& value : enum_type.values) {
    Json value_json = Json::object();
    value_json["label"] = value.label;
    PutIfSet(value_json, "renamed_from", value.renamed_from);
    values.push_back(std::move(value_json));
  }
  out["values"] = std::move(values);
  PutIfNotEmpty(out, "comment", enum_type.comment);
  return out;
}

Json ColumnJson(const ir::Column& column) {
  Json out = Json::object();
  out["name"] = column.name;
  out["type"] = column.type.ToSql();
  out["type_kind"] = NameOf(kTypeKindNames, column.type.kind);
  out["nullable"] = column.nullable;
  PutIfNotEmpty(out, "default", column.default_sql);
  if (column.identity != ir::Identity::kNone) {
    out["identity"] = ir::ToString(column.identity);
    out["identity_options"] = internal::SequenceOptionsToJson(column.identity_options);
  }
  if (column.generated != ir::Generated::kNone) {
    Json generated = Json::object();
    generated["kind"] = ir::ToString(column.generated);
    generated["expression"] = column.generated_sql;
    out["generated"] = std::move(generated);
  }
  PutIfNotEmpty(out, "collation", column.collation);
  PutIfSet(out, "renamed_from", column.renamed_from);
  PutIfNotEmpty(out, "comment", column.comment);
  if (!column.not_null_name.empty() || column.not_null_no_inherit || column.not_null_not_valid) {
    Json not_null = Json::object();
    PutIfNotEmpty(not_null, "name", column.not_null_name);
    PutIfTrue(not_null, "no_inherit", column.not_null_no_inherit);
    PutIfTrue(not_null, "not_valid", column.not_null_not_valid);
    out["not_null"] = std::move(not_null);
  }
  return out;
}

Json PrimaryKeyJson(const std::optional<ir::PrimaryKey>& primary_key) {
  if (!primary_key) return nullptr;
  Json out = Json::object();
  out["name"] = primary_key->name;
  out["columns"] = primary_key->columns;
  PutIfTrue(out, "deferrable", primary_key->deferrable);
  PutIfTrue(out, "initially_deferred", primary_key->initially_deferred);
  PutIfNotEmpty(out, "comment", primary_key->comment);
  return out;
}

Json UniqueJson(const ir::UniqueConstraint& unique) {
  Json out = Json::object();
  out["name"] = unique.name;
  out["columns"] = unique.columns;
  PutIfTrue(out, "nulls_not_distinct", unique.nulls_not_distinct);
  PutIfTrue(out, "deferrable", unique.deferrable);
  PutIfTrue(out, "initially_deferred", unique.initially_deferred);
  PutIfNotEmpty(out, "comment", unique.comment);
  return out;
}

Json CheckJson(const ir::CheckConstraint& check) {
  Json out = Json::object();
  out["name"] = check.name;
  out["expression"] = check.expression;
  PutIfTrue(out, "no_inherit", check.no_inherit);
  PutIfTrue(out, "not_valid", check.not_valid);
  PutIfNotEmpty(out, "comment", check.comment);
  return out;
}

Json ForeignKeyJson(const ir::ForeignKey& fk) {
  Json out = Json::object();
  out["name"] = fk.name;
  out["columns"] = fk.columns;
  Json references = Json::object();
  references["schema"] = fk.ref_table.schema;
  references["name"] = fk.ref_table.name;
  references["columns"] = fk.ref_columns;
  out["references"] = std::move(references);
  out["on_delete"] = ir::ToString(fk.on_delete);
  out["on_update"] = ir::ToString(fk.on_update);
  PutIfTrue(out, "deferrable", fk.deferrable);
  PutIfTrue(out, "initially_deferred", fk.initially_deferred);
  PutIfTrue(out, "not_valid", fk.not_valid);
  PutIfTrue(out, "match_full", fk.match_full);
  PutIfNotEmpty(out, "comment", fk.comment);
  return out;
}

Json IndexKeyJson(const ir::IndexKey& key) {
  Json out = Json::object();
  if (!key.column.empty()) {
    out["column"] = key.column;
  } else {
    out["expression"] = key.expression;
  }
  PutIfNotEmpty(out, "collation", key.collation);
  PutIfNotEmpty(out, "opclass", key.opclass);
  // Introspected keys name their operator class even when it is the default one; without the
  // flag a schema read back from JSON would spell the default class out in CREATE INDEX.
  PutIfTrue(out, "opclass_is_default", key.opclass_is_default);
  out["order"] = NameOf(kSortOrderNames, key.order);
  out["nulls"] = NameOf(kNullsFirstNames, key.nulls_first);
  return out;
}

Json IndexJson(const ir::Index& index) {
  Json out = Json::object();
  out["name"] = index.name;
  out["unique"] = index.unique;
  out["method"] = index.method;
  Json keys = Json::array();
  for (const ir::IndexKey& key : index.keys) keys.push_back(IndexKeyJson(key));
  out["keys"] = std::move(keys);
  if (!index.include.empty()) out["include"] = index.include;
  PutIfTrue(out, "nulls_not_distinct", index.nulls_not_distinct);
  if (!index.with.empty()) {
    Json with = Json::object();
    for (const auto& [key, value] : index.with) with[key] = value;
    out["with"] = std::move(with);
  }
  PutIfNotEmpty(out, "where", index.where);
  PutIfTrue(out, "invalid", index.invalid);
  PutIfNotEmpty(out, "comment", index.comment);
  return out;
}

Json PolicyJson(const ir::Policy& policy) {
  Json out = Json::object();
  out["name"] = policy.name;
  out["permissive"] = policy.permissive;
  out["command"] = ir::ToString(policy.command);
  out["roles"] = policy.roles;
  PutIfNotEmpty(out, "using", policy.using_expr);
  PutIfNotEmpty(out, "with_check", policy.with_check);
  PutIfNotEmpty(out, "comment", policy.comment);
  return out;
}

Json GrantJson(const ir::Grant& grant) {
  Json out = Json::object();
  out["role"] = grant.role;
  out["privileges"] = grant.privileges;
  return out;
}

Json SchemaGrantJson(const ir::SchemaGrant& grant) {
  Json out = Json::object();
  out["schema"] = grant.schema;
  out["role"] = grant.role;
  out["privileges"] = grant.privileges;
  return out;
}

Json PublicationMemberJson(const ir::PublicationMember& member) {
  Json out = Json::object();
  out["name"] = member.name;
  if (!member.columns.empty()) out["columns"] = member.columns;
  PutIfNotEmpty(out, "where", member.row_filter);
  return out;
}

Json TableJson(const ir::Table& table) {
  Json out = Json::object();
  out["schema"] = table.name.schema;
  out["name"] = table.name.name;
  PutIfSet(out, "renamed_from", table.renamed_from);
  PutIfTrue(out, "extern", table.is_extern);
  PutIfNotEmpty(out, "comment", table.comment);
  out["columns"] = ArrayJson(table.columns, ColumnJson);
  out["primary_key"] = PrimaryKeyJson(table.primary_key);
  out["uniques"] = ArrayJson(table.uniques, UniqueJson);
  out["checks"] = ArrayJson(table.checks, CheckJson);
  if (!table.exclusions.empty()) out["exclusions"] = internal::ExclusionsJson(table.exclusions);
  out["foreign_keys"] = ArrayJson(table.foreign_keys, ForeignKeyJson);
  out["indexes"] = ArrayJson(table.indexes, IndexJson);
  Json rls = Json::object();
  rls["enabled"] = table.rls_enabled;
  rls["forced"] = table.rls_forced;
  out["rls"] = std::move(rls);
  out["policies"] = ArrayJson(table.policies, PolicyJson);
  out["grants"] = ArrayJson(table.grants, GrantJson);
  out["publications"] = ArrayJson(table.publications, PublicationMemberJson);
  out["replica_identity"] = NameOf(kReplicaIdentityNames, table.replica_identity);
  return out;
}

Json RoleJson(const ir::Role& role) {
  Json out = Json::object();
  out["name"] = role.name;
  out["extern"] = role.is_extern;
  return out;
}

Json PublicationJson(const ir::Publication& publication) {
  Json out = Json::object();
  out["name"] = publication.name;
  out["extern"] = publication.is_extern;
  return out;
}

}  // namespace

// For the views' JSON (ir_json_views.cc).
Json internal::ColumnToJson(const ir::Column& column) { return ColumnJson(column); }
Json internal::IndexToJson(const ir::Index& index) { return IndexJson(index); }
Json internal::GrantToJson(const ir::Grant& grant) { return GrantJson(grant); }

Json ToJson(const ir::Schema& schema) {
  Json out = Json::object();
  out["target"] = NameOf(kTargetNames, schema.target);
  out["schemas"] = schema.schemas;
  if (!schema.schema_grants.empty()) {
    out["schema_grants"] = ArrayJson(schema.schema_grants, SchemaGrantJson);
  }
  out["extensions"] = ArrayJson(schema.extensions, ExtensionJson);
  out["enums"] = ArrayJson(schema.enums, EnumJson);
  out["tables"] = ArrayJson(schema.tables, TableJson);
  out["roles"] = ArrayJson(schema.roles, RoleJson);
  out["publications"] = ArrayJson(schema.publications, PublicationJson);
  if (!schema.unmanaged.empty()) out["unmanaged"] = UnmanagedJson(schema.unmanaged);
  // Only when there are some: the JSON of a schema without functions stays as it was.
  if (!schema.functions.empty()) out["functions"] = ArrayJson(schema.functions, internal::FunctionJson);
  if (!schema.dependencies.empty()) {
    out["dependencies"] = internal::DependenciesJson(schema.dependencies);
  }
  if (!schema.triggers.empty()) out["triggers"] = internal::TriggersJson(schema.triggers);
  if (!schema.views.empty()) out["views"] = internal::ViewsToJson(schema.views);
  if (!schema.owners.empty()) out["owners"] = internal::OwnersJson(schema.owners);
  if (!schema.sequences.empty()) out["sequences"] = internal::SequencesToJson(schema.sequences);
  if (!schema.domains.empty()) out["domains"] = internal::DomainsJson(schema.domains);
  if (!schema.composite_types.empty()) {
    out["composite_types"] = internal::CompositeTypesJson(schema.composite_types);
  }
  return out;
}

std::string ToJsonText(const ir::Schema& schema) {
  // Schema text is checked to be UTF-8 when parsed; replace rather than throw if a bug let
  // anything else through.
  const auto replace = nlohmann::ordered_json::error_handler_t::replace;
  return ToJson(schema).dump(2, ' ', false, replace) + "\n";
}

}  // namespace schemac::json
