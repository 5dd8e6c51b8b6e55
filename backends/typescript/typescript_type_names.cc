// The spelling of PostgreSQL types as TypeScript types (internal::TypeNames): for the columns
// of tables and views, and for the arguments and results of functions, which Supabase's
// generator spells from the type's own name (so a domain there is `unknown`, not its base).

#include <set>

#include "backends/typescript/typescript_internal.h"

namespace schemac::typescript::internal {

namespace {

std::vector<std::string> Labels(const ir::Enum& e) {
  std::vector<std::string> labels;
  for (const ir::EnumValue& value : e.values) labels.push_back(Literal(value.label));
  if (labels.empty()) labels.push_back("never");
  return labels;
}

std::string QualifiedKey(const std::string& schema, const std::string& name) {
  return schema + "." + name;
}

// `X[]`, or `(A | B)[]` for a union.
std::vector<std::string> ArrayOf(const std::vector<std::string>& base) {
  if (base.size() == 1) return {base[0] + "[]"};
  std::string parenthesized = "(";  // Not "(" + ...: GCC 12 warns (-Wrestrict) wrongly there.
  parenthesized += Join(base, " | ");
  parenthesized += ")[]";
  return {parenthesized};
}

}  // namespace

TypeNames::TypeNames(const ir::Schema& schema, const Options& options)
    : schema_(schema),
      options_(options),
      included_(options.schemas.begin(), options.schemas.end()) {
  for (const ir::View& view : schema.views) {
    views_.emplace(QualifiedKey(view.name.schema, view.name.name), &view);
  }
}

std::vector<std::string> TypeNames::Column(const ir::ColumnType& type, bool nullable) const {
  std::vector<std::string> alternatives = Type(type);
  if (alternatives.size() == 1 && alternatives[0] == "unknown") return alternatives;
  // Json includes null; a NOT NULL json column cannot hold SQL null.
  if (alternatives.size() == 1 && alternatives[0] == "Json" && !nullable) {
    return {"NonNullable<Json>"};
  }
  if (nullable) alternatives.push_back("null");
  return alternatives;
}

std::vector<std::string> TypeNames::Type(const ir::ColumnType& type) const {
  // An array of a domain is `unknown[]`, as Supabase's generator writes it (it resolves a
  // column's domain, not an array's element).
  std::vector<std::string> base = Scalar(type, /*resolve_domains=*/type.array_dims == 0);
  bool array = type.array_dims > 0;
  if (type.kind == ir::TypeKind::kOther) {
    auto domain = options_.domains.find(QualifiedKey(type.schema, type.name));
    if (domain != options_.domains.end()) {
      array = array || domain->second.array_dims > 0;
    } else if (const ir::Domain* d = schema_.FindDomain({type.schema, type.name})) {
      array = array || d->type.array_dims > 0;  // A declared domain over an array type.
    }
  }
  return array ? ArrayOf(base) : base;
}

std::vector<std::string> TypeNames::Value(const ir::ColumnType& type) const {
  std::vector<std::string> base;
  ir::ColumnType element = type;  // An array of rows is an array of the relation's Row.
  element.array_dims = 0;
  if (type.kind == ir::TypeKind::kBuiltin && type.name == "void") {
    base = {"undefined"};
  } else if (type.kind == ir::TypeKind::kBuiltin && type.name == "record") {
    base = {"Record<string, unknown>"};
  } else if (const ir::Table* table = TableOf(element)) {
    base = {Included(table->name.schema)
                ? "Database[" + Literal(table->name.schema) + "][\"Tables\"][" +
                      Literal(table->name.name) + "][\"Row\"]"
                : "unknown"};
  } else if (const ir::View* view = ViewOf(element)) {
    base = {Included(view->name.schema)
                ? "Database[" + Literal(view->name.schema) + "][\"Views\"][" +
                      Literal(view->name.name) + "][\"Row\"]"
                : "unknown"};
  } else {
    base = Scalar(type, /*resolve_domains=*/false);
  }
  return type.array_dims > 0 ? ArrayOf(base) : base;
}

const ir::Table* TypeNames::TableOf(const ir::ColumnType& type) const {
  if (type.kind != ir::TypeKind::kOther || type.array_dims > 0) return nullptr;
  return schema_.FindTable({type.schema, type.name});
}

const ir::View* TypeNames::ViewOf(const ir::ColumnType& type) const {
  if (type.kind != ir::TypeKind::kOther || type.array_dims > 0) return nullptr;
  auto it = views_.find(QualifiedKey(type.schema, type.name));
  return it == views_.end() ? nullptr : it->second;
}

std::vector<std::string> TypeNames::Scalar(const ir::ColumnType& type, bool resolve_domains) const {
  static const std::set<std::string, std::less<>> kNumbers = {
      "smallint", "integer", "bigint", "real", "double precision", "numeric"};
  static const std::set<std::string, std::less<>> kStrings = {"bpchar",
                                                              "bytea",
                                                              "character",
                                                              "character varying",
                                                              "date",
                                                              "text",
                                                              "time without time zone",
                                                              "time with time zone",
                                                              "timestamp without time zone",
                                                              "timestamp with time zone",
                                                              "uuid",
                                                              "interval"};
  switch (type.kind) {
    case ir::TypeKind::kBuiltin:
      if (type.name == "boolean") return {"boolean"};
      if (kNumbers.contains(type.name)) return {"number"};
      if (kStrings.contains(type.name)) return {"string"};
      if (type.name == "json" || type.name == "jsonb") return {"Json"};
      return {"unknown"};
    case ir::TypeKind::kExtension:
      if (type.name == "citext" || type.name == "vector") return {"string"};
      return {"unknown"};
    case ir::TypeKind::kEnum: {
      const ir::Enum* e = schema_.FindEnum({type.schema, type.name});
      if (e == nullptr) return {"unknown"};
      if (Included(e->name.schema)) {
        return {"Database[" + Literal(e->name.schema) + "][\"Enums\"][" + Literal(e->name.name) +
                "]"};
      }
      return Labels(*e);
    }
    case ir::TypeKind::kOther: {
      // A composite type by reference, also where domains are not resolved (Supabase's
      // generator spells it so from the type's name alone); one without attributes is not
      // written, and so unknown.
      if (const ir::CompositeType* c = schema_.FindCompositeType({type.schema, type.name})) {
        if (!Included(c->name.schema) || c->attributes.empty()) return {"unknown"};
        return {"Database[" + Literal(c->name.schema) + "][\"CompositeTypes\"][" +
                Literal(c->name.name) + "]"};
      }
      if (!resolve_domains) return {"unknown"};
      auto domain = options_.domains.find(QualifiedKey(type.schema, type.name));
      if (domain != options_.domains.end()) return Scalar(domain->second, resolve_domains);
      const ir::Domain* declared = schema_.FindDomain({type.schema, type.name});
      if (declared == nullptr) return {"unknown"};
      return Scalar(declared->type, resolve_domains);
    }
  }
  return {"unknown"};
}

}  // namespace schemac::typescript::internal
