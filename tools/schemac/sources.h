#pragma once
// What diff, plan and apply add to the compare pipeline (compiler/compare.h, read through
// pg::LiveCatalogReader and built on pg::DevDatabase): the project's defaults (schemac.json) and
// the --dev-url option; and the plan as text and JSON.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backends/postgres/catalog_reader.h"
#include "backends/postgres/dev_database.h"
#include "backends/postgres/impact.h"
#include "backends/postgres/introspect.h"
#include "compiler/compare.h"
#include "compiler/diff.h"
#include "compiler/plan.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

/// The library's CompareOptions (compiler/compare.h) with where canonical forms are built: the
/// server of --dev-url (empty: the embedded one), for pg::DevDatabase.
struct CompareOptions : schemac::CompareOptions {
  std::string dev_url;
};

/// `options` with what the command line left unset taken from the project: the dev URL and the
/// excluded schemas.
CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config);

/// The plan for humans: one line per step (`+` add, `~` change, `-` drop, hazards in brackets,
/// in colour when `color`), grouped under each table's name when `grouped`, then
/// "N to add, M to change, K to drop".
std::string PlanText(const plan::Plan& plan, bool color, bool grouped);

/// {"steps": [{"description", "hazards": [...], "sql"}]}; a step with a row count in `impacts`
/// also has "rows_changed": {"count": N or null, "exact": bool, "text": RowImpact::Text()}.
std::string PlanJson(const plan::Plan& plan, bool concurrent_indexes,
                     const std::vector<pg::RowImpact>& impacts = {});

}  // namespace schemac::cli
