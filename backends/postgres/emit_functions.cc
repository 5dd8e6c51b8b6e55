// The SQL of the function steps (emit_functions.h). Every statement can run again: CREATE OR
// REPLACE, DROP ... IF EXISTS, an ALTER FUNCTION that spells out every attribute (setting them
// again changes nothing), GRANT and REVOKE (granting a held privilege or revoking one not held
// does nothing), COMMENT.

#include "backends/postgres/emit_functions.h"

#include <fmt/format.h>

#include "backends/postgres/create_sql.h"
#include "backends/postgres/create_sql_functions.h"
#include "compiler/diff_functions.h"
#include "compiler/identifiers.h"

namespace schemac::pg {

using plan::Step;
using plan::StepKind;

namespace {

std::string Str(const std::string& text) { return QuoteSqlLiteral(text); }

// PUBLIC is a keyword in GRANT and REVOKE, not a role: the IR names it "public".
std::string Grantee(const std::string& role) {
  return role == "public" ? "PUBLIC" : QuoteSqlIdent(role);
}

const char* ModeSql(ir::ArgMode mode) {
  switch (mode) {
    case ir::ArgMode::kIn: return "";
    case ir::ArgMode::kOut: return "OUT ";
    case ir::ArgMode::kInOut: return "INOUT ";
    case ir::ArgMode::kVariadic: return "VARIADIC ";
    case ir::ArgMode::kTable: return "";
  }
  return "";
}

const char* VolatilitySql(ir::Volatility volatility) {
  switch (volatility) {
    case ir::Volatility::kVolatile: return "VOLATILE";
    case ir::Volatility::kStable: return "STABLE";
    case ir::Volatility::kImmutable: return "IMMUTABLE";
  }
  return "VOLATILE";
}

const char* ParallelSql(ir::Parallel parallel) {
  switch (parallel) {
    case ir::Parallel::kUnsafe: return "UNSAFE";
    case ir::Parallel::kRestricted: return "RESTRICTED";
    case ir::Parallel::kSafe: return "SAFE";
  }
  return "UNSAFE";
}

// A number as PostgreSQL reads it: 100, 0.5.
std::string Number(double value) { return fmt::format("{}", value); }

// The IR's 0 is PostgreSQL's default, spelled out so that ALTER resets a cost that was set:
// 1 for C and internal functions, 100 for the others; 1000 rows for a set-returning one.
std::string CostSql(const ir::Function& f) {
  double cost = f.cost;
  if (cost == 0) cost = (f.language == "c" || f.language == "internal") ? 1 : 100;
  std::string out = "COST " + Number(cost);
  // ROWS is refused for a function that does not return a set.
  if (f.returns_set) out += " ROWS " + Number(f.rows == 0 ? 1000 : f.rows);
  return out;
}

// `a.b` as SQL: each part an identifier.
std::string SettingName(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    out += QuoteSqlIdent(name.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) return out;
    out += ".";
    start = dot + 1;
  }
}

std::string SetSql(const ir::Function& f) {
  std::string out;
  for (const auto& [name, value] : f.settings) out += " " + SettingSql(name, value);
  return out;
}

// The attributes ALTER FUNCTION can set, every one spelled out. LEAKPROOF only when asked for:
// setting it (even again) needs a superuser, NOT LEAKPROOF does not.
std::string AttributesSql(const ir::Function& f) {
  std::string out = VolatilitySql(f.volatility);
  out += f.strict ? " STRICT" : " CALLED ON NULL INPUT";
  out += f.security_definer ? " SECURITY DEFINER" : " SECURITY INVOKER";
  out += f.leakproof ? " LEAKPROOF" : " NOT LEAKPROOF";
  out += std::string(" PARALLEL ") + ParallelSql(f.parallel);
  return out + " " + CostSql(f);
}

// `$function$`, or `$functionN$` when the body holds that.
std::string DollarTag(const std::string& body) {
  std::string tag = "$function$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n) tag = fmt::format("$function{}$", n);
  return tag;
}

// What default privileges gave the new function (PUBLIC's EXECUTE, PostgreSQL's own default,
// and on Supabase's classic mode anon's, authenticated's, service_role's) goes; the plan's
// GRANT steps for it follow, so its grants are exactly the declared ones.
std::string RevokeNonOwnerSql(const ir::Function& f) { return RevokeFunctionPrivilegesSql({&f}); }

// The body is not checked at creation (as pg_dump does): the plan creates functions before
// the tables (phase 18, before kCreateTable) and replaces them before the columns (kAddColumn)
// that a SQL body may name. SET LOCAL: for the migration's transaction only. (A SQL-standard
// body is parsed anyway: its function waits for the tables, compiler/step_kinds.cc PhaseOf.)
constexpr const char* kNoBodyCheck = "SET LOCAL check_function_bodies = off;\n";

}  // namespace

std::string FunctionIdentitySql(const ir::Function& f) {
  std::string types;
  for (const ir::FunctionArg& arg : f.args) {
    if (arg.mode == ir::ArgMode::kOut || arg.mode == ir::ArgMode::kTable) continue;
    types += (types.empty() ? "" : ", ") + arg.type.ToSql();
  }
  return Qualified(f.name) + "(" + types + ")";
}

std::string SettingValueSql(const std::string& name, const std::string& value) {
  if (name != "search_path" && name != "temp_tablespaces") return Str(value);
  // proconfig holds the list flattened: names separated by ", ", each double-quoted where
  // needed ("" for the empty name, "" inside quotes for a quote).
  std::string out;
  std::string element;
  bool quoted = false;
  bool any = false;
  auto flush = [&] {
    out += (out.empty() ? "" : ", ") + Str(element);
    element.clear();
  };
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (quoted) {
      if (c == '"' && i + 1 < value.size() && value[i + 1] == '"') {
        element += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        element += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      flush();
    } else if (c != ' ') {
      element += c;
      any = true;
    }
  }
  if (any || !out.empty()) flush();
  return out.empty() ? "''" : out;
}

std::string SettingSql(const std::string& name, const std::string& value) {
  return "SET " + SettingName(name) + " TO " + SettingValueSql(name, value);
}

std::string CreateFunctionSql(const ir::Function& f, SqlParts* parts) {
  std::string out = "CREATE OR REPLACE FUNCTION " + Qualified(f.name) + "(";
  std::string table;
  bool first = true;
  for (const ir::FunctionArg& arg : f.args) {
    std::string item = arg.name.empty() ? "" : QuoteSqlIdent(arg.name) + " ";
    item += arg.type.ToSql();
    if (arg.mode == ir::ArgMode::kTable) {
      table += (table.empty() ? "" : ", ") + item;
      continue;
    }
    out += (first ? "" : ", ") + std::string(ModeSql(arg.mode)) + item;
    first = false;
    if (arg.default_sql.empty()) continue;
    out += " DEFAULT ";
    if (parts != nullptr && !arg.default_origin.file.empty()) {
      parts->push_back({out.size(), out.size() + arg.default_sql.size(),
                        "default of argument " + arg.name, arg.default_origin, true});
    }
    out += arg.default_sql;
  }
  out += ")\n";
  out += table.empty() ? " RETURNS " + std::string(f.returns_set ? "SETOF " : "") +
                             f.returns.ToSql() + "\n"
                       : " RETURNS TABLE(" + table + ")\n";
  out += " LANGUAGE " + QuoteSqlIdent(f.language) + "\n";
  std::string attributes = AttributesSql(f);
  // NOT LEAKPROOF is the default of CREATE: left out, as pg_get_functiondef does.
  size_t not_leakproof = attributes.find(" NOT LEAKPROOF");
  if (not_leakproof != std::string::npos) attributes.erase(not_leakproof, 14);
  out += " " + attributes + SetSql(f) + "\n";
  // A SQL-standard body is written bare, not quoted.
  std::string tag = HasStandardBody(f) ? "" : DollarTag(f.body);
  if (!tag.empty()) out += "AS " + tag;
  if (parts != nullptr && !f.body_origin.file.empty()) {
    parts->push_back({out.size(), out.size() + f.body.size(), "body of function " + f.Signature(),
                      f.body_origin, true});
  }
  return out + f.body + tag;
}

std::string FunctionStepSql(const Step& step) {
  const ir::Function& f = step.function;
  const std::string identity = FunctionIdentitySql(f);
  switch (step.kind) {
    case StepKind::kCreateFunction:
      return kNoBodyCheck + CreateFunctionSql(f) + ";\n" + RevokeNonOwnerSql(f);
    case StepKind::kReplaceFunction:
      // CREATE OR REPLACE keeps the owner, the grants and the comment.
      return kNoBodyCheck + CreateFunctionSql(f) + ";\n";
    case StepKind::kAlterFunction:
      // Settings reset first, then the target's set: no need to know which were there.
      return "ALTER FUNCTION " + identity + " " + AttributesSql(f) + " RESET ALL" + SetSql(f) +
             ";\n";
    case StepKind::kDropFunction: return "DROP FUNCTION IF EXISTS " + identity + ";\n";
    case StepKind::kGrantOnFunction:
      return "GRANT EXECUTE ON FUNCTION " + identity + " TO " + Grantee(step.name) + ";\n";
    case StepKind::kRevokeOnFunction:
      return "REVOKE EXECUTE ON FUNCTION " + identity + " FROM " + Grantee(step.name) + ";\n";
    case StepKind::kCommentFunction:
      return "COMMENT ON FUNCTION " + identity + " IS " +
             (f.comment.empty() ? std::string("NULL") : Str(f.comment)) + ";\n";
    default: return "";
  }
}

}  // namespace schemac::pg
