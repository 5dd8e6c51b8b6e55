#pragma once
// The one interface of every output backend: a schema backend writes an ir::Schema (TypeScript
// types, IR JSON, .schema text), a plan backend writes a plan::Plan (a SQL migration, text for
// people, JSON for programs). Both write into an OutputSink and read their input through
// `const&`, never changing it. backends/registry.h finds them by name.

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/postgres/emit.h"
#include "backends/typescript/typescript.h"
#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac::backends {

/// Where a backend's output goes. A backend writes its output as one part (name "") or, when
/// the sink is split (a directory), as several named parts (files).
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// True when the sink keeps one file per part: a backend that can divide its output (dsl: one
  /// file per PostgreSQL schema) then writes one part per file.
  virtual bool Split() const { return false; }
  /// Adds `text` to the output: the file `name` of a split sink, else appended to the one text.
  virtual void Write(const std::string& name, std::string_view text) = 0;
};

/// Appends every part to a stream (std::cout for standard output), as it is written.
class StreamSink : public OutputSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  void Write(const std::string& name, std::string_view text) override;

 private:
  std::ostream& out_;
};

/// Keeps the output as one text in memory: for a file written whole afterwards (atomically, by
/// the command), or compared with what a file holds (`types --check`).
class TextSink : public OutputSink {
 public:
  void Write(const std::string& name, std::string_view text) override;
  /// Everything written, in order.
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

/// Keeps the output as named files in memory (a split sink): for a directory the command then
/// replaces as a whole (pull --out DIR's staged swap). A name written twice is appended to.
class FilesSink : public OutputSink {
 public:
  bool Split() const override { return true; }
  void Write(const std::string& name, std::string_view text) override;
  /// File name -> content, sorted by name.
  std::map<std::string, std::string>& files() { return files_; }

 private:
  std::map<std::string, std::string> files_;
};

/// What a schema backend is asked for: each backend reads only its own fields.
struct SchemaOptions {
  typescript::Options typescript;  ///< typescript: schemas, helpers, domains, ...
};

/// A schema backend: typescript, json (the IR), dsl (.schema text).
class SchemaBackend {
 public:
  virtual ~SchemaBackend() = default;
  /// Writes `schema` into `sink`. Throws UserError (or std::exception for a schemac bug).
  virtual void Emit(const ir::Schema& schema, const SchemaOptions& options,
                    OutputSink& sink) const = 0;
};

/// The rows one step of a plan would change on a live database, as counted before anything runs
/// (pg::CountTypeChangeImpact, converted by the command): json reports them with the step.
struct RowCount {
  size_t step = 0;               ///< Index of the step in Plan::steps.
  std::optional<int64_t> count;  ///< The rows (or the bound where counting stopped) when known.
  bool exact = false;            ///< `count` is exact (not a lower bound, not unknown).
  std::string text;              ///< pg::RowImpact::Text(): "1 row would change", ...
};

/// What checking one step against the rows of a live database found (pg::CheckData, converted
/// by the command): json reports it with the step, under "data_checks".
struct DataCheckNote {
  size_t step = 0;                ///< Index of the step in Plan::steps.
  std::string result;             ///< "refused" or "skipped" (passed checks are not listed).
  std::string subject;            ///< What was checked when a step has several checks.
  std::optional<int64_t> rows;    ///< Refused: the refusing rows (a lower bound when capped).
  bool exact = false;             ///< `rows` is exact.
  std::string sample;             ///< The key of one refusing row ("id=42").
  std::string text;               ///< pg::DataCheck::text.
};

/// What a plan backend is asked for: each backend reads only its own fields.
struct PlanOptions {
  /// sql and json: how the SQL writer spells each step (emit.concurrent_indexes: CREATE INDEX
  /// CONCURRENTLY; the step's hazards already say so, compiler/plan.h). sql: the whole
  /// migration file's options (title, timeouts, ...).
  pg::EmitOptions emit;
  /// sql: the schema the plan leads to (for the search_path of unqualified names). Required.
  const ir::Schema* target = nullptr;
  bool color = false;    ///< text: ANSI colours.
  bool grouped = false;  ///< text: steps under each table's name.
  std::vector<RowCount> row_counts;  ///< json: the rows type changes would change.
  std::vector<DataCheckNote> data_checks;  ///< json: refused and skipped data checks.
  /// json: the objects of the databases compared that schemac does not model, listed under
  /// "unmanaged" when set (plan and diff set it when a side is a database, or lists some).
  const std::vector<ir::UnmanagedObject>* unmanaged = nullptr;
};

/// A plan backend: sql (the migration file), text (for people), json (for programs).
class PlanBackend {
 public:
  virtual ~PlanBackend() = default;
  /// Writes `plan` into `sink`. Throws UserError (or std::exception for a schemac bug).
  virtual void Emit(const plan::Plan& plan, const PlanOptions& options,
                    OutputSink& sink) const = 0;
  /// True for output people read (text): a command may add its own notes around it (no
  /// changes, the rows a type change would change, which flag a step needs). The others are
  /// read by programs and are exactly what the backend writes.
  virtual bool ForReaders() const { return false; }
  /// True when the output reports PlanOptions::row_counts (json): a command counts the rows
  /// only when they are shown (here or in its notes for readers).
  virtual bool ReportsRowCounts() const { return false; }
};

}  // namespace schemac::backends
