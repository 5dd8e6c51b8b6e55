// The `Views` section of the TypeScript types: each view and materialized view of a schema with
// its Row, and Insert / Update for a view that accepts them, as Supabase's generator writes them.
//
// What Supabase's generator does, and so what is done here:
// - every column of a view is nullable (PostgreSQL never marks a view's column NOT NULL), so
//   the Row has `| null` on each, whatever the query guarantees;
// - Insert and Update appear only when the view accepts INSERT / UPDATE (ir::View::insertable,
//   ::updatable; never for a materialized view); in them every column is optional and
//   nullable, and a column PostgreSQL cannot write through (an expression) is `?: never`;
// - Relationships: the foreign keys PostgREST maps onto the view's columns
//   (typescript_relationships.cc).

#include "backends/typescript/typescript_internal.h"

namespace schemac::typescript::internal {

namespace {

std::vector<const ir::View*> ViewsOf(const ir::Schema& schema, const std::string& name) {
  std::vector<const ir::View*> views;
  for (const ir::View& view : schema.views) {
    if (view.name.schema == name) views.push_back(&view);
  }
  std::sort(views.begin(), views.end(), [](const ir::View* a, const ir::View* b) {
    return CollationLess(a->name.name, b->name.name);
  });
  return views;
}

std::vector<const ir::ViewColumn*> SortedColumns(const ir::View& view) {
  std::vector<const ir::ViewColumn*> columns;
  for (const ir::ViewColumn& column : view.columns) columns.push_back(&column);
  std::sort(columns.begin(), columns.end(), [](const ir::ViewColumn* a, const ir::ViewColumn* b) {
    return CollationLess(a->name, b->name);
  });
  return columns;
}

// Insert or Update of a view: each column optional, nullable, or `never` when not writable.
void WriteWritable(Writer& w, const TypeNames& types, const ir::View& view, const char* title) {
  std::vector<const ir::ViewColumn*> columns = SortedColumns(view);
  if (columns.empty()) {
    w.Line(8, title, ": {}");
    return;
  }
  w.Line(8, title, ": {");
  for (const ir::ViewColumn* column : columns) {
    w.Doc(10, column->comment);
    std::string key = Key(column->name);
    if (!column->updatable) {
      w.Line(10, key, "?: never");
    } else {
      std::vector<std::string> alternatives = types.Column(column->type, /*nullable=*/true);
      w.Union(10, key, "?", alternatives, Join(alternatives, " | "));
    }
  }
  w.Line(8, "}");
}

void WriteView(Writer& w, const TypeNames& types, const ComputedFields& computed,
               const ViewRelationships& relationships, const ir::View& view) {
  w.Doc(6, view.comment);
  w.Line(6, Key(view.name.name), ": {");
  std::vector<const ir::ViewColumn*> columns = SortedColumns(view);
  auto fields = computed.find(view.name.schema + "." + view.name.name);
  if (columns.empty() && fields == computed.end()) {
    w.Line(8, "Row: {}");
  } else {
    w.Line(8, "Row: {");
    for (const ir::ViewColumn* column : columns) {
      w.Doc(10, column->comment);
      std::vector<std::string> alternatives = types.Column(column->type, /*nullable=*/true);
      w.Union(10, Key(column->name), "", alternatives, Join(alternatives, " | "));
    }
    if (fields != computed.end()) WriteFields(w, 10, fields->second);
    w.Line(8, "}");
  }
  if (!view.materialized && view.insertable) WriteWritable(w, types, view, "Insert");
  if (!view.materialized && view.updatable) WriteWritable(w, types, view, "Update");
  WriteRelationships(w, nullptr, view.name, relationships);
  w.Line(6, "}");
}

}  // namespace

std::vector<Field> ViewRowFields(const TypeNames& types, const ir::View& view) {
  std::vector<Field> fields;
  for (const ir::ViewColumn* column : SortedColumns(view)) {
    fields.push_back(PlainField(Key(column->name), types.Column(column->type, /*nullable=*/true)));
  }
  return fields;
}

void WriteViews(Writer& w, const TypeNames& types, const ComputedFields& computed,
                const ViewRelationships& relationships, const std::string& schema_name) {
  std::vector<const ir::View*> views = ViewsOf(types.schema(), schema_name);
  if (views.empty()) {
    w.Empty(4, "Views");
    return;
  }
  w.Line(4, "Views: {");
  for (const ir::View* view : views) WriteView(w, types, computed, relationships, *view);
  w.Line(4, "}");
}

}  // namespace schemac::typescript::internal
