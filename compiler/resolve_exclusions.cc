// Resolver: exclusion constraints (`exclude ...` items): the access method, the elements
// (a column or an expression, an operator class, the operator), include columns, the predicate,
// deferrability and the doc comment.

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

// The access methods that can back an exclusion constraint (those with amgettuple).
constexpr std::array<std::string_view, 4> kExclusionMethods = {"gist", "spgist", "btree", "hash"};

}  // namespace

void Resolver::ResolveExclusion(size_t t, const ast::ExclusionItem& item) {
  ir::Table& table = schema_.tables[t];
  ir::ExclusionConstraint exclusion;
  exclusion.origin = OriginOf(item.span);
  exclusion.deferrable = item.deferrable;
  exclusion.initially_deferred = item.initially_deferred;
  exclusion.comment = JoinDoc(item.doc);
  bool ok = ExplicitName(t, item.name, true, &exclusion.name);
  if (item.method) {
    const std::string& method = item.method->name;
    if (std::find(kExclusionMethods.begin(), kExclusionMethods.end(), method) ==
        kExclusionMethods.end()) {
      std::vector<std::string> names(kExclusionMethods.begin(), kExclusionMethods.end());
      diagnostics_.Error(item.method->span,
                         WithSuggestion(fmt::format("index method '{}' cannot back an exclusion "
                                                    "constraint",
                                                    method),
                                        method, names));
      ok = false;
    }
    exclusion.method = method;
  }
  if (!CheckKeyCount(item.elements, 0, "exclusion constraint", "elements") ||
      !CheckKeyCount(item.include, item.elements.size(), "exclusion constraint",
                     "elements and include columns")) {
    return;
  }
  for (const ast::ExclusionElement& element : item.elements) {
    ir::ExclusionElement e;
    if (element.column) {
      if (FindColumn(table, *element.column) == nullptr) {
        ok = false;
        continue;
      }
      e.column = element.column->name;
    } else {
      e.expression = element.expression->text;
    }
    if (element.opclass) {
      e.opclass = element.opclass->schema
                      ? Key(element.opclass->schema->name, element.opclass->name.name)
                      : element.opclass->name.name;
    }
    e.op = element.op;
    exclusion.elements.push_back(std::move(e));
  }
  ok = ColumnList(table, item.include, "include", &exclusion.include) && ok;
  if (item.where) exclusion.where = item.where->text;
  if (ok) table.exclusions.push_back(std::move(exclusion));
}

}  // namespace schemac::resolve_internal
