#pragma once
// A plan for people and for programs: the text `plan` and `diff --format text` print (one line
// per step with its `+`/`~`/`-` mark and hazards), and the JSON of `--format json` (each step's
// description, hazards and SQL). Hazards and SQL are the SQL writer's (backends/postgres/emit.h),
// so what is shown is what a migration would run.

#include <string>
#include <vector>

#include "backends/backend.h"
#include "compiler/plan.h"

namespace schemac::text {

/// The plan for humans: one line per step (its mark, plan::MarkOf: `+` add, `~` change, `-`
/// drop; its hazards in brackets), in colour when `color`, grouped under each table's name when
/// `grouped`, then "N to add, M to change, K to drop".
std::string PlanText(const plan::Plan& plan, bool color, bool grouped);

/// What a reader of the plan can do about its hazards, one line each (empty when nothing): the
/// plan's notes (Plan::notes: functions whose bodies name a renamed or dropped column), then,
/// for index builds that block writes, --concurrent-indexes.
std::string PlanNotes(const plan::Plan& plan);

/// {"steps": [{"description", "hazards": [...], "sql"}]}; a step with a row count in `rows`
/// also has "rows_changed": {"count": N or null, "exact": bool, "text": RowImpact::Text()}; a
/// step with notes in `checks` has "data_checks": [{"result", "subject", "rows", "exact",
/// "sample", "text"}] (docs/cli.md, "Data checks"); with `unmanaged`, also "unmanaged":
/// [{"kind", "name"}] (docs/cli.md, "Unmanaged objects"). Then "notes": [...] (Plan::notes)
/// when the plan has any.
std::string PlanJson(const plan::Plan& plan, bool concurrent_indexes,
                     const std::vector<backends::RowCount>& rows = {},
                     const std::vector<backends::DataCheckNote>& checks = {},
                     const std::vector<ir::UnmanagedObject>* unmanaged = nullptr);

/// PlanText then PlanNotes as a plan backend ("text"): reads color and grouped.
class TextPlanBackend : public backends::PlanBackend {
 public:
  void Emit(const plan::Plan& plan, const backends::PlanOptions& options,
            backends::OutputSink& sink) const override;
  bool ForReaders() const override { return true; }
};

/// PlanJson as a plan backend ("json"): reads emit.concurrent_indexes, row_counts,
/// data_checks and unmanaged.
class JsonPlanBackend : public backends::PlanBackend {
 public:
  void Emit(const plan::Plan& plan, const backends::PlanOptions& options,
            backends::OutputSink& sink) const override;
  bool ReportsRowCounts() const override { return true; }
};

}  // namespace schemac::text
