// The `Relationships` of tables and views in the TypeScript types, as Supabase's generator
// (@supabase/postgrest-typegen, after PostgREST's schema cache) lists them:
// - each foreign key of a table (to any schema), with isOneToOne when its columns are the
//   table's primary key or a unique constraint;
// - the keys PostgREST sees through views: a view that selects all the columns of a table's
//   foreign key (directly or through other views: ir::ViewColumn::source, followed down) has
//   that key too, onto its own columns (view -> table); a view that selects all the columns a
//   foreign key references is referenced by it (table -> view); and both at once (view ->
//   view). A table column selected by several view columns gives one entry per combination.
//   The entry keeps the key's name and isOneToOne;
// - a relation lists the entries it is the referencing side of whose referenced relation is
//   in its own schema (PostgREST embeds within a schema), sorted by key name, referenced
//   relation, referenced columns, referenced schema, schema, relation, columns.
// The view-derived entries need the views' columns and where they come from, which only
// introspection reads (from .schema files a view has no columns): offline there are none.

#include <tuple>

#include "backends/typescript/typescript_internal.h"

namespace schemac::typescript::internal {

namespace {

using Name = ir::QualifiedName;

// As PostgREST decides it: the foreign key's columns, in its order, are exactly the columns
// of the primary key or of a unique constraint, in table order.
bool IsOneToOne(const ir::Table& table, const ir::ForeignKey& key) {
  auto in_table_order = [&](std::vector<std::string> columns) {
    auto position = [&](const std::string& name) {
      for (size_t i = 0; i < table.columns.size(); ++i) {
        if (table.columns[i].name == name) return i;
      }
      return table.columns.size();
    };
    std::stable_sort(
        columns.begin(), columns.end(),
        [&](const std::string& a, const std::string& b) { return position(a) < position(b); });
    return columns;
  };
  if (table.primary_key && in_table_order(table.primary_key->columns) == key.columns) {
    return true;
  }
  for (const ir::UniqueConstraint& unique : table.uniques) {
    if (in_table_order(unique.columns) == key.columns) return true;
  }
  return false;
}

Relationship OfForeignKey(const ir::Table& table, const ir::ForeignKey& key) {
  return Relationship{key.name,      table.name,      key.columns,
                      key.ref_table, key.ref_columns, IsOneToOne(table, key)};
}

// One column of a key as a view exposes it: the table's column and the view's columns that
// select it (PostgREST's column_dependencies entry).
struct ColumnDependency {
  int ord = 0;
  std::string table_column;
  std::vector<std::string> view_columns;
};

// A table's key constraint all of whose columns a view selects (PostgREST's views key
// dependency): `referenced` for the referenced side of a foreign key ("f_ref"), else its
// referencing side ("f").
struct KeyDependency {
  Name table;
  Name view;
  std::string constraint;
  bool referenced = false;
  std::vector<ColumnDependency> columns;  // In the key's column order.
};

// The view columns that select each (table or view, column), through views of the IR:
// keyed by (view, relation, column), the view's column names in its column order.
using Origins = std::map<std::tuple<Name, Name, std::string>, std::vector<std::string>>;

Origins OriginsOf(const ir::Schema& schema) {
  std::map<Name, const ir::View*> views;
  for (const ir::View& view : schema.views) views[view.name] = &view;
  Origins origins;
  for (const ir::View& view : schema.views) {
    for (const ir::ViewColumn& column : view.columns) {
      Name relation = column.source;
      std::string source = column.source_column;
      std::set<Name> seen = {view.name};
      while (!source.empty()) {
        origins[{view.name, relation, source}].push_back(column.name);
        auto next = views.find(relation);
        if (next == views.end() || !seen.insert(relation).second) break;
        const ir::ViewColumn* below = nullptr;
        for (const ir::ViewColumn& c : next->second->columns) {
          if (c.name == source) below = &c;
        }
        if (below == nullptr) break;
        relation = below->source;
        source = below->source_column;
      }
    }
  }
  return origins;
}

// PostgREST's key dependencies of the views, from the foreign keys of the IR's tables.
std::vector<KeyDependency> KeyDependencies(const ir::Schema& schema) {
  // The key columns, as PostgREST's pks_fks rows (a set: equal rows count once).
  struct KeyColumn {
    bool referenced;
    std::string constraint;
    size_t count;
    Name relation;
    std::string column;
    int ord;
    auto operator<=>(const KeyColumn&) const = default;
  };
  std::set<KeyColumn> key_columns;
  for (const ir::Table& table : schema.tables) {
    for (const ir::ForeignKey& key : table.foreign_keys) {
      for (size_t i = 0; i < key.columns.size(); ++i) {
        key_columns.insert({false, key.name, key.columns.size(), table.name, key.columns[i],
                            static_cast<int>(i + 1)});
      }
      for (size_t i = 0; i < key.ref_columns.size(); ++i) {
        key_columns.insert({true, key.name, key.ref_columns.size(), key.ref_table,
                            key.ref_columns[i], static_cast<int>(i + 1)});
      }
    }
  }
  std::map<std::pair<Name, std::string>, std::vector<const KeyColumn*>> by_column;
  for (const KeyColumn& key_column : key_columns) {
    by_column[{key_column.relation, key_column.column}].push_back(&key_column);
  }
  // Grouped by table, view, constraint, side and column count, as PostgREST groups them.
  std::map<std::tuple<Name, Name, std::string, bool, size_t>, std::vector<ColumnDependency>> groups;
  for (const auto& [origin, view_columns] : OriginsOf(schema)) {
    const auto& [view, relation, column] = origin;
    auto it = by_column.find({relation, column});
    if (it == by_column.end()) continue;
    for (const KeyColumn* key_column : it->second) {
      groups[{relation, view, key_column->constraint, key_column->referenced, key_column->count}]
          .push_back({key_column->ord, column, view_columns});
    }
  }
  std::vector<KeyDependency> dependencies;
  for (auto& [group, columns] : groups) {
    const auto& [table, view, constraint, referenced, count] = group;
    if (columns.size() != count) continue;  // Only keys the view exposes whole.
    std::stable_sort(
        columns.begin(), columns.end(),
        [](const ColumnDependency& a, const ColumnDependency& b) { return a.ord < b.ord; });
    dependencies.push_back({table, view, constraint, referenced, std::move(columns)});
  }
  return dependencies;
}

// Each choice of one view column per key column (the cartesian product, in key order).
std::vector<std::vector<std::string>> Combinations(const std::vector<ColumnDependency>& columns) {
  std::vector<std::vector<std::string>> combinations = {{}};
  for (const ColumnDependency& column : columns) {
    std::vector<std::vector<std::string>> longer;
    for (const std::vector<std::string>& combination : combinations) {
      for (const std::string& view_column : column.view_columns) {
        longer.push_back(combination);
        longer.back().push_back(view_column);
      }
    }
    combinations = std::move(longer);
  }
  return combinations;
}

int Compare(const std::string& a, const std::string& b) {
  if (CollationLess(a, b)) return -1;
  return CollationLess(b, a) ? 1 : 0;
}

// Column lists compare as their JSON text, as Supabase's generator compares them.
std::string ColumnsJson(const std::vector<std::string>& columns) {
  std::string json = "[";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) json += ",";
    json += '"';
    for (char c : columns[i]) {
      if (c == '"' || c == '\\') json += '\\';
      json += c;
    }
    json += '"';
  }
  return json + "]";
}

bool RelationshipLess(const Relationship& a, const Relationship& b) {
  int order = Compare(a.foreign_key_name, b.foreign_key_name);
  if (order == 0) order = Compare(a.referenced.name, b.referenced.name);
  if (order == 0)
    order = Compare(ColumnsJson(a.referenced_columns), ColumnsJson(b.referenced_columns));
  if (order == 0) order = Compare(a.referenced.schema, b.referenced.schema);
  if (order == 0) order = Compare(a.relation.schema, b.relation.schema);
  if (order == 0) order = Compare(a.relation.name, b.relation.name);
  if (order == 0) order = Compare(ColumnsJson(a.columns), ColumnsJson(b.columns));
  return order < 0;
}

}  // namespace

ViewRelationships ViewRelationshipsOf(const ir::Schema& schema) {
  ViewRelationships out;
  if (schema.views.empty()) return out;
  std::vector<KeyDependency> dependencies = KeyDependencies(schema);
  if (dependencies.empty()) return out;
  auto add = [&](Relationship relationship) {
    // Only the entries a relation of the same schema lists are ever written.
    if (relationship.relation.schema != relationship.referenced.schema) return;
    out[relationship.relation.schema + "." + relationship.relation.name].push_back(
        std::move(relationship));
  };
  for (const ir::Table& table : schema.tables) {
    for (const ir::ForeignKey& key : table.foreign_keys) {
      Relationship r = OfForeignKey(table, key);
      std::vector<const KeyDependency*> from_views;  // Views exposing the referencing columns.
      std::vector<const KeyDependency*> to_views;    // Views exposing the referenced columns.
      for (const KeyDependency& d : dependencies) {
        if (d.constraint != key.name) continue;
        if (!d.referenced && d.table == table.name) from_views.push_back(&d);
        if (d.referenced && d.table == key.ref_table) to_views.push_back(&d);
      }
      for (const KeyDependency* from : from_views) {
        for (std::vector<std::string>& columns : Combinations(from->columns)) {
          add({r.foreign_key_name, from->view, std::move(columns), r.referenced,
               r.referenced_columns, r.is_one_to_one});
        }
      }
      for (const KeyDependency* to : to_views) {
        for (std::vector<std::string>& columns : Combinations(to->columns)) {
          add({r.foreign_key_name, r.relation, r.columns, to->view, std::move(columns),
               r.is_one_to_one});
        }
      }
      for (const KeyDependency* from : from_views) {
        for (const std::vector<std::string>& columns : Combinations(from->columns)) {
          for (const KeyDependency* to : to_views) {
            for (std::vector<std::string>& referenced : Combinations(to->columns)) {
              add({r.foreign_key_name, from->view, columns, to->view, std::move(referenced),
                   r.is_one_to_one});
            }
          }
        }
      }
    }
  }
  return out;
}

void WriteRelationships(Writer& w, const ir::Table* table, const ir::QualifiedName& relation,
                        const ViewRelationships& derived) {
  std::vector<Relationship> list;
  if (table != nullptr) {
    for (const ir::ForeignKey& key : table->foreign_keys) {
      // PostgREST embeds only within a schema; Supabase leaves the others out.
      if (key.ref_table.schema == table->name.schema) list.push_back(OfForeignKey(*table, key));
    }
  }
  if (!derived.empty()) {
    auto it = derived.find(relation.schema + "." + relation.name);
    if (it != derived.end()) list.insert(list.end(), it->second.begin(), it->second.end());
  }
  if (list.empty()) {
    w.Line(8, "Relationships: []");
    return;
  }
  std::sort(list.begin(), list.end(), RelationshipLess);
  w.Line(8, "Relationships: [");
  for (const Relationship& r : list) {
    w.Line(10, "{");
    w.Line(12, "foreignKeyName: ", Literal(r.foreign_key_name));
    w.Array(12, "columns", Literals(r.columns), "");
    w.Line(12, "isOneToOne: ", r.is_one_to_one ? "true" : "false");
    w.Line(12, "referencedRelation: ", Literal(r.referenced.name));
    w.Array(12, "referencedColumns", Literals(r.referenced_columns), "");
    w.Line(10, "},");
  }
  w.Line(8, "]");
}

}  // namespace schemac::typescript::internal
