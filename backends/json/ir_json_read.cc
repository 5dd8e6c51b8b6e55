// json::FromJson and FromJsonText: the strict inverse of ToJson. Each object of the IR is read
// by its own function over the pull reader of json_reader.h, keys checked as they come, so an
// unknown, duplicated or missing key is reported with its path; column types are parsed back
// from the text ColumnType::ToSql wrote.

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string_view>
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
#include "backends/json/json_reader.h"

namespace schemac::json {

using Json = nlohmann::ordered_json;

namespace {

using internal::EnumName;
using internal::Fail;
using internal::Keys;
using internal::kNullsFirstNames;
using internal::kOptional;
using internal::kReplicaIdentityNames;
using internal::kRequired;
using internal::kSortOrderNames;
using internal::kTargetNames;
using internal::kTypeKindNames;
using internal::Path;
using internal::Reader;

// Names for the enums written by ir::ToString, in ToJson's spelling by construction.
template <typename E, size_t N>
std::array<EnumName<E>, N> NamedByToString(const std::array<E, N>& values) {
  std::array<EnumName<E>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = {ir::ToString(values[i]), values[i]};
  return out;
}

const auto kFkActionNames = NamedByToString<ir::FkAction, 5>(
    {ir::FkAction::kNoAction, ir::FkAction::kRestrict, ir::FkAction::kCascade,
     ir::FkAction::kSetNull, ir::FkAction::kSetDefault});
const auto kPolicyCommandNames = NamedByToString<ir::PolicyCommand, 5>(
    {ir::PolicyCommand::kAll, ir::PolicyCommand::kSelect, ir::PolicyCommand::kInsert,
     ir::PolicyCommand::kUpdate, ir::PolicyCommand::kDelete});
// ToJson leaves out "none": the key is absent then.
const auto kIdentityNames =
    NamedByToString<ir::Identity, 2>({ir::Identity::kAlways, ir::Identity::kByDefault});
const auto kGeneratedNames =
    NamedByToString<ir::Generated, 2>({ir::Generated::kStored, ir::Generated::kVirtual});

// ---- Column types: ColumnType::ToSql backwards ----

// `1`, `10,2`, `-5`: the typmod list as ToSql prints it.
bool ParseModifiers(std::string_view text, std::vector<int64_t>* out) {
  out->clear();
  while (true) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    int64_t value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size()) return false;
    out->push_back(value);
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

// An identifier as QuoteSqlIdent writes it, up to one of `stops` when not quoted.
bool ParseIdent(std::string_view* text, std::string_view stops, std::string* out) {
  out->clear();
  std::string_view s = *text;
  if (s.starts_with('"')) {
    size_t i = 1;
    while (true) {
      if (i >= s.size()) return false;
      if (s[i] == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          *out += '"';
          i += 2;
          continue;
        }
        *text = s.substr(i + 1);
        return true;
      }
      *out += s[i++];
    }
  }
  size_t end = s.find_first_of(stops);
  if (end == std::string_view::npos) end = s.size();
  if (end == 0) return false;
  *out = std::string(s.substr(0, end));
  *text = s.substr(end);
  return true;
}

// `schema.name` or `schema.name(mods)`, each part plain or double-quoted.
bool SplitQualified(std::string_view text, ir::ColumnType* type) {
  if (!ParseIdent(&text, ".", &type->schema) || !text.starts_with('.')) return false;
  text.remove_prefix(1);
  if (!ParseIdent(&text, "(", &type->name)) return false;
  type->modifiers.clear();
  if (text.empty()) return true;
  if (!text.starts_with('(') || !text.ends_with(')')) return false;
  return ParseModifiers(text.substr(1, text.size() - 2), &type->modifiers);
}

// `name(mods)`, or `timestamp(3) with time zone` where format_type puts them inside the name.
void SplitModifiers(std::string_view text, ir::ColumnType* type) {
  type->modifiers.clear();
  size_t open = text.find('(');
  size_t close = open == std::string_view::npos ? open : text.find(')', open);
  if (close == std::string_view::npos ||
      !ParseModifiers(text.substr(open + 1, close - open - 1), &type->modifiers)) {
    type->modifiers.clear();
    type->name = std::string(text);
    return;
  }
  type->name = std::string(text.substr(0, open));
  type->name += text.substr(close + 1);
}

// The JSON has the type as ToSql spells it, plus its kind. Each split is checked by spelling it
// again, so the type always writes back as the same text; a spelling ToSql cannot make from
// parts (never written by ToJson for a real schema) is kept whole as the name.
ir::ColumnType ParseColumnType(const std::string& sql, ir::TypeKind kind) {
  ir::ColumnType type;
  type.kind = kind;
  std::string_view base = sql;
  while (base.ends_with("[]")) {
    base.remove_suffix(2);
    ++type.array_dims;
  }
  if (kind != ir::TypeKind::kBuiltin && SplitQualified(base, &type) && type.ToSql() == sql) {
    return type;
  }
  type.schema.clear();
  SplitModifiers(base, &type);
  if (type.ToSql() == sql) return type;
  type.name = sql;
  type.modifiers.clear();
  type.array_dims = 0;
  return type;
}

}  // namespace

namespace internal {

ir::ColumnType ReadType(const std::string& sql, ir::TypeKind kind) { return ParseColumnType(sql, kind); }

}  // namespace internal

namespace {

// ---- Objects ----

constexpr Keys<4> kExtensionKeys{{
    {"name", kRequired},
    {"schema", kRequired},
    {"version", kRequired},
    {"extern", kRequired},
}};

ir::Extension ReadExtension(Reader& in, const Path& path) {
  ir::Extension out;
  in.Object(path, kExtensionKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "schema") {
      out.schema = in.String(at);
    } else if (key == "version") {
      out.version = in.String(at);
    } else {
      out.is_extern = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<2> kEnumValueKeys{{{"label", kRequired}, {"renamed_from", kOptional}}};
constexpr Keys<4> kEnumKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"values", kRequired},
    {"comment", kOptional},
}};

ir::Enum ReadEnum(Reader& in, const Path& path) {
  ir::Enum out;
  in.Object(path, kEnumKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "values") {
      in.Array(at, [&](const Path& value_path) {
        ir::EnumValue& value = out.values.emplace_back();
        in.Object(value_path, kEnumValueKeys, [&](std::string_view value_key, const Path& v) {
          if (value_key == "label") {
            value.label = in.String(v);
          } else {
            value.renamed_from = in.String(v);
          }
        });
      });
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kGeneratedKeys{{{"kind", kRequired}, {"expression", kRequired}}};
constexpr Keys<3> kNotNullKeys{
    {{"name", kOptional}, {"no_inherit", kOptional}, {"not_valid", kOptional}}};
constexpr Keys<12> kColumnKeys{{
    {"name", kRequired},
    {"type", kRequired},
    {"type_kind", kRequired},
    {"nullable", kRequired},
    {"default", kOptional},
    {"identity", kOptional},
    {"identity_options", kOptional},
    {"generated", kOptional},
    {"collation", kOptional},
    {"renamed_from", kOptional},
    {"comment", kOptional},
    {"not_null", kOptional},
}};

ir::Column ReadColumn(Reader& in, const Path& path) {
  ir::Column out;
  std::string type;
  ir::TypeKind kind = ir::TypeKind::kBuiltin;
  in.Object(path, kColumnKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "type") {
      type = in.String(at);
    } else if (key == "type_kind") {
      kind = in.Enum(at, kTypeKindNames);
    } else if (key == "nullable") {
      out.nullable = in.Bool(at);
    } else if (key == "default") {
      out.default_sql = in.String(at);
    } else if (key == "identity") {
      out.identity = in.Enum(at, kIdentityNames);
    } else if (key == "identity_options") {
      out.identity_options = internal::ReadSequenceOptionsJson(in, at);
    } else if (key == "generated") {
      in.Object(at, kGeneratedKeys, [&](std::string_view generated_key, const Path& g) {
        if (generated_key == "kind") {
          out.generated = in.Enum(g, kGeneratedNames);
        } else {
          out.generated_sql = in.String(g);
        }
      });
    } else if (key == "collation") {
      out.collation = in.String(at);
    } else if (key == "renamed_from") {
      out.renamed_from = in.String(at);
    } else if (key == "not_null") {
      in.Object(at, kNotNullKeys, [&](std::string_view not_null_key, const Path& n) {
        if (not_null_key == "name") {
          out.not_null_name = in.String(n);
        } else if (not_null_key == "no_inherit") {
          out.not_null_no_inherit = in.Bool(n);
        } else {
          out.not_null_not_valid = in.Bool(n);
        }
      });
    } else {
      out.comment = in.String(at);
    }
  });
  out.type = ParseColumnType(type, kind);
  return out;
}

constexpr Keys<5> kPrimaryKeyKeys{{
    {"name", kRequired},
    {"columns", kRequired},
    {"deferrable", kOptional},
    {"initially_deferred", kOptional},
    {"comment", kOptional},
}};

std::optional<ir::PrimaryKey> ReadPrimaryKey(Reader& in, const Path& path) {
  if (in.Null()) return std::nullopt;
  if (!in.AtObject()) Fail(path, "expected an object or null");
  ir::PrimaryKey out;
  in.Object(path, kPrimaryKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else if (key == "deferrable") {
      out.deferrable = in.Bool(at);
    } else if (key == "initially_deferred") {
      out.initially_deferred = in.Bool(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<6> kUniqueKeys{{
    {"name", kRequired},
    {"columns", kRequired},
    {"nulls_not_distinct", kOptional},
    {"deferrable", kOptional},
    {"initially_deferred", kOptional},
    {"comment", kOptional},
}};

ir::UniqueConstraint ReadUnique(Reader& in, const Path& path) {
  ir::UniqueConstraint out;
  in.Object(path, kUniqueKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else if (key == "nulls_not_distinct") {
      out.nulls_not_distinct = in.Bool(at);
    } else if (key == "deferrable") {
      out.deferrable = in.Bool(at);
    } else if (key == "initially_deferred") {
      out.initially_deferred = in.Bool(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<5> kCheckKeys{{
    {"name", kRequired},
    {"expression", kRequired},
    {"no_inherit", kOptional},
    {"not_valid", kOptional},
    {"comment", kOptional},
}};

ir::CheckConstraint ReadCheck(Reader& in, const Path& path) {
  ir::CheckConstraint out;
  in.Object(path, kCheckKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "expression") {
      out.expression = in.String(at);
    } else if (key == "no_inherit") {
      out.no_inherit = in.Bool(at);
    } else if (key == "not_valid") {
      out.not_valid = in.Bool(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<3> kReferencesKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"columns", kRequired},
}};
constexpr Keys<10> kForeignKeyKeys{{
    {"name", kRequired},
    {"columns", kRequired},
    {"references", kRequired},
    {"on_delete", kRequired},
    {"on_update", kRequired},
    {"deferrable", kOptional},
    {"initially_deferred", kOptional},
    {"not_valid", kOptional},
    {"match_full", kOptional},
    {"comment", kOptional},
}};

ir::ForeignKey ReadForeignKey(Reader& in, const Path& path) {
  ir::ForeignKey out;
  in.Object(path, kForeignKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else if (key == "references") {
      in.Object(at, kReferencesKeys, [&](std::string_view ref_key, const Path& r) {
        if (ref_key == "schema") {
          out.ref_table.schema = in.String(r);
        } else if (ref_key == "name") {
          out.ref_table.name = in.String(r);
        } else {
          out.ref_columns = in.Strings(r);
        }
      });
    } else if (key == "on_delete") {
      out.on_delete = in.Enum(at, kFkActionNames);
    } else if (key == "on_update") {
      out.on_update = in.Enum(at, kFkActionNames);
    } else if (key == "deferrable") {
      out.deferrable = in.Bool(at);
    } else if (key == "initially_deferred") {
      out.initially_deferred = in.Bool(at);
    } else if (key == "not_valid") {
      out.not_valid = in.Bool(at);
    } else if (key == "match_full") {
      out.match_full = in.Bool(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

// "column" and "expression" are both optional here; exactly one of them is checked for.
constexpr Keys<7> kIndexKeyKeys{{
    {"column", kOptional},
    {"expression", kOptional},
    {"collation", kOptional},
    {"opclass", kOptional},
    {"opclass_is_default", kOptional},
    {"order", kRequired},
    {"nulls", kRequired},
}};

ir::IndexKey ReadIndexKey(Reader& in, const Path& path) {
  ir::IndexKey out;
  bool column = false;
  bool expression = false;
  in.Object(path, kIndexKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "column" || key == "expression") {
      // ToJson writes one of the two: the column when there is one, else the expression.
      bool is_column = key == "column";
      if (column || expression) {
        Fail(at, std::string("not allowed together with ") +
                     (is_column ? "\"expression\"" : "\"column\""));
      }
      (is_column ? column : expression) = true;
      (is_column ? out.column : out.expression) = in.String(at);
    } else if (key == "collation") {
      out.collation = in.String(at);
    } else if (key == "opclass") {
      out.opclass = in.String(at);
    } else if (key == "opclass_is_default") {
      out.opclass_is_default = in.Bool(at);
    } else if (key == "order") {
      out.order = in.Enum(at, kSortOrderNames);
    } else {
      out.nulls_first = in.Enum(at, kNullsFirstNames);
    }
  });
  if (!column && !expression) Fail(path, "missing required key \"column\" or \"expression\"");
  return out;
}

constexpr Keys<10> kIndexKeys{{
    {"name", kRequired},
    {"unique", kRequired},
    {"method", kRequired},
    {"keys", kRequired},
    {"include", kOptional},
    {"nulls_not_distinct", kOptional},
    {"with", kOptional},
    {"where", kOptional},
    {"invalid", kOptional},
    {"comment", kOptional},
}};

ir::Index ReadIndex(Reader& in, const Path& path) {
  ir::Index out;
  in.Object(path, kIndexKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "unique") {
      out.unique = in.Bool(at);
    } else if (key == "method") {
      out.method = in.String(at);
    } else if (key == "keys") {
      in.Array(at, [&](const Path& k) { out.keys.push_back(ReadIndexKey(in, k)); });
    } else if (key == "include") {
      out.include = in.Strings(at);
    } else if (key == "nulls_not_distinct") {
      out.nulls_not_distinct = in.Bool(at);
    } else if (key == "invalid") {
      out.invalid = in.Bool(at);
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else if (key == "with") {
      in.Members(at, [&](const std::string& parameter, const Path& p) {
        for (const auto& [name, value] : out.with) {
          if (name == parameter) Fail(p, "duplicate key");
        }
        std::string value = in.String(p);
        out.with.emplace_back(parameter, std::move(value));
      });
    } else {
      out.where = in.String(at);
    }
  });
  return out;
}

constexpr Keys<7> kPolicyKeys{{
    {"name", kRequired},
    {"permissive", kRequired},
    {"command", kRequired},
    {"roles", kRequired},
    {"using", kOptional},
    {"with_check", kOptional},
    {"comment", kOptional},
}};

ir::Policy ReadPolicy(Reader& in, const Path& path) {
  ir::Policy out;
  in.Object(path, kPolicyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "permissive") {
      out.permissive = in.Bool(at);
    } else if (key == "command") {
      out.command = in.Enum(at, kPolicyCommandNames);
    } else if (key == "roles") {
      out.roles = in.Strings(at);
    } else if (key == "using") {
      out.using_expr = in.String(at);
    } else if (key == "with_check") {
      out.with_check = in.String(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kGrantKeys{{{"role", kRequired}, {"privileges", kRequired}}};

ir::Grant ReadGrant(Reader& in, const Path& path) {
  ir::Grant out;
  in.Object(path, kGrantKeys, [&](std::string_view key, const Path& at) {
    if (key == "role") {
      out.role = in.String(at);
    } else {
      out.privileges = in.Strings(at);
    }
  });
  return out;
}

constexpr Keys<3> kSchemaGrantKeys{{
    {"schema", kRequired}, {"role", kRequired}, {"privileges", kRequired}}};

ir::SchemaGrant ReadSchemaGrant(Reader& in, const Path& path) {
  ir::SchemaGrant out;
  in.Object(path, kSchemaGrantKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.schema = in.String(at);
    } else if (key == "role") {
      out.role = in.String(at);
    } else {
      out.privileges = in.Strings(at);
    }
  });
  return out;
}

constexpr Keys<3> kPublicationMemberKeys{{
    {"name", kRequired},
    {"columns", kOptional},
    {"where", kOptional},
}};

ir::PublicationMember ReadPublicationMember(Reader& in, const Path& path) {
  ir::PublicationMember out;
  in.Object(path, kPublicationMemberKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else {
      out.row_filter = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kRlsKeys{{{"enabled", kRequired}, {"forced", kRequired}}};
constexpr Keys<17> kTableKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"renamed_from", kOptional},
    {"extern", kOptional},
    {"comment", kOptional},
    {"columns", kRequired},
    {"primary_key", kRequired},
    {"uniques", kRequired},
    {"checks", kRequired},
    {"exclusions", kOptional},
    {"foreign_keys", kRequired},
    {"indexes", kRequired},
    {"rls", kRequired},
    {"policies", kRequired},
    {"grants", kRequired},
    {"publications", kRequired},
    {"replica_identity", kRequired},
}};

// Each element of the array at `path` read by `read(in, path)` onto the end of `out`.
template <typename T, typename F>
void ReadList(Reader& in, const Path& path, std::vector<T>* out, F read) {
  in.Array(path, [&](const Path& at) { out->push_back(read(in, at)); });
}

ir::Table ReadTable(Reader& in, const Path& path) {
  ir::Table out;
  in.Object(path, kTableKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "renamed_from") {
      out.renamed_from = in.String(at);
    } else if (key == "extern") {
      out.is_extern = in.Bool(at);
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else if (key == "columns") {
      ReadList(in, at, &out.columns, ReadColumn);
    } else if (key == "primary_key") {
      out.primary_key = ReadPrimaryKey(in, at);
    } else if (key == "uniques") {
      ReadList(in, at, &out.uniques, ReadUnique);
    } else if (key == "checks") {
      ReadList(in, at, &out.checks, ReadCheck);
    } else if (key == "exclusions") {
      out.exclusions = internal::ReadExclusions(in, at);
    } else if (key == "foreign_keys") {
      ReadList(in, at, &out.foreign_keys, ReadForeignKey);
    } else if (key == "indexes") {
      ReadList(in, at, &out.indexes, ReadIndex);
    } else if (key == "rls") {
      in.Object(at, kRlsKeys, [&](std::string_view rls_key, const Path& r) {
        (rls_key == "enabled" ? out.rls_enabled : out.rls_forced) = in.Bool(r);
      });
    } else if (key == "policies") {
      ReadList(in, at, &out.policies, ReadPolicy);
    } else if (key == "grants") {
      ReadList(in, at, &out.grants, ReadGrant);
    } else if (key == "publications") {
      ReadList(in, at, &out.publications, ReadPublicationMember);
    } else {
      out.replica_identity = in.Enum(at, kReplicaIdentityNames);
    }
  });
  return out;
}

constexpr Keys<2> kNameExternKeys{{{"name", kRequired}, {"extern", kRequired}}};

// Roles and publications: a name and the extern flag.
template <typename T>
T ReadNameExtern(Reader& in, const Path& path) {
  T out;
  in.Object(path, kNameExternKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else {
      out.is_extern = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<17> kSchemaKeys{{
    {"target", kRequired},
    {"schemas", kRequired},
    {"schema_grants", kOptional},
    {"extensions", kRequired},
    {"enums", kRequired},
    {"tables", kRequired},
    {"roles", kRequired},
    {"publications", kRequired},
    {"unmanaged", kOptional},
    {"functions", kOptional},
    {"dependencies", kOptional},
    {"triggers", kOptional},
    {"views", kOptional},
    {"owners", kOptional},
    {"sequences", kOptional},
    {"domains", kOptional},
    {"composite_types", kOptional},
}};

ir::Schema ReadSchema(Reader& in) {
  ir::Schema out;
  Path root;
  in.Object(root, kSchemaKeys, [&](std::string_view key, const Path& at) {
    if (key == "target") {
      out.target = in.Enum(at, kTargetNames);
    } else if (key == "schemas") {
      out.schemas = in.Strings(at);
    } else if (key == "schema_grants") {
      ReadList(in, at, &out.schema_grants, ReadSchemaGrant);
    } else if (key == "extensions") {
      ReadList(in, at, &out.extensions, ReadExtension);
    } else if (key == "enums") {
      ReadList(in, at, &out.enums, ReadEnum);
    } else if (key == "tables") {
      ReadList(in, at, &out.tables, ReadTable);
    } else if (key == "roles") {
      ReadList(in, at, &out.roles, ReadNameExtern<ir::Role>);
    } else if (key == "unmanaged") {
      internal::ReadUnmanaged(in, at, &out.unmanaged);
    } else if (key == "functions") {
      ReadList(in, at, &out.functions, internal::ReadFunction);
    } else if (key == "dependencies") {
      out.dependencies = internal::ReadDependencies(in, at);
    } else if (key == "triggers") {
      internal::ReadTriggers(in, at, &out.triggers);
    } else if (key == "views") {
      internal::ReadViewsJson(in, at, &out.views);
    } else if (key == "owners") {
      out.owners = internal::ReadOwners(in, at);
    } else if (key == "sequences") {
      internal::ReadSequencesJson(in, at, &out.sequences);
    } else if (key == "domains") {
      internal::ReadDomains(in, at, &out.domains);
    } else if (key == "composite_types") {
      internal::ReadCompositeTypes(in, at, &out.composite_types);
    } else {
      ReadList(in, at, &out.publications, ReadNameExtern<ir::Publication>);
    }
  });
  in.End();
  out.Reindex();
  return out;
}

}  // namespace

// For the views' JSON (ir_json_views.cc).
ir::Column internal::ReadColumnJson(Reader& in, const Path& path) { return ReadColumn(in, path); }
ir::Index internal::ReadIndexJson(Reader& in, const Path& path) { return ReadIndex(in, path); }
ir::Grant internal::ReadGrantJson(Reader& in, const Path& path) { return ReadGrant(in, path); }

ir::Schema FromJson(const Json& json) {
  // One reader for both entry points: the document is read through its compact text.
  std::string text;
  try {
    text = json.dump();
  } catch (const Json::exception& e) {  // A string that is not UTF-8.
    throw std::runtime_error(std::string("invalid JSON value: ") + e.what());
  }
  return FromJsonText(text);
}

ir::Schema FromJsonText(const std::string& text) {
  Reader reader(text);
  return ReadSchema(reader);
}

}  // namespace schemac::json
