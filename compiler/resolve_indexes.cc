// Resolver: indexes (access methods and their parameters, keys, include columns) and the
// operator classes pgvector's hnsw and ivfflat need.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

/// An index access method: what it supports and its storage parameters.
struct IndexMethod {
  std::string_view name;
  bool unique;
  bool include;
  std::vector<std::string_view> params;
};

namespace {

const std::vector<IndexMethod>& IndexMethods() {
  static const std::vector<IndexMethod> methods = {
      {"btree", true, true, {"fillfactor", "deduplicate_items"}},
      {"hash", false, false, {"fillfactor"}},
      {"gist", false, true, {"fillfactor", "buffering"}},
      {"spgist", false, true, {"fillfactor"}},
      {"gin", false, false, {"fastupdate", "gin_pending_list_limit"}},
      {"brin", false, false, {"pages_per_range", "autosummarize"}},
      {"hnsw", false, false, {"m", "ef_construction"}},
      {"ivfflat", false, false, {"lists"}},
  };
  return methods;
}

// Operator classes of pgvector per index method, by the column type they index.
const std::map<std::string_view, std::vector<std::string_view>>& VectorOpclasses(
    std::string_view method) {
  static const std::map<std::string_view, std::vector<std::string_view>> hnsw = {
      {"vector", {"vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops"}},
      {"halfvec", {"halfvec_l2_ops", "halfvec_ip_ops", "halfvec_cosine_ops", "halfvec_l1_ops"}},
      {"sparsevec",
       {"sparsevec_l2_ops", "sparsevec_ip_ops", "sparsevec_cosine_ops", "sparsevec_l1_ops"}},
      {"bit", {"bit_hamming_ops", "bit_jaccard_ops"}},
  };
  static const std::map<std::string_view, std::vector<std::string_view>> ivfflat = {
      {"vector", {"vector_l2_ops", "vector_ip_ops", "vector_cosine_ops"}},
      {"halfvec", {"halfvec_l2_ops", "halfvec_ip_ops", "halfvec_cosine_ops"}},
      {"bit", {"bit_hamming_ops"}},
  };
  return method == "hnsw" ? hnsw : ivfflat;
}

}  // namespace

void Resolver::ResolveIndex(size_t t, const ast::IndexItem& item) {
  ir::Table& table = schema_.tables[t];
  ir::Index index;
  index.unique = item.unique;
  index.nulls_not_distinct = item.nulls_not_distinct;
  index.origin = OriginOf(item.span);
  index.comment = JoinDoc(item.doc);
  bool ok = ExplicitName(t, item.name, true, &index.name);
  const IndexMethod* method = &IndexMethods()[0];
  if (item.method) {
    auto it = std::find_if(IndexMethods().begin(), IndexMethods().end(),
                           [&](const IndexMethod& m) { return m.name == item.method->name; });
    if (it == IndexMethods().end()) {
      std::vector<std::string> names;
      for (const IndexMethod& m : IndexMethods()) names.emplace_back(m.name);
      diagnostics_.Error(item.method->span,
                         WithSuggestion(fmt::format("unknown index method '{}'",
                                                    item.method->name),
                                        item.method->name, names));
      return;
    }
    method = &*it;
    bool vector = method->name == "hnsw" || method->name == "ivfflat";
    if (vector && FindExtension("vector") == nullptr) {
      diagnostics_.Error(item.method->span, fmt::format("index method '{}' needs 'extension "
                                                        "vector'",
                                                        method->name));
      return;
    }
  }
  index.method = std::string(method->name);
  if (item.unique && !method->unique) {
    diagnostics_.Error(item.span, fmt::format("index method '{}' does not support unique "
                                              "indexes",
                                              method->name));
    ok = false;
  }
  if (item.nulls_not_distinct && !item.unique) {
    diagnostics_.Error(item.span, "'nulls not distinct' applies only to unique indexes");
    ok = false;
  }
  if (!CheckKeyCount(item.keys, 0, "index", "keys") ||
      !CheckKeyCount(item.include, item.keys.size(), "index", "keys and include columns")) {
    return;
  }
  for (const ast::IndexKey& key : item.keys) {
    ir::IndexKey k;
    const ir::Column* column = nullptr;
    if (key.column) {
      column = FindColumn(table, *key.column);
      if (column == nullptr) {
        ok = false;
        continue;
      }
      k.column = key.column->name;
    } else {
      k.expression = key.expression->text;
      k.expression_origin = TextOrigin(*key.expression);
    }
    if (key.collate) k.collation = key.collate->name;
    if (key.opclass) {
      k.opclass = key.opclass->schema ? Key(key.opclass->schema->name, key.opclass->name.name)
                                      : key.opclass->name.name;
    }
    k.order = key.order == ast::SortOrder::kDesc ? ir::SortOrder::kDesc : ir::SortOrder::kAsc;
    k.nulls_first = key.nulls == ast::NullsOrder::kDefault ? k.order == ir::SortOrder::kDesc
                                                           : key.nulls == ast::NullsOrder::kFirst;
    if (method->name == "hnsw" || method->name == "ivfflat") {
      ok = CheckVectorKey(*method, key, column) && ok;
    }
    index.keys.push_back(std::move(k));
  }
  if (!item.include.empty() && !method->include) {
    diagnostics_.Error(item.include.front().span,
                       fmt::format("index method '{}' does not support 'include'", method->name));
    ok = false;
  }
  ok = ColumnList(table, item.include, "include", &index.include) && ok;
  for (const ast::StorageParam& param : item.with) {
    if (std::find(method->params.begin(), method->params.end(), param.key.name) ==
        method->params.end()) {
      std::vector<std::string> names(method->params.begin(), method->params.end());
      diagnostics_.Error(param.key.span,
                         WithSuggestion(fmt::format("unknown parameter '{}' for index method "
                                                    "'{}'",
                                                    param.key.name, method->name),
                                        param.key.name, names));
      ok = false;
      continue;
    }
    index.with.emplace_back(param.key.name, param.value);
  }
  if (item.where) {
    index.where = item.where->text;
    index.where_origin = TextOrigin(*item.where);
  }
  if (ok) table.indexes.push_back(std::move(index));
}

// pgvector keys: an operator class that matches the column's type, and dimensions.
bool Resolver::CheckVectorKey(const IndexMethod& method, const ast::IndexKey& key,
                    const ir::Column* column) {
  const auto& opclasses = VectorOpclasses(method.name);
  std::string type = column ? column->type.name : "";
  auto allowed = column ? opclasses.find(type) : opclasses.end();
  if (column && allowed == opclasses.end()) {
    diagnostics_.Error(key.column->span,
                       fmt::format("{} indexes support vector, halfvec, sparsevec and bit "
                                   "columns; '{}' is {}",
                                   method.name, column->name, column->type.ToSql()));
    return false;
  }
  // pgvector gives ivfflat a default operator class (vector_l2_ops), not hnsw.
  if (!key.opclass && method.name == "ivfflat") return true;
  if (!key.opclass) {
    std::string choices;
    if (allowed != opclasses.end()) {
      for (std::string_view o : allowed->second) choices += (choices.empty() ? "" : ", ") + std::string(o);
    }
    Diagnostic& d = diagnostics_.Error(
        key.span, fmt::format("{} index key needs an operator class (the distance it "
                              "indexes)",
                              method.name));
    if (!choices.empty()) d.notes.push_back({"one of: " + choices, std::nullopt});
    return false;
  }
  if (allowed == opclasses.end()) return true;  // An expression: its type is not known here.
  const std::string& opclass = key.opclass->name.name;
  if (std::find(allowed->second.begin(), allowed->second.end(), opclass) ==
      allowed->second.end()) {
    std::vector<std::string> names(allowed->second.begin(), allowed->second.end());
    diagnostics_.Error(key.opclass->span,
                       WithSuggestion(fmt::format("operator class '{}' does not index {} "
                                                  "column '{}' with {}",
                                                  opclass, type, column->name, method.name),
                                      opclass, names) +
                           (ClosestMatch(opclass, names) ? ""
                                                         : fmt::format(" (use {})",
                                                                       JoinNames(names))));
    return false;
  }
  if (column->type.modifiers.empty()) {
    diagnostics_.Error(key.column->span,
                       fmt::format("column '{}' needs dimensions, e.g. {}(1536), to be indexed "
                                   "with {}",
                                   column->name, type, method.name));
    return false;
  }
  return true;
}

}  // namespace schemac::resolve_internal
