#pragma once
// Views in plans: the order views are built in (each after the views its query names) and the
// steps that take the views of one schema to another's (create, replace, alter, drop and
// rebuild with their dependents, grants, comments, indexes of materialized views). Called by
// Diff (compiler/diff.h); the dev-database build (backends/postgres/create_sql_views.cc) uses
// the same order.

#include <set>
#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// The words of a view's query (identifiers, lowercase unless quoted), strings and comments
/// left out: the names it may use.
std::set<std::string> ViewQueryWords(const std::string& query);

/// `views` ordered so that a view comes after every other view it uses (by `dependencies`
/// when they name views, else by the names in its query), declaration order otherwise; a
/// cycle keeps declaration order.
std::vector<const ir::View*> OrderViews(const std::vector<ir::View>& views,
                                        const std::vector<ir::Dependency>& dependencies = {});

/// The comments of a view's columns, by column: the DSL's `column_comments`, or the
/// introspected columns' comments.
std::vector<std::pair<std::string, std::string>> ViewColumnComments(const ir::View& view);

/// Appends to `steps` what takes the views of `from` to those of `to` (both canonical). Never
/// CASCADE: a view whose columns change is dropped and created again, and the views that use it
/// are dropped before it and created after it, with their grants, comments and indexes.
void DiffViews(const ir::Schema& from, const ir::Schema& to, std::vector<plan::Step>& steps);

}  // namespace schemac
