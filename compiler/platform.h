#pragma once
// What belongs to PostgreSQL and to the Supabase platform rather than to a user's schema: the
// platform's schemas and roles, and the table privileges in PostgreSQL's order. One list, read
// by the resolver (what `target supabase` declares), introspection (what it leaves out) and
// pull (what it need not declare).

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace schemac {

/// anon, authenticated, service_role, authenticator.
inline constexpr std::array<std::string_view, 4> kSupabaseRoles = {"anon", "authenticated",
                                                                   "service_role", "authenticator"};
bool IsSupabaseRole(std::string_view role);

/// Schemas of PostgreSQL itself: pg_catalog, information_schema, pg_toast and the temporary
/// schemas.
bool IsSystemSchema(std::string_view schema);

/// The system schemas and Supabase's (auth, storage, realtime, extensions, graphql, vault,
/// supabase_*, cron, net, pgsodium, ...): never created, altered or read as user schemas.
bool IsSupabasePlatformSchema(std::string_view schema);

/// The extensions a Supabase project has installed from the start, in a platform schema
/// (uuid-ossp, pgcrypto, pg_stat_statements, pg_graphql, supabase_vault, pgjwt, pgsodium): the
/// platform's, never created or dropped unless the schema declares one. Extensions a project
/// enables itself (vector, citext, ...) are its own even in `extensions`.
bool IsSupabasePlatformExtension(std::string_view name, std::string_view schema);

/// The platform tables whose policies are the project's (`extern table storage.objects {
/// policy ... }`): storage.objects, storage.buckets and realtime.messages. Introspection reads
/// their policies although their schemas are the platform's.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 3>
    kPolicyPlatformTables = {{{"storage", "objects"}, {"storage", "buckets"},
                              {"realtime", "messages"}}};
bool IsPolicyPlatformTable(std::string_view schema, std::string_view name);

/// Table privileges in the order PostgreSQL lists them. `maintain` exists from PostgreSQL 17 on;
/// `all` in a schema means the first kAllPrivileges, which every supported version has.
inline constexpr std::array<std::string_view, 8> kTablePrivileges = {
    "select", "insert", "update", "delete", "truncate", "references", "trigger", "maintain"};
inline constexpr size_t kAllPrivileges = 7;

/// `privileges` (lowercase) in kTablePrivileges order; unknown names are left out.
std::vector<std::string> CanonicalPrivileges(const std::set<std::string>& privileges);

}  // namespace schemac
