#include "tools/schemac/sources.h"

#include "tools/schemac/common.h"

namespace schemac::cli {

CompareOptions WithProjectDefaults(CompareOptions options, const ProjectConfig& config) {
  if (options.dev_url.empty()) options.dev_url = config.dev_url;
  if (options.exclude_schemas.empty()) options.exclude_schemas = config.exclude_schemas;
  options.lint_levels = [lint = config.lint] { return lint; };
  return options;
}

}  // namespace schemac::cli
