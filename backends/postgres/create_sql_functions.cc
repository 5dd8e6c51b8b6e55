// CREATE FUNCTION and its grants for the dev-database build, and the check of the bodies
// (create_sql_functions.h).

#include "backends/postgres/create_sql_functions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "backends/postgres/emit_functions.h"
#include "compiler/diff_functions.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
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

std::string ObjectName(const ir::Function& function) { return "function " + function.Signature(); }

}  // namespace

FunctionPhase PhaseOf(const ir::Schema& schema, const ir::Function& function) {
  if (HasStandardBody(function) || SignatureNames(schema, function, /*views=*/true)) {
    return FunctionPhase::kAfterViews;
  }
  if (SignatureNames(schema, function, /*views=*/false)) return FunctionPhase::kAfterTables;
  return FunctionPhase::kBeforeTables;
}

std::string RevokeFunctionPrivilegesSql(const std::vector<const ir::Function*>& functions) {
  std::string oids;
  for (const ir::Function* function : functions) {
    oids += (oids.empty() ? "" : ", ") +
            ("to_regprocedure(" + QuoteSqlLiteral(FunctionIdentitySql(*function)) + ")");
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
    out += "GRANT EXECUTE ON FUNCTION " + FunctionIdentitySql(function) + " TO " +
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
  std::string oid = QuoteSqlLiteral(FunctionIdentitySql(function)) + "::regprocedure";
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
      if (HasStandardBody(function)) continue;  // Checked when it was created.
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
    statement.sql = CreateFunctionSql(*function, &statement.parts);
    statement.parts.insert(statement.parts.begin(),
                           SqlPart{0, statement.sql.size(), {}, function->origin, false});
    statement.sql += ";\n";
    if (!function->comment.empty()) {
      statement.sql += "COMMENT ON FUNCTION " + FunctionIdentitySql(*function) + " IS " +
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
