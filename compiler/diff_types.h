#pragma once
// The diff of domains and composite types (Schema::domains, Schema::composite_types), called
// once from Diff (diff.cc): created, altered in place where PostgreSQL can (a domain's default,
// NOT NULL, checks and comment; a type's attributes added, dropped or retyped, and comment),
// dropped; what PostgreSQL cannot change in place is made again when nothing uses it, and
// refused (Plan::errors) when something does.

#include <string>
#include <vector>

#include "compiler/ir.h"
#include "compiler/plan.h"

namespace schemac {

/// Appends to `plan` the steps that take the domains and composite types of `from` to those of
/// `to`, and to `plan.errors` the changes it refuses.
void DiffTypes(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan);

/// What in `schema` uses the domain or composite type `type` (as its type, an array of it, or
/// a base or attribute type): "column public.t.c", "function public.f(app.d)", "domain ...",
/// "type ...", "view column ...".
std::vector<std::string> TypeUsers(const ir::Schema& schema, const ir::QualifiedName& type);

}  // namespace schemac
