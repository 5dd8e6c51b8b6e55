// Resolver: column types (built-in, extension, enum and platform types) with their modifiers.

#include <fmt/format.h>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

// Built once (the enums are all declared before any column is resolved): each unknown type
// building it anew cost time and memory in proportion to the enums.
const std::vector<std::string>& Resolver::TypeCandidates() {
  if (!type_candidates_) {
    type_candidates_ = KnownTypeNames();
    for (const ir::Enum& e : schema_.enums) type_candidates_->push_back(Display(e.name));
    for (const ir::Domain& d : schema_.domains) type_candidates_->push_back(Display(d.name));
    for (const ir::CompositeType& c : schema_.composite_types) {
      type_candidates_->push_back(Display(c.name));
    }
  }
  return *type_candidates_;
}

const ir::Extension* Resolver::FindExtension(std::string_view name) const {
  for (const ir::Extension& e : schema_.extensions) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// Resolves a column type. `info` is set for built-in and extension types.
bool Resolver::ResolveType(const ast::TypeRef& ref, ir::ColumnType* out, const TypeInfo** info) {
  *info = nullptr;
  const std::string& name = ref.name.name.name;
  out->array_dims = ref.array_dims > 0 ? 1 : 0;  // PostgreSQL does not track dimensions.
  std::string_view schema = ref.name.schema ? std::string_view(ref.name.schema->name) : "";
  if (schema.empty() || schema == "pg_catalog") {
    *info = FindType(name);
  } else if (const TypeInfo* ext = FindType(name); ext && !ext->extension.empty()) {
    const ir::Extension* declared = FindExtension(ext->extension);
    if (declared && (declared->schema.empty() ? "public" : declared->schema) == schema) {
      *info = ext;
    }
  }
  if (*info == nullptr) {
    std::string enum_schema(schema.empty() ? "public" : schema);
    if (const ir::Enum* e = schema_.FindEnum({enum_schema, name})) {
      out->kind = ir::TypeKind::kEnum;
      out->schema = e->name.schema;
      out->name = e->name.name;
      if (!ref.modifiers.empty()) {
        diagnostics_.Error(ref.span, fmt::format("enum '{}' takes no modifiers", name));
        return false;
      }
      return true;
    }
    ir::QualifiedName declared{enum_schema, name};
    if (schema_.FindDomain(declared) || schema_.FindCompositeType(declared)) {
      out->kind = ir::TypeKind::kOther;  // As introspection reads it (ir.h, Domain).
      out->schema = enum_schema;
      out->name = name;
      if (!ref.modifiers.empty()) {
        diagnostics_.Error(ref.span, fmt::format("type '{}' takes no modifiers", name));
        return false;
      }
      return true;
    }
    if (!schema.empty() && IsPlatformSchema(schema) && schema != "pg_catalog") {
      out->kind = ir::TypeKind::kOther;  // A type of the platform (a domain, a composite).
      out->schema = std::string(schema);
      out->name = name;
      out->modifiers = ref.modifiers;
      return true;
    }
    std::string written = schema.empty() ? name : Key(schema, name);
    diagnostics_.Error(ref.name.span,
                       Suggested(fmt::format("unknown type '{}'", written), written,
                                 [&]() -> const auto& { return TypeCandidates(); }));
    return false;
  }
  const TypeInfo& t = **info;
  if (!t.extension.empty()) {
    const ir::Extension* ext = FindExtension(t.extension);
    if (ext == nullptr) {
      Diagnostic& d = diagnostics_.Error(
          ref.name.span, fmt::format("type '{}' needs 'extension {}'", name, t.extension));
      d.notes.push_back({fmt::format("declare it once in the schema: extension {}", t.extension),
                         std::nullopt});
      return false;
    }
    out->kind = ir::TypeKind::kExtension;
    out->schema = ext->schema.empty() ? "public" : ext->schema;
  }
  out->name = std::string(t.name);
  const std::vector<int64_t>& mods = ref.modifiers;
  if (name == "float") {
    if (!mods.empty()) {
      if (mods[0] < 1 || mods[0] > 53) {
        diagnostics_.Error(ref.span, "precision of float must be between 1 and 53");
        return false;
      }
      out->name = std::string(FloatPrecisionType(mods[0]));
    }
    return true;
  }
  if (static_cast<int>(mods.size()) > t.max_modifiers) {
    diagnostics_.Error(ref.span, t.max_modifiers == 0
                                     ? fmt::format("type '{}' takes no modifiers", name)
                                     : fmt::format("type '{}' takes at most {} modifier{}",
                                                   name, t.max_modifiers,
                                                   t.max_modifiers == 1 ? "" : "s"));
    return false;
  }
  if (!mods.empty() && (mods[0] < t.min_modifier || mods[0] > t.max_modifier)) {
    diagnostics_.Error(ref.span, fmt::format("{} of type '{}' must be between {} and {}",
                                             t.family == TypeFamily::kVector ? "dimensions"
                                             : t.family == TypeFamily::kString ||
                                                     t.name.starts_with("bit")
                                                 ? "length"
                                                 : "precision",
                                             name, t.min_modifier, t.max_modifier));
    return false;
  }
  if (mods.size() == 2 && (mods[1] < -1000 || mods[1] > 1000)) {
    diagnostics_.Error(ref.span, "scale of numeric must be between -1000 and 1000");
    return false;
  }
  out->modifiers = mods.empty() ? t.default_modifiers : mods;
  // numeric(p) is numeric(p,0): PostgreSQL stores and prints the scale.
  if (t.family == TypeFamily::kNumeric && out->modifiers.size() == 1) out->modifiers.push_back(0);
  return true;
}

}  // namespace schemac::resolve_internal
