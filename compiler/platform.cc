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

std::vector<std::string> CanonicalPrivileges(const std::set<std::string>& privileges) {
  std::vector<std::string> out;
  for (std::string_view privilege : kTablePrivileges) {
    if (privileges.count(std::string(privilege))) out.emplace_back(privilege);
  }
  return out;
}

}  // namespace schemac
