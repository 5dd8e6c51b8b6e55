// The `Functions` section of the TypeScript types (what supabase-js's `.rpc()` checks against)
// and PostgREST's computed fields in the Row of tables and views, as Supabase's generator
// (@supabase/postgrest-typegen) writes them:
// - Args: the input arguments (in, inout, variadic) by name, `?` for one with a default;
//   `Record<PropertyKey, never>` for none; an unnamed one is the key `""`.
// - Returns: `returns table (...)` as an object of its columns (without `| null`), a table's
//   or view's row type as an object of its Row, otherwise the type (void `undefined`, record
//   `Record<string, unknown>`, a domain `unknown`); `[]` after it for a set, except a set of
//   rows estimated at one row (`rows 1`). SetofOptions when the result is a table's or view's
//   row (supabase-js uses it to select from the result).
// - Overloads: one union per name, ordered by their argument list as PostgreSQL prints it.
// - Left out: trigger functions, and functions PostgREST cannot call by named arguments (an
//   unnamed argument that is not json, jsonb or text with a default, except a lone unnamed
//   json/jsonb/text or row argument). Overloads PostgREST cannot tell apart, and a lone
//   unnamed row argument that is not a computed field, have Supabase's `{ error: true }`
//   result.

#include <cstdint>
#include <optional>

#include "backends/typescript/typescript_internal.h"

namespace schemac::typescript::internal {

namespace {

bool IsInput(ir::ArgMode mode) {
  return mode == ir::ArgMode::kIn || mode == ir::ArgMode::kInOut || mode == ir::ArgMode::kVariadic;
}

// PostgREST takes an unnamed argument only of these types (json, jsonb, text).
bool IsUnnamedArgType(const ir::ColumnType& type) {
  return type.kind == ir::TypeKind::kBuiltin && type.array_dims == 0 &&
         (type.name == "json" || type.name == "jsonb" || type.name == "text");
}

// An identifier as format_type() prints it: quoted unless plain lowercase.
std::string QuoteIdent(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A type as format_type() prints it on a connection whose search_path is public (Supabase's
// generator's): types of other schemas qualified.
std::string FormatType(const ir::ColumnType& type) {
  if (type.kind == ir::TypeKind::kBuiltin) return type.ToSql();
  std::string out = type.schema.empty() || type.schema == "public" || type.schema == "pg_catalog"
                        ? QuoteIdent(type.name)
                        : QuoteIdent(type.schema) + "." + QuoteIdent(type.name);
  for (int i = 0; i < type.array_dims; ++i) out += "[]";
  return out;
}

// pg_type.typname of a type, as Supabase's conflict messages name it.
std::string TypeName(const ir::ColumnType& type) {
  static const std::map<std::string, std::string, std::less<>> kInternal = {
      {"boolean", "bool"},
      {"smallint", "int2"},
      {"integer", "int4"},
      {"bigint", "int8"},
      {"real", "float4"},
      {"double precision", "float8"},
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"timestamp with time zone", "timestamptz"},
      {"timestamp without time zone", "timestamp"},
      {"time with time zone", "timetz"},
      {"time without time zone", "time"},
      {"bit varying", "varbit"}};
  std::string name = type.name;
  if (type.kind == ir::TypeKind::kBuiltin) {
    auto it = kInternal.find(name);
    if (it != kInternal.end()) name = it->second;
  }
  return type.array_dims > 0 ? "_" + name : name;
}

// The OID of a built-in type, by which Supabase orders a conflict's overloads; a type of the
// schema comes after them all (its OID is larger), in name order as an approximation.
uint32_t TypeOid(const ir::ColumnType& type) {
  static const std::map<std::string, uint32_t, std::less<>> kOids = {
      {"bool", 16},     {"bytea", 17},       {"int8", 20},          {"int2", 21},
      {"int4", 23},     {"text", 25},        {"json", 114},         {"float4", 700},
      {"float8", 701},  {"bpchar", 1042},    {"varchar", 1043},     {"date", 1082},
      {"time", 1083},   {"timestamp", 1114}, {"timestamptz", 1184}, {"interval", 1186},
      {"timetz", 1266}, {"numeric", 1700},   {"uuid", 2950},        {"jsonb", 3802},
      {"_bool", 1000},  {"_int2", 1005},     {"_int4", 1007},       {"_text", 1009},
      {"_int8", 1016},  {"_float8", 1022},   {"_varchar", 1015},    {"_uuid", 2951},
      {"_jsonb", 3807}, {"_json", 199}};
  if (type.kind != ir::TypeKind::kBuiltin) return UINT32_MAX;
  auto it = kOids.find(TypeName(type));
  return it == kOids.end() ? UINT32_MAX : it->second;
}

// A function PostgREST can call, as the section writes it.
struct Candidate {
  const ir::Function* function;
  std::vector<const ir::FunctionArg*> args;    // All, sorted by name.
  std::vector<const ir::FunctionArg*> inputs;  // in, inout, variadic; sorted by name.
  std::vector<bool> input_defaults;            // Per `inputs`: shown with `?`.
  std::string argument_types;                  // pg_get_function_arguments().
  std::string result_type;                     // pg_get_function_result().
};

// The result of a function with OUT arguments and no declared type: the one OUT argument's
// type, else `record`.
ir::ColumnType ResultType(const ir::Function& function) {
  if (!function.returns.name.empty()) return function.returns;
  std::vector<const ir::FunctionArg*> outs;
  for (const ir::FunctionArg& arg : function.args) {
    if (arg.mode == ir::ArgMode::kOut || arg.mode == ir::ArgMode::kInOut) outs.push_back(&arg);
  }
  if (outs.size() == 1) return outs[0]->type;
  ir::ColumnType record;
  record.name = "record";
  return record;
}

bool IsTrigger(const ir::Function& function) {
  const ir::ColumnType& type = function.returns;
  return type.kind == ir::TypeKind::kBuiltin && type.array_dims == 0 &&
         (type.name == "trigger" || type.name == "event_trigger");
}

class Functions {
 public:
  Functions(const TypeNames& types, const std::string& schema_name)
      : types_(types), schema_name_(schema_name) {
    for (const ir::Function& function : types.schema().functions) {
      if (function.name.schema != schema_name || IsTrigger(function)) continue;
      Candidate candidate = Describe(function);
      if (Callable(candidate)) candidates_.push_back(std::move(candidate));
    }
    // By name, then by argument list and result, as the overloads of a name are ordered.
    std::stable_sort(candidates_.begin(), candidates_.end(),
                     [](const Candidate& a, const Candidate& b) {
                       if (a.function->name.name != b.function->name.name) {
                         return CollationLess(a.function->name.name, b.function->name.name);
                       }
                       if (a.argument_types != b.argument_types) {
                         return CollationLess(a.argument_types, b.argument_types);
                       }
                       return CollationLess(a.result_type, b.result_type);
                     });
  }

  void Write(Writer& w) const {
    if (candidates_.empty()) {
      w.Empty(4, "Functions");
      return;
    }
    w.Line(4, "Functions: {");
    for (size_t from = 0; from < candidates_.size();) {
      size_t to = from + 1;
      while (to < candidates_.size() &&
             candidates_[to].function->name.name == candidates_[from].function->name.name) {
        ++to;
      }
      std::vector<const Candidate*> group;
      for (size_t i = from; i < to; ++i) group.push_back(&candidates_[i]);
      WriteGroup(w, group);
      from = to;
    }
    w.Line(4, "}");
  }

  /// The computed fields of this schema's tables and views.
  void AddComputedFields(ComputedFields* computed) const {
    for (const Candidate& candidate : candidates_) {
      if (candidate.inputs.size() != 1) continue;
      const ir::ColumnType& type = candidate.inputs[0]->type;
      std::optional<ir::QualifiedName> relation;
      if (const ir::Table* table = types_.TableOf(type)) relation = table->name;
      if (const ir::View* view = types_.ViewOf(type)) relation = view->name;
      if (!relation || relation->schema != schema_name_) continue;
      Field field = Result(*candidate.function);
      field.key = Key(candidate.function->name.name);
      if (field.is_object) {
        field.suffix = " | null";
      } else if (field.alternatives.size() != 1 ||
                 (field.alternatives[0] != "unknown" && field.alternatives[0] != "any")) {
        field.alternatives.push_back("null");
      }
      (*computed)[relation->schema + "." + relation->name].push_back(std::move(field));
    }
  }

 private:
  struct SetofOptions {
    std::string from;
    std::string to;
    bool one_to_one = false;
    bool setof_return = false;
  };

  // One signature of the union: Args, Returns (a type, an object or an error) and SetofOptions.
  struct Signature {
    std::vector<Field> args;  // Empty: Record<PropertyKey, never>.
    Field returns;
    std::string error;  // Set: Returns is `{ error: true } & "error"`.
    std::optional<SetofOptions> setof;
  };

  Candidate Describe(const ir::Function& function) const {
    Candidate candidate{&function, {}, {}, {}, {}, {}};
    // PostgreSQL's pronargs and pronargdefaults: the last `defaults` inputs have a default.
    size_t inputs = 0;
    size_t defaults = 0;
    std::vector<std::string> printed;
    for (const ir::FunctionArg& arg : function.args) {
      if (IsInput(arg.mode)) {
        ++inputs;
        if (!arg.default_sql.empty()) ++defaults;
      }
    }
    std::map<const ir::FunctionArg*, bool> shown_default;
    for (size_t i = 0; i < function.args.size(); ++i) {
      const ir::FunctionArg& arg = function.args[i];
      // Supabase's introspection pairs the defaults with all arguments by position, OUT ones
      // included: an input after an OUT argument gets its neighbour's flag.
      shown_default[&arg] = i < inputs && i >= inputs - defaults;
      candidate.args.push_back(&arg);
      if (arg.mode == ir::ArgMode::kTable) continue;
      std::string text = arg.mode == ir::ArgMode::kOut        ? "OUT "
                         : arg.mode == ir::ArgMode::kInOut    ? "INOUT "
                         : arg.mode == ir::ArgMode::kVariadic ? "VARIADIC "
                                                              : "";
      if (!arg.name.empty()) text += QuoteIdent(arg.name) + " ";
      text += FormatType(arg.type);
      if (!arg.default_sql.empty()) text += " DEFAULT " + arg.default_sql;
      printed.push_back(text);
    }
    std::stable_sort(candidate.args.begin(), candidate.args.end(),
                     [](const ir::FunctionArg* a, const ir::FunctionArg* b) {
                       return CollationLess(a->name, b->name);
                     });
    for (const ir::FunctionArg* arg : candidate.args) {
      if (!IsInput(arg->mode)) continue;
      candidate.inputs.push_back(arg);
      candidate.input_defaults.push_back(shown_default[arg]);
    }
    candidate.argument_types = Join(printed, ", ");
    candidate.result_type =
        (function.returns_set ? "SETOF " : "") + FormatType(ResultType(function));
    return candidate;
  }

  bool IsRelation(const ir::ColumnType& type) const {
    return types_.TableOf(type) != nullptr || types_.ViewOf(type) != nullptr;
  }

  // Whether PostgREST can call it: no inputs, all named, each unnamed one a json/jsonb/text
  // with a default, or a lone unnamed json/jsonb/text or row argument.
  bool Callable(const Candidate& candidate) const {
    const std::vector<const ir::FunctionArg*>& inputs = candidate.inputs;
    bool unnamed_ok = true;
    bool any_unnamed = false;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!inputs[i]->name.empty()) continue;
      any_unnamed = true;
      if (!candidate.input_defaults[i] || !IsUnnamedArgType(inputs[i]->type)) unnamed_ok = false;
    }
    if (!any_unnamed || unnamed_ok) return true;
    return inputs.size() == 1 && inputs[0]->name.empty() &&
           (IsUnnamedArgType(inputs[0]->type) || IsRelation(inputs[0]->type));
  }

  // The name of the table or view whose rows the function returns, if it does.
  std::optional<std::string> ResultRelation(const ir::Function& function) const {
    ir::ColumnType type = ResultType(function);
    if (const ir::Table* table = types_.TableOf(type)) return table->name.name;
    if (const ir::View* view = types_.ViewOf(type)) return view->name.name;
    // A composite type's result is a relation to PostgREST too (SetofOptions `to` its name).
    if (type.kind == ir::TypeKind::kOther && type.array_dims == 0) {
      const ir::CompositeType* c = types_.schema().FindCompositeType({type.schema, type.name});
      if (c != nullptr && !c->attributes.empty()) return c->name.name;
    }
    return std::nullopt;
  }

  // Returns without `[]`: the columns of `returns table (...)`, the Row of a table or view of
  // this schema, or the type.
  Field Result(const ir::Function& function) const {
    Field field;
    std::vector<const ir::FunctionArg*> columns;
    for (const ir::FunctionArg& arg : function.args) {
      if (arg.mode == ir::ArgMode::kTable) columns.push_back(&arg);
    }
    std::stable_sort(columns.begin(), columns.end(),
                     [](const ir::FunctionArg* a, const ir::FunctionArg* b) {
                       return CollationLess(a->name, b->name);
                     });
    ir::ColumnType type = ResultType(function);
    const ir::Table* table = types_.TableOf(type);
    const ir::View* view = types_.ViewOf(type);
    if (!columns.empty()) {
      field.is_object = true;
      for (const ir::FunctionArg* column : columns) {
        field.object.push_back(PlainField(Key(column->name), types_.Value(column->type)));
      }
    } else if (table != nullptr && table->name.schema == schema_name_) {
      field.is_object = true;
      field.object = TableRowFields(types_, *table);
    } else if (view != nullptr && view->name.schema == schema_name_) {
      field.is_object = true;
      field.object = ViewRowFields(types_, *view);
    } else {
      field.alternatives = types_.Value(type);
    }
    return field;
  }

  Signature SignatureOf(const Candidate& candidate,
                        const std::vector<const Candidate*>& group) const {
    const ir::Function& function = *candidate.function;
    Signature signature;
    for (size_t i = 0; i < candidate.inputs.size(); ++i) {
      const ir::FunctionArg* arg = candidate.inputs[i];
      signature.args.push_back(PlainField(Key(arg->name) + (candidate.input_defaults[i] ? "?" : ""),
                                          types_.Value(arg->type)));
    }
    signature.error = ConflictError(candidate, group);
    std::optional<std::string> relation = ResultRelation(function);
    const std::vector<const ir::FunctionArg*>& inputs = candidate.inputs;
    if (signature.error.empty() && inputs.size() == 1 && inputs[0]->name.empty() &&
        IsRelation(inputs[0]->type) && !relation) {
      signature.error = "the function " + schema_name_ + "." + function.name.name +
                        " with parameter or with a single unnamed json/jsonb parameter, but no "
                        "matches were found in the schema cache";
    }
    if (!signature.error.empty()) return signature;
    double rows = function.rows == 0 ? 1000 : function.rows;
    bool many_rows = function.returns_set && rows > 1;
    signature.returns = Result(function);
    if (function.returns_set && !(relation && !many_rows)) {
      if (signature.returns.is_object) {
        signature.returns.suffix = "[]";
      } else {
        signature.returns.alternatives.back() += "[]";  // As Supabase's template appends it.
      }
    }
    if (relation) signature.setof = SetofOptions{"*", *relation, !many_rows, function.returns_set};
    if (candidate.args.size() == 1 && relation && IsRelation(candidate.args[0]->type)) {
      std::string from = FormatType(candidate.args[0]->type);
      if (function.returns_set) {
        signature.setof = SetofOptions{from, *relation, !many_rows, true};
      } else {
        signature.setof = SetofOptions{from, *relation, true, false};
      }
    }
    return signature;
  }

  // Supabase's message for overloads PostgREST cannot choose between; empty: none.
  std::string ConflictError(const Candidate& candidate,
                            const std::vector<const Candidate*>& group) const {
    if (group.size() < 2) return "";
    const std::string& name = candidate.function->name.name;
    auto lone_input = [](const Candidate& c) -> const ir::FunctionArg* {
      return c.inputs.size() == 1 ? c.inputs[0] : nullptr;
    };
    if (candidate.inputs.empty()) {
      for (const Candidate* other : group) {
        const ir::FunctionArg* arg = lone_input(*other);
        if (other == &candidate || arg == nullptr || !arg->name.empty() ||
            !other->input_defaults[0]) {
          continue;
        }
        return "Could not choose the best candidate function between: " + schema_name_ + "." +
               name + "(), " + schema_name_ + "." + name + "( => " +
               TypeName(ResultType(*other->function)) +
               "). Try renaming the parameters or the function itself in the database so "
               "function overloading can be resolved";
      }
    }
    const ir::FunctionArg* mine = lone_input(candidate);
    if (mine == nullptr || mine->name.empty()) return "";
    std::vector<const Candidate*> conflicting = {&candidate};
    for (const Candidate* other : group) {
      const ir::FunctionArg* arg = lone_input(*other);
      if (other != &candidate && arg != nullptr && arg->name == mine->name &&
          !(arg->type == mine->type)) {
        conflicting.push_back(other);
      }
    }
    if (conflicting.size() < 2) return "";
    std::stable_sort(conflicting.begin(), conflicting.end(),
                     [](const Candidate* a, const Candidate* b) {
                       uint32_t oa = TypeOid(a->inputs[0]->type);
                       uint32_t ob = TypeOid(b->inputs[0]->type);
                       if (oa != ob) return oa < ob;
                       return oa == UINT32_MAX && a->inputs[0]->type.name < b->inputs[0]->type.name;
                     });
    std::vector<std::string> listed;
    for (const Candidate* c : conflicting) {
      std::vector<std::string> args;
      for (const ir::FunctionArg* arg : c->inputs) {
        args.push_back(arg->name + " => " + TypeName(arg->type));
      }
      listed.push_back(schema_name_ + "." + name + "(" + Join(args, ", ") + ")");
    }
    return "Could not choose the best candidate function between: " + Join(listed, ", ") +
           ". Try renaming the parameters or the function itself in the database so function "
           "overloading can be resolved";
  }

  static std::string InlineArgs(const Signature& signature) {
    if (signature.args.empty()) return "Record<PropertyKey, never>";
    std::vector<std::string> parts;
    for (const Field& arg : signature.args) {
      parts.push_back(arg.key + ": " + Join(arg.alternatives, " | "));
    }
    return "{ " + Join(parts, "; ") + " }";
  }

  // `{ Args: ...; Returns: ... }` when the signature can be one line (a plain result).
  static std::optional<std::string> Inline(const Signature& signature) {
    if (!signature.error.empty() || signature.setof || signature.returns.is_object) {
      return std::nullopt;
    }
    return "{ Args: " + InlineArgs(signature) +
           "; Returns: " + Join(signature.returns.alternatives, " | ") + " }";
  }

  // The members of a signature that does not fit on one line, at `indent`.
  static void WriteMembers(Writer& w, int indent, const Signature& signature) {
    std::string args = InlineArgs(signature);
    if (signature.args.empty() || indent + 6 + args.size() <= kWidth) {
      w.Line(indent, "Args: ", args);
    } else {
      WriteObject(w, indent, "Args", signature.args, "");
    }
    if (!signature.error.empty()) {
      std::string message = Literal(signature.error);
      if (indent + 27 + message.size() <= kWidth) {
        w.Line(indent, "Returns: { error: true } & ", message);
      } else {
        w.Line(indent, "Returns: {");
        w.Line(indent + 2, "error: true");
        w.Line(indent, "} & ", message);
      }
    } else if (signature.returns.is_object) {
      WriteObject(w, indent, "Returns", signature.returns.object, signature.returns.suffix);
    } else {
      w.Union(indent, "Returns", signature.returns.alternatives);
    }
    if (signature.setof) {
      const SetofOptions& setof = *signature.setof;
      w.Line(indent, "SetofOptions: {");
      w.Line(indent + 2, "from: ", Literal(setof.from));
      w.Line(indent + 2, "to: ", Literal(setof.to));
      w.Line(indent + 2, "isOneToOne: ", setof.one_to_one ? "true" : "false");
      w.Line(indent + 2, "isSetofReturn: ", setof.setof_return ? "true" : "false");
      w.Line(indent, "}");
    }
  }

  void WriteGroup(Writer& w, const std::vector<const Candidate*>& group) const {
    std::string key = Key(group[0]->function->name.name);
    if (group.size() == 1) {
      Signature signature = SignatureOf(*group[0], group);
      std::optional<std::string> line = Inline(signature);
      if (line && 6 + key.size() + 2 + line->size() <= kWidth) {
        w.Line(6, key, ": ", *line);
        return;
      }
      w.Line(6, key, ": {");
      WriteMembers(w, 8, signature);
      w.Line(6, "}");
      return;
    }
    w.Line(6, key, ":");
    for (const Candidate* candidate : group) {
      Signature signature = SignatureOf(*candidate, group);
      std::optional<std::string> line = Inline(signature);
      if (line && 10 + line->size() <= kWidth) {
        w.Line(8, "| ", *line);
        continue;
      }
      w.Line(8, "| {");
      WriteMembers(w, 12, signature);
      w.Line(10, "}");
    }
  }

  const TypeNames& types_;
  const std::string& schema_name_;
  std::vector<Candidate> candidates_;
};

}  // namespace

std::vector<Field> TableRowFields(const TypeNames& types, const ir::Table& table) {
  std::vector<const ir::Column*> columns;
  for (const ir::Column& column : table.columns) columns.push_back(&column);
  std::sort(columns.begin(), columns.end(), [](const ir::Column* a, const ir::Column* b) {
    return CollationLess(a->name, b->name);
  });
  std::vector<Field> fields;
  for (const ir::Column* column : columns) {
    fields.push_back(PlainField(Key(column->name), types.Column(column->type, column->nullable)));
  }
  return fields;
}

void WriteFunctions(Writer& w, const TypeNames& types, const std::string& schema_name) {
  Functions(types, schema_name).Write(w);
}

ComputedFields ComputedFieldsOf(const TypeNames& types) {
  ComputedFields computed;
  std::set<std::string> schemas;
  for (const ir::Function& function : types.schema().functions) {
    if (types.Included(function.name.schema)) schemas.insert(function.name.schema);
  }
  for (const std::string& schema : schemas) Functions(types, schema).AddComputedFields(&computed);
  return computed;
}

}  // namespace schemac::typescript::internal
