// The registry: every backend once, by name, in two explicit tables. No backend registers
// itself from a static initialiser: this file is the whole list, and its order is the order of
// the names in an unknown name's error.

#include "backends/registry.h"

#include <array>
#include <stdexcept>

#include "backends/dsl/from_ir.h"
#include "backends/json/ir_json.h"
#include "backends/postgres/emit.h"
#include "backends/text/plan_text.h"
#include "backends/typescript/typescript.h"
#include "compiler/error.h"

namespace schemac::backends {

namespace {

// `schemac types`: the Database types for supabase-js.
class TypescriptBackend : public SchemaBackend {
 public:
  void Emit(const ir::Schema& schema, const SchemaOptions& options,
            OutputSink& sink) const override {
    sink.Write("", typescript::DatabaseTypes(schema, options.typescript));
  }
};

// `schemac ir`, `pull --json`: the IR as stable JSON.
class JsonSchemaBackend : public SchemaBackend {
 public:
  void Emit(const ir::Schema& schema, const SchemaOptions&, OutputSink& sink) const override {
    sink.Write("", json::ToJsonText(schema));
  }
};

// `schemac pull`: .schema text; into a split sink (a directory), one file per PostgreSQL schema.
class DslBackend : public SchemaBackend {
 public:
  void Emit(const ir::Schema& schema, const SchemaOptions&, OutputSink& sink) const override {
    if (!sink.Split()) {
      sink.Write("", dsl::SchemaText(schema));
      return;
    }
    for (const auto& [name, text] : dsl::SchemaFiles(schema)) sink.Write(name, text);
  }
};

// `diff`, `plan --format sql`: the PostgreSQL migration file.
class SqlBackend : public PlanBackend {
 public:
  void Emit(const plan::Plan& plan, const PlanOptions& options, OutputSink& sink) const override {
    if (options.target == nullptr) {
      throw std::invalid_argument("the sql backend needs the schema the plan leads to");
    }
    sink.Write("", pg::EmitSql(plan, *options.target, options.emit));
  }
};

template <typename Backend>
struct Entry {
  std::string_view name;
  const Backend* backend;
};

const TypescriptBackend kTypescript;
const JsonSchemaBackend kJsonSchema;
const DslBackend kDsl;
const SqlBackend kSql;
const text::TextPlanBackend kTextPlan;
const text::JsonPlanBackend kJsonPlan;

// The tables. Names are what the command line takes (--format) or what a command picks.
constexpr std::array<Entry<SchemaBackend>, 3> kSchemaBackends = {{
    {"typescript", &kTypescript},
    {"json", &kJsonSchema},
    {"dsl", &kDsl},
}};
constexpr std::array<Entry<PlanBackend>, 3> kPlanBackends = {{
    {"sql", &kSql},
    {"text", &kTextPlan},
    {"json", &kJsonPlan},
}};

template <typename Backend, size_t N>
const Backend* Find(const std::array<Entry<Backend>, N>& table, std::string_view name,
                    std::string* error) {
  for (const Entry<Backend>& entry : table) {
    if (entry.name == name) return entry.backend;
  }
  if (error != nullptr) {
    // Worded as CLI11's IsMember check words it, which the commands' --format flags use.
    *error = std::string(name) + " not in {";
    for (size_t i = 0; i < N; ++i) *error += (i == 0 ? "" : ",") + std::string(table[i].name);
    *error += "}";
  }
  return nullptr;
}

template <typename Backend, size_t N>
std::vector<std::string> Names(const std::array<Entry<Backend>, N>& table) {
  std::vector<std::string> names;
  for (const Entry<Backend>& entry : table) names.emplace_back(entry.name);
  return names;
}

}  // namespace

const SchemaBackend* FindSchemaBackend(std::string_view name, std::string* error) {
  return Find(kSchemaBackends, name, error);
}

const PlanBackend* FindPlanBackend(std::string_view name, std::string* error) {
  return Find(kPlanBackends, name, error);
}

const SchemaBackend& SchemaBackendNamed(std::string_view name) {
  std::string error;
  const SchemaBackend* backend = FindSchemaBackend(name, &error);
  if (backend == nullptr) throw UserError(error);
  return *backend;
}

const PlanBackend& PlanBackendNamed(std::string_view name) {
  std::string error;
  const PlanBackend* backend = FindPlanBackend(name, &error);
  if (backend == nullptr) throw UserError(error);
  return *backend;
}

std::vector<std::string> SchemaBackendNames() { return Names(kSchemaBackends); }

std::vector<std::string> PlanBackendNames() { return Names(kPlanBackends); }

}  // namespace schemac::backends
