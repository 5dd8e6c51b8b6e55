// Semantic analysis of `trigger` declarations (docs/dsl.md, "Triggers"): the table or view it is
// on, the function it executes (a declared function returning `trigger`), `update of` columns,
// and PostgreSQL's rules on timing, level, events and transition tables, checked offline so
// that a schema PostgreSQL would refuse fails at its line rather than on the dev database.
// Runs after tables, views and functions are known; fills Schema::triggers sorted by (table,
// name).

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "compiler/resolve_internal.h"

namespace schemac::resolve_internal {

namespace {

ir::TriggerTiming ToIr(ast::TriggerTiming timing) {
  switch (timing) {
    case ast::TriggerTiming::kBefore:
      return ir::TriggerTiming::kBefore;
    case ast::TriggerTiming::kAfter:
      return ir::TriggerTiming::kAfter;
    case ast::TriggerTiming::kInsteadOf:
      return ir::TriggerTiming::kInsteadOf;
  }
  return ir::TriggerTiming::kAfter;
}

bool IsInputArg(const ir::FunctionArg& arg) {
  return arg.mode == ir::ArgMode::kIn || arg.mode == ir::ArgMode::kInOut ||
         arg.mode == ir::ArgMode::kVariadic;
}

bool ReturnsTrigger(const ir::Function& function) {
  return function.returns.name == "trigger" && function.returns.array_dims == 0 &&
         !function.returns_set;
}

}  // namespace

// The table or view `decl` is on, or false after reporting it. `*is_view` tells which.
bool Resolver::TriggerRelation(const ast::TriggerDecl& decl, ir::QualifiedName* name,
                               bool* is_view) {
  std::string schema;
  if (!SchemaOf(decl.table, &schema)) return false;
  name->schema = schema;
  name->name = decl.table.name.name;
  *is_view = false;
  if (schema_.FindTable(*name) != nullptr) return true;
  for (const ir::View& view : schema_.views) {
    if (view.name == *name) {
      *is_view = true;
      return true;
    }
  }
  diagnostics_.Error(decl.table.span,
                     Suggested(fmt::format("trigger '{}' is on unknown table '{}'",
                                           decl.name.name, Display(*name)),
                               Display(*name), [&] { return TableCandidates(); }) +
                         (IsPlatformSchema(schema)
                              ? fmt::format(" (declare it with 'extern table {} {{ ... }}')",
                                            name->ToString())
                              : std::string()));
  return false;
}

// The function `decl` executes: declared, with no input arguments, returning `trigger`.
bool Resolver::TriggerFunction(const ast::TriggerDecl& decl, ir::QualifiedName* name) {
  std::string schema;
  if (!SchemaOf(decl.function, &schema)) return false;
  name->schema = schema;
  name->name = decl.function.name.name;
  const ir::Function* named = nullptr;
  for (const ir::Function& function : schema_.functions) {
    if (function.name != *name) continue;
    named = &function;
    if (std::none_of(function.args.begin(), function.args.end(), IsInputArg)) break;
    named = nullptr;
  }
  if (named == nullptr) {
    bool overloads = std::any_of(schema_.functions.begin(), schema_.functions.end(),
                                 [&](const ir::Function& f) { return f.name == *name; });
    diagnostics_.Error(
        decl.function.span,
        overloads ? fmt::format("function '{}()' is not declared: a trigger's function takes "
                                "no arguments (its arguments reach it as TG_ARGV)",
                                Display(*name))
                  : fmt::format("unknown function '{}()' (declare it with 'function {}() "
                                "returns trigger')",
                                Display(*name), Display(*name)));
    return false;
  }
  if (!ReturnsTrigger(*named)) {
    diagnostics_.Error(decl.function.span,
                       fmt::format("function '{}()' returns {}, not trigger", Display(*name),
                                   named->returns.ToSql()));
    return false;
  }
  return true;
}

// PostgreSQL's rules on the combination of timing, level, events and transition tables.
bool Resolver::CheckTriggerShape(const ast::TriggerDecl& decl, bool is_view) {
  bool row = decl.level == ast::TriggerLevel::kRow;
  bool ok = true;
  if (decl.timing == ast::TriggerTiming::kInsteadOf) {
    if (!is_view) {
      diagnostics_.Error(decl.timing_span, fmt::format("trigger '{}': 'instead of' triggers are "
                                                       "only on views",
                                                       decl.name.name));
      ok = false;
    } else if (!row) {
      diagnostics_.Error(decl.timing_span,
                         fmt::format("trigger '{}': 'instead of' triggers must be 'for each "
                                     "row'",
                                     decl.name.name));
      ok = false;
    }
    if (decl.when) {
      diagnostics_.Error(decl.when->span, fmt::format("trigger '{}': 'instead of' triggers "
                                                      "cannot have 'when'",
                                                      decl.name.name));
      ok = false;
    }
  } else if (is_view && row) {
    diagnostics_.Error(decl.timing_span,
                       fmt::format("trigger '{}': a row trigger on a view must be 'instead of'",
                                   decl.name.name));
    ok = false;
  }
  for (size_t i = 0; i < decl.events.size(); ++i) {
    if (decl.events[i] == "truncate" && row) {
      diagnostics_.Error(decl.event_spans[i],
                         fmt::format("trigger '{}': truncate triggers must be 'for each "
                                     "statement'",
                                     decl.name.name));
      ok = false;
    }
    for (size_t j = 0; j < i; ++j) {
      if (decl.events[j] != decl.events[i]) continue;
      diagnostics_.Error(decl.event_spans[i], fmt::format("trigger '{}': duplicate event '{}'",
                                                          decl.name.name, decl.events[i]));
      ok = false;
    }
  }
  if (!decl.referencing.empty() && decl.timing != ast::TriggerTiming::kAfter) {
    diagnostics_.Error(decl.referencing.front().span,
                       fmt::format("trigger '{}': 'referencing' is only allowed on 'after' "
                                   "triggers",
                                   decl.name.name));
    ok = false;
  }
  return ok;
}

// Transition tables: at most one old and one new, old only with update or delete, new only
// with insert or update, and not with `update of` columns.
bool Resolver::TriggerTransitions(const ast::TriggerDecl& decl, ir::Trigger* trigger) {
  bool ok = true;
  for (const ast::TriggerTransition& t : decl.referencing) {
    std::string& slot = t.is_new ? trigger->new_table : trigger->old_table;
    const char* which = t.is_new ? "new" : "old";
    if (!slot.empty()) {
      diagnostics_.Error(t.span, fmt::format("trigger '{}': duplicate '{} table'",
                                             decl.name.name, which));
      ok = false;
      continue;
    }
    bool allowed = t.is_new ? (decl.on_insert || decl.on_update)
                            : (decl.on_update || decl.on_delete);
    if (!allowed) {
      diagnostics_.Error(t.span, fmt::format("trigger '{}': '{} table' needs {}", decl.name.name,
                                             which,
                                             t.is_new ? "an insert or update event"
                                                      : "an update or delete event"));
      ok = false;
    }
    if (decl.on_truncate) {
      diagnostics_.Error(t.span, fmt::format("trigger '{}': transition tables cannot be used "
                                             "with 'truncate'",
                                             decl.name.name));
      ok = false;
    }
    if (!decl.update_columns.empty()) {
      diagnostics_.Error(t.span, fmt::format("trigger '{}': transition tables cannot be used "
                                             "with 'update of' columns",
                                             decl.name.name));
      ok = false;
    }
    slot = t.name.name;
  }
  return ok;
}

void Resolver::ResolveTrigger(const ast::TriggerDecl& decl,
                              std::map<std::string, Span>& seen) {
  ir::Trigger trigger;
  trigger.name = decl.name.name;
  bool ok = CheckLength(decl.name.name, decl.name.span, "trigger");
  bool is_view = false;
  if (!TriggerRelation(decl, &trigger.table, &is_view)) return;
  std::string key = Key(trigger.table.ToString(), trigger.name);
  auto [it, inserted] = seen.emplace(key, decl.name.span);
  if (!inserted) {
    Diagnostic& d = diagnostics_.Error(
        decl.name.span, fmt::format("duplicate trigger '{}' on '{}'", decl.name.name,
                                    Display(trigger.table)));
    d.notes.push_back({"first declared here", it->second});
    return;
  }
  ok = TriggerFunction(decl, &trigger.function) && ok;
  ok = CheckTriggerShape(decl, is_view) && ok;
  trigger.timing = ToIr(decl.timing);
  trigger.on_insert = decl.on_insert;
  trigger.on_update = decl.on_update;
  trigger.on_delete = decl.on_delete;
  trigger.on_truncate = decl.on_truncate;
  trigger.level = decl.level == ast::TriggerLevel::kRow ? ir::TriggerLevel::kRow
                                                         : ir::TriggerLevel::kStatement;
  if (!decl.update_columns.empty()) {
    const ir::Table* table = schema_.FindTable(trigger.table);
    if (table == nullptr) {
      diagnostics_.Error(decl.update_columns.front().span,
                         fmt::format("trigger '{}': 'update of' columns need a table",
                                     decl.name.name));
      ok = false;
    } else {
      ok = ColumnList(*table, decl.update_columns, "trigger", &trigger.update_columns) && ok;
    }
  }
  ok = TriggerTransitions(decl, &trigger) && ok;
  if (decl.when) {
    trigger.when = decl.when->text;
    trigger.when_origin = TextOrigin(*decl.when);
  }
  for (const ast::StringLit& arg : decl.arguments) trigger.arguments.push_back(arg.value);
  trigger.enabled = decl.disabled ? ir::TriggerEnabled::kDisabled : ir::TriggerEnabled::kOrigin;
  trigger.comment = JoinDoc(decl.doc);
  trigger.origin = OriginOf(decl.span);
  if (ok) schema_.triggers.push_back(std::move(trigger));
}

void Resolver::ResolveTriggers() {
  std::map<std::string, Span> seen;
  for (const ast::File& file : files_) {
    for (const ast::Decl& decl : file.decls) {
      if (auto* d = std::get_if<ast::TriggerDecl>(&decl)) ResolveTrigger(*d, seen);
    }
  }
  std::stable_sort(schema_.triggers.begin(), schema_.triggers.end(),
                   [](const ir::Trigger& a, const ir::Trigger& b) {
                     return std::tie(a.table, a.name) < std::tie(b.table, b.name);
                   });
}

}  // namespace schemac::resolve_internal
