#include "compiler/platform.h"

#include <algorithm>

namespace schemac {

namespace {

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

constexpr std::array<std::string_view, 3> kSystemSchemas = {"pg_catalog", "information_schema",
                                                            "pg_toast"};
constexpr std::array<std::string_view, 13> kSupabaseSchemas = {
    "auth",    "cron",     "extensions", "graphql", "graphql_public", "net",  "pgbouncer",
    "pgsodium", "pgsodium_masks", "realtime", "storage", "vault", "_realtime"};

}  // namespace

bool IsSupabaseRole(std::string_view role) { return Contains(kSupabaseRoles, role); }

bool IsSystemSchema(std::string_view schema) {
  return Contains(kSystemSchemas, schema) || schema.starts_with("pg_temp_") ||
         schema.starts_with("pg_toast_temp_");
}

bool IsSupabasePlatformSchema(std::string_view schema) {
  return IsSystemSchema(schema) || Contains(kSupabaseSchemas, schema) ||
         schema.starts_with("supabase_");
}

bool IsSupabasePlatformExtension(std::string_view name, std::string_view schema) {
  static constexpr std::array<std::string_view, 7> kPreinstalled = {
      "pg_graphql", "pg_stat_statements", "pgcrypto", "pgjwt", "pgsodium", "supabase_vault",
      "uuid-ossp"};
  return IsSupabasePlatformSchema(schema) && Contains(kPreinstalled, name);
}

bool IsPolicyPlatformTable(std::string_view schema, std::string_view name) {
  return std::find(kPolicyPlatformTables.begin(), kPolicyPlatformTables.end(),
                   std::pair(schema, name)) != kPolicyPlatformTables.end();
}

std::vector<std::string> CanonicalPrivileges(const std::set<std::string>& privileges) {
  // Marked by position rather than looked up by name: the set's keys are strings, and every
  // lookup would build one.
  std::array<bool, kTablePrivileges.size()> granted{};
  for (const std::string& privilege : privileges) {
    auto it = std::find(kTablePrivileges.begin(), kTablePrivileges.end(), privilege);
    if (it != kTablePrivileges.end()) granted[it - kTablePrivileges.begin()] = true;
  }
  std::vector<std::string> out;
  out.reserve(privileges.size());
  for (size_t i = 0; i < kTablePrivileges.size(); ++i) {
    if (granted[i]) out.emplace_back(kTablePrivileges[i]);
  }
  return out;
}

}  // namespace schemac
