// CREATE FUNCTION and its grants for the dev-database build, and the check of the bodies
// (create_sql_functions.h).

#include "backends/postgres/create_sql_functions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A body in the SQL standard's form (PostgreSQL 14+) is SQL, not a string: written as it is.
bool IsStandardBody(const ir::Function& function) {
  if (Lower(function.language) != "sql") return false;
  size_t start = function.body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return false;
  std::string head = Lower(function.body.substr(start, 13));
  auto word = [&](std::string_view w) {
    return head.starts_with(w) &&
           (head.size() == w.size() || !std::isalnum(static_cast<unsigned char>(head[w.size()])));
  };
  return word("begin atomic") || word("return");
}

// Whether `type` is the row type of a table (or a view, `views`) of the schema.
bool NamesRelation(const ir::Schema& schema, const ir::ColumnType& type, bool views) {
  if (type.kind != ir::TypeKind::kOther || type.schema.empty()) return false;
  ir::QualifiedName name{type.schema, type.name};
  if (views) {
    return std::any_of(schema.views.begin(), schema.views.end(),
                       [&](const ir::View& view) { return view.name == name; });
  }
  const ir::Table* table = schema.FindTable(name);
  if (table == nullptr) {
    // Before Reindex (a schema built in code): look through the vector.
    auto found = std::find_if(schema.tables.begin(), schema.tables.end(),
                              [&](const ir::Table& t) { return t.name == name; });
    table = found == schema.tables.end() ? nullptr : &*found;
  }
  // Extern tables exist before the build (the platform's, or their stand-ins).
  return table != nullptr && !table->is_extern;
}

bool SignatureNames(const ir::Schema& schema, const ir::Function& function, bool views) {
  if (NamesRelation(schema, function.returns, views)) return true;
  return std::any_of(function.args.begin(), function.args.end(), [&](const ir::FunctionArg& a) {
    return NamesRelation(schema, a.type, views);
  });
}

// Each list item of a setting PostgreSQL prints as a list (GUC_LIST_QUOTE): `a, "b c"`.
std::vector<std::string> ListItems(const std::string& value) {
  std::vector<std::string> items;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == ',')) ++i;
    if (i >= value.size()) break;
    std::string item;
    if (value[i] == '"') {
      for (++i; i < value.size(); ++i) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            item += '"';
            ++i;
            continue;
          }
          ++i;
          break;
        }
        item += value[i];
      }
    } else {
      while (i < value.size() && value[i] != ',') item += value[i++];
      while (!item.empty() && item.back() == ' ') item.pop_back();
    }
    items.push_back(std::move(item));
  }
  return items;
}

// The SQL function that checks a body in `language`, for the languages PostgreSQL comes with;
// empty for others (looked up in pg_language then).
std::string ValidatorOf(const std::string& language) {
  std::string lower = Lower(language);
  if (lower == "sql") return "pg_catalog.fmgr_sql_validator";
  if (lower == "plpgsql") return "pg_catalog.plpgsql_validator";
  if (lower == "c") return "pg_catalog.fmgr_c_validator";
  if (lower == "internal") return "pg_catalog.fmgr_internal_validator";
  return "";
}

void ArgSql(const ir::FunctionArg& arg, std::string& out, SqlParts* parts) {
  switch (arg.mode) {
    case ir::ArgMode::kOut:
      out += "OUT ";
      break;
    case ir::ArgMode::kInOut:
      out += "INOUT ";
      break;
    case ir::ArgMode::kVariadic:
      out += "VARIADIC ";
      break;
    case ir::ArgMode::kIn:
    case ir::ArgMode::kTable:
      break;
  }
  if (!arg.name.empty()) out += QuoteSqlIdent(arg.name) + " ";
  out += arg.type.ToSql();
  if (!arg.default_sql.empty()) {
    out += " DEFAULT ";
    if (parts != nullptr && !arg.default_origin.file.empty()) {
      parts->push_back({out.size(), out.size() + arg.default_sql.size(),
                        "default of argument " + arg.name, arg.default_origin, true});
    }
    out += arg.default_sql;
  }
}

// The attributes between the return type and the body, each said, so that the function is the
// same whatever the server's defaults.
std::string AttributesSql(const ir::Function& function) {
  std::string out = " LANGUAGE " + QuoteSqlIdent(function.language);
  out += function.volatility == ir::Volatility::kImmutable ? " IMMUTABLE"
         : function.volatility == ir::Volatility::kStable  ? " STABLE"
                                                           : " VOLATILE";
  if (function.strict) out += " STRICT";
  if (function.security_definer) out += " SECURITY DEFINER";
  if (function.leakproof) out += " LEAKPROOF";
  out += function.parallel == ir::Parallel::kSafe         ? " PARALLEL SAFE"
         : function.parallel == ir::Parallel::kRestricted ? " PARALLEL RESTRICTED"
                                                          : " PARALLEL UNSAFE";
  if (function.cost != 0) out += fmt::format(" COST {}", function.cost);
  if (function.rows != 0) out += fmt::format(" ROWS {}", function.rows);
  for (const auto& [name, value] : function.settings) out += " " + SettingSql(name, value);
  return out;
}

std::string ObjectName(const ir::Function& function) { return "function " + function.Signature(); }

}  // namespace

FunctionPhase PhaseOf(const ir::Schema& schema, const ir::Function& function) {
  if (IsStandardBody(function) || SignatureNames(schema, function, /*views=*/true)) {
    return FunctionPhase::kAfterViews;
  }
  if (SignatureNames(schema, function, /*views=*/false)) return FunctionPhase::kAfterTables;
  return FunctionPhase::kBeforeTables;
}

std::string FunctionSignatureSql(const ir::Function& function) {
  std::string out =
      QuoteSqlIdent(function.name.schema) + "." + QuoteSqlIdent(function.name.name) + "(";
  bool first = true;
  for (const ir::FunctionArg& arg : function.args) {
    if (arg.mode == ir::ArgMode::kOut || arg.mode == ir::ArgMode::kTable) continue;
    out += (first ? "" : ", ") + arg.type.ToSql();
    first = false;
  }
  return out + ")";
}

std::string SettingSql(const std::string& name, const std::string& value) {
  // The settings PostgreSQL prints as lists of quoted names (GUC_LIST_QUOTE).
  static constexpr std::string_view kLists[] = {
      "search_path", "temp_tablespaces", "session_preload_libraries", "shared_preload_libraries",
      "local_preload_libraries"};
  std::string out = "SET " + QuoteSqlIdent(name) + " TO ";
  if (std::find(std::begin(kLists), std::end(kLists), Lower(name)) != std::end(kLists)) {
    std::vector<std::string> items = ListItems(value);
    if (items.empty()) items.emplace_back();
    for (size_t i = 0; i < items.size(); ++i)
      out += (i > 0 ? ", " : "") + QuoteSqlLiteral(items[i]);
    return out;
  }
  return out + QuoteSqlLiteral(value);
}

std::string CreateFunctionSql(const ir::Function& function, bool or_replace, SqlParts* parts) {
  std::string out = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + "FUNCTION " +
                    QuoteSqlIdent(function.name.schema) + "." + QuoteSqlIdent(function.name.name) +
                    "(";
  std::string table_columns;
  bool first = true;
  for (const ir::FunctionArg& arg : function.args) {
    if (arg.mode == ir::ArgMode::kTable) {
      table_columns +=
          (table_columns.empty() ? "" : ", ") + QuoteSqlIdent(arg.name) + " " + arg.type.ToSql();
      continue;
    }
    if (!first) out += ", ";
    first = false;
    ArgSql(arg, out, parts);
  }
  out += ") RETURNS ";
  if (!table_columns.empty()) {
    out += "TABLE (" + table_columns + ")";
  } else {
    out += std::string(function.returns_set ? "SETOF " : "") + function.returns.ToSql();
  }
  out += AttributesSql(function) + "\n";
  auto body = [&] {
    if (parts != nullptr && !function.body_origin.file.empty()) {
      parts->push_back({out.size(), out.size() + function.body.size(),
                        "body of " + ObjectName(function), function.body_origin, true});
    }
    out += function.body;
  };
  if (IsStandardBody(function)) {
    body();
    return out;
  }
  std::string tag = "$function$";
  for (int n = 1; function.body.find(tag) != std::string::npos; ++n) {
    tag = fmt::format("$function{}$", n);
  }
  out += "AS " + tag;
  body();
  return out + tag;
}

std::string RevokeFunctionPrivilegesSql(const std::vector<const ir::Function*>& functions) {
  std::string oids;
  for (const ir::Function* function : functions) {
    oids += (oids.empty() ? "" : ", ") +
            ("to_regprocedure(" + QuoteSqlLiteral(FunctionSignatureSql(*function)) + ")");
  }
  // The built-in ACL (NULL: EXECUTE to PUBLIC) is spelled out, so that PUBLIC's is revoked too.
  return DoBlock(
      "DECLARE r record; BEGIN FOR r IN SELECT DISTINCT p.oid, a.grantee FROM pg_proc p, "
      "aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE p.oid = ANY "
      "(ARRAY[" +
      oids +
      "]::oid[]) AND a.grantee <> p.proowner LOOP EXECUTE format('REVOKE "
      "ALL ON FUNCTION %s FROM %s', r.oid::regprocedure, CASE WHEN r.grantee = 0 THEN 'PUBLIC' "
      "ELSE quote_ident(pg_get_userbyid(r.grantee)) END); END LOOP; END");
}

std::string GrantFunctionSql(const ir::Function& function) {
  std::string out;
  for (const ir::Grant& grant : function.grants) {
    out += "GRANT EXECUTE ON FUNCTION " + FunctionSignatureSql(function) + " TO " +
           (grant.role == "public" ? std::string("PUBLIC") : QuoteSqlIdent(grant.role)) + ";\n";
  }
  return out;
}

namespace {

TaggedStatement Tagged(std::string sql, std::string object, const ir::Origin& origin) {
  TaggedStatement statement;
  statement.sql = std::move(sql);
  statement.object = std::move(object);
  statement.origin = origin;
  return statement;
}

// The validation of one function: its language's validator called on it, with
// check_function_bodies on (set by the statement before).
TaggedStatement ValidateStatement(const ir::Schema& schema, const ir::Function& function) {
  std::string oid = QuoteSqlLiteral(FunctionSignatureSql(function)) + "::regprocedure";
  std::string validator = ValidatorOf(function.language);
  // The body is checked under the function's own settings, as PostgreSQL does when it checks
  // one at CREATE FUNCTION (a body naming tables of its search_path bare is valid), and the
  // build's are back afterwards. A failed check rolls them back with it.
  std::string set;
  std::string reset;
  for (const auto& [name, value] : function.settings) {
    set += "SET LOCAL " + SettingSql(name, value).substr(4) + ";\n";
    if (Lower(name) == "search_path") {
      reset += "SET LOCAL search_path TO " + SearchPathSql(schema) + ";\n";
    } else if (Lower(name) == "check_function_bodies") {
      reset += "SET LOCAL check_function_bodies = on;\n";
    } else {
      reset += "RESET " + QuoteSqlIdent(name) + ";\n";
    }
  }
  std::string sql = set;
  if (!validator.empty()) {
    sql += "SELECT " + validator + "(" + oid + ");\n";
  } else {
    // Another language: its validator (if it has one) from the catalog.
    sql += DoBlock(
        "DECLARE v regproc; BEGIN SELECT l.lanvalidator INTO v FROM pg_proc p JOIN "
        "pg_language l ON l.oid = p.prolang WHERE p.oid = " +
        oid + "; IF v <> 0 THEN EXECUTE format('SELECT %s(%s)', v, " + oid + "::oid); END IF; END");
  }
  sql += reset;
  TaggedStatement statement = Tagged(std::move(sql), ObjectName(function), function.origin);
  statement.needs.push_back(function.Signature());
  statement.body = function.body;
  statement.body_origin = function.body_origin;
  return statement;
}

}  // namespace

std::vector<TaggedStatement> FunctionStatements(const ir::Schema& schema, FunctionPhase phase) {
  std::vector<TaggedStatement> out;
  if (phase == FunctionPhase::kValidate) {
    if (schema.functions.empty()) return out;
    out.push_back(
        Tagged("SET LOCAL check_function_bodies = on;\n", "the check of function bodies", {}));
    for (const ir::Function& function : schema.functions) {
      if (IsStandardBody(function)) continue;  // Checked when it was created.
      out.push_back(ValidateStatement(schema, function));
    }
    return out;
  }
  std::vector<const ir::Function*> functions;
  for (const ir::Function& function : schema.functions) {
    if (PhaseOf(schema, function) == phase) functions.push_back(&function);
  }
  if (functions.empty()) return out;
  // Bodies may name what is created later: each is checked once everything is there.
  out.push_back(
      Tagged("SET LOCAL check_function_bodies = off;\n", "the settings of the build", {}));
  for (const ir::Function* function : functions) {
    TaggedStatement& statement =
        out.emplace_back(Tagged("", ObjectName(*function), function->origin));
    statement.provides = function->Signature();
    statement.sql = CreateFunctionSql(*function, /*or_replace=*/false, &statement.parts);
    statement.parts.insert(statement.parts.begin(),
                           SqlPart{0, statement.sql.size(), {}, function->origin, false});
    statement.sql += ";\n";
    if (!function->comment.empty()) {
      statement.sql += "COMMENT ON FUNCTION " + FunctionSignatureSql(*function) + " IS " +
                       QuoteSqlLiteral(function->comment) + ";\n";
    }
  }
  out.push_back(Tagged(RevokeFunctionPrivilegesSql(functions),
                       "the revoke of default privileges on new functions", {}));
  for (const ir::Function* function : functions) {
    if (function->grants.empty()) continue;
    TaggedStatement& statement = out.emplace_back(Tagged(
        GrantFunctionSql(*function), "grants of " + ObjectName(*function), function->origin));
    statement.needs.push_back(function->Signature());
  }
  return out;
}

}  // namespace schemac::pg
