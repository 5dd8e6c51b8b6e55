#include "compiler/ir.h"

#include <fmt/format.h>

#include "compiler/identifiers.h"

namespace schemac::ir {

std::string ColumnType::ToSql() const {
  std::string mods;
  if (!modifiers.empty()) {
    mods = "(";
    for (size_t i = 0; i < modifiers.size(); ++i) {
      if (i > 0) mods += ',';
      mods += std::to_string(modifiers[i]);
    }
    mods += ')';
  }
  std::string out;
  if (kind != TypeKind::kBuiltin && !schema.empty()) {
    out = QuoteSqlIdent(schema) + "." + QuoteSqlIdent(name) + mods;
  } else if (name.starts_with("timestamp ") || name.starts_with("time ")) {
    // format_type puts the precision between the name and the time zone clause.
    size_t space = name.find(' ');
    out = name.substr(0, space) + mods + name.substr(space);
  } else {
    out = name + mods;
  }
  for (int i = 0; i < array_dims; ++i) out += "[]";
  return out;
}

const Column* Table::FindColumn(const std::string& column) const {
  for (const Column& c : columns) {
    if (c.name == column) return &c;
  }
  return nullptr;
}

bool Table::RepeatsKey(size_t i) const {
  const UniqueConstraint& u = uniques[i];
  // What CREATE TABLE compares when it merges two keys (transformIndexConstraints).
  auto same = [&](const std::vector<std::string>& cols, bool nnd, bool deferrable, bool deferred) {
    return cols == u.columns && nnd == u.nulls_not_distinct && deferrable == u.deferrable &&
           deferred == u.initially_deferred;
  };
  if (primary_key && same(primary_key->columns, false, primary_key->deferrable,
                          primary_key->initially_deferred)) {
    return true;
  }
  for (size_t j = 0; j < i; ++j) {
    const UniqueConstraint& v = uniques[j];
    if (same(v.columns, v.nulls_not_distinct, v.deferrable, v.initially_deferred)) return true;
  }
  return false;
}

const Table* Schema::FindTable(const QualifiedName& name) const {
  auto it = table_index.find(name.ToString());
  return it == table_index.end() ? nullptr : &tables[it->second];
}

const Enum* Schema::FindEnum(const QualifiedName& name) const {
  auto it = enum_index.find(name.ToString());
  return it == enum_index.end() ? nullptr : &enums[it->second];
}

const Domain* Schema::FindDomain(const QualifiedName& name) const {
  for (const Domain& d : domains) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const CompositeType* Schema::FindCompositeType(const QualifiedName& name) const {
  for (const CompositeType& c : composite_types) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void Schema::Reindex() {
  table_index.clear();
  enum_index.clear();
  for (size_t i = 0; i < tables.size(); ++i) table_index[tables[i].name.ToString()] = i;
  for (size_t i = 0; i < enums.size(); ++i) enum_index[enums[i].name.ToString()] = i;
}

const char* ToString(FkAction action) {
  switch (action) {
    case FkAction::kNoAction:
      return "no action";
    case FkAction::kRestrict:
      return "restrict";
    case FkAction::kCascade:
      return "cascade";
    case FkAction::kSetNull:
      return "set null";
    case FkAction::kSetDefault:
      return "set default";
  }
  return "no action";
}

const char* ToString(PolicyCommand command) {
  switch (command) {
    case PolicyCommand::kAll:
      return "all";
    case PolicyCommand::kSelect:
      return "select";
    case PolicyCommand::kInsert:
      return "insert";
    case PolicyCommand::kUpdate:
      return "update";
    case PolicyCommand::kDelete:
      return "delete";
  }
  return "all";
}

const char* ToString(Identity identity) {
  switch (identity) {
    case Identity::kNone:
      return "none";
    case Identity::kAlways:
      return "always";
    case Identity::kByDefault:
      return "by default";
  }
  return "none";
}

const char* ToString(Generated generated) {
  switch (generated) {
    case Generated::kNone:
      return "none";
    case Generated::kStored:
      return "stored";
    case Generated::kVirtual:
      return "virtual";
  }
  return "none";
}

std::string Function::Signature() const {
  std::string out = name.ToString() + "(";
  bool first = true;
  for (const FunctionArg& arg : args) {
    if (arg.mode == ArgMode::kOut || arg.mode == ArgMode::kTable) continue;
    if (!first) out += ", ";
    first = false;
    out += arg.type.ToSql();
  }
  return out + ")";
}

const char* ToString(ArgMode mode) {
  switch (mode) {
    case ArgMode::kIn:
      return "in";
    case ArgMode::kOut:
      return "out";
    case ArgMode::kInOut:
      return "inout";
    case ArgMode::kVariadic:
      return "variadic";
    case ArgMode::kTable:
      return "table";
  }
  return "in";
}

const char* ToString(Volatility volatility) {
  switch (volatility) {
    case Volatility::kVolatile:
      return "volatile";
    case Volatility::kStable:
      return "stable";
    case Volatility::kImmutable:
      return "immutable";
  }
  return "volatile";
}

const char* ToString(Parallel parallel) {
  switch (parallel) {
    case Parallel::kUnsafe:
      return "unsafe";
    case Parallel::kRestricted:
      return "restricted";
    case Parallel::kSafe:
      return "safe";
  }
  return "unsafe";
}

const char* ToString(TriggerTiming timing) {
  switch (timing) {
    case TriggerTiming::kBefore:
      return "before";
    case TriggerTiming::kAfter:
      return "after";
    case TriggerTiming::kInsteadOf:
      return "instead of";
  }
  return "after";
}

const char* ToString(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kSchema:
      return "schema";
    case ObjectKind::kExtension:
      return "extension";
    case ObjectKind::kEnum:
      return "type";
    case ObjectKind::kTable:
      return "table";
    case ObjectKind::kColumn:
      return "column";
    case ObjectKind::kConstraint:
      return "constraint";
    case ObjectKind::kIndex:
      return "index";
    case ObjectKind::kPolicy:
      return "policy";
    case ObjectKind::kView:
      return "view";
    case ObjectKind::kFunction:
      return "function";
    case ObjectKind::kTrigger:
      return "trigger";
  }
  return "object";
}

}  // namespace schemac::ir
