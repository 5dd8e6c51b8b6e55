#pragma once
// What diff, plan and apply add to the compare pipeline (compiler/compare.h, read through
// pg::LiveCatalogReader and built on pg::DevDatabase, both included here for them): the
// project's defaults (schemac.json) and the --dev-url option.

#include <string>

#include "backends/postgres/catalog_reader.h"
#include "backends/postgres/devdb.h"
#include "compiler/compare.h"
#include "tools/schemac/common.h"

namespace schemac::cli {

/// The library's CompareOptions (compiler/compare.h) with where canonical forms are built: the
/// server of --dev-url (empty: the embedded one), for pg::DevDatabase.
struct CompareOptions : schemac::CompareOptions {
  std::string dev_url;
};

/// `options` with what the command line left unset taken from the project: the dev URL and the
/// excluded schemas; and the project's lint levels.
CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config);

}  // namespace schemac::cli
