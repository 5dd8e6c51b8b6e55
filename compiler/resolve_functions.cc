// Resolver: `function` declarations. Argument and result types resolve as column types do
// (aliases, enums, extension types) plus the row types of tables and PostgreSQL's pseudo-types
// (trigger, void, record, any*), without modifiers (PostgreSQL drops an argument's typmod);
// clauses are checked once each; settings are written as PostgreSQL stores them in proconfig;
// EXECUTE grants are exact (PUBLIC's unless revoked). The `function-search-path` lint is raised
// here, where the declaration's span is at hand.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>

#include "compiler/identifiers.h"
#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

using Kind = ast::FunctionClauseKind;

// PostgreSQL's pseudo-types a function may take or return (pg_type.typtype 'p').
bool IsPseudoType(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kPseudo = {
      "trigger",     "event_trigger", "void",          "record",
      "anyelement",  "anyarray",      "anynonarray",   "anyenum",
      "anyrange",    "anymultirange", "anycompatible", "anycompatiblearray",
      "anycompatiblenonarray", "anycompatiblerange", "anycompatiblemultirange", "internal"};
  return std::find(kPseudo.begin(), kPseudo.end(), name) != kPseudo.end();
}

ir::ArgMode ToIr(ast::ArgMode mode) {
  switch (mode) {
    case ast::ArgMode::kUnsaid:
    case ast::ArgMode::kIn:
      return ir::ArgMode::kIn;
    case ast::ArgMode::kOut:
      return ir::ArgMode::kOut;
    case ast::ArgMode::kInOut:
      return ir::ArgMode::kInOut;
    case ast::ArgMode::kVariadic:
      return ir::ArgMode::kVariadic;
  }
  return ir::ArgMode::kIn;
}

// The clause as the user wrote its keyword, for "duplicate" messages.
const char* ClauseWord(const ast::FunctionClause& clause) {
  switch (clause.kind) {
    case Kind::kLanguage: return "language";
    case Kind::kVolatility: return "immutable/stable/volatile";
    case Kind::kStrict: return "strict/called on null input";
    case Kind::kSecurity: return "security";
    case Kind::kLeakproof: return "leakproof";
    case Kind::kParallel: return "parallel";
    case Kind::kCost: return "cost";
    case Kind::kRows: return "rows";
    case Kind::kSet: return "set";
    case Kind::kGrant: return "grant";
    case Kind::kRevoke: return "revoke";
    case Kind::kBody: return "as";
  }
  return "clause";
}

// Settings whose values PostgreSQL quotes as identifiers when it stores them (GUC_LIST_QUOTE).
bool IsListQuoteSetting(std::string_view name) {
  return name == "search_path" || name == "temp_tablespaces" ||
         name == "local_preload_libraries" || name == "session_preload_libraries" ||
         name == "shared_preload_libraries";
}

bool IsIdentStartByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

// One value of `set NAME = ...` as written: a 'string', a "quoted name", a number or a name.
// PostgreSQL reads each as a string (names folded to lowercase, numbers as written) and stores
// it in proconfig as is, or (list-quoted settings) as quote_identifier() writes it.
std::string SettingValue(std::string_view name, std::string_view written) {
  std::string value;
  bool number = false;
  if (!written.empty() && (written[0] == '\'' || written[0] == '"')) {
    char quote = written[0];
    for (size_t i = 1; i + 1 < written.size(); ++i) {
      value += written[i];
      if (written[i] == quote) ++i;
    }
  } else {
    number = !written.empty() && !IsIdentStartByte(written[0]);
    value = std::string(written);
    if (number && value[0] == '+') value.erase(0, 1);
    if (!number) {
      for (char& c : value) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  }
  if (!number && IsListQuoteSetting(name)) return QuoteSqlIdent(value);
  return value;
}

// A positive number written in a `cost` or `rows` clause, or nullopt.
std::optional<double> PositiveNumber(const std::string& text) {
  double value = 0;
  const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !(value > 0)) return std::nullopt;
  return value;
}

}  // namespace

// Resolves the type of an argument, a result or a column of `returns table`.
bool Resolver::ResolveFunctionType(const ast::TypeRef& ref, ir::ColumnType* out) {
  const std::string& name = ref.name.name.name;
  std::string schema = ref.name.schema ? ref.name.schema->name : "";
  if ((schema.empty() || schema == "pg_catalog") && IsPseudoType(name)) {
    if (!ref.modifiers.empty() || ref.array_dims > 0) {
      diagnostics_.Error(ref.span, fmt::format("pseudo-type '{}' takes no modifiers and has no "
                                               "array type", name));
      return false;
    }
    out->kind = ir::TypeKind::kBuiltin;
    out->name = name;
    return true;
  }
  // The row type of a table: qualified, or bare when no built-in type has the name.
  if (const ir::Table* table = schema_.FindTable({schema.empty() ? "public" : schema, name});
      table != nullptr && (!schema.empty() || FindType(name) == nullptr)) {
    if (!ref.modifiers.empty()) {
      diagnostics_.Error(ref.span, fmt::format("the row type of table '{}' takes no modifiers",
                                               Display(table->name)));
      return false;
    }
    out->kind = ir::TypeKind::kOther;
    out->schema = table->name.schema;
    out->name = table->name.name;
    out->array_dims = ref.array_dims > 0 ? 1 : 0;
    return true;
  }
  const TypeInfo* info = nullptr;
  if (!ResolveType(ref, out, &info)) return false;
  if (info != nullptr && !info->serial_of.empty()) {
    diagnostics_.Error(ref.name.span,
                       fmt::format("'{}' is not a type outside a table column; write '{}'", name,
                                   info->serial_of));
    return false;
  }
  out->modifiers.clear();  // PostgreSQL keeps no typmod for arguments and results.
  return true;
}

bool Resolver::ResolveFunctionArgs(const ast::FunctionDecl& decl, ir::Function* fn) {
  bool ok = true;
  const ast::FunctionArg* first_default = nullptr;
  std::map<std::string, Span> names;
  auto add_name = [&](const ast::FunctionArg& a) {
    if (!a.name) return;
    CheckLength(a.name->name, a.name->span, "argument");
    auto [it, inserted] = names.emplace(a.name->name, a.name->span);
    if (inserted) return;
    Diagnostic& d = diagnostics_.Error(a.name->span,
                                       fmt::format("duplicate argument name '{}'", a.name->name));
    d.notes.push_back({"first used here", it->second});
    ok = false;
  };
  for (size_t i = 0; i < decl.args.size(); ++i) {
    const ast::FunctionArg& a = decl.args[i];
    ir::FunctionArg arg;
    arg.mode = ToIr(a.mode);
    if (a.name) arg.name = a.name->name;
    add_name(a);
    ok &= ResolveFunctionType(a.type, &arg.type);
    arg.origin = OriginOf(a.span);
    bool input = arg.mode != ir::ArgMode::kOut;
    if (arg.mode == ir::ArgMode::kVariadic) {
      bool last = std::all_of(decl.args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                              decl.args.end(),
                              [](const ast::FunctionArg& x) { return x.mode == ast::ArgMode::kOut; });
      if (!last) {
        diagnostics_.Error(a.span, "a variadic argument must be the last input argument");
        ok = false;
      }
    }
    if (a.default_sql) {
      if (!input) {
        diagnostics_.Error(a.default_span, "an out argument takes no default (only input "
                                           "arguments have one)");
        ok = false;
      } else {
        arg.default_sql = *a.default_sql;
        arg.default_origin = OriginOf(a.default_span);
        if (first_default == nullptr) first_default = &a;
      }
    } else if (input && first_default != nullptr) {
      Diagnostic& d = diagnostics_.Error(
          a.span, "input argument needs a default: every input argument after one with a "
                  "default must have one");
      d.notes.push_back({"the first default is here", first_default->default_span});
      ok = false;
    }
    fn->args.push_back(std::move(arg));
  }
  if (decl.returns_table) {
    for (const ast::FunctionArg& column : decl.table_columns) {
      ir::FunctionArg arg;
      arg.mode = ir::ArgMode::kTable;
      arg.name = column.name ? column.name->name : "";
      add_name(column);
      ok &= ResolveFunctionType(column.type, &arg.type);
      arg.origin = OriginOf(column.span);
      fn->args.push_back(std::move(arg));
    }
    fn->returns.kind = ir::TypeKind::kBuiltin;
    fn->returns.name = "record";
    fn->returns_set = true;
  } else {
    ok &= ResolveFunctionType(decl.returns, &fn->returns);
    fn->returns_set = decl.returns_set;
  }
  if (fn->returns.name == "trigger" && fn->returns.kind == ir::TypeKind::kBuiltin &&
      !decl.args.empty()) {
    diagnostics_.Error(decl.args[0].span,
                       "a trigger function takes no arguments (a trigger passes its arguments "
                       "in TG_ARGV)");
    ok = false;
  }
  return ok;
}

// Every clause but grants; each at most once (settings once per name).
bool Resolver::ResolveFunctionClauses(const ast::FunctionDecl& decl, ir::Function* fn) {
  bool ok = true;
  std::map<Kind, const ast::FunctionClause*> seen;
  std::map<std::string, const ast::FunctionClause*> settings;
  const ast::FunctionClause* body = nullptr;
  const ast::FunctionClause* rows = nullptr;
  for (const ast::FunctionClause& clause : decl.clauses) {
    if (clause.kind == Kind::kSet) {
      auto [it, inserted] = settings.emplace(clause.word, &clause);
      if (!inserted) {
        Diagnostic& d = diagnostics_.Error(
            clause.span, fmt::format("duplicate 'set {}' in function", clause.word));
        d.notes.push_back({"first set here", it->second->span});
        ok = false;
      }
      continue;
    }
    if (clause.kind == Kind::kGrant) continue;
    auto [it, inserted] = seen.emplace(clause.kind, &clause);
    if (!inserted) {
      Diagnostic& d = diagnostics_.Error(
          clause.span, fmt::format("duplicate '{}' in function", ClauseWord(clause)));
      d.notes.push_back({"first given here", it->second->span});
      ok = false;
      continue;
    }
    switch (clause.kind) {
      case Kind::kLanguage:
        fn->language = clause.name.name;
        break;
      case Kind::kVolatility:
        fn->volatility = clause.word == "immutable" ? ir::Volatility::kImmutable
                         : clause.word == "stable"  ? ir::Volatility::kStable
                                                    : ir::Volatility::kVolatile;
        break;
      case Kind::kStrict:
        fn->strict = clause.word == "strict";
        break;
      case Kind::kSecurity:
        fn->security_definer = clause.word == "definer";
        break;
      case Kind::kLeakproof:
        fn->leakproof = true;
        break;
      case Kind::kParallel:
        fn->parallel = clause.word == "safe"         ? ir::Parallel::kSafe
                       : clause.word == "restricted" ? ir::Parallel::kRestricted
                                                     : ir::Parallel::kUnsafe;
        break;
      case Kind::kCost:
      case Kind::kRows: {
        std::optional<double> value = PositiveNumber(clause.word);
        if (!value) {
          diagnostics_.Error(clause.span, fmt::format("{} must be a positive number",
                                                      ClauseWord(clause)));
          ok = false;
        } else {
          (clause.kind == Kind::kCost ? fn->cost : fn->rows) = *value;
        }
        if (clause.kind == Kind::kRows) rows = &clause;
        break;
      }
      case Kind::kBody:
        body = &clause;
        fn->body = clause.word;
        fn->body_origin = OriginOf(clause.text_span);
        break;
      default:
        break;  // Revoke: ResolveFunctionGrants.
    }
  }
  for (const auto& [name, clause] : settings) {
    std::string value;
    for (const std::string& written : clause->values) {
      if (!value.empty()) value += ", ";
      value += SettingValue(name, written);
    }
    fn->settings.emplace_back(name, std::move(value));
  }
  if (rows != nullptr && !fn->returns_set) {
    diagnostics_.Error(rows->span, "'rows' applies only to a function that returns a set "
                                   "('setof' or 'table (...)')");
    ok = false;
  }
  if (body == nullptr) {
    diagnostics_.Error(decl.name.span, fmt::format("function '{}' has no body: add "
                                                   "'as $$ ... $$'",
                                                   decl.name.name.name));
    ok = false;
  }
  return ok;
}

// EXECUTE grants, exact: PUBLIC's (PostgreSQL's default) unless revoked, and each granted role.
bool Resolver::ResolveFunctionGrants(const ast::FunctionDecl& decl, ir::Function* fn) {
  bool ok = true;
  const ast::FunctionClause* revoke = nullptr;
  std::map<std::string, ir::Origin> roles;
  for (const ast::FunctionClause& clause : decl.clauses) {
    if (clause.kind == Kind::kRevoke) {
      revoke = &clause;
      for (const ast::Ident& role : clause.roles) {
        if (role.name == "public") continue;
        diagnostics_.Error(role.span,
                           fmt::format("only 'revoke execute from public' can be written: a "
                                       "role other than public has EXECUTE only when the "
                                       "function says 'grant execute to {}'",
                                       role.name));
        ok = false;
      }
    } else if (clause.kind == Kind::kGrant) {
      for (const ast::Ident& role : clause.roles) {
        if (!CheckRole(role)) {
          ok = false;
          continue;
        }
        roles.emplace(role.name, OriginOf(role.span));
      }
    }
  }
  if (revoke != nullptr && roles.count("public")) {
    diagnostics_.Error(revoke->span,
                       "the function both grants EXECUTE to public and revokes it from public");
    ok = false;
  }
  if (revoke == nullptr) roles.emplace("public", ir::Origin{});
  for (auto& [role, origin] : roles) fn->grants.push_back(ir::Grant{role, {"execute"}, origin});
  return ok;
}

void Resolver::ResolveFunction(const ast::FunctionDecl& decl) {
  ir::Function fn;
  fn.name.name = decl.name.name.name;
  if (decl.name.schema) {
    fn.name.schema = decl.name.schema->name;
    if (IsPlatformSchema(fn.name.schema)) {
      diagnostics_.Error(decl.name.schema->span,
                         fmt::format("schema '{}' belongs to the platform: schemac never "
                                     "creates functions in it; use a schema of your own",
                                     fn.name.schema));
      return;
    }
    std::string schema;
    if (!SchemaOf(decl.name, &schema)) return;
  }
  CheckLength(fn.name.name, decl.name.name.span, "function");
  bool ok = ResolveFunctionArgs(decl, &fn);
  ok &= ResolveFunctionClauses(decl, &fn);
  ok &= ResolveFunctionGrants(decl, &fn);
  fn.comment = JoinDoc(decl.doc);
  fn.origin = OriginOf(decl.span);
  if (!ok) return;
  std::string signature = fn.Signature();
  auto [it, inserted] = function_spans_.emplace(signature, decl.name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(
        decl.name.span, fmt::format("duplicate function '{}' (the same name and input argument "
                                    "types)",
                                    signature));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  bool sets_search_path =
      std::any_of(fn.settings.begin(), fn.settings.end(),
                  [](const auto& setting) { return setting.first == "search_path"; });
  if (fn.security_definer && !sets_search_path) {
    lint_.Report(lint::kFunctionSearchPath, decl.name.span,
                 fmt::format("security definer function '{}' does not set search_path: write "
                             "\"set search_path = ''\" and qualify the names in its body",
                             Display(fn.name)));
  }
  schema_.functions.push_back(std::move(fn));
}

}  // namespace schemac::resolve_internal
