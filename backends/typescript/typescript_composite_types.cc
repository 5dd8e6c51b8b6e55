// `CompositeTypes` of each schema in the TypeScript types: one object per composite type with
// attributes, sorted by name, each attribute `T | null` in attribute order (PostgreSQL does
// not enforce NOT NULL on an attribute), as Supabase's generator writes them. A type without
// attributes is left out, as that generator leaves it out.

#include "backends/typescript/typescript_internal.h"

namespace schemac::typescript::internal {

void WriteCompositeTypes(Writer& w, const TypeNames& types, const std::string& schema_name) {
  std::vector<const ir::CompositeType*> list;
  for (const ir::CompositeType& c : types.schema().composite_types) {
    if (c.name.schema == schema_name && !c.attributes.empty()) list.push_back(&c);
  }
  if (list.empty()) {
    w.Empty(4, "CompositeTypes");
    return;
  }
  std::sort(list.begin(), list.end(), [](const ir::CompositeType* a, const ir::CompositeType* b) {
    return CollationLess(a->name.name, b->name.name);
  });
  w.Line(4, "CompositeTypes: {");
  for (const ir::CompositeType* c : list) {
    std::vector<Field> fields;
    for (const ir::CompositeAttribute& a : c->attributes) {
      std::vector<std::string> alternatives = types.Value(a.type);
      // Supabase's generator finds no type for a domain (not an array of one): a plain
      // `unknown`, without `| null`.
      bool domain = a.type.kind == ir::TypeKind::kOther && a.type.array_dims == 0 &&
                    (types.schema().FindDomain({a.type.schema, a.type.name}) != nullptr ||
                     types.options().domains.count(a.type.schema + "." + a.type.name) > 0);
      if (!domain) alternatives.push_back("null");
      fields.push_back(PlainField(Key(a.name), std::move(alternatives)));
    }
    WriteObject(w, 6, Key(c->name.name), fields, "");
  }
  w.Line(4, "}");
}

}  // namespace schemac::typescript::internal
