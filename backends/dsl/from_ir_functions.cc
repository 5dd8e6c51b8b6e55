// pull of functions: the DSL text of an introspected ir::Function, written so that it resolves
// back to the same IR (tested without a database in from_ir_functions_test.cc).

#include "backends/dsl/from_ir_functions.h"

#include <algorithm>
#include <vector>

#include "backends/dsl/dsl_names.h"
#include "backends/dsl/format_functions.h"
#include "compiler/identifiers.h"

namespace schemac::dsl {

namespace {

std::string Name(std::string_view name) { return QuoteDslIdent(name, NamePosition::kOther); }

// A type as resolve reads it back: built-in and extension types by name (extension types
// resolve through their `extension`), enums and row types qualified unless in public.
std::string TypeText(const ir::ColumnType& type) {
  std::string out;
  if (type.kind == ir::TypeKind::kBuiltin || type.kind == ir::TypeKind::kExtension) {
    out = type.kind == ir::TypeKind::kExtension ? Name(type.name) : type.name;
  } else if (type.schema.empty() || type.schema == "public") {
    out = Name(type.name);
  } else {
    out = Name(type.schema) + "." + Name(type.name);
  }
  for (int i = 0; i < type.array_dims; ++i) out += "[]";
  return out;
}

std::string ArgText(const ir::FunctionArg& arg) {
  std::string out;
  switch (arg.mode) {
    case ir::ArgMode::kOut:
      out = "out ";
      break;
    case ir::ArgMode::kInOut:
      out = "inout ";
      break;
    case ir::ArgMode::kVariadic:
      out = "variadic ";
      break;
    default:
      break;
  }
  if (!arg.name.empty()) out += ArgNameText(arg.name) + " ";
  out += TypeText(arg.type);
  if (!arg.default_sql.empty()) out += " default " + arg.default_sql;
  return out;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? ", " : "") + parts[i];
  return out;
}

// The items of a list-quoted setting as stored (`"$user", public`), unquoted.
std::vector<std::string> ListItems(const std::string& value) {
  std::vector<std::string> items;
  std::string item;
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '"') {
      if (quoted && i + 1 < value.size() && value[i + 1] == '"') {
        item += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ',' && !quoted) {
      items.push_back(item);
      item.clear();
      while (i + 1 < value.size() && value[i + 1] == ' ') ++i;
    } else {
      item += c;
    }
  }
  items.push_back(item);
  return items;
}

// A stored setting as the DSL's `set` values that resolve to it: list-quoted settings item by
// item (bare when quote_identifier leaves the item as is), others as one string unless plain.
std::string SettingText(const std::string& name, const std::string& value) {
  bool list = name == "search_path" || name == "temp_tablespaces" ||
              name == "local_preload_libraries" || name == "session_preload_libraries" ||
              name == "shared_preload_libraries";
  std::vector<std::string> values;
  if (list) {
    for (const std::string& item : ListItems(value)) {
      values.push_back(QuoteSqlIdent(item) == item && !IsDslKeyword(item, NamePosition::kOther)
                           ? item
                           : QuoteSqlString(item));
    }
  } else {
    bool digits = !value.empty() && std::all_of(value.begin(), value.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
    values.push_back(digits || (IsPlainIdentifier(value) &&
                                !IsDslKeyword(value, NamePosition::kOther))
                         ? value
                         : QuoteSqlString(value));
  }
  size_t dot = name.find('.');
  std::string written = dot == std::string::npos
                            ? Name(name)
                            : Name(name.substr(0, dot)) + "." + Name(name.substr(dot + 1));
  return "set " + written + " = " + Joined(values);
}

std::string Number(double value) {
  std::string out = std::to_string(value);
  // to_string writes six decimals; a cost is usually whole.
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

std::string Doc(const std::string& comment) {
  if (comment.empty()) return "";
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t end = comment.find('\n', start);
    std::string line = comment.substr(start, end == std::string::npos ? end : end - start);
    out += line.empty() ? "///\n" : "/// " + line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string DollarTag(const std::string& body) {
  for (int i = 0;; ++i) {
    std::string tag = i == 0 ? "$$" : i == 1 ? "$body$" : "$body" + std::to_string(i - 1) + "$";
    if ((body + tag).find(tag) == body.size()) return tag;
  }
}

std::string FunctionText(const ir::Function& fn) {
  std::vector<std::string> args;
  std::vector<std::string> columns;
  for (const ir::FunctionArg& arg : fn.args) {
    (arg.mode == ir::ArgMode::kTable ? columns : args).push_back(ArgText(arg));
  }
  std::string name = fn.name.schema == "public" ? Name(fn.name.name)
                                                : Name(fn.name.schema) + "." + Name(fn.name.name);
  std::string out = Doc(fn.comment) + "function " + name + "(" + Joined(args) + ") returns ";
  if (!columns.empty()) {
    out += "table (" + Joined(columns) + ")";
  } else {
    out += (fn.returns_set ? "setof " : "") + TypeText(fn.returns);
  }
  out += "\n  language " + Name(fn.language) + "\n";
  if (fn.volatility != ir::Volatility::kVolatile) {
    out += std::string("  ") + ir::ToString(fn.volatility) + "\n";
  }
  if (fn.strict) out += "  strict\n";
  if (fn.security_definer) out += "  security definer\n";
  if (fn.leakproof) out += "  leakproof\n";
  if (fn.parallel != ir::Parallel::kUnsafe) {
    out += std::string("  parallel ") + ir::ToString(fn.parallel) + "\n";
  }
  if (fn.cost != 0) out += "  cost " + Number(fn.cost) + "\n";
  if (fn.rows != 0) out += "  rows " + Number(fn.rows) + "\n";
  for (const auto& [setting, value] : fn.settings) out += "  " + SettingText(setting, value) + "\n";
  std::vector<std::string> roles;
  bool public_grant = false;
  for (const ir::Grant& grant : fn.grants) {
    if (grant.role == "public") {
      public_grant = true;
    } else {
      roles.push_back(Name(grant.role));
    }
  }
  if (!roles.empty()) out += "  grant execute to " + Joined(roles) + "\n";
  if (!public_grant) out += "  revoke execute from public\n";
  std::string tag = DollarTag(fn.body);
  return out + "  as " + tag + fn.body + tag + "\n";
}

}  // namespace schemac::dsl
